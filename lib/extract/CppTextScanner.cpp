//===- CppTextScanner.cpp - bracket matching in raw C++ text --------------===//
#include "extract/CppTextScanner.h"

#include "llvm/ADT/StringExtras.h"

namespace relcheck {
namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_' || C == '$'; }

/// A quoted literal starting at Pos (Text[Pos] is the quote). Like the C++
/// lexer, an unterminated literal ends at the end of its line.
size_t skipQuoted(llvm::StringRef Text, size_t Pos) {
  char Quote = Text[Pos++];
  while (Pos < Text.size()) {
    char C = Text[Pos];
    if (C == '\\' && Pos + 1 < Text.size()) {
      Pos += 2;
      continue;
    }
    if (C == '\n')
      return Pos;
    ++Pos;
    if (C == Quote)
      return Pos;
  }
  return Pos;
}

/// R"delim( ... )delim" with Text[Pos] the opening quote.
size_t skipRawString(llvm::StringRef Text, size_t Pos) {
  size_t Paren = Text.find('(', Pos + 1);
  if (Paren == llvm::StringRef::npos || Paren - Pos - 1 > 16)
    return skipQuoted(Text, Pos);
  std::string Terminator =
      ")" + Text.substr(Pos + 1, Paren - Pos - 1).str() + "\"";
  size_t End = Text.find(Terminator, Paren + 1);
  return End == llvm::StringRef::npos ? Text.size() : End + Terminator.size();
}

bool isRawStringPrefix(llvm::StringRef Ident) {
  return Ident == "R" || Ident == "u8R" || Ident == "uR" || Ident == "UR" ||
         Ident == "LR";
}

/// A pp-number: digits, letters, '.', digit separators and exponent signs.
size_t skipNumber(llvm::StringRef Text, size_t Pos) {
  ++Pos;
  while (Pos < Text.size()) {
    char C = Text[Pos];
    if (isIdentChar(C) || C == '.') {
      ++Pos;
    } else if (C == '\'' && Pos + 1 < Text.size() &&
               isIdentChar(Text[Pos + 1])) {
      Pos += 2;
    } else if ((C == '+' || C == '-') &&
               llvm::StringRef("eEpP").contains(Text[Pos - 1])) {
      ++Pos;
    } else {
      break;
    }
  }
  return Pos;
}

} // namespace

size_t skipSpaceAndComments(llvm::StringRef Text, size_t Pos) {
  while (Pos < Text.size()) {
    char C = Text[Pos];
    if (llvm::isSpace(C)) {
      ++Pos;
    } else if (C == '\\' && Pos + 1 < Text.size() &&
               (Text[Pos + 1] == '\n' || Text[Pos + 1] == '\r')) {
      Pos += 2;
    } else if (Text.substr(Pos).starts_with("//")) {
      size_t Eol = Text.find('\n', Pos);
      Pos = Eol == llvm::StringRef::npos ? Text.size() : Eol + 1;
    } else if (Text.substr(Pos).starts_with("/*")) {
      size_t End = Text.find("*/", Pos + 2);
      Pos = End == llvm::StringRef::npos ? Text.size() : End + 2;
    } else {
      break;
    }
  }
  return Pos;
}

size_t skipToken(llvm::StringRef Text, size_t Pos) {
  if (Pos >= Text.size())
    return Pos;
  char C = Text[Pos];
  if (C == '"' || C == '\'')
    return skipQuoted(Text, Pos);
  if (llvm::isDigit(C) ||
      (C == '.' && Pos + 1 < Text.size() && llvm::isDigit(Text[Pos + 1])))
    return skipNumber(Text, Pos);
  if (isIdentChar(C)) {
    size_t End = Pos;
    while (End < Text.size() && isIdentChar(Text[End]))
      ++End;
    if (End < Text.size() && Text[End] == '"' &&
        isRawStringPrefix(Text.slice(Pos, End)))
      return skipRawString(Text, End);
    // An encoding prefix (L'x', u8"x") belongs to the literal after it.
    return End;
  }
  return Pos + 1;
}

std::optional<size_t> findClosingBracket(llvm::StringRef Text, size_t OpenPos,
                                         char Open, char Close) {
  if (OpenPos >= Text.size() || Text[OpenPos] != Open)
    return std::nullopt;
  unsigned Depth = 0;
  size_t Pos = OpenPos;
  while (true) {
    Pos = skipSpaceAndComments(Text, Pos);
    if (Pos >= Text.size())
      return std::nullopt;
    char C = Text[Pos];
    if (C == Open) {
      ++Depth;
    } else if (C == Close) {
      if (--Depth == 0)
        return Pos;
    }
    Pos = skipToken(Text, Pos);
  }
}

std::optional<size_t> findFunctionBodyStart(llvm::StringRef Text, size_t Pos,
                                            bool IsConstructor) {
  bool InInitializers = false;
  char Previous = 0; // Last significant character before Pos.
  while (true) {
    Pos = skipSpaceAndComments(Text, Pos);
    if (Pos >= Text.size())
      return std::nullopt;
    char C = Text[Pos];
    size_t Next = skipToken(Text, Pos);
    switch (C) {
    case ';':
      return std::nullopt;
    case '(':
    case '[': {
      auto Close = findClosingBracket(Text, Pos, C, C == '(' ? ')' : ']');
      if (!Close)
        return std::nullopt;
      Next = *Close + 1;
      break;
    }
    case ':':
      if (Next < Text.size() && Text[Next] == ':')
        Next = Next + 1; // "::"
      else if (IsConstructor)
        InInitializers = true;
      break;
    case '{':
      // In "x{1}, y{2} {", only the brace after a complete initializer
      // opens the body.
      if (InInitializers && (isIdentChar(Previous) || Previous == '>')) {
        auto Close = findClosingBracket(Text, Pos, '{', '}');
        if (!Close)
          return std::nullopt;
        Next = *Close + 1;
        break;
      }
      return Pos;
    default:
      break;
    }
    Previous = Text[Next - 1];
    Pos = Next;
  }
}

} // namespace relcheck
