//===- FormatWindows.h - format a file's fixes region by region -*- C++ -*-===//
//
// clang-format's cleanup and reformat test every line of the code against
// every range they are given (AffectedRangeManager), so formatting 10,000
// fixes in one file costs lines x fixes. Formatting each region of
// top-level declarations that holds fixes on its own makes it linear: the
// lines of a declaration format the same whatever declarations surround it,
// once the namespaces (and extern "C" blocks) it sits in are restored
// around it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

/// Code[Begin, End) (whole lines of top-level declarations, outside any
/// preprocessor conditional), to be formatted as Prefix + that text +
/// Suffix: Prefix reopens the namespaces and extern blocks it is in
/// (outermost first), Suffix closes them.
struct FormatWindow {
  unsigned Begin = 0;
  unsigned End = 0;
  std::string Prefix;
  std::string Suffix;
};

/// Clang's own limit on nested brackets (-fbracket-depth): clang-format
/// recurses once per level and overflows the stack on deeper code, which
/// compiles when the brackets are a macro's arguments (an annotation).
constexpr unsigned MaxFormattedBracketDepth = 256;

/// The deepest nesting of (), [] and {} in Code, outside comments and
/// literals.
unsigned bracketDepth(llvm::StringRef Code);

/// Disjoint windows, in order, that together hold every range of Edits
/// (sorted by offset), each range in one window. nullopt when Code cannot
/// be cut that way (unbalanced braces, a closing brace that does not start
/// its line): then the whole file is formatted at once.
std::optional<std::vector<FormatWindow>>
formatWindows(llvm::StringRef Code,
              llvm::ArrayRef<clang::tooling::Range> Edits);

} // namespace relcheck
