//===- CppTextScanner.cpp - bracket matching in raw C++ text --------------===//
//
// On clang's raw-mode Lexer (extract/RawLexer.h): it skips white space,
// comments and line splices and steps over string, character and raw string
// literals and pp-numbers as the preprocessor does; what is left here is
// bracket matching.
//
//===----------------------------------------------------------------------===//
#include "extract/CppTextScanner.h"
#include "extract/RawLexer.h"

#include "llvm/ADT/StringExtras.h"

namespace relcheck {
namespace {

/// A raw lexer over the whole of Text, positioned at Pos.
class TextLexer {
public:
  TextLexer(llvm::StringRef Text, size_t Pos)
      : Lex(clang::SourceLocation(), rawLexerLangOptions(), Text.begin(),
            Text.begin() + Pos, Text.end()) {}

  /// The next token; false at the end of the text.
  bool next(clang::Token &T) {
    Lex.LexFromRawLexer(T);
    return !T.is(clang::tok::eof);
  }

  void seek(size_t Pos) {
    Lex.seek(static_cast<unsigned>(Pos), /*IsAtStartOfLine=*/false);
  }

private:
  clang::Lexer Lex;
};

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_' || C == '$'; }

} // namespace

size_t skipSpaceAndComments(llvm::StringRef Text, size_t Pos) {
  if (Pos >= Text.size())
    return Text.size();
  TextLexer Lex(Text, Pos);
  clang::Token T;
  return Lex.next(T) ? rawTokenOffset(T) : Text.size();
}

size_t skipToken(llvm::StringRef Text, size_t Pos) {
  if (Pos >= Text.size())
    return Pos;
  TextLexer Lex(Text, Pos);
  clang::Token T;
  if (!Lex.next(T) || rawTokenOffset(T) != Pos)
    return Pos + 1; // Pos is white space or a comment: one character.
  return Pos + T.getLength();
}

std::optional<size_t> findClosingBracket(llvm::StringRef Text, size_t OpenPos,
                                         char Open, char Close) {
  if (OpenPos >= Text.size() || Text[OpenPos] != Open)
    return std::nullopt;
  TextLexer Lex(Text, OpenPos);
  unsigned Depth = 0;
  clang::Token T;
  while (Lex.next(T)) {
    size_t Pos = rawTokenOffset(T);
    if (T.getLength() != 1)
      continue;
    if (Text[Pos] == Open) {
      ++Depth;
    } else if (Text[Pos] == Close) {
      if (--Depth == 0)
        return Pos;
    }
  }
  return std::nullopt;
}

std::optional<size_t> findFunctionBodyStart(llvm::StringRef Text, size_t Pos,
                                            bool IsConstructor) {
  if (Pos >= Text.size())
    return std::nullopt;
  TextLexer Lex(Text, Pos);
  bool InInitializers = false;
  char Previous = 0; // Last character of the previous token.
  clang::Token T;
  while (Lex.next(T)) {
    Pos = rawTokenOffset(T);
    size_t Next = Pos + T.getLength();
    switch (T.getKind()) {
    case clang::tok::semi:
      return std::nullopt;
    case clang::tok::l_paren:
    case clang::tok::l_square: {
      char Open = Text[Pos];
      auto Close = findClosingBracket(Text, Pos, Open, Open == '(' ? ')' : ']');
      if (!Close)
        return std::nullopt;
      Next = *Close + 1;
      Lex.seek(Next);
      break;
    }
    case clang::tok::colon:
      if (IsConstructor)
        InInitializers = true;
      break;
    case clang::tok::l_brace:
      // In "x{1}, y{2} {", only the brace after a complete initializer
      // opens the body.
      if (InInitializers && (isIdentChar(Previous) || Previous == '>')) {
        auto Close = findClosingBracket(Text, Pos, '{', '}');
        if (!Close)
          return std::nullopt;
        Next = *Close + 1;
        Lex.seek(Next);
        break;
      }
      return Pos;
    default:
      break;
    }
    Previous = Text[Next - 1];
  }
  return std::nullopt;
}

} // namespace relcheck
