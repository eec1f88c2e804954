//===- TextEmitter.h - clang-style text diagnostics -------------*- C++ -*-===//
#pragma once

#include "emit/SourceFileCache.h"
#include "findings/Finding.h"

#include <ostream>
#include <string>
#include <string_view>
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
void emitText(const std::vector<Finding> &Findings, SourceFileCache &Sources,
              std::ostream &OS);

/// The caret line for a range starting at byte column \p Column of \p Line and
/// ending (exclusive) at \p EndColumn when \p EndColumn is on the same line
/// (0 = the range runs past the end of the line). Exposed for tests.
std::string caretLine(std::string_view Line, unsigned Column,
                      unsigned EndColumn);

/// clang's closing summary: "1 warning generated.", "3 warnings and 1 error
/// generated.", "2 errors generated."; "" when both are zero.
std::string summaryLine(unsigned Warnings, unsigned Errors);

} // namespace relcheck
