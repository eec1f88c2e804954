//===- NolintSuppressions.h - clang-tidy's NOLINT comments ------*- C++ -*-===//
//
// The CLI honours NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND exactly as
// clang-tidy 19 does (its NoLintDirectiveHandler), so one comment silences a
// finding in both hosts. The rules, all on raw file bytes:
//
//  * "NOLINT" followed by letters is a directive only when the word is
//    NOLINT, NOLINTNEXTLINE, NOLINTBEGIN or NOLINTEND. It is found anywhere
//    in the line, comment or not.
//  * "(checks)" right after the word (no space) lists globs (GlobList.h,
//    negative globs ignored); without a ")" on the same line, or without
//    "(", the directive applies to every check. "NOLINT()" applies to none.
//  * NOLINT applies to the line of the finding's primary location,
//    NOLINTNEXTLINE to the line after its own, and a NOLINTBEGIN/NOLINTEND
//    pair (same check list, properly nested, per file) to everything
//    strictly between the two words.
//  * Findings of severity error are never suppressed. A suppressed finding
//    takes its notes with it.
//  * A NOLINTBEGIN or NOLINTEND without its partner is an error, reported
//    like clang-tidy reports it: only for a file whose blocks were consulted,
//    i.e. one holding a suppressible finding that no NOLINT/NOLINTNEXTLINE
//    silenced.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace relcheck {

/// The rule id of the findings about NOLINT comments themselves (an
/// unmatched NOLINTBEGIN/NOLINTEND, an unused suppression). clang-tidy calls
/// the unmatched-comment diagnostic "clang-tidy-nolint".
inline constexpr const char *NolintRuleId = "relcheck-nolint";

enum class NolintKind { NoLint, NextLine, Begin, End };

/// One NOLINT directive as written.
struct NolintDirective {
  NolintKind Kind = NolintKind::NoLint;
  size_t Offset = 0; ///< Of the 'N'.
  size_t Length = 0; ///< Through the ')' of the check list, if any.
  /// The check list with blanks around each item removed; nullopt when the
  /// directive has none (it then applies to every check).
  std::optional<std::string> Checks;
};

/// Every directive in Text, in order.
std::vector<NolintDirective> findNolintDirectives(const std::string &Text);

struct SuppressionOptions {
  /// Report each directive that names a relcheck rule (a glob starting with
  /// "relcheck-") that IsEnabled in its file, yet suppressed nothing.
  bool ReportUnused = false;
  std::function<bool(const std::string &File, const std::string &RuleId)>
      IsEnabled;
  /// The ids of every rule, to expand the directives' globs.
  std::vector<std::string> AllRules;
  /// Files to scan for unused directives besides the findings' own files
  /// (the files the models were read from).
  std::vector<std::string> FilesToScan;
};

struct SuppressionResult {
  std::vector<Finding> Kept;
  unsigned Suppressed = 0;
  /// relcheck-nolint findings: unmatched BEGIN/END (errors) and, with
  /// ReportUnused, unused directives (warnings). Unsorted.
  std::vector<Finding> Problems;
};

/// The bytes of a file, or null when it cannot be read (then nothing in it
/// is suppressed).
using FileTextFn = std::function<const std::string *(const std::string &)>;

SuppressionResult applyNolintSuppressions(std::vector<Finding> Findings,
                                          const FileTextFn &FileText,
                                          const SuppressionOptions &Options);

} // namespace relcheck
