//===- Driver.cpp ---------------------------------------------------------===//
#include "Driver.h"

#include "ShardFile.h"

#include "rules/Registry.h"

namespace relcheck {

Driver::Driver(DriverRequest Req)
    : Request(std::move(Req)), Configs(ruleInfos(selectableRules()),
                                       Request.Overrides, Request.ConfigFile) {}

llvm::Expected<const EffectiveConfig &> Driver::configure() {
  llvm::Expected<const EffectiveConfig &> C =
      Configs.forFile(Request.RunConfigPath, Request.RunConfigIsDirectory);
  if (!C)
    return C.takeError();
  RunConfig = &*C;
  Rules = enabledRules(*RunConfig);
  return *C;
}

llvm::Error Driver::analyzeOrMerge(std::vector<ToolError> &ConfigErrors) {
  AnalysisOptions Analysis = Request.Analysis;
  Analysis.RunRules = [&](const ModelGraph &Graph) {
    return runConfiguredRules(Graph, Configs, *RunConfig, ConfigErrors);
  };
  if (Request.Merge) {
    std::vector<ToolError> PlanErrors;
    std::vector<TuOutcome> Units;
    if (llvm::Error E = readShardFiles(Request.ShardFiles, PlanErrors, Units))
      return E;
    Result = assembleAnalysis(std::move(PlanErrors), std::move(Units), Rules,
                              RuleOptions(), Analysis);
    return llvm::Error::success();
  }
  if (!Request.Inputs.FlagsFor)
    Request.Inputs.FlagsFor = [this](llvm::StringRef File) {
      llvm::Expected<const EffectiveConfig &> C = Configs.forFile(File.str());
      if (!C) { // Reported below, before any analysis.
        llvm::consumeError(C.takeError());
        return std::vector<CompileFlagEdits>();
      }
      return C->CompileFlags;
    };
  Plan = Request.Plan ? std::move(*Request.Plan)
                      : planTranslationUnits(Request.Inputs);
  // A broken configuration of an analyzed file stops the run before the
  // (long) analysis; one found later (a header's) is a tool error.
  for (const TranslationUnitJob &Job : Plan.Jobs) {
    if (!Request.Analysis.BuildGraph)
      break;
    llvm::Expected<const EffectiveConfig &> C = Configs.forFile(Job.File);
    if (!C)
      return C.takeError();
  }
  Result = runAnalysis(Plan, Rules, RuleOptions(), Analysis);
  return llvm::Error::success();
}

void printDroppedArguments(const TranslationUnitPlan &Plan,
                           llvm::raw_ostream &OS) {
  for (const std::string &Arg : Plan.DroppedArguments)
    OS << "relcheck: note: dropped '" << Arg
       << "' from the compile commands: clang does not know it (drop it "
          "yourself with --remove-arg or CompileFlags: Remove)\n";
}

llvm::Error Driver::run() {
  // Without the graph there are no findings for a configuration to govern.
  if (!RunConfig && Request.Analysis.BuildGraph)
    if (llvm::Expected<const EffectiveConfig &> C = configure(); !C)
      return C.takeError();
  std::vector<ToolError> ConfigErrors;
  if (llvm::Error E = analyzeOrMerge(ConfigErrors))
    return E;
  if (!Request.Analysis.BuildGraph)
    return llvm::Error::success();
  FindingPolicy Policy = findingPolicyFor(*RunConfig, Plan, Result);
  Policy.ReportUnusedSuppressions = Request.ReportUnusedSuppressions;
  Policy.ExactFixesOnly = Request.ExactFixesOnly;
  AnalysisReport &Report = Result.Report;
  Report.Findings = applyFindingPolicy(std::move(Report.Findings), Configs,
                                       Policy, Hidden, ConfigErrors);
  for (ToolError &E : ConfigErrors)
    Report.Errors.push_back(std::move(E));
  return llvm::Error::success();
}

} // namespace relcheck
