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
  if (Options->DumpConfig) {
    llvm::outs() << dumpConfig(*RunConfig);
    return ExitClean;
  }
  if (RunConfig->EnabledRules.empty()) {
    printError(RunConfig->RulesOrigin + ": '" + RunConfig->Rules +
               "' enables no rule");
    return ExitInputError;
  }
  if (Options->ListRules)
    return listRules(Run.rules());

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

  if (llvm::Error E = Run.run()) {
    printError(llvm::toString(std::move(E)));
    return ExitInputError;
  }
  const TranslationUnitPlan &Plan = Run.plan();
  AnalysisResult &Result = Run.result();
  AnalysisReport &Report = Result.Report;
  if (Options->Stats && !Options->Merge)
    printStats(Result.Stats);
  const PolicyStats &Hidden = Run.hidden();

  printDroppedArguments(Plan, llvm::errs());
  // Tool errors first, one line each, in the (sorted) order of the inputs.
  for (const ToolError &E : Report.Errors)
    printError(E.Message);

  int Exit = Report.Errors.empty() ? ExitClean : ExitInputError;

  // Recorded before --baseline filters: the new baseline holds every
  // current finding. Not with input errors: findings of the TUs that failed
  // would silently drop out of it.
  bool WroteBaseline = false;
  if (!Options->WriteBaselineFile.empty()) {
    if (!Report.Errors.empty()) {
      printError("not writing baseline '" + Options->WriteBaselineFile +
                 "': the analysis had input errors");
    } else if (llvm::Error E = writeOutputFile(
                   Options->WriteBaselineFile,
                   serializeBaseline(baselineFromFindings(Report.Findings)))) {
      printError(llvm::toString(std::move(E)));
      Exit = ExitInputError;
    } else {
      WroteBaseline = true;
    }
  }
  std::optional<BaselineComparison> Compared;
  if (Accepted)
    Compared = applyBaseline(Report, *Accepted, Options->Quiet);

  if (!Options->DumpFactsFile.empty()) {
    if (llvm::Error E = writeOutputFile(Options->DumpFactsFile,
                                        dumpFacts(Result.AllFacts))) {
      printError(llvm::toString(std::move(E)));
      Exit = ExitInputError;
    }
  }

  if (!Options->FactsOutFile.empty()) {
    if (llvm::Error E = writeFactsOut(*Options, Plan, Result)) {
      printError(llvm::toString(std::move(E)));
      Exit = ExitInputError;
    }
  }
  // One shard sees part of the project: its findings would be partial
  // (and wrong across TUs). `relcheck merge` reports for the whole.
  if (Options->ShardCount > 1)
    return Exit;

  // --fix-dry-run prints the diff instead of the report (unless -o).
  if (!Options->FixDryRun || !Options->OutputFile.empty()) {
    std::string Rendered =
        renderReport(*Options, Report, Compared ? &*Compared : nullptr);
    if (llvm::Error E = writeOutputFile(
            Options->OutputFile.empty() ? "-" : Options->OutputFile,
            Rendered)) {
      printError(llvm::toString(std::move(E)));
      Exit = ExitInputError;
    }
  }

  FixCommandResult Fixes;
  if (Options->wantsFixes()) {
    Fixes = runFixCommand(*Options, Report.Findings, Result.Sources);
    if (Fixes.Failed)
      Exit = ExitInputError;
  }

  FindingCounts Counts = countFindings(Report.Findings);
  if (!Options->Quiet) {
    std::string Summary = summaryLine(Counts.Warnings, Counts.Errors);
    if (!Summary.empty())
      llvm::errs() << Summary << '\n';
    std::string Suppressed = suppressedLine(Hidden);
    if (!Suppressed.empty())
      llvm::errs() << Suppressed << '\n';
  }
  // --fail-on=error: only errors make the exit status 1.
  auto Fails = [&](Severity S) {
    return RunConfig->FailOnLevel == FailOn::Error ? S == Severity::Error
                                                   : S != Severity::Note;
  };
  unsigned Remaining = 0;
  for (const Finding &F : Report.Findings)
    if (Fails(F.Sev))
      ++Remaining;
  if (Options->Fix) {
    // After --fix, what counts is what is left to fix.
    Remaining = 0;
    for (size_t I = 0; I < Report.Findings.size(); ++I)
      if (Fails(Report.Findings[I].Sev) && !Fixes.Fixed.count(I))
        ++Remaining;
  }
  if (WroteBaseline)
    Remaining = 0; // The findings were just accepted.
  if (Exit == ExitClean && Remaining > 0)
    Exit = ExitFindings;
  return Exit;
}

} // namespace relcheck
