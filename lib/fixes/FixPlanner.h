//===- FixPlanner.h - from findings' fixes to new file contents -*- C++ -*-===//
//
// Collects the fix of every finding, groups the edits per file, refuses
// fixes that overlap another finding's fix (both of them, whole), applies the
// rest with clang::tooling::Replacements and formats the lines the fixes
// insert with the file's clang-format style. The result is the exact bytes
// --fix writes, --diff shows and --export-fixes exports.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "fixes/SourceSnapshot.h"

#include "clang/Tooling/Core/Replacement.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace relcheck {

struct FixPlanOptions {
  /// Format inserted lines with the file's .clang-format (fallback below).
  bool Format = true;
  std::string FallbackStyle = "LLVM";
  /// Findings (indices) whose fixes must not be applied, with the reason
  /// reported for each (e.g. a file that changed since it was read).
  std::vector<std::pair<size_t, std::string>> Excluded;
};

/// A finding whose fix is not applied, and why (one clause).
struct RefusedFix {
  size_t Finding = 0;
  std::string Reason;
};

/// One edited file.
struct PlannedFile {
  std::string Path;
  std::string Original; ///< The bytes the plan started from.
  std::string Fixed;    ///< applyAllReplacements(Original, Edits).
  /// Final, non-overlapping edits (fixes and their formatting), relative to
  /// Original.
  clang::tooling::Replacements Edits;
  /// For each applied finding with edits here, the ranges of Original its
  /// own edits touched (to attribute final edits in exports).
  std::vector<std::pair<size_t, clang::tooling::Range>> Origins;
};

struct FixPlan {
  std::vector<PlannedFile> Files;  ///< Sorted by path; only changed files.
  std::vector<size_t> Applied;     ///< Findings whose fix is in Files.
  std::vector<RefusedFix> Refused; ///< In finding order.
  /// Problems that do not refuse a fix (an unreadable .clang-format: the
  /// edits stay unformatted).
  std::vector<std::string> Warnings;
  /// Findings offering a fix (Applied + Refused).
  size_t Offered = 0;
};

/// "'User.addresses' [relcheck-legacy-backref] at /abs/user.hpp:13:54", for
/// messages about a finding's fix.
std::string describeFinding(const Finding &F);

/// Plans the first fix of every finding (further fixes are alternatives and
/// never applied). Files come from Sources (the bytes the analysis saw); a
/// file missing there is read from disk.
FixPlan planFixes(const std::vector<Finding> &Findings,
                  const SourceSnapshot &Sources,
                  const FixPlanOptions &Options = {});

} // namespace relcheck
