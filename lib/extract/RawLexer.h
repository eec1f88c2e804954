//===- RawLexer.h - clang's raw-mode lexer over C++17 text ------*- C++ -*-===//
//
// The one LangOptions every raw lexer of relcheck reads with (the bracket
// matching of extract/CppTextScanner, the cuts of fixes/FormatWindows), so
// both tokenize the same C++: raw strings, digit separators, '$' in names.
// Header-only: relcheck_fixes uses it without linking relcheck_extract.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"

namespace relcheck {

/// C++17 (the lexer keeps a reference to it).
inline const clang::LangOptions &rawLexerLangOptions() {
  static const clang::LangOptions Lang = [] {
    clang::LangOptions L;
    L.CPlusPlus = L.CPlusPlus11 = L.CPlusPlus14 = L.CPlusPlus17 = 1;
    return L;
  }();
  return Lang;
}

/// With no file location, a raw lexer's token location encodes its offset
/// from the start of the buffer.
inline unsigned rawTokenOffset(const clang::Token &T) {
  return T.getLocation().getRawEncoding();
}

} // namespace relcheck
