//===- SpeedCommands.cpp --------------------------------------------------===//
#include "SpeedCommands.h"

#include "driver/OutputFile.h"
#include "driver/ShardFile.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

AnalysisOptions speedOptionsFor(const CliOptions &Options) {
  AnalysisOptions Analysis;
  Analysis.Jobs = Options.Jobs;
  Analysis.CacheDir = Options.CacheDir;
  // --dump-facts promises every TU's own facts: parse them all.
  Analysis.Exhaustive = Options.Exhaustive || !Options.DumpFactsFile.empty();
  Analysis.Progress =
      !Options.Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  Analysis.ShardIndex = Options.ShardIndex;
  Analysis.ShardCount = Options.ShardCount;
  Analysis.KeepAllFacts = !Options.DumpFactsFile.empty();
  Analysis.KeepUnitFacts = !Options.FactsOutFile.empty();
  return Analysis;
}

ConfigOverrides configOverrides(const CliOptions &Options) {
  ConfigOverrides Overrides;
  Overrides.Rules = Options.RuleGlobs;
  if (!Options.FailOn.empty())
    Overrides.FailOnLevel =
        Options.FailOn == "error" ? FailOn::Error : FailOn::Warning;
  Overrides.HeaderFilterRegex = Options.HeaderFilter;
  return Overrides;
}

llvm::Error writeFactsOut(const CliOptions &Options,
                          const TranslationUnitPlan &Plan,
                          const AnalysisResult &Result) {
  return writeOutputFile(Options.FactsOutFile,
                         writeShardFile(Plan.Errors, Result.Units,
                                        Options.ShardIndex, Options.ShardCount,
                                        countPlannedUnits(Plan)));
}

void printStats(const AnalysisStats &S) {
  llvm::errs() << "relcheck: " << describeStats(S) << "; graph and rules "
               << llvm::format("%.3f", S.GraphAndRulesSeconds) << " s\n";
}

} // namespace relcheck
