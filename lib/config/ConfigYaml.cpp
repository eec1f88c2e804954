//===- ConfigYaml.cpp - strict .relcheck.yaml parser ----------------------===//
//
// llvm::yaml's low-level parser rather than YAMLTraits: every error must name
// the file, line and column of the offending node, and an unknown key must
// list the known ones, which YAMLTraits' mapping does not let us word.
//
//===----------------------------------------------------------------------===//
#include "config/RelcheckConfig.h"
#include "config/RuleSelection.h"
#include "driver/RegularFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/thread.h"

#include <optional>
#include <set>

namespace relcheck {
namespace {

namespace yaml = llvm::yaml;

class Parser {
public:
  Parser(const std::string &Path, const std::string &Text,
         const std::vector<const RuleInfo *> &AllRules)
      : Path(Path), AllRules(AllRules) {
    Buffer = llvm::MemoryBuffer::getMemBuffer(Text, Path,
                                              /*RequiresNullTerminator=*/false);
    SM.setDiagHandler(
        [](const llvm::SMDiagnostic &D, void *Context) {
          auto *P = static_cast<Parser *>(Context);
          if (P->Error.empty())
            P->Error = P->Path + ":" + std::to_string(D.getLineNo()) + ":" +
                       std::to_string(D.getColumnNo() + 1) +
                       ": invalid YAML: " + D.getMessage().str();
        },
        this);
  }

  llvm::Expected<RelcheckConfig> parse() {
    RelcheckConfig Config;
    Config.Path = Path;
    {
      // Syntax first: the parser is lazy, and a syntax error deep in a
      // value must not be reported as a value of the wrong kind.
      yaml::Stream Syntax(Buffer->getMemBufferRef(), SM);
      for (yaml::Document &D : Syntax)
        D.skip();
      if (!Error.empty())
        return llvm::createStringError(Error);
    }
    yaml::Stream Stream(Buffer->getMemBufferRef(), SM);
    yaml::document_iterator Doc = Stream.begin();
    if (Doc != Stream.end()) {
      yaml::Node *Root = Doc->getRoot();
      if (Root && !llvm::isa<yaml::NullNode>(Root) && Error.empty())
        parseRoot(Root, Config);
      if (Error.empty() && ++Doc != Stream.end())
        fail(Doc->getRoot(), "a configuration holds one YAML document");
    }
    if (!Error.empty())
      return llvm::createStringError(Error);
    return Config;
  }

  std::string Error;

private:
  void fail(yaml::Node *N, const std::string &Message) {
    if (!Error.empty())
      return;
    Error = Path;
    // A node the YAML parser made up while recovering from broken input
    // may point outside the text (found by fuzz/ConfigYamlFuzzer).
    llvm::SMLoc Loc = N ? N->getSourceRange().Start : llvm::SMLoc();
    if (Loc.isValid() && SM.FindBufferContainingLoc(Loc)) {
      auto LC = SM.getLineAndColumn(Loc);
      Error += ":" + std::to_string(LC.first) + ":" + std::to_string(LC.second);
    }
    Error += ": " + Message;
  }

  std::optional<std::string> scalar(yaml::Node *N, const std::string &What) {
    if (auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N)) {
      llvm::SmallString<64> Storage;
      return S->getValue(Storage).str();
    }
    if (auto *B = llvm::dyn_cast_or_null<yaml::BlockScalarNode>(N))
      return B->getValue().str();
    fail(N, What + " must be a string");
    return std::nullopt;
  }

  template <typename Fn>
  void mapping(yaml::Node *N, const std::string &What, Fn &&OnEntry) {
    auto *M = llvm::dyn_cast_or_null<yaml::MappingNode>(N);
    if (!M) {
      if (!llvm::isa_and_nonnull<yaml::NullNode>(N))
        fail(N, What + " must be a mapping");
      return;
    }
    std::set<std::string> Seen;
    for (yaml::KeyValueNode &KV : *M) {
      if (!Error.empty())
        return;
      std::optional<std::string> Key = scalar(KV.getKey(), "a key");
      if (!Key)
        return;
      if (!Seen.insert(*Key).second) {
        fail(KV.getKey(), "duplicate key '" + *Key + "'");
        return;
      }
      OnEntry(*Key, KV.getKey(), KV.getValue());
    }
  }

  std::optional<Severity> severity(yaml::Node *N) {
    std::optional<std::string> V = scalar(N, "a severity");
    if (!V)
      return std::nullopt;
    if (*V == "error")
      return Severity::Error;
    if (*V == "warning")
      return Severity::Warning;
    if (*V == "note")
      return Severity::Note;
    fail(N, "unknown severity '" + *V + "' (expected error, warning or note)");
    return std::nullopt;
  }

