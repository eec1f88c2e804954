//===- SpanLocator.h - SourceSpans back to Clang locations ------*- C++ -*-===//
//
// Findings carry plain SourceSpans (absolute path + byte offsets) so that the
// rules never see Clang types. clang-tidy needs SourceLocations; this maps
// them back through the TU's own SourceManager.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/SourceSpan.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace clang {
class SourceManager;
} // namespace clang

namespace relcheck::tidy {

/// Maps (file, offset) pairs of one TU to SourceLocations. Paths are looked
/// up once each (FileManager -> FileID), so many findings in the same header
/// cost one lookup.
class SpanLocator {
public:
  explicit SpanLocator(const clang::SourceManager &SM) : SM(SM) {}

  /// The location of Offset in File, or an invalid location when the file
  /// is not part of this TU or the offset lies outside it.
  clang::SourceLocation location(const std::string &File, unsigned Offset);
  /// The start of Span; invalid as for location().
  clang::SourceLocation begin(const SourceSpan &Span) {
    return Span.File.empty() ? clang::SourceLocation()
                             : location(Span.File, Span.Begin);
  }
  /// [Offset, Offset + Length) of File as a character range, or nullopt
  /// when any end cannot be mapped (a fix must then be dropped whole).
  std::optional<clang::CharSourceRange>
  charRange(const std::string &File, unsigned Offset, unsigned Length);

  /// The byte at Offset in File, or nullopt as for location() (and at the
  /// end of the file).
  std::optional<char> byteAt(const std::string &File, unsigned Offset);

private:
  clang::FileID fileId(const std::string &File);

  const clang::SourceManager &SM;
  llvm::StringMap<clang::FileID> FileIds;
};

} // namespace relcheck::tidy
