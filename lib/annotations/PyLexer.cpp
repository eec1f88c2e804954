//===- PyLexer.cpp - Tokens of the Python expression subset ---------------===//

#include "annotations/PyLexer.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace relcheck {

namespace {

bool isAsciiDigit(char C) { return C >= '0' && C <= '9'; }
bool isHexDigit(char C) {
  return isAsciiDigit(C) || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
}
bool isOctDigit(char C) { return C >= '0' && C <= '7'; }
bool isBinDigit(char C) { return C == '0' || C == '1'; }
bool isAsciiIdentStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}

unsigned hexValue(char C) {
  if (isAsciiDigit(C))
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  return C - 'A' + 10;
}

void appendUtf8(std::string &Out, unsigned CP) {
  if (CP < 0x80) {
    Out += char(CP);
  } else if (CP < 0x800) {
    Out += char(0xC0 | (CP >> 6));
    Out += char(0x80 | (CP & 0x3F));
  } else if (CP < 0x10000) {
    Out += char(0xE0 | (CP >> 12));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  } else {
    Out += char(0xF0 | (CP >> 18));
    Out += char(0x80 | ((CP >> 12) & 0x3F));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  }
}

std::string codePointName(unsigned CP) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "U+%04X", CP);
  return Buf;
}

/// Code points Python rejects outside strings that users paste by accident:
/// typographic quotes and invisible spaces.
const char *suggestionForCodePoint(unsigned CP, bool &Reject) {
  Reject = true;
  switch (CP) {
  case 0x2018:
  case 0x2019:
    return "'";
  case 0x201C:
  case 0x201D:
    return "\"";
  default:
    break;
  }
  Reject = (CP >= 0x80 && CP <= 0xA0) || CP == 0x1680 ||
           (CP >= 0x2000 && CP <= 0x200F) || (CP >= 0x2028 && CP <= 0x202F) ||
           (CP >= 0x205F && CP <= 0x206F) || CP == 0x3000 || CP == 0xFEFF;
  return nullptr;
}

void setError(PyToken &Tok, std::string Message, unsigned Begin, unsigned End) {
  Tok.Kind = PyTokenKind::Error;
  Tok.Message = std::move(Message);
  Tok.Begin = Begin;
  Tok.End = End;
  Tok.Spelling = {};
}

} // namespace

bool isPyKeyword(std::string_view Word) {
  static constexpr std::array<std::string_view, 35> Keywords = {
      "False",  "None",   "True",    "and",      "as",       "assert", "async",
      "await",  "break",  "class",   "continue", "def",      "del",    "elif",
      "else",   "except", "finally", "for",      "from",     "global", "if",
      "import", "in",     "is",      "lambda",   "nonlocal", "not",    "or",
      "pass",   "raise",  "return",  "try",      "while",    "with",   "yield"};
  return std::find(Keywords.begin(), Keywords.end(), Word) != Keywords.end();
}