  void parseRoot(yaml::Node *Root, RelcheckConfig &C) {
    if (!llvm::isa<yaml::MappingNode>(Root)) {
      fail(Root,
           "a configuration must be a mapping of keys (" + keyList() + ")");
      return;
    }
    mapping(
        Root, "the configuration",
        [&](const std::string &Key, yaml::Node *KeyNode, yaml::Node *Value) {
          if (Key == "Rules") {
            C.Rules = scalar(Value, "Rules");
            if (C.Rules) {
              std::string Unknown = unknownRuleGlob(*C.Rules, AllRules);
              if (!Unknown.empty())
                fail(Value, "Rules: unknown rule '" + Unknown +
                                "' (see relcheck --list-rules)");
            }
          } else if (Key == "Severity") {
            mapping(
                Value, "Severity",
                [&](const std::string &Glob, yaml::Node *GlobNode,
                    yaml::Node *SevNode) {
                  std::string Unknown = unknownRuleGlob(Glob, AllRules);
                  if (!Unknown.empty() || Glob.find(',') != std::string::npos) {
                    fail(GlobNode, "Severity: unknown rule '" + Glob +
                                       "' (a key is one rule id or glob; see "
                                       "relcheck --list-rules)");
                    return;
                  }
                  if (std::optional<Severity> S = severity(SevNode))
                    C.SeverityOverrides.emplace_back(Glob, *S);
                });
          } else if (Key == "FailOn") {
            std::optional<std::string> V = scalar(Value, "FailOn");
            if (V && *V == "warning")
              C.FailOnLevel = FailOn::Warning;
            else if (V && *V == "error")
              C.FailOnLevel = FailOn::Error;
            else if (V)
              fail(Value, "FailOn: unknown value '" + *V +
                              "' (expected error or warning)");
          } else if (Key == "CheckOptions") {
            mapping(Value, "CheckOptions",
                    [&](const std::string &Name, yaml::Node *NameNode,
                        yaml::Node *V) {
                      if (!knownOption(Name)) {
                        fail(NameNode, "CheckOptions: unknown option '" + Name +
                                           "' (known: " + optionList() + ")");
                        return;
                      }
                      if (std::optional<std::string> S =
                              scalar(V, "CheckOptions value"))
                        C.CheckOptions[Name] = *S;
                    });
          } else if (Key == "HeaderFilterRegex") {
            C.HeaderFilterRegex = scalar(Value, "HeaderFilterRegex");
            std::string Why;
            if (C.HeaderFilterRegex &&
                !llvm::Regex(*C.HeaderFilterRegex).isValid(Why))
              fail(Value,
                   "HeaderFilterRegex: invalid regular expression: " + Why);
          } else if (Key == "CompileFlags") {
            parseCompileFlags(Value, C.CompileFlags);
          } else if (Key == "InheritParentConfig") {
            std::optional<std::string> V = scalar(Value, "InheritParentConfig");
            if (V && (*V == "true" || *V == "false"))
              C.InheritParentConfig = *V == "true";
            else if (V)
              fail(Value, "InheritParentConfig: expected true or false, not '" +
                              *V + "'");
          } else {
            fail(KeyNode, "unknown key '" + Key + "' in " +
                              llvm::sys::path::filename(Path).str() +
                              "; known keys: " + keyList());
          }
        });
  }

  /// A string or a sequence of strings (clangd accepts both).
  std::vector<std::string> stringList(yaml::Node *N, const std::string &What) {
    std::vector<std::string> Out;
    auto *Seq = llvm::dyn_cast_or_null<yaml::SequenceNode>(N);
    if (!Seq) {
      if (std::optional<std::string> S = scalar(N, What))
        Out.push_back(*S);
      return Out;
    }
    for (yaml::Node &Item : *Seq)
      if (std::optional<std::string> S = scalar(&Item, What + " item"))
        Out.push_back(*S);
    return Out;
  }

  void parseCompileFlags(yaml::Node *N, CompileFlagEdits &Edits) {
    mapping(N, "CompileFlags",
            [&](const std::string &Key, yaml::Node *KeyNode, yaml::Node *V) {
              if (Key == "Add")
                Edits.Add = stringList(V, "CompileFlags: Add");
              else if (Key == "Remove")
                Edits.Remove = stringList(V, "CompileFlags: Remove");
              else
                fail(KeyNode, "unknown key '" + Key +
                                  "' in CompileFlags; known keys: Add, Remove");
            });
  }

