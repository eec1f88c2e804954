//===- ReportCommand.cpp - relcheck [options] [files...] ------------------===//
//
// relcheck [options] [files...] [-- compiler args]. See docs/cli.md.
// Exit status: 0 no findings, 1 findings, 2 usage or input error (wins).
// After --fix: 0 when every finding was fixed, 1 when findings remain.
// With --baseline only findings the baseline does not accept count; after
// --write-baseline: 0 once written (docs/baseline.md).
//
//===----------------------------------------------------------------------===//
#include "ReportCommand.h"

#include "BaselineStep.h"
#include "CliOptions.h"
#include "CliRequest.h"
#include "FactsDump.h"
#include "FixCommand.h"
#include "GraphCommand.h"
#include "PluginPath.h"
#include "SpeedCommands.h"

#include "driver/Driver.h"
#include "driver/OutputFile.h"
#include "emit/CodeQualityEmitter.h"
#include "emit/JsonEmitter.h"
#include "emit/RdjsonlEmitter.h"
#include "emit/SarifEmitter.h"
#include "emit/TextEmitter.h"
#include "findings/NolintSuppressions.h"
#include "rules/Registry.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <sstream>

namespace relcheck {
namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitInputError = 2;

void printError(llvm::StringRef Message) {
  llvm::errs() << "relcheck: error: " << Message << '\n';
}

int listRules(const std::vector<const Rule *> &Rules) {
  size_t IdWidth = 0;
  for (const Rule *R : Rules)
    IdWidth = std::max(IdWidth, R->info().Id.size());
  for (const Rule *R : Rules) {
    const RuleInfo &Info = R->info();
    std::string Id(Info.Id);
    std::string Sev = severityName(Info.DefaultSeverity);
    llvm::outs() << Id << std::string(IdWidth - Id.size() + 2, ' ') << Sev
                 << std::string(Sev.size() < 9 ? 9 - Sev.size() : 1, ' ')
                 << Info.Summary << '\n';
  }
  return ExitClean;
}

std::string renderReport(const CliOptions &Options,
                         const AnalysisReport &Report,
                         const BaselineComparison *Baseline) {
  std::ostringstream OS;
  // Every rule id a result may name, relcheck-nolint included.
  std::vector<const RuleInfo *> RuleInfos;
  for (const Rule *R : selectableRules())
    RuleInfos.push_back(&R->info());
  if (Options.Format == OutputFormat::Json) {
    emitJson(Report, RELCHECK_VERSION, OS, Baseline);
  } else if (Options.Format == OutputFormat::Sarif) {
    SourceFileCache Sources;
    SarifOptions Sarif;
    Sarif.ToolVersion = RELCHECK_VERSION;
    Sarif.BaseDir = baseDirectory(Options);
    Sarif.Rules = RuleInfos;
    Sarif.Baseline = Baseline;
    emitSarif(Report, Sarif, Sources, OS);
  } else if (Options.Format == OutputFormat::CodeQuality) {
    emitCodeQuality(Report, CodeQualityOptions{baseDirectory(Options)}, OS);
  } else if (Options.Format == OutputFormat::Rdjsonl) {
    SourceFileCache Sources;
    RdjsonlOptions Rdjsonl;
    Rdjsonl.BaseDir = baseDirectory(Options);
    Rdjsonl.Rules = RuleInfos;
    emitRdjsonl(Report, Rdjsonl, Sources, OS);
  } else {
    SourceFileCache Sources;
    TextOptions Text;
    Text.ParseableFixits = Options.ParseableFixits;
    Text.Color = useColor(Options.Color, Options.OutputFile.empty());
    emitText(Report.Findings, Sources, OS, Text);
  }
  return OS.str();
}

/// Prints \p E as a relcheck error; false when there was one.
bool succeeded(llvm::Error E) {
  if (!E)
    return true;
  printError(llvm::toString(std::move(E)));
  return false;
}

/// What the command line asks that needs no analysis (--dump-config,
/// --list-rules) or that makes it pointless (no rule enabled); std::nullopt
/// when the analysis is to run.
std::optional<int> answerWithoutAnalysis(const CliOptions &Options,
                                         const EffectiveConfig &RunConfig,
                                         Driver &Run) {
  if (Options.DumpConfig) {
    llvm::outs() << dumpConfig(RunConfig);
    return ExitClean;
  }
  if (RunConfig.EnabledRules.empty()) {
    printError(RunConfig.RulesOrigin + ": '" + RunConfig.Rules +
               "' enables no rule");
    return ExitInputError;
  }
  if (Options.ListRules)
    return listRules(Run.rules());
  return std::nullopt;
}

/// --write-baseline: records every current finding (before --baseline
/// filters them). Not after input errors: the findings of the TUs that
/// failed would silently drop out of it. True when written.
bool writeBaselineIfAsked(const CliOptions &Options,
                          const AnalysisReport &Report, int &Exit) {
  if (Options.WriteBaselineFile.empty())
    return false;
  if (!Report.Errors.empty()) {
    printError("not writing baseline '" + Options.WriteBaselineFile +
               "': the analysis had input errors");
    return false;
  }
  if (succeeded(writeOutputFile(
          Options.WriteBaselineFile,
          serializeBaseline(baselineFromFindings(Report.Findings)))))
    return true;
  Exit = ExitInputError;
  return false;
}

/// --dump-facts and --facts-out.
void writeFactFiles(const CliOptions &Options, const TranslationUnitPlan &Plan,
                    const AnalysisResult &Result, int &Exit) {
  if (!Options.DumpFactsFile.empty() &&
      !succeeded(
          writeOutputFile(Options.DumpFactsFile, dumpFacts(Result.AllFacts))))
    Exit = ExitInputError;
  if (!Options.FactsOutFile.empty() &&
      !succeeded(writeFactsOut(Options, Plan, Result)))
    Exit = ExitInputError;
}

void printSummary(const CliOptions &Options, const FindingCounts &Counts,
                  const PolicyStats &Hidden) {
  if (Options.Quiet)
    return;
  std::string Summary = summaryLine(Counts.Warnings, Counts.Errors);
  if (!Summary.empty())
    llvm::errs() << Summary << '\n';
  std::string Suppressed = suppressedLine(Hidden);
  if (!Suppressed.empty())
    llvm::errs() << Suppressed << '\n';
}

/// The findings that make the exit status 1: those at --fail-on's level,
/// after --fix those it did not fix, none once a baseline was just written
/// (they were accepted).
unsigned failingFindings(const CliOptions &Options,
                         const EffectiveConfig &RunConfig,
                         const std::vector<Finding> &Findings,
                         const FixCommandResult &Fixes, bool WroteBaseline) {
  if (WroteBaseline)
    return 0;
  unsigned Failing = 0;
  for (size_t I = 0; I < Findings.size(); ++I) {
    Severity S = Findings[I].Sev;
    bool Fails = RunConfig.FailOnLevel == FailOn::Error ? S == Severity::Error
                                                        : S != Severity::Note;
    if (Fails && !(Options.Fix && Fixes.Fixed.count(I)))
      ++Failing;
  }
  return Failing;
}

} // namespace

