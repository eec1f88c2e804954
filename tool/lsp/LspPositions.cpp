//===- LspPositions.cpp ---------------------------------------------------===//
#include "LspPositions.h"

#include "emit/Utf16Columns.h"

#include <algorithm>

namespace relcheck::lsp {
namespace {

/// Code units of one UTF-8 character in the encoding.
unsigned unitsOf(unsigned Length, PositionEncoding Encoding) {
  if (Encoding == PositionEncoding::Utf8)
    return Length;
  return utf16Units(Length);
}

} // namespace

LineIndex::LineIndex(llvm::StringRef Text) : Text(Text) {
  LineStarts.push_back(0);
  for (unsigned I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      LineStarts.push_back(I + 1);
    } else if (Text[I] == '\r') {
      if (I + 1 < Text.size() && Text[I + 1] == '\n')
        ++I;
      LineStarts.push_back(I + 1);
    }
  }
}

unsigned LineIndex::lineEnd(unsigned L) const {
  unsigned End = L + 1 < LineStarts.size() ? LineStarts[L + 1]
                                           : static_cast<unsigned>(Text.size());
  if (End > LineStarts[L] && Text[End - 1] == '\n')
    --End;
  if (End > LineStarts[L] && Text[End - 1] == '\r')
    --End;
  return End;
}

Position LineIndex::position(unsigned Offset, PositionEncoding Encoding) const {
  Offset = std::min<unsigned>(Offset, Text.size());
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  unsigned Line = static_cast<unsigned>(It - LineStarts.begin()) - 1;
  Position P;
  P.Line = Line;
  unsigned End = std::min(Offset, lineEnd(Line));
  unsigned LineEnd = lineEnd(Line);
  for (unsigned I = LineStarts[Line]; I < End;) {
    unsigned Length = utf8CharLength(Text.slice(I, LineEnd));
    if (I + Length > End) // Offset inside this character: its start.
      break;
    P.Character += unitsOf(Length, Encoding);
    I += Length;
  }
  return P;
}

unsigned LineIndex::offset(Position P, PositionEncoding Encoding) const {
  if (P.Line >= LineStarts.size())
    return static_cast<unsigned>(Text.size());
  unsigned I = LineStarts[P.Line], End = lineEnd(P.Line);
  unsigned Units = 0;
  while (I < End && Units < P.Character) {
    unsigned Length = utf8CharLength(Text.slice(I, End));
    Units += unitsOf(Length, Encoding);
    I += Length;
  }
  return I;
}

} // namespace relcheck::lsp