  bool knownOption(const std::string &Name) const {
    for (const RuleInfo *R : AllRules)
      for (const RuleOptionInfo &O : R->Options)
        if (Name == std::string(R->Id) + "." + std::string(O.Name))
          return true;
    return false;
  }

  std::string optionList() const {
    std::string Out;
    for (const RuleInfo *R : AllRules)
      for (const RuleOptionInfo &O : R->Options)
        Out += (Out.empty() ? "" : ", ") + std::string(R->Id) + "." +
               std::string(O.Name);
    return Out;
  }

  static std::string keyList() {
    std::string Out;
    for (const std::string &K : knownConfigKeys())
      Out += (Out.empty() ? "" : ", ") + K;
    return Out;
  }

  std::string Path;
  const std::vector<const RuleInfo *> &AllRules;
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  llvm::SourceMgr SM;
};

} // namespace

const std::vector<std::string> &knownConfigKeys() {
  static const std::vector<std::string> Keys = {
      "CheckOptions",        "CompileFlags", "FailOn",  "HeaderFilterRegex",
      "InheritParentConfig", "Rules",        "Severity"};
  return Keys;
}

// A configuration is a few lines. The bound also caps how deep
// llvm::yaml's parser recurses: see ParserStackBytes.
constexpr size_t MaxConfigBytes = size_t(64) << 10;

static llvm::Error tooLarge(const std::string &Path) {
  return llvm::createStringError(
      "cannot read configuration '%s': larger than 64 KiB", Path.c_str());
}

// llvm::yaml's parser recurses once per flow entry (SequenceNode::increment
// calls itself for each ',' of "[,,,,"), per nesting level and per compact
// block indicator ("- - - -"): 20,000 commas overflow an 8 MiB stack
// (found by fuzz/ConfigYamlFuzzer). The parse runs on a thread whose stack
// holds the deepest recursion 64 KiB can cause (test/config's
// hostile_shapes_at_the_size_limit: under 40 MiB measured, release and
// ASan), rather than behind a pre-scan that would have to agree with
// llvm::yaml on quoting, comments and flow context. Untouched stack pages
// cost nothing.
constexpr unsigned ParserStackBytes = 256u << 20;

// Each level of that recursion consumes one of these characters (a flow
// entry's ',', a '[' or '{', a block entry's '-', a key's '?' or ':'), so
// their count bounds the depth, quotes and comments counted too. Up to
// this many, any thread's stack holds the parse (about 0.7 KB a level in
// release, a few times that under ASan) and no thread is started: under
// ASan every finished thread leaves about 1 KB behind, which stopped
// fuzz_config_yaml's CPU-hour at libFuzzer's 2 GB limit.
constexpr size_t CallingThreadDepth = 1000;

static bool mayRecurseDeeply(llvm::StringRef Text) {
  size_t Levels = 0;
  for (char C : Text)
    if (C == ',' || C == '[' || C == '{' || C == '-' || C == '?' || C == ':')
      if (++Levels > CallingThreadDepth)
        return true;
  return false;
}

llvm::Expected<RelcheckConfig>
parseConfig(const std::string &Path, const std::string &Text,
            const std::vector<const RuleInfo *> &AllRules) {
  if (Text.size() > MaxConfigBytes)
    return tooLarge(Path);
  if (!mayRecurseDeeply(Text))
    return Parser(Path, Text, AllRules).parse();
  std::optional<llvm::Expected<RelcheckConfig>> Result;
  llvm::thread Worker(std::optional<unsigned>(ParserStackBytes), [&] {
    Parser P(Path, Text, AllRules);
    Result.emplace(P.parse());
  });
  Worker.join();
  if (!Result)
    llvm_unreachable("the parser thread sets the result before it ends");
  return std::move(*Result);
}

llvm::Expected<RelcheckConfig>
readConfigFile(const std::string &Path,
               const std::vector<const RuleInfo *> &AllRules) {
  // The bound also keeps a symlink to /dev/zero from being read forever.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      readBoundedFile(Path, MaxConfigBytes);
  if (Buffer.getError() == std::errc::file_too_large)
    return tooLarge(Path);
  if (!Buffer)
    return llvm::createStringError("cannot read configuration '%s': %s",
                                   Path.c_str(),
                                   Buffer.getError().message().c_str());
  return parseConfig(Path, (*Buffer)->getBuffer().str(), AllRules);
}

} // namespace relcheck
