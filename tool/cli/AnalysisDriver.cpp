//===- AnalysisDriver.cpp -------------------------------------------------===//
#include "AnalysisDriver.h"

#include "extract/FactExtractor.h"
#include "graph/ModelGraph.h"
#include "rules/Registry.h"

#include <set>

namespace relcheck {
namespace {

/// Everything one job produces. Jobs share nothing, so a thread pool can run
/// analyzeJob concurrently into a pre-sized vector of these.
struct JobResult {
  std::vector<TuFacts> Facts; ///< One per command.
  std::vector<bool> Compiled; ///< Parallel to Facts.
  std::vector<ToolError> Errors;
};

std::string describeCompileError(const CompileError &E) {
  if (!E.Range.isValid())
    return E.Message;
  return E.Range.File + ":" + std::to_string(E.Range.Line) + ":" +
         std::to_string(E.Range.Column) + ": " + E.Message;
}

JobResult analyzeJob(const TranslationUnitJob &Job,
                     const ExtractOptions &Options) {
  JobResult Result;
  for (const clang::tooling::CompileCommand &Command : Job.Commands) {
    TuFacts Facts = extractFactsFromCommand(Command, Options);
    bool Compiled = Facts.CompileErrors.empty();
    if (!Compiled)
      Result.Errors.push_back(
          {Job.File, "'" + Job.File + "' does not compile: " +
                         describeCompileError(Facts.CompileErrors.front())});
    Result.Facts.push_back(std::move(Facts));
    Result.Compiled.push_back(Compiled);
  }
  return Result;
}

/// Every annotation of a TU's facts.
template <typename Fn> void forEachAnnotation(const TuFacts &Facts, Fn &&F) {
  for (const ModelFact &M : Facts.Models) {
    F(M.Annotation);
    for (const ColumnFact &C : M.Columns)
      F(C.Annotation);
    for (const RelationshipFact &R : M.Relationships)
      F(R.Annotation);
  }
  for (const TableFact &T : Facts.Tables)
    F(T.Annotation);
}

/// Records the files Facts were drawn from, read right after Clang parsed
/// them. A file whose annotation text no longer matches what Clang saw was
/// edited in between: its offsets cannot be trusted.
void snapshotSources(const TuFacts &Facts, SourceSnapshot &Sources) {
  std::set<std::string> Files;
  for (const ModelFact &M : Facts.Models)
    for (const SourceSpan *S : {&M.NameRange, &M.BodyRange, &M.LastMemberEnd})
      if (!S->File.empty())
        Files.insert(S->File);
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    if (!A.MacroRange.File.empty())
      Files.insert(A.MacroRange.File);
  });
  for (const std::string &File : Files)
    if (std::optional<std::string> Bytes = readFileBytes(File))
      Sources.record(File, std::move(*Bytes));
    else
      Sources.markChanged(File);
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    const SourceSpan &Args = A.ArgsRange;
    if (!A.ExactRanges || !Args.isValid())
      return;
    const std::string *Content = Sources.content(Args.File);
    if (!Content || Args.End > Content->size() || Args.Begin > Args.End ||
        Content->compare(Args.Begin, Args.End - Args.Begin, A.Text) != 0)
      Sources.markChanged(Args.File);
  });
}

} // namespace

AnalysisResult runAnalysis(const TranslationUnitPlan &Plan,
                           const std::vector<const Rule *> &Rules,
                           const RuleOptions &Options,
                           const AnalysisOptions &Analysis) {
  ExtractOptions Extract;
  Extract.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;

  // FIXME: -j N: run analyzeJob on an llvm::DefaultThreadPool, one task per
  // index; the merge below already depends only on the index order.
  AnalysisResult Out;
  std::vector<JobResult> Results(Plan.Jobs.size());
  for (size_t I = 0; I < Plan.Jobs.size(); ++I) {
    Results[I] = analyzeJob(Plan.Jobs[I], Extract);
    if (Analysis.SnapshotSources)
      for (const TuFacts &Facts : Results[I].Facts)
        snapshotSources(Facts, Out.Sources);
  }

  Out.Report.Errors = Plan.Errors;
  std::vector<TuFacts> GraphInput;
  for (JobResult &R : Results) {
    for (ToolError &E : R.Errors)
      Out.Report.Errors.push_back(std::move(E));
    for (size_t I = 0; I < R.Facts.size(); ++I) {
      if (R.Compiled[I]) {
        GraphInput.push_back(R.Facts[I]);
        ++Out.Report.TranslationUnits;
      }
      Out.AllFacts.push_back(std::move(R.Facts[I]));
    }
  }

  ModelGraph Graph = ModelGraph::build(GraphInput);
  Out.Report.Findings = Analysis.RunRules ? Analysis.RunRules(Graph)
                                          : runRules(Graph, Rules, Options);
  Out.Graph = std::move(Graph);
  return Out;
}

} // namespace relcheck
