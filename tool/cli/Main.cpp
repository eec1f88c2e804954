//===- Main.cpp - the relcheck command-line tool --------------------------===//
//
// relcheck [options] [files...] [-- compiler args]. See docs/cli.md.
// Exit status: 0 no findings, 1 findings, 2 usage or input error (wins).
// After --fix: 0 when every finding was fixed, 1 when findings remain.
//
//===----------------------------------------------------------------------===//
#include "AnalysisDriver.h"
#include "CliOptions.h"
#include "FactsDump.h"
#include "FixCommand.h"
#include "OutputFile.h"
#include "RuleSelection.h"
#include "SpeedCommands.h"
#include "TranslationUnitPlan.h"

#include "emit/JsonEmitter.h"
#include "emit/TextEmitter.h"
#include "rules/Registry.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <sstream>

using namespace relcheck;

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
                         const AnalysisReport &Report) {
  std::ostringstream OS;
  if (Options.Format == OutputFormat::Json) {
    emitJson(Report, RELCHECK_VERSION, OS);
  } else {
    SourceFileCache Sources;
    TextOptions Text;
    Text.ParseableFixits = Options.ParseableFixits;
    emitText(Report.Findings, Sources, OS, Text);
  }
  return OS.str();
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  std::optional<CliOptions> Options = parseCommandLine(Argc, Argv);
  if (!Options)
    return ExitInputError;

  llvm::Expected<std::vector<const Rule *>> Rules =
      selectRules(Options->RuleGlobs, allRules());
  if (!Rules) {
    printError(llvm::toString(Rules.takeError()));
    return ExitInputError;
  }
  if (Options->ListRules)
    return listRules(*Rules);

  AnalysisResult Result;
  TranslationUnitPlan Plan;
  if (Options->Merge) {
    llvm::Expected<AnalysisResult> Merged = runMerge(*Options, *Rules);
    if (!Merged) {
      printError(llvm::toString(Merged.takeError()));
      return ExitInputError;
    }
    Result = std::move(*Merged);
  } else {
    Plan = planTranslationUnits(*Options);
    AnalysisOptions Analysis = speedOptionsFor(*Options);
    Analysis.SnapshotSources = Options->wantsFixes();
    Result = runAnalysis(Plan, *Rules, RuleOptions(), Analysis);
    if (Options->Stats)
      printStats(Result.Stats);
  }
  AnalysisReport &Report = Result.Report;

  // Tool errors first, one line each, in the (sorted) order of the inputs.
  for (const ToolError &E : Report.Errors)
    printError(E.Message);

  int Exit = Report.Errors.empty() ? ExitClean : ExitInputError;

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
    std::string Rendered = renderReport(*Options, Report);
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
  }
  unsigned Remaining = Counts.Warnings + Counts.Errors;
  if (Options->Fix) {
    // After --fix, what counts is what is left to fix.
    Remaining = 0;
    for (size_t I = 0; I < Report.Findings.size(); ++I)
      if (Report.Findings[I].Sev != Severity::Note && !Fixes.Fixed.count(I))
        ++Remaining;
  }
  if (Exit == ExitClean && Remaining > 0)
    Exit = ExitFindings;
  return Exit;
}
