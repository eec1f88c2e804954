//===- GraphViewArgs.cpp --------------------------------------------------===//
#include "GraphViewArgs.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace relcheck {

// In llvm::cl's own layout ("  <spec> - <description>"), as the rest of
// --help: the man page and the shell completions are generated from it.
const char GraphViewHelp[] =
    "Graph view options:\n"
    "  --cluster=<auto|namespace|header|none> - group the models in boxes "
    "(default auto: by namespace above 30 models)\n"
    "  --depth=<n>                            - with --focus: steps around "
    "them (default 1)\n"
    "  --focus=<model,...>                    - only these models and their "
    "neighbours (qualified, or the class name)\n"
    "  --only-findings                        - only models with a finding on "
    "them or on one of their relationships\n\n";

namespace {

std::vector<std::string> splitNames(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Names;
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Names.push_back(P.trim().str());
  return Names;
}

std::optional<std::string> apply(llvm::StringRef Name, llvm::StringRef Value,
                                 GraphViewOptions &Options) {
  if (Name == "focus") {
    std::vector<std::string> Names = splitNames(Value);
    if (Names.empty())
      return std::string("--focus needs model names, e.g. --focus=User,Order");
    Options.Focus.insert(Options.Focus.end(), Names.begin(), Names.end());
    return std::nullopt;
  }
  if (Name == "depth") {
    unsigned Depth;
    if (Value.getAsInteger(10, Depth))
      return "--depth: '" + Value.str() + "' is not a number of steps";
    Options.Depth = Depth;
    return std::nullopt;
  }
  // cluster
  if (Value == "auto")
    Options.Cluster = GraphCluster::Auto;
  else if (Value == "namespace")
    Options.Cluster = GraphCluster::Namespace;
  else if (Value == "header")
    Options.Cluster = GraphCluster::Header;
  else if (Value == "none")
    Options.Cluster = GraphCluster::None;
  else
    return "--cluster: unknown value '" + Value.str() +
           "' (expected auto, namespace, header or none)";
  return std::nullopt;
}

} // namespace

std::optional<std::string> takeGraphViewArgs(std::vector<const char *> &Args,
                                             GraphViewOptions &Options) {
  std::vector<const char *> Rest;
  bool CompilerArgs = false;
  bool DepthGiven = false;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Arg(Args[I]);
    if (CompilerArgs || Arg == "--" || I == 0) {
      CompilerArgs |= Arg == "--";
      Rest.push_back(Args[I]);
      continue;
    }
    llvm::StringRef Name = Arg;
    if (!Name.consume_front("--") && !Name.consume_front("-")) {
      Rest.push_back(Args[I]);
      continue;
    }
    if (Name == "only-findings") {
      Options.OnlyFindings = true;
      continue;
    }
    auto [Key, Value] = Name.split('=');
    if (Key != "focus" && Key != "depth" && Key != "cluster") {
      Rest.push_back(Args[I]);
      continue;
    }
    if (!Name.contains('=')) { // "--focus User": the value follows.
      if (I + 1 >= Args.size())
        return "'--" + Key.str() + "' needs a value";
      Value = Args[++I];
    }
    if (std::optional<std::string> Error = apply(Key, Value, Options))
      return Error;
    DepthGiven |= Key == "depth";
  }
  if (DepthGiven && Options.Focus.empty())
    return std::string("--depth needs --focus");
  Args = std::move(Rest);
  return std::nullopt;
}

} // namespace relcheck
