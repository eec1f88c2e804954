//===- PyExpr.h - Python expressions in annotation arguments ----*- C++ -*-===//
//
// The annotation macros take SQLAlchemy's declarative vocabulary in Python
// call syntax, and join conditions are Python expressions inside strings.
// PyExpr is the syntax tree for both; the parser never evaluates anything.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// One node of a parsed Python expression. Offsets are byte offsets into the
/// text that was parsed (the caller maps them to file positions).
struct PyExpr {
  enum class Kind {
    Name,      ///< Text = identifier.
    String,    ///< Text = decoded value (adjacent literals concatenated).
    Number,    ///< Text = spelling.
    Constant,  ///< Text = "True", "False" or "None".
    Attribute, ///< Text = attribute name; Children[0] = object.
    Subscript, ///< Children[0] = object, Children[1] = index.
    Call,      ///< Children[0] = callee; then the arguments, keyword
               ///< arguments as Keyword nodes.
    Keyword,   ///< Text = keyword; Children[0] = value. Only inside Call
               ///< or in an argument list.
    List,      ///< Children = elements.
    Tuple,     ///< Children = elements (parenthesized or bare).
    Dict,      ///< Children = key0, value0, key1, value1, ...
    Compare,   ///< Text = "==", "!=", "<", "<=", ">", ">=", "in", "not in",
               ///< "is", "is not"; Children = the two operands. A chained
               ///< comparison a < b < c becomes BoolOp("and") of Compares.
    BoolOp,    ///< Text = "and" / "or"; Children = operands (>= 2).
    UnaryOp,   ///< Text = "not", "-", "+", "~"; Children[0] = operand.
    BinOp,     ///< Text = "+", "-", "*", "/", "//", "%", "&", "|", "^",
               ///< "<<", ">>", "**", "@"; Children = the two operands.
  };

  Kind K = Kind::Name;
  std::string Text;
  std::vector<PyExpr> Children;
  unsigned Begin = 0; ///< First byte of the node in the parsed text.
  unsigned End = 0;   ///< One past its last byte.
  /// String only: the decoded value is exactly the source bytes starting at
  /// ValueOffset (no escapes, no prefix surprises, a single literal). Lets a
  /// caller map positions inside the string (e.g. a join condition) back to
  /// the file; when false, positions inside map to the whole literal.
  bool Verbatim = false;
  unsigned ValueOffset = 0;

  bool is(Kind Other) const { return K == Other; }
  /// True for a Keyword node with this keyword.
  bool isKeyword(std::string_view Name) const {
    return K == Kind::Keyword && Text == Name;
  }
};

/// A syntax error: message and the byte range it concerns in the parsed text.
struct PyParseError {
  std::string Message; ///< e.g. "expected ')' to close '(' at column 12"
  unsigned Begin = 0;
  unsigned End = 0;
};

struct PyParseOptions {
  /// Treat C/C++ comments (// ..., /* ... */) and backslash-newline as
  /// white space: needed when parsing raw macro arguments from a C++ file.
  bool AllowCppComments = false;
};

/// Parses the inside of a call's parentheses: "a, b, key=value, ..." (a
/// trailing comma is allowed; empty text gives an empty list). Keyword
/// arguments come back as Keyword nodes. Returns std::nullopt and fills Err
/// on a syntax error (never throws, never crashes on any input).
std::optional<std::vector<PyExpr>>
parsePyArguments(std::string_view Text, PyParseError &Err,
                 const PyParseOptions &Options = {});

/// Parses one expression (e.g. the content of a primaryjoin string).
std::optional<PyExpr> parsePyExpression(std::string_view Text,
                                        PyParseError &Err,
                                        const PyParseOptions &Options = {});

/// Renders an expression as canonical Python source (single spaces around
/// binary operators, double-quoted strings, no spaces after '(' ...).
/// parse(render(E)) == E structurally.
std::string renderPy(const PyExpr &E);

/// Renders an argument list ("a, key=value") as canonical Python: the
/// inverse of parsePyArguments.
std::string renderPyArguments(const std::vector<PyExpr> &Args);

/// True when A and B have the same kinds, texts and children, ignoring
/// offsets and the String-only Verbatim/ValueOffset.
bool sameStructure(const PyExpr &A, const PyExpr &B);

/// Dotted name of a Name/Attribute chain ("Address.user_id",
/// "assoc.c.left_id"); empty for anything else.
std::string dottedName(const PyExpr &E);

/// Calls Visit with each maximal dotted chain in E ("Address.email.desc" in
/// "Address.email.desc()"), outermost first; other leaves are skipped.
void forEachDottedChain(const PyExpr &E,
                        const std::function<void(const std::string &)> &Visit);

} // namespace relcheck
