//===- PyLexer.h - Tokens of the Python expression subset -------*- C++ -*-===//
//
// The lexer is stateless: lex(Pos) returns the token starting at or after
// Pos. The parser pulls tokens one at a time, so a megabyte of '(' costs
// nothing beyond the nesting limit, and peeking is just lexing again.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"

#include <string>
#include <string_view>

namespace relcheck {

enum class PyTokenKind {
  End,    ///< End of the text (Begin == End == text size).
  Name,   ///< Identifier or keyword; Spelling is the identifier.
  Number, ///< Spelling is the literal as written.
  String, ///< One literal; Value is the decoded content.
  Op,     ///< Operator or bracket; Spelling is the operator.
  Error,  ///< Lexical error; Message, and Begin/End are the offending bytes.
};

struct PyToken {
  PyTokenKind Kind = PyTokenKind::End;
  unsigned Begin = 0;
  unsigned End = 0;
  std::string_view Spelling;
  /// String: decoded value, offset of the first content byte, and whether
  /// the value equals the content bytes as written.
  std::string Value;
  unsigned ValueOffset = 0;
  bool Verbatim = false;
  /// Error only.
  std::string Message;

  bool isOp(std::string_view Op) const {
    return Kind == PyTokenKind::Op && Spelling == Op;
  }
  bool isName(std::string_view Name) const {
    return Kind == PyTokenKind::Name && Spelling == Name;
  }
};

/// True for Python's reserved words (which are never plain names).
bool isPyKeyword(std::string_view Word);

class PyLexer {
public:
  PyLexer(std::string_view Text, const PyParseOptions &Options)
      : Text(Text), Options(Options) {}

  /// The token starting at or after Pos, after skipping white space (and
  /// comments when the options allow them).
  PyToken lex(unsigned Pos) const;

private:
  /// Skips white space; on an unterminated comment fills Error and returns
  /// false.
  bool skipSpace(unsigned &Pos, PyToken &Error) const;
  void lexString(unsigned Begin, unsigned PrefixLen, PyToken &Tok) const;
  void lexNumber(unsigned Begin, PyToken &Tok) const;
  void lexNameOrString(unsigned Begin, PyToken &Tok) const;
  void lexOp(unsigned Begin, PyToken &Tok) const;
  /// Length of a valid UTF-8 sequence at Pos, or 0.
  unsigned utf8Length(unsigned Pos, unsigned *CodePoint = nullptr) const;
  bool isIdentByte(unsigned Pos) const;

  std::string_view Text;
  PyParseOptions Options;
};

} // namespace relcheck
