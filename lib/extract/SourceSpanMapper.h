//===- SourceSpanMapper.h - Clang locations to SourceSpans ------*- C++ -*-===//
//
// Turns Clang source locations and raw byte offsets into plain SourceSpans
// with absolute, normalized paths and 1-based line/byte columns.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/SourceSpan.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace relcheck {

class SourceSpanMapper {
public:
  SourceSpanMapper(const clang::SourceManager &SM,
                   const clang::LangOptions &LangOpts)
      : SM(SM), LangOpts(LangOpts) {}

  /// Absolute, normalized path of the file; "" for buffers without a file
  /// (built-ins, scratch space).
  const std::string &filePath(clang::FileID FID);

  /// [Begin, End) bytes of the file. Any offset up to the buffer size is
  /// fine (lines and columns are computed from the buffer itself).
  SourceSpan span(clang::FileID FID, unsigned Begin, unsigned End);

  /// A zero-width span at Loc's expansion location.
  SourceSpan point(clang::SourceLocation Loc);

  /// The token at Loc when it is spelled in a file; for a location inside a
  /// macro expansion, the whole outermost macro invocation.
  SourceSpan tokenSpan(clang::SourceLocation Loc);

  /// The outermost macro invocation containing Loc (or the token at Loc
  /// when it is not in a macro), name to ')'.
  SourceSpan expansionSpan(clang::SourceLocation Loc);

  /// File offsets [Begin, End) of expansionSpan(Loc); false when Loc is not
  /// in a file.
  bool expansionOffsets(clang::SourceLocation Loc, clang::FileID &FID,
                        unsigned &Begin, unsigned &End);

  /// Length of the token starting at a file location (0 if none).
  unsigned tokenLength(clang::SourceLocation FileLoc) const;

  /// The file buffer ("" when unavailable).
  llvm::StringRef buffer(clang::FileID FID) const;

  const clang::SourceManager &sourceManager() const { return SM; }
  const clang::LangOptions &langOptions() const { return LangOpts; }

private:
  const clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  llvm::DenseMap<clang::FileID, std::string> Paths;
};

} // namespace relcheck
