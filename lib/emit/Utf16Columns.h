//===- Utf16Columns.h - UTF-8 characters counted in UTF-16 units -*- C++
//-*-===//
//
// SARIF (columnKind utf16CodeUnits) and LSP (the default position encoding)
// count columns in UTF-16 code units; relcheck's columns are bytes of UTF-8
// files. Both walk a line character by character with these two functions,
// so they agree on every line, ill-formed ones included. The header is plain
// C++ like the rest of relcheck_core; only the .cpp includes LLVMSupport.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string_view>

namespace relcheck {

/// Bytes of the character at the start of \p Text: the length of its UTF-8
/// sequence when that is well-formed (llvm/Support/ConvertUTF.h decides),
/// else 1, so an ill-formed byte counts as one character (the U+FFFD an
/// editor shows for it). 0 for empty text.
unsigned utf8CharLength(std::string_view Text);

/// UTF-16 code units of a character of \p Utf8Length bytes: a 4-byte
/// character is outside the BMP, a surrogate pair.
inline unsigned utf16Units(unsigned Utf8Length) {
  return Utf8Length == 4 ? 2 : 1;
}

} // namespace relcheck
