//===- TuAnalysisCache.cpp ------------------------------------------------===//
#include "TuAnalysisCache.h"

#include "driver/FactCache.h"
#include "driver/ProjectManifest.h"
#include "emit/Plural.h"
#include "extract/FactExtractor.h"
#include "rules/Registry.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <iterator>
#include <vector>

namespace relcheck::tidy {
namespace {

/// RELCHECK_TIDY_TRACE=1 prints one line per analysed TU to stderr; the
/// tests use it to prove the analysis runs once per TU however many checks
/// are enabled.
bool traceEnabled() {
  const char *Value = std::getenv("RELCHECK_TIDY_TRACE");
  return Value && *Value && std::string(Value) != "0";
}

TuAnalysis analyze(clang::ASTContext &Ctx) {
  TuAnalysis Result;
  // Only errors that break the parse count: a warning that -Werror turned
  // into an error leaves a complete AST, and the CLI (which adds -Wno-error)
  // analyses such a TU too.
  bool Failed = Ctx.getDiagnostics().hasUncompilableErrorOccurred();
  std::vector<TuFacts> Facts;
  std::string Why;
  if (!Failed) {
    Facts.push_back(extractFacts(Ctx));
    // After a CLI (or language server) run, the fact cache holds the other
    // TUs of the project: merged with this one, the graph is the CLI's.
    std::optional<std::vector<TuFacts>> Others = cachedProjectFacts(
        FactCache::defaultDirectory(), Facts.front().MainFile, Why);
    GraphBuildOptions Options;
    if (Others) {
      Result.WholeProgram = true;
      std::move(Others->begin(), Others->end(), std::back_inserter(Facts));
    } else {
      // A TU sees only the models it includes: names it cannot see
      // (targets, secondary tables, ForeignKey tables, back_populates into
      // classes defined elsewhere) must stay silent, not be reported.
      Options.PartialProgram = true;
    }
    Result.Graph.emplace(ModelGraph::build(Facts, Options));
  }
  if (traceEnabled()) {
    llvm::errs() << "relcheck-tidy: analyzed translation unit";
    if (Failed)
      llvm::errs() << " (skipped: it has compile errors)\n";
    else
      llvm::errs()
          << " '" << Facts.front().MainFile
          << "': " << countOf(Result.Graph->models().size(), "model") << ", "
          << countOf(Result.Graph->relationships().size(), "relationship")
          << " ("
          << (Result.WholeProgram
                  ? "whole program: " +
                        countOf(Facts.size() - 1, "other translation unit") +
                        " from the fact cache"
                  : "partial program: " + Why)
          << ")\n";
  }
  return Result;
}

} // namespace

void TuAnalysisCache::startTranslationUnit() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Key = nullptr;
  Current = TuAnalysis();
  CurrentFindings.reset();
  ClaimedBytes.clear();
}

bool TuAnalysisCache::claimByte(const std::string &File, unsigned Offset) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return ClaimedBytes.emplace(File, Offset).second;
}

void TuAnalysisCache::claimReplacedBytes(const std::string &File,
                                         unsigned Offset, unsigned Length) {
  std::lock_guard<std::mutex> Lock(Mutex);
  for (unsigned Q = Offset; Q < Offset + Length; ++Q)
    ClaimedBytes.emplace(File, Q);
}

const TuAnalysis &TuAnalysisCache::analysis(clang::ASTContext &Ctx) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Key != &Ctx) {
    Current = analyze(Ctx);
    CurrentFindings.reset();
    Key = &Ctx;
  }
  return Current;
}

void TuAnalysisCache::enableRule(const void *Check, const Rule &R,
                                 const RuleOptions &Options) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Enabled.insert_or_assign(std::string(R.info().Id),
                           EnabledRule{Check, &R, Options});
}

void TuAnalysisCache::disableRule(const void *Check, const Rule &R) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Enabled.find(R.info().Id);
  if (It != Enabled.end() && It->second.Check == Check)
    Enabled.erase(It);
}

const std::vector<Finding> &TuAnalysisCache::findings(clang::ASTContext &Ctx) {
  const TuAnalysis &Analysis = analysis(Ctx);
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!CurrentFindings) {
    CurrentFindings.emplace();
    if (Analysis.Graph) {
      // Option keys carry their rule's id, so one map holds them all.
      std::vector<const Rule *> Rules;
      RuleOptions Options;
      for (const auto &[Id, E] : Enabled) {
        Rules.push_back(E.TheRule);
        for (const RuleOptionInfo &O : E.TheRule->info().Options) {
          std::string Key = Id + "." + std::string(O.Name);
          Options.set(Key, E.Options.get(Key, O.Default));
        }
      }
      *CurrentFindings = runRules(*Analysis.Graph, Rules, Options);
      sortFindings(*CurrentFindings);
      // NOLINT is clang-tidy's to apply, later: unlike the CLI's, a fix here
      // may yield to the fix of a finding NOLINT then hides.
      dropYieldingFixes(*CurrentFindings);
    }
  }
  return *CurrentFindings;
}

} // namespace relcheck::tidy