int runReportCommand(int Argc, const char **Argv) {
  std::optional<CliOptions> Options = parseCommandLine(Argc, Argv);
  if (!Options)
    return ExitInputError;
  if (Options->PrintPluginPath)
    return printPluginPath(Argv[0]);
  recoverInterruptedFixes(*Options);

  // Configuration (docs/config.md): the command line over .relcheck.yaml.
  Driver Run(driverRequestFor(*Options));
  llvm::Expected<const EffectiveConfig &> RunConfig = Run.configure();
  if (!RunConfig) {
    printError(llvm::toString(RunConfig.takeError()));
    return ExitInputError;
  }
  if (std::optional<int> Early =
          answerWithoutAnalysis(*Options, *RunConfig, Run))
    return *Early;

  // A bad baseline fails before the (long) analysis.
  std::optional<Baseline> Accepted;
  if (!Options->BaselineFile.empty()) {
    llvm::Expected<Baseline> Loaded = loadBaselineFile(Options->BaselineFile);
    if (!Loaded) {
      printError(llvm::toString(Loaded.takeError()));
      return ExitInputError;
    }
    Accepted = std::move(*Loaded);
  }

  if (!succeeded(Run.run()))
    return ExitInputError;
  AnalysisResult &Result = Run.result();
  AnalysisReport &Report = Result.Report;
  if (Options->Stats && !Options->Merge)
    printStats(Result.Stats);
  printDroppedArguments(Run.plan(), llvm::errs());
  // Tool errors first, one line each, in the (sorted) order of the inputs.
  for (const ToolError &E : Report.Errors)
    printError(E.Message);
  int Exit = Report.Errors.empty() ? ExitClean : ExitInputError;

  bool WroteBaseline = writeBaselineIfAsked(*Options, Report, Exit);
  std::optional<BaselineComparison> Compared;
  if (Accepted)
    Compared = applyBaseline(Report, *Accepted, Options->Quiet);
  writeFactFiles(*Options, Run.plan(), Result, Exit);
  // One shard sees part of the project: its findings would be partial
  // (and wrong across TUs). `relcheck merge` reports for the whole.
  if (Options->ShardCount > 1)
    return Exit;

  // --fix-dry-run prints the diff instead of the report (unless -o).
  if ((!Options->FixDryRun || !Options->OutputFile.empty()) &&
      !succeeded(writeOutputFile(
          Options->OutputFile.empty() ? "-" : Options->OutputFile,
          renderReport(*Options, Report, Compared ? &*Compared : nullptr))))
    Exit = ExitInputError;

  FixCommandResult Fixes;
  if (Options->wantsFixes()) {
    Fixes = runFixCommand(*Options, Report.Findings, Result.Sources);
    if (Fixes.Failed)
      Exit = ExitInputError;
  }
  printSummary(*Options, countFindings(Report.Findings), Run.hidden());
  if (Exit == ExitClean &&
      failingFindings(*Options, *RunConfig, Report.Findings, Fixes,
                      WroteBaseline) > 0)
    Exit = ExitFindings;
  return Exit;
}

} // namespace relcheck
