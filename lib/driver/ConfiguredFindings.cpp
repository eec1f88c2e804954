//===- ConfiguredFindings.cpp ---------------------------------------------===//
#include "ConfiguredFindings.h"
#include "AnalysisDriver.h"
#include "TranslationUnitPlan.h"

#include "findings/NolintSuppressions.h"
#include "fixes/SourceSnapshot.h"
#include "rules/Registry.h"

#include "llvm/Support/Regex.h"

#include <map>
#include <optional>
#include <set>

namespace relcheck {
namespace {

/// The configuration of File, or RunConfig (with the error recorded once).
const EffectiveConfig &configFor(const std::string &File,
                                 ConfigResolver &Configs,
                                 const EffectiveConfig &RunConfig,
                                 std::vector<ToolError> &Errors) {
  if (File.empty())
    return RunConfig;
  llvm::Expected<const EffectiveConfig &> C = Configs.forFile(File);
  if (C)
    return *C;
  std::string Message = llvm::toString(C.takeError());
  bool Seen = false;
  for (const ToolError &E : Errors)
    Seen |= E.Message == Message;
  if (!Seen)
    Errors.push_back({"", Message});
  return RunConfig;
}

std::string optionsKey(const EffectiveConfig &C) {
  std::string Key;
  for (const auto &[Name, Value] : C.CheckOptions)
    Key += Name + '\0' + Value + '\0';
  return Key;
}

} // namespace

std::vector<Finding> runConfiguredRules(const ModelGraph &Graph,
                                        ConfigResolver &Configs,
                                        const EffectiveConfig &RunConfig,
                                        std::vector<ToolError> &Errors) {
  // Rule options only shape fixes, never whether a finding exists: run once
  // with the run's options to learn the files, then once per other set of
  // options that governs one of them.
  // Each run's findings grouped by file (in their order): picking one
  // file's findings must not scan every finding of the project.
  using ByFile = std::map<std::string, std::vector<const Finding *>>;
  struct OptionsRun {
    std::vector<Finding> Findings;
    ByFile Files;
  };
  std::map<std::string, OptionsRun> ByOptions;
  auto FindingsWith = [&](const EffectiveConfig &C) -> const ByFile & {
    std::string Key = optionsKey(C);
    auto It = ByOptions.find(Key);
    if (It == ByOptions.end()) {
      It = ByOptions.emplace(Key, OptionsRun()).first;
      OptionsRun &Run = It->second;
      Run.Findings = runRules(Graph, allRules(), C.ruleOptions());
      for (const Finding &F : Run.Findings)
        Run.Files[F.Range.File].push_back(&F);
    }
    return It->second.Files;
  };
  std::vector<std::string> Files;
  for (const auto &[File, InFile] : FindingsWith(RunConfig))
    Files.push_back(File);
  std::vector<Finding> Out;
  for (const std::string &File : Files) {
    const EffectiveConfig &C = configFor(File, Configs, RunConfig, Errors);
    const ByFile &Run = FindingsWith(C);
    auto It = Run.find(File);
    if (It == Run.end())
      continue;
    for (const Finding *F : It->second)
      if (C.enables(F->RuleId))
        Out.push_back(*F);
  }
  sortFindings(Out);
  return Out;
}

std::vector<Finding> applyFindingPolicy(std::vector<Finding> Findings,
                                        ConfigResolver &Configs,
                                        const FindingPolicy &Policy,
                                        PolicyStats &Stats,
                                        std::vector<ToolError> &Errors) {
  const EffectiveConfig &RunConfig = *Policy.RunConfig;
  std::map<std::string, std::optional<std::string>> Texts;
  FileTextFn FileText = [&Texts](const std::string &Path) {
    auto It = Texts.find(Path);
    if (It == Texts.end())
      It = Texts.emplace(Path, readFileBytes(Path)).first;
    return It->second ? &*It->second : nullptr;
  };
  SuppressionOptions Suppression;
  Suppression.ReportUnused = Policy.ReportUnusedSuppressions;
  Suppression.FilesToScan = Policy.ModelFiles;
  for (const Rule *R : allRules())
    Suppression.AllRules.emplace_back(R->info().Id);
  Suppression.IsEnabled = [&](const std::string &File,
                              const std::string &RuleId) {
    return configFor(File, Configs, RunConfig, Errors).enables(RuleId);
  };
  SuppressionResult S =
      applyNolintSuppressions(std::move(Findings), FileText, Suppression);
  Stats.SuppressedByNolint = S.Suppressed;

  for (Finding &F : S.Kept)
    F.Sev = configFor(F.Range.File, Configs, RunConfig, Errors)
                .severityFor(F.RuleId, F.Sev);
  // relcheck-nolint is selected like any rule (--rules, Rules:).
  for (Finding &P : S.Problems)
    if (Suppression.IsEnabled(P.Range.File, P.RuleId))
      S.Kept.push_back(std::move(P));

  // clang-tidy's header filter: findings in the analyzed source files are
  // always shown, findings in other files only when the path matches.
  llvm::Regex HeaderFilter(RunConfig.HeaderFilterRegex);
  std::set<std::string> Main(Policy.MainFiles.begin(), Policy.MainFiles.end());
  std::vector<Finding> Out;
  for (Finding &F : S.Kept) {
    if (F.Range.isValid() && !Main.count(F.Range.File) &&
        !HeaderFilter.match(F.Range.File.str())) {
      ++Stats.FilteredHeaders;
      continue;
    }
    Out.push_back(std::move(F));
  }
  if (Policy.ExactFixesOnly)
    dropBehaviourChangingFixes(Out);
  dropYieldingFixes(Out);
  sortFindings(Out);
  return Out;
}

std::vector<const Rule *> enabledRules(const EffectiveConfig &RunConfig) {
  std::vector<const Rule *> Rules;
  for (const Rule *R : selectableRules())
    if (RunConfig.enables(std::string(R->info().Id)))
      Rules.push_back(R);
  return Rules;
}

FindingPolicy findingPolicyFor(const EffectiveConfig &RunConfig,
                               const TranslationUnitPlan &Plan,
                               const AnalysisResult &Result) {
  FindingPolicy Policy;
  Policy.RunConfig = &RunConfig;
  for (const TranslationUnitJob &Job : Plan.Jobs)
    Policy.MainFiles.push_back(Job.File);
  Policy.ModelFiles = Result.ModelFiles;
  return Policy;
}

std::vector<Finding> configuredFindings(
    const ModelGraph &Graph, const std::vector<const Rule *> &Rules,
    const std::string &RunDir, const std::vector<const TuFacts *> &Facts,
    std::vector<ToolError> &Errors) {
  ConfigResolver Configs(ruleInfos(Rules), ConfigOverrides());
  llvm::Expected<const EffectiveConfig &> RunConfig =
      Configs.forFile(RunDir.empty() ? "." : RunDir, /*IsDirectory=*/true);
  if (!RunConfig) {
    Errors.push_back({"", llvm::toString(RunConfig.takeError()) +
                              "; every rule runs with its defaults"});
    return runRules(Graph, Rules, RuleOptions());
  }
  std::vector<Finding> Out =
      runConfiguredRules(Graph, Configs, *RunConfig, Errors);
  FindingPolicy Policy;
  Policy.RunConfig = &*RunConfig;
  for (const TuFacts *TU : Facts)
    Policy.MainFiles.push_back(TU->MainFile);
  Policy.ModelFiles = modelFiles(Facts);
  PolicyStats Hidden;
  return applyFindingPolicy(std::move(Out), Configs, Policy, Hidden, Errors);
}

std::vector<std::string> modelFiles(const std::vector<const TuFacts *> &Facts) {
  std::set<std::string> Files;
  auto Add = [&Files](const SourceSpan &S) {
    if (!S.File.empty())
      Files.insert(S.File);
  };
  for (const TuFacts *TU : Facts) {
    for (const ModelFact &M : TU->Models) {
      Add(M.NameRange);
      Add(M.Annotation.MacroRange);
      for (const ColumnFact &C : M.Columns)
        Add(C.Annotation.MacroRange);
      for (const RelationshipFact &R : M.Relationships)
        Add(R.Annotation.MacroRange);
    }
    for (const TableFact &T : TU->Tables)
      Add(T.Annotation.MacroRange);
  }
  return {Files.begin(), Files.end()};
}

std::string suppressedLine(const PolicyStats &Stats) {
  unsigned Total = Stats.SuppressedByNolint + Stats.FilteredHeaders;
  if (Total == 0)
    return "";
  std::string Line = "Suppressed " + std::to_string(Total) + " warning" +
                     (Total == 1 ? "" : "s") + " (";
  if (Stats.FilteredHeaders)
    Line += std::to_string(Stats.FilteredHeaders) + " in non-user code";
  if (Stats.FilteredHeaders && Stats.SuppressedByNolint)
    Line += ", ";
  if (Stats.SuppressedByNolint)
    Line += std::to_string(Stats.SuppressedByNolint) + " NOLINT";
  return Line + ").";
}

} // namespace relcheck
