//===- GraphCommand.cpp ---------------------------------------------------===//
//
// The subcommand reuses parseCommandLine() unchanged: it removes "graph" and
// its own --format (dot|mermaid, which the report's --format does not know)
// from the arguments and hands the rest over, so every analysis option
// means exactly what it means without the subcommand.
//
//===----------------------------------------------------------------------===//
#include "GraphCommand.h"

#include "CliOptions.h"
#include "CliRequest.h"
#include "FactsDump.h"
#include "GraphViewArgs.h"

#include "driver/Driver.h"
#include "driver/OutputFile.h"

#include "emit/GraphDotEmitter.h"
#include "emit/GraphFilter.h"
#include "emit/GraphMermaidEmitter.h"
#include "emit/GraphView.h"
#include "emit/TextEmitter.h"
#include "rules/Registry.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace relcheck {
namespace {

constexpr int ExitClean = 0;
constexpr int ExitInputError = 2;

enum class GraphFormat { Dot, Mermaid };

void printError(llvm::StringRef Message) {
  llvm::errs() << "relcheck: error: " << Message << '\n';
}

/// The arguments without "graph" and without --format / -format (both
/// "=value" and separate-value spellings, as llvm::cl accepts them), up to
/// "--". Returns the last format given ("dot" when none), or nullopt after
/// printing an error.
std::optional<std::string> takeFormat(int Argc, const char **Argv,
                                      std::vector<const char *> &Rest) {
  std::string Format = "dot";
  Rest.push_back(Argv[0]);
  bool CompilerArgs = false;
  for (int I = 2; I < Argc; ++I) {
    llvm::StringRef Arg(Argv[I]);
    if (CompilerArgs || Arg == "--") {
      CompilerArgs = true;
      Rest.push_back(Argv[I]);
      continue;
    }
    llvm::StringRef Name = Arg;
    bool IsOption = Name.consume_front("--") || Name.consume_front("-");
    if (IsOption && Name.consume_front("format")) {
      if (Name.consume_front("=")) {
        Format = Name.str();
        continue;
      }
      if (Name.empty()) {
        if (I + 1 >= Argc) {
          printError("'--format' needs a value: 'dot' or 'mermaid'");
          return std::nullopt;
        }
        Format = Argv[++I];
        continue;
      }
    }
    Rest.push_back(Argv[I]);
  }
  return Format;
}

const char GraphUsage[] =
    "USAGE: relcheck graph [--format=dot|mermaid] [--focus=<models>] "
    "[--depth=<n>] [--cluster=<by>] [--only-findings] [-o <file>] [options] "
    "[<source> ...] [-- <compiler arguments>]\n"
    "\n"
    "Writes the model graph (models, tables, relationships, findings marked) "
    "as Graphviz DOT (default; render with 'dot -Tsvg') or a Mermaid "
    "flowchart. Every analysis option below applies. See docs/graph.md.\n\n";

bool wantsHelp(const std::vector<const char *> &Args) {
  for (const char *A : Args) {
    llvm::StringRef Arg(A);
    if (Arg == "--")
      return false;
    if (Arg == "--help" || Arg == "-help" || Arg == "--help-list" ||
        Arg == "--help-hidden")
      return true;
  }
  return false;
}

/// The report options that make no sense for a graph.
std::optional<std::string> unsupportedOption(const CliOptions &Options) {
  if (Options.Fix)
    return "--fix";
  if (Options.FixDryRun)
    return "--fix-dry-run";
  if (!Options.ExportFixesFile.empty())
    return "--export-fixes";
  if (Options.ParseableFixits)
    return "--parseable-fixits";
  if (Options.ListRules)
    return "--list-rules";
  if (Options.PrintPluginPath)
    return "--print-plugin-path";
  return std::nullopt;
}

} // namespace

bool isGraphCommand(int Argc, const char **Argv) {
  return Argc > 1 && llvm::StringRef(Argv[1]) == "graph";
}

int runGraphCommand(int Argc, const char **Argv) {
  std::vector<const char *> Args;
  std::optional<std::string> FormatName = takeFormat(Argc, Argv, Args);
  if (!FormatName)
    return ExitInputError;
  GraphFormat Format;
  if (*FormatName == "dot") {
    Format = GraphFormat::Dot;
  } else if (*FormatName == "mermaid") {
    Format = GraphFormat::Mermaid;
  } else {
    printError("--format: unknown graph format '" + *FormatName +
               "' (expected 'dot' or 'mermaid')");
    return ExitInputError;
  }
  GraphViewOptions ViewOptions;
  if (std::optional<std::string> Error = takeGraphViewArgs(Args, ViewOptions)) {
    printError(*Error);
    return ExitInputError;
  }
  if (wantsHelp(Args))
    llvm::outs() << GraphUsage << GraphViewHelp;

  std::optional<CliOptions> Options = parseCommandLine(
      static_cast<int>(Args.size()), Args.data(), CliMode::Graph);
  if (!Options)
    return ExitInputError;
  if (std::optional<std::string> Bad = unsupportedOption(*Options)) {
    printError("'" + *Bad + "' cannot be used with 'relcheck graph'");
    return ExitInputError;
  }

  // The graph marks exactly the findings a report run shows: the same
  // .relcheck.yaml (rules, severities, options), NOLINT and header filter;
  // -j, the fact cache and the prefilter apply as in a report run.
  DriverRequest Request = driverRequestFor(*Options);
  Request.Analysis.KeepGraph = true;
  Driver Run(std::move(Request));
  if (llvm::Error E = Run.run()) {
    printError(llvm::toString(std::move(E)));
    return ExitInputError;
  }
  AnalysisResult &Result = Run.result();
  printDroppedArguments(Run.plan(), llvm::errs());
  for (const ToolError &E : Result.Report.Errors)
    printError(E.Message);
  int Exit = Result.Report.Errors.empty() ? ExitClean : ExitInputError;
  if (!Options->DumpFactsFile.empty()) {
    if (llvm::Error E = writeOutputFile(Options->DumpFactsFile,
                                        dumpFacts(Result.AllFacts))) {
      printError(llvm::toString(std::move(E)));
      Exit = ExitInputError;
    }
  }

  std::vector<const RuleInfo *> RuleInfos;
  for (const Rule *R : selectableRules())
    RuleInfos.push_back(&R->info());
  GraphView View =
      buildGraphView(*Result.Graph, Result.Report.Findings, RuleInfos);
  if (std::string Error = shapeGraphView(View, *Result.Graph, ViewOptions);
      !Error.empty()) {
    printError(Error);
    return ExitInputError;
  }
  std::ostringstream OS;
  if (Format == GraphFormat::Dot)
    emitGraphDot(View, OS);
  else
    emitGraphMermaid(View, OS);
  if (llvm::Error E = writeOutputFile(
          Options->OutputFile.empty() ? "-" : Options->OutputFile, OS.str())) {
    printError(llvm::toString(std::move(E)));
    Exit = ExitInputError;
  }

  if (!Options->Quiet) {
    FindingCounts Counts = countFindings(Result.Report.Findings);
    std::string Summary = summaryLine(Counts.Warnings, Counts.Errors);
    if (!Summary.empty())
      llvm::errs() << Summary << '\n';
  }
  return Exit;
}

} // namespace relcheck
