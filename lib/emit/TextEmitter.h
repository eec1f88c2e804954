//===- TextEmitter.h - clang-style text diagnostics -------------*- C++ -*-===//
#pragma once

#include "emit/SourceFileCache.h"
#include "findings/Finding.h"

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relcheck {

/// Prints findings exactly like clang prints diagnostics:
///
///   /abs/model.hpp:12:31: warning: message [relcheck-rule-id]
///     ORM_RELATIONSHIP("Address", backref="user")
///                                 ^~~~~~~~~~~~~~
///   /abs/model.hpp:20:8: note: note message
///   struct ORM_MODEL("address") Address {
///          ^
///
/// Paths are printed as they are in the findings (absolute, normalized).
/// Columns are 1-based bytes. The source line is printed verbatim (tabs kept)
/// and the caret line reproduces its tabs, so the caret lines up whatever the
/// terminal's tab width. The line is omitted when the file cannot be read.
/// Findings are printed in the order given (callers sort them).
///
/// A finding with a fix shows it as clang shows fix-its: the replacement
/// text of each edit on the caret line is printed under the caret line, at
/// its column (edits elsewhere, and multi-line text, are not). Further fixes
/// are alternatives and are not shown.
void emitText(const std::vector<Finding> &Findings, SourceFileCache &Sources,
              std::ostream &OS);

struct TextOptions {
  /// clang's -fdiagnostics-parseable-fixits: after the caret (and hint)
  /// line, one `fix-it:"file":{l:c-l:c}:"text"` line per edit of the
  /// finding's fix, in any file; columns are 1-based bytes, the end
  /// exclusive, the text escaped as clang escapes it.
  bool ParseableFixits = false;
  /// clang's diagnostic colours (emit/TextColors.h); off: plain bytes.
  bool Color = false;
};

void emitText(const std::vector<Finding> &Findings, SourceFileCache &Sources,
              std::ostream &OS, const TextOptions &Options);

/// The line printed under the caret line for fix-its on that line: each
/// (1-based byte column, text) at its column, tabs of Line reproduced; a
/// hint overlapping the previous one is left out. Exposed for tests.
std::string fixItHintLine(std::string_view Line,
                          std::vector<std::pair<unsigned, std::string>> Hints);

/// Escapes Text as clang's parseable fix-its do (backslash, double quote,
/// newline and tab as C escapes; octal for other non-printable bytes).
std::string escapeFixItText(std::string_view Text);

/// The caret line for a range starting at byte column \p Column of \p Line and
/// ending (exclusive) at \p EndColumn when \p EndColumn is on the same line
/// (0 = the range runs past the end of the line). Exposed for tests.
std::string caretLine(std::string_view Line, unsigned Column,
                      unsigned EndColumn);

/// clang's closing summary: "1 warning generated.", "3 warnings and 1 error
/// generated.", "2 errors generated."; "" when both are zero.
std::string summaryLine(unsigned Warnings, unsigned Errors);

} // namespace relcheck
