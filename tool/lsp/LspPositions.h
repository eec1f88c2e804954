//===- LspPositions.h - byte offsets <-> LSP positions ----------*- C++ -*-===//
//
// relcheck's ranges are byte offsets into UTF-8 files; an LSP Position is a
// 0-based line and a character offset counted in the negotiated encoding:
// UTF-16 code units unless the client offered "utf-8" (LSP 3.17
// general.positionEncodings). A character outside the BMP is two UTF-16
// units; a line ends at "\n" ("\r\n" and "\r" too, per the specification).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace relcheck::lsp {

enum class PositionEncoding { Utf16, Utf8 };

struct Position {
  unsigned Line = 0;
  unsigned Character = 0;
  friend bool operator==(const Position &A, const Position &B) {
    return A.Line == B.Line && A.Character == B.Character;
  }
  friend bool operator<(const Position &A, const Position &B) {
    return A.Line != B.Line ? A.Line < B.Line : A.Character < B.Character;
  }
  friend bool operator<=(const Position &A, const Position &B) {
    return !(B < A);
  }
};

/// The line starts of one text, for converting many offsets cheaply. The
/// text must outlive the index.
class LineIndex {
public:
  explicit LineIndex(llvm::StringRef Text);

  /// The position of byte \p Offset (clamped to the text). An offset inside
  /// a UTF-8 sequence counts as the start of that character.
  Position position(unsigned Offset, PositionEncoding Encoding) const;

  /// The byte offset of \p P; a character beyond the end of its line is the
  /// line's end, a line beyond the last is the end of the text (the
  /// specification's rules for positions past the end).
  unsigned offset(Position P, PositionEncoding Encoding) const;

private:
  llvm::StringRef Text;
  std::vector<unsigned> LineStarts;
  /// End of line L's content (before "\r\n", "\n" or "\r").
  unsigned lineEnd(unsigned L) const;
};

} // namespace relcheck::lsp
