//===- CppTextScanner.h - bracket matching in raw C++ text ------*- C++ -*-===//
//
// Walks raw file bytes the way the preprocessor does, with clang's raw-mode
// Lexer (white space, comments, line splices, literals and pp-numbers are
// its business), and matches brackets. Used to recover the exact text of a
// macro invocation's arguments and the end of member declarations (whose
// bodies may have been skipped). Text is always a whole SourceManager
// buffer: the lexer needs the NUL byte after its end.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>

namespace relcheck {

/// First position at or after Pos that is not white space, a comment or a
/// backslash-newline (Text.size() at the end).
size_t skipSpaceAndComments(llvm::StringRef Text, size_t Pos);

/// Position just past the token starting at Pos (a literal, identifier,
/// pp-number or single punctuation character); Pos itself at the end.
size_t skipToken(llvm::StringRef Text, size_t Pos);

/// Text[OpenPos] is Open ('(' or '{'); returns the position of its matching
/// Close, counting only Open/Close pairs outside literals and comments (as
/// the preprocessor matches a macro invocation's parentheses). nullopt when
/// unbalanced.
std::optional<size_t> findClosingBracket(llvm::StringRef Text, size_t OpenPos,
                                         char Open, char Close);

/// From Pos (just past a function declarator), the position of the '{'
/// opening the function body, skipping a constructor's member initializers
/// (IsConstructor) and trailing specifiers. nullopt when a ';' comes first.
std::optional<size_t> findFunctionBodyStart(llvm::StringRef Text, size_t Pos,
                                            bool IsConstructor);

} // namespace relcheck
