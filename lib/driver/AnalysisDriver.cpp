//===- AnalysisDriver.cpp -------------------------------------------------===//
//
// runAnalysis calls the phases of AnalysisRun in order (see
// AnalysisPhases.h), then assembleAnalysis merges the TUs' facts into one
// model graph and runs the rules.
//
//===----------------------------------------------------------------------===//
#include "AnalysisDriver.h"
#include "AnalysisPhases.h"
#include "ConfiguredFindings.h"

#include "emit/Plural.h"
#include "graph/ModelGraph.h"
#include "rules/Registry.h"

#include <algorithm>
#include <chrono>

namespace relcheck {

std::string describeStats(const AnalysisStats &S) {
  auto N = [](unsigned V) { return std::to_string(V); };
  // The counts after "parsed P of T" add up to T, so that a warm run's
  // cached dependency scans show up (they used to be counted nowhere).
  return "parsed " + N(S.Parsed) + " of " + countOf(S.Total, "TU") + " (" +
         N(S.FromCache) + " from cache, " + N(S.skipped()) +
         " skipped: " + N(S.NoAnnotations) + " without annotations and " +
         N(S.Covered) + " covered by other TUs, " + N(S.SkippedScanned) +
         " scanned in this run and " + N(S.SkippedScanCached) +
         " on a cached scan; " + countOf(S.Scanned, "dependency scan") + ", " +
         countOf(S.CacheCorrupt, "corrupt cache entry",
                 "corrupt cache entries") +
         ")";
}

AnalysisResult assembleAnalysis(std::vector<ToolError> PlanErrors,
                                std::vector<TuOutcome> Units,
                                const std::vector<const Rule *> &Rules,
                                const RuleOptions &Options,
                                const AnalysisOptions &Analysis) {
  std::stable_sort(
      Units.begin(), Units.end(),
      [](const TuOutcome &A, const TuOutcome &B) { return A.Index < B.Index; });
  AnalysisResult Out;
  Out.Report.Errors = std::move(PlanErrors);
  if (Analysis.KeepAllFacts)
    for (const TuOutcome &U : Units)
      Out.AllFacts.push_back(U.Facts);
  {
    std::vector<const TuFacts *> UnitFacts;
    UnitFacts.reserve(Units.size());
    for (const TuOutcome &U : Units)
      UnitFacts.push_back(&U.Facts);
    Out.ModelFiles = modelFiles(UnitFacts);
  }
  // Facts are the bulk of a run's memory (a few KB per model): the graph
  // takes them over unless --facts-out still needs every TU's own.
  std::vector<TuFacts> GraphInput;
  for (TuOutcome &U : Units) {
    for (const ToolError &E : U.Errors)
      Out.Report.Errors.push_back(E);
    if (!U.Compiled)
      continue;
    ++Out.Report.TranslationUnits;
    if (Analysis.BuildGraph)
      GraphInput.push_back(Analysis.KeepUnitFacts ? U.Facts
                                                  : std::move(U.Facts));
  }
  Out.Units = std::move(Units);
  if (!Analysis.BuildGraph)
    return Out;
  auto Start = std::chrono::steady_clock::now();
  {
    ModelGraph Graph = ModelGraph::build(std::move(GraphInput));
    Out.Report.Findings = Analysis.RunRules ? Analysis.RunRules(Graph)
                                            : runRules(Graph, Rules, Options);
    if (Analysis.KeepGraph)
      Out.Graph = std::move(Graph);
  }
  Out.Stats.GraphAndRulesSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return Out;
}

AnalysisResult runAnalysis(const TranslationUnitPlan &Plan,
                           const std::vector<const Rule *> &Rules,
                           const RuleOptions &Options,
                           const AnalysisOptions &Analysis) {
  AnalysisStats Stats;
  SourceSnapshot Sources;
  std::vector<TuOutcome> Units;
  {
    AnalysisRun Run(Plan, Analysis);
    Run.resolveFromCache();
    Run.scanOrParseStale();
    Run.chooseParses();
    Run.keepShard();
    Run.parseChosen();
    Run.recordProject();
    Units = Run.takeOutcomes(Stats);
    Sources = Run.takeSources();
  }
  AnalysisResult Out =
      assembleAnalysis(Plan.Errors, std::move(Units), Rules, Options, Analysis);
  Out.Sources = std::move(Sources);
  Stats.GraphAndRulesSeconds = Out.Stats.GraphAndRulesSeconds;
  Out.Stats = Stats;
  return Out;
}

} // namespace relcheck
