//===- FixCommand.cpp -----------------------------------------------------===//
#include "FixCommand.h"

#include "BaselineStep.h"
#include "driver/OutputFile.h"

#include "emit/ReportPaths.h"

#include "fixes/FixExport.h"
#include "fixes/FixJournal.h"
#include "fixes/FixPlanner.h"
#include "fixes/FixWriter.h"
#include "fixes/UnifiedDiff.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace relcheck {

std::string defaultCacheDirectory(); // FactCache.cpp

namespace {

/// Journals live under the cache directory, also with --no-cache (the
/// default one then), so that the next run in the same setup finds them.
std::string journalDirectory(const CliOptions &Options) {
  return fixJournalDirectory(Options.CacheDir.empty() ? defaultCacheDirectory()
                                                      : Options.CacheDir);
}

bool touches(const Finding &F, const std::string &Path) {
  if (F.Fixes.empty())
    return false;
  for (const Replacement &R : F.Fixes.front().Replacements)
    if (R.File == Path)
      return true;
  return false;
}

/// The plan, without the fixes of files that changed on disk since the
/// analysis read them (their offsets no longer mean anything).
FixPlan planAgainstDisk(const std::vector<Finding> &Findings,
                        const SourceSnapshot &Sources) {
  FixPlanOptions Options;
  FixPlan Plan = planFixes(Findings, Sources, Options);
  // Each round only drops fixes, so this ends.
  for (std::vector<std::string> Changed = filesChangedOnDisk(Plan);
       !Changed.empty(); Changed = filesChangedOnDisk(Plan)) {
    for (const std::string &Path : Changed)
      for (size_t I : Plan.Applied)
        if (touches(Findings[I], Path))
          Options.Excluded.push_back(
              {I, "'" + Path + "' changed since relcheck read it"});
    Plan = planFixes(Findings, Sources, Options);
  }
  return Plan;
}

/// Findings without an applied fix of their own whose reported text an
/// applied fix rewrites (relcheck-legacy-backref on a backref= that the
/// one-way fix replaces): the code they point at is gone. Not S11: that
/// warning about a backref pair points at the backref=, but the exact
/// rewrite keeps the pair's viewonly mix, so it comes back at the new
/// back_populates and still remains.
void addCoveredFindings(const std::vector<Finding> &Findings,
                        std::set<size_t> &Fixed) {
  std::vector<const Replacement *> Applied;
  for (size_t I : Fixed)
    for (const Replacement &R : Findings[I].Fixes.front().Replacements)
      if (R.Length > 0)
        Applied.push_back(&R);
  for (size_t I = 0; I < Findings.size(); ++I) {
    const SourceSpan &At = Findings[I].Range;
    if (Fixed.count(I) || !At.isValid() || Findings[I].CaseId == "S11")
      continue;
    for (const Replacement *R : Applied)
      if (R->File == At.File && At.Begin >= R->Offset &&
          At.Begin < R->Offset + R->Length) {
        Fixed.insert(I);
        break;
      }
  }
}

/// The plan as one git-style diff: `a/<path>` and `b/<path>` relative to
/// \p BaseDir, so `git apply` and `patch -p1` apply it there. A file outside
/// BaseDir keeps its absolute path (and a warning says so): no relative
/// name would reach it.
std::string dryRunDiff(const FixPlan &Plan, const std::string &BaseDir) {
  std::string Diff;
  for (const PlannedFile &File : Plan.Files) {
    std::optional<std::string> Rel = pathUnderBase(File.Path, BaseDir);
    if (!Rel)
      llvm::errs() << "relcheck: warning: '" << File.Path
                   << "' is outside the base directory '" << BaseDir
                   << "': the diff names it by its absolute path (use "
                      "--base-dir=<a directory above it>)\n";
    std::string Old = Rel ? "a/" + *Rel : File.Path;
    std::string New = Rel ? "b/" + *Rel : File.Path;
    Diff += unifiedDiff(Old, New, File.Original, File.Fixed, File.Edits);
  }
  return Diff;
}

} // namespace

void recoverInterruptedFixes(const CliOptions &Options) {
  for (const std::string &Message :
       recoverInterruptedFixes(journalDirectory(Options)))
    llvm::errs() << "relcheck: " << Message << '\n';
}

FixCommandResult runFixCommand(const CliOptions &Options,
                               const std::vector<Finding> &Findings,
                               const SourceSnapshot &Sources) {
  FixCommandResult Result;
  FixPlan Plan = planAgainstDisk(Findings, Sources);

  for (const std::string &Warning : Plan.Warnings)
    llvm::errs() << "relcheck: warning: " << Warning << '\n';
  for (const RefusedFix &R : Plan.Refused)
    llvm::errs() << "relcheck: warning: "
                 << (Options.Fix ? "not applying" : "--fix would not apply")
                 << " the fix of " << describeFinding(Findings[R.Finding])
                 << ": " << R.Reason << '\n';

  if (Options.FixDryRun) {
    llvm::outs() << dryRunDiff(Plan, baseDirectory(Options));
    llvm::outs().flush();
  }

  if (!Options.ExportFixesFile.empty())
    if (llvm::Error E = writeOutputFile(Options.ExportFixesFile,
                                        exportFixesYaml(Findings, Plan))) {
      llvm::errs() << "relcheck: error: " << llvm::toString(std::move(E))
                   << '\n';
      Result.Failed = true;
    }

  if (Options.Fix && !Plan.Files.empty()) {
    if (llvm::Error E = writeFixedFiles(Plan, journalDirectory(Options))) {
      llvm::errs() << "relcheck: error: " << llvm::toString(std::move(E))
                   << '\n';
      Result.Failed = true;
      return Result;
    }
  }

  Result.Fixed.insert(Plan.Applied.begin(), Plan.Applied.end());
  addCoveredFindings(Findings, Result.Fixed);
  if (!Options.Quiet && Plan.Offered > 0) {
    llvm::errs() << "relcheck: "
                 << (Options.Fix ? "applied " : "--fix would apply ")
                 << Plan.Applied.size() << " of " << Plan.Offered
                 << " suggested fix" << (Plan.Offered == 1 ? "" : "es") << " ("
                 << Plan.Files.size() << " file"
                 << (Plan.Files.size() == 1 ? "" : "s") << ")\n";
  }
  return Result;
}

} // namespace relcheck