unsigned PyLexer::utf8Length(unsigned Pos, unsigned *CodePoint) const {
  auto Byte = [&](unsigned I) { return (unsigned char)Text[I]; };
  unsigned char Lead = Byte(Pos);
  unsigned Len, CP;
  if (Lead >= 0xC2 && Lead <= 0xDF) {
    Len = 2;
    CP = Lead & 0x1F;
  } else if (Lead >= 0xE0 && Lead <= 0xEF) {
    Len = 3;
    CP = Lead & 0x0F;
  } else if (Lead >= 0xF0 && Lead <= 0xF4) {
    Len = 4;
    CP = Lead & 0x07;
  } else {
    return 0;
  }
  if (Text.size() - Pos < Len)
    return 0;
  for (unsigned I = 1; I < Len; ++I) {
    if ((Byte(Pos + I) & 0xC0) != 0x80)
      return 0;
    CP = (CP << 6) | (Byte(Pos + I) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((Len == 3 && (CP < 0x800 || (CP >= 0xD800 && CP <= 0xDFFF))) ||
      (Len == 4 && (CP < 0x10000 || CP > 0x10FFFF)))
    return 0;
  if (CodePoint)
    *CodePoint = CP;
  return Len;
}

bool PyLexer::isIdentByte(unsigned Pos) const {
  if (Pos >= Text.size())
    return false;
  char C = Text[Pos];
  return isAsciiIdentStart(C) || isAsciiDigit(C) || (unsigned char)C >= 0x80;
}

bool PyLexer::skipSpace(unsigned &Pos, PyToken &Error) const {
  const unsigned Size = Text.size();
  while (Pos < Size) {
    char C = Text[Pos];
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' ||
        C == '\v') {
      ++Pos;
      continue;
    }
    // Explicit line joining: Python and the C preprocessor agree on it.
    if (C == '\\' && Pos + 1 < Size &&
        (Text[Pos + 1] == '\n' || Text[Pos + 1] == '\r')) {
      Pos += 2;
      if (Text[Pos - 1] == '\r' && Pos < Size && Text[Pos] == '\n')
        ++Pos;
      continue;
    }
    if (Options.AllowCppComments && C == '/' && Pos + 1 < Size) {
      if (Text[Pos + 1] == '/') {
        while (Pos < Size && Text[Pos] != '\n')
          ++Pos;
        continue;
      }
      if (Text[Pos + 1] == '*') {
        size_t Close = Text.find("*/", Pos + 2);
        if (Close == std::string_view::npos) {
          setError(Error, "unterminated /* comment", Pos, Pos + 2);
          return false;
        }
        Pos = Close + 2;
        continue;
      }
    }
    break;
  }
  return true;
}

PyToken PyLexer::lex(unsigned Pos) const {
  PyToken Tok;
  if (!skipSpace(Pos, Tok))
    return Tok;
  const unsigned Size = Text.size();
  Tok.Begin = Tok.End = Pos;
  if (Pos >= Size) {
    Tok.Kind = PyTokenKind::End;
    return Tok;
  }
  char C = Text[Pos];
  if (C == '"' || C == '\'') {
    lexString(Pos, 0, Tok);
  } else if (isAsciiDigit(C) ||
             (C == '.' && Pos + 1 < Size && isAsciiDigit(Text[Pos + 1]))) {
    lexNumber(Pos, Tok);
  } else if (isAsciiIdentStart(C) || (unsigned char)C >= 0x80) {
    lexNameOrString(Pos, Tok);
  } else {
    lexOp(Pos, Tok);
  }
  return Tok;
}

void PyLexer::lexNameOrString(unsigned Begin, PyToken &Tok) const {
  const unsigned Size = Text.size();
  unsigned Pos = Begin;
  while (Pos < Size) {
    unsigned char C = Text[Pos];
    if (C < 0x80) {
      if (!isAsciiIdentStart(C) && !isAsciiDigit(C))
        break;
      ++Pos;
      continue;
    }
    unsigned CP = 0;
    unsigned Len = utf8Length(Pos, &CP);
    if (Len == 0) {
      char Buf[48];
      std::snprintf(Buf, sizeof Buf, "invalid UTF-8 byte 0x%02X", C);
      setError(Tok, Buf, Pos, Pos + 1);
      return;
    }
    bool Reject = false;
    if (const char *Quote = suggestionForCodePoint(CP, Reject)) {
      setError(Tok,
               "invalid character " + codePointName(CP) + "; did you mean '" +
                   Quote + "'?",
               Pos, Pos + Len);
      return;
    }
    if (Reject) {
      setError(Tok, "invalid non-printable character " + codePointName(CP), Pos,
               Pos + Len);
      return;
    }
    Pos += Len;
  }
  std::string_view Word = Text.substr(Begin, Pos - Begin);
  if (Pos < Size && (Text[Pos] == '"' || Text[Pos] == '\'') &&
      Word.size() <= 2) {
    std::string Lower;
    for (char C : Word)
      Lower += char(C >= 'A' && C <= 'Z' ? C - 'A' + 'a' : C);
    if (Lower == "r" || Lower == "u" || Lower == "b" || Lower == "f" ||
        Lower == "br" || Lower == "rb" || Lower == "fr" || Lower == "rf") {
      lexString(Begin, Word.size(), Tok);
      return;
    }
  }
  Tok.Kind = PyTokenKind::Name;
  Tok.End = Pos;
  Tok.Spelling = Word;
}

void PyLexer::lexString(unsigned Begin, unsigned PrefixLen,
                        PyToken &Tok) const {
  const unsigned Size = Text.size();
  bool Raw = false, Bytes = false, Format = false;
  for (unsigned I = Begin; I < Begin + PrefixLen; ++I) {
    char C = Text[I];
    Raw |= C == 'r' || C == 'R';
    Bytes |= C == 'b' || C == 'B';
    Format |= C == 'f' || C == 'F';
  }
  unsigned QuotePos = Begin + PrefixLen;
  char Quote = Text[QuotePos];
  bool Triple = QuotePos + 2 < Size && Text[QuotePos + 1] == Quote &&
                Text[QuotePos + 2] == Quote;
  unsigned QuoteLen = Triple ? 3 : 1;
  unsigned ContentBegin = QuotePos + QuoteLen;
  auto unterminated = [&] {
    setError(Tok,
             Triple ? "unterminated triple-quoted string literal"
                    : "unterminated string literal",
             Begin, ContentBegin);
  };

  std::string Value;
  unsigned Pos = ContentBegin;
  unsigned ContentEnd = 0;
  while (true) {
    if (Pos >= Size) {
      unterminated();
      return;
    }
    char C = Text[Pos];
    if (C == Quote && (!Triple || (Pos + 2 < Size && Text[Pos + 1] == Quote &&
                                   Text[Pos + 2] == Quote))) {
      ContentEnd = Pos;
      Pos += QuoteLen;
      break;
    }
    if (!Triple && (C == '\n' || C == '\r')) {
      unterminated();
      return;
    }
    if (C != '\\') {
      Value += C;
      ++Pos;
      continue;
    }
    // A backslash: even in a raw string it keeps the next byte from
    // closing the literal.
    if (Pos + 1 >= Size) {
      unterminated();
      return;
    }
    char Next = Text[Pos + 1];
    if (Raw) {
      Value += C;
      Value += Next;
      Pos += 2;
      continue;
    }
    unsigned EscBegin = Pos;
    Pos += 2;
    switch (Next) {
    case '\n':
      break;
    case '\r':
      if (Pos < Size && Text[Pos] == '\n')
        ++Pos;
      break;
    case '\\':
    case '\'':
    case '"':
      Value += Next;
      break;
    case 'a':
      Value += '\a';
      break;
    case 'b':
      Value += '\b';
      break;
    case 'f':
      Value += '\f';
      break;
    case 'n':
      Value += '\n';
      break;
    case 'r':
      Value += '\r';
      break;
    case 't':
      Value += '\t';
      break;
    case 'v':
      Value += '\v';
      break;
    case 'x':
    case 'u':
    case 'U': {
      unsigned Digits = Next == 'x' ? 2 : Next == 'u' ? 4 : 8;
      unsigned CP = 0;
      for (unsigned I = 0; I < Digits; ++I) {
        if (Pos >= Size || !isHexDigit(Text[Pos])) {
          const char *Msg = Next == 'x'   ? "truncated '\\xXX' escape"
                            : Next == 'u' ? "truncated '\\uXXXX' escape"
                                          : "truncated '\\UXXXXXXXX' escape";
          setError(Tok, Msg, EscBegin, Pos);
          return;
        }
        CP = CP * 16 + hexValue(Text[Pos++]);
      }
      if (CP > 0x10FFFF) {
        setError(Tok, "illegal Unicode character in escape", EscBegin, Pos);
        return;
      }
      appendUtf8(Value, CP);
      break;
    }
    case 'N':
      setError(Tok, "named Unicode escapes ('\\N{...}') are not supported",
               EscBegin, Pos);
      return;
    default:
      if (isOctDigit(Next)) {
        unsigned CP = Next - '0';
        for (unsigned I = 0; I < 2 && Pos < Size && isOctDigit(Text[Pos]); ++I)
          CP = CP * 8 + (Text[Pos++] - '0');
        appendUtf8(Value, CP);
        break;
      }
      // Python keeps unknown escapes as written; the next byte is copied
      // on the next iteration (it may start a UTF-8 sequence or be a
      // quote-free character).
      Value += '\\';
      Pos = EscBegin + 1;
      break;
    }
  }

  if (Format) {
    setError(Tok, "f-strings are not supported", Begin, Pos);
    return;
  }
  if (Bytes) {
    setError(Tok, "bytes literals are not supported", Begin, Pos);
    return;
  }
  Tok.Kind = PyTokenKind::String;
  Tok.End = Pos;
  Tok.Spelling = Text.substr(Begin, Pos - Begin);
  Tok.ValueOffset = ContentBegin;
  Tok.Verbatim = Text.substr(ContentBegin, ContentEnd - ContentBegin) == Value;
  Tok.Value = std::move(Value);
}

void PyLexer::lexNumber(unsigned Begin, PyToken &Tok) const {
  const unsigned Size = Text.size();
  unsigned Pos = Begin;
  // Digits with single underscores between them; returns the count of
  // digits consumed.
  auto digits = [&](bool (*IsDigit)(char), bool AllowLeadingUnderscore) {
    unsigned Count = 0;
    while (Pos < Size) {
      if (IsDigit(Text[Pos])) {
        ++Pos;
        ++Count;
        continue;
      }
      if (Text[Pos] == '_' && (Count > 0 || AllowLeadingUnderscore) &&
          Pos + 1 < Size && IsDigit(Text[Pos + 1])) {
        ++Pos;
        continue;
      }
      break;
    }
    return Count;
  };
  const char *Kind = "decimal";
  bool IsInteger = true;
  if (Text[Pos] == '0' && Pos + 1 < Size &&
      (Text[Pos + 1] == 'x' || Text[Pos + 1] == 'X' || Text[Pos + 1] == 'o' ||
       Text[Pos + 1] == 'O' || Text[Pos + 1] == 'b' || Text[Pos + 1] == 'B')) {
    char Base = Text[Pos + 1] | 0x20;
    Pos += 2;
    bool (*IsDigit)(char) = Base == 'x'   ? isHexDigit
                            : Base == 'o' ? isOctDigit
                                          : isBinDigit;
    Kind = Base == 'x' ? "hexadecimal" : Base == 'o' ? "octal" : "binary";
    if (digits(IsDigit, /*AllowLeadingUnderscore=*/true) == 0) {
      while (isIdentByte(Pos))
        ++Pos;
      setError(Tok, std::string("invalid ") + Kind + " literal", Begin, Pos);
      return;
    }
  } else {
    digits(isAsciiDigit, false);
    if (Pos < Size && Text[Pos] == '.') {
      IsInteger = false;
      ++Pos;
      digits(isAsciiDigit, false);
    }
    if (Pos < Size && (Text[Pos] == 'e' || Text[Pos] == 'E')) {
      unsigned Exp = Pos + 1;
      if (Exp < Size && (Text[Exp] == '+' || Text[Exp] == '-'))
        ++Exp;
      if (Exp < Size && isAsciiDigit(Text[Exp])) {
        IsInteger = false;
        Pos = Exp;
        digits(isAsciiDigit, false);
      }
    }
    if (Pos < Size && (Text[Pos] == 'j' || Text[Pos] == 'J')) {
      IsInteger = false;
      ++Pos;
    }
  }
  if (isIdentByte(Pos)) {
    unsigned End = Pos;
    while (isIdentByte(End))
      ++End;
    setError(Tok, std::string("invalid ") + Kind + " literal", Begin, End);
    return;
  }
  std::string_view Spelling = Text.substr(Begin, Pos - Begin);
  if (IsInteger && Kind == std::string_view("decimal") && Spelling.size() > 1 &&
      Spelling[0] == '0' &&
      Spelling.find_first_not_of("0_") != std::string_view::npos) {
    setError(Tok,
             "leading zeros in decimal integer literals are not permitted; "
             "use an 0o prefix for octal integers",
             Begin, Pos);
    return;
  }
  Tok.Kind = PyTokenKind::Number;
  Tok.End = Pos;
  Tok.Spelling = Spelling;
}

void PyLexer::lexOp(unsigned Begin, PyToken &Tok) const {
  static constexpr std::array<std::string_view, 45> Ops = {
      // Longest first so that the first match is the maximal munch.
      "**=", "//=", ">>=", "<<=", "**", "//", "<<", ">>", "<=",
      ">=",  "==",  "!=",  "->",  ":=", "+=", "-=", "*=", "/=",
      "%=",  "&=",  "|=",  "^=",  "@=", "(",  ")",  "[",  "]",
      "{",   "}",   ",",   ":",   ".",  ";",  "@",  "=",  "<",
      ">",   "+",   "-",   "*",   "/",  "%",  "&",  "|",  "^"};
  std::string_view Rest = Text.substr(Begin);
  for (std::string_view Op : Ops) {
    if (Rest.substr(0, Op.size()) == Op) {
      Tok.Kind = PyTokenKind::Op;
      Tok.End = Begin + Op.size();
      Tok.Spelling = Text.substr(Begin, Op.size());
      return;
    }
  }
  if (Rest[0] == '~') {
    Tok.Kind = PyTokenKind::Op;
    Tok.End = Begin + 1;
    Tok.Spelling = Text.substr(Begin, 1);
    return;
  }
  unsigned char C = Rest[0];
  if (C == '\\') {
    setError(Tok, "unexpected character after line continuation character",
             Begin, Begin + 1);
    return;
  }
  if (C >= 0x20 && C < 0x7F) {
    setError(Tok, std::string("unexpected character '") + char(C) + "'", Begin,
             Begin + 1);
    return;
  }
  setError(Tok, "unexpected character " + codePointName(C), Begin, Begin + 1);
}

} // namespace relcheck
