//===- LspPositions.cpp ---------------------------------------------------===//
#include "LspPositions.h"

#include <algorithm>

namespace relcheck::lsp {
namespace {

/// Length of the UTF-8 sequence a lead byte starts (1 for invalid bytes, so
/// malformed text still advances one byte per unit).
unsigned sequenceLength(unsigned char Lead) {
  if (Lead < 0xC0)
    return 1;
  if (Lead < 0xE0)
    return 2;
  if (Lead < 0xF0)
    return 3;
  if (Lead < 0xF8)
    return 4;
  return 1;
}

/// Code units of one UTF-8 sequence in the encoding.
unsigned unitsOf(unsigned Length, PositionEncoding Encoding) {
  if (Encoding == PositionEncoding::Utf8)
    return Length;
  return Length == 4 ? 2 : 1;
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
  for (unsigned I = LineStarts[Line]; I < End;) {
    unsigned Length = sequenceLength(static_cast<unsigned char>(Text[I]));
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
    unsigned Length = sequenceLength(static_cast<unsigned char>(Text[I]));
    if (I + Length > End)
      Length = End - I;
    Units += unitsOf(Length, Encoding);
    I += Length;
  }
  return I;
}

} // namespace relcheck::lsp
