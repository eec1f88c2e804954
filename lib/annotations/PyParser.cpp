//===- PyParser.cpp - Parser for the Python expression subset -------------===//
//
// Recursive descent following Python's grammar for expressions. Every
// recursion and every left-nested chain (a.b.c..., a+b+c...) counts towards
// one depth limit, so the stack and the tree depth stay bounded whatever the
// input, and the first error stops the parse.
//
//===----------------------------------------------------------------------===//

#include "annotations/PyExpr.h"
#include "annotations/PyLexer.h"

#include <limits>
#include <unordered_set>

namespace relcheck {

namespace {

/// Python's own parser gives up at about the same nesting.
constexpr unsigned MaxDepth = 200;

/// Nodes of an expression: what repeating it in a chained comparison costs.
size_t nodeCount(const PyExpr &E) {
  size_t N = 1;
  for (const PyExpr &C : E.Children)
    N += nodeCount(C);
  return N;
}

/// Binding power of binary operators (higher binds tighter); 0 when the
/// token is not a binary operator.
int binaryPrecedence(const PyToken &Tok) {
  if (Tok.Kind != PyTokenKind::Op)
    return 0;
  std::string_view S = Tok.Spelling;
  if (S == "|")
    return 1;
  if (S == "^")
    return 2;
  if (S == "&")
    return 3;
  if (S == "<<" || S == ">>")
    return 4;
  if (S == "+" || S == "-")
    return 5;
  if (S == "*" || S == "/" || S == "//" || S == "%" || S == "@")
    return 6;
  return 0;
}

PyExpr makeNode(PyExpr::Kind K, std::string Text, unsigned Begin,
                unsigned End) {
  PyExpr E;
  E.K = K;
  E.Text = std::move(Text);
  E.Begin = Begin;
  E.End = End;
  return E;
}

class PyParser {
public:
  PyParser(std::string_view Text, PyParseError &Err,
           const PyParseOptions &Options)
      : Text(Text), Lex(Text, Options), Err(Err) {
    Tok = Lex.lex(0);
  }

  std::optional<std::vector<PyExpr>> parseTopArguments() {
    std::vector<PyExpr> Args;
    if (!parseArgumentList(/*InCall=*/false, Args))
      return std::nullopt;
    return Args;
  }

  std::optional<PyExpr> parseTopExpression() {
    PyExpr E;
    if (!parseExpressionList(E))
      return std::nullopt;
    if (Tok.Kind != PyTokenKind::End) {
      failAtToken("unexpected " + describe(Tok) + " after the expression");
      return std::nullopt;
    }
    return E;
  }

private:
  struct OpenBracket {
    char Open;
    unsigned Offset;
  };

  /// Counts one level of nesting for as long as it lives.
  class DepthGuard {
  public:
    explicit DepthGuard(PyParser &P) : P(P) { ++P.Depth; }
    ~DepthGuard() { --P.Depth; }
    bool ok() {
      if (P.Depth <= MaxDepth)
        return true;
      return P.fail("expression nested too deeply", P.Tok.Begin, P.Tok.End);
    }

  private:
    PyParser &P;
  };

  void advance() {
    PrevEnd = Tok.End;
    Tok = Lex.lex(Tok.End);
  }
  PyToken peek() const { return Lex.lex(Tok.End); }

  bool fail(std::string Message, unsigned Begin, unsigned End) {
    if (!Failed) {
      Failed = true;
      Err.Message = std::move(Message);
      Err.Begin = Begin;
      Err.End = End;
    }
    return false;
  }

  static char closerFor(char Open) {
    return Open == '(' ? ')' : Open == '[' ? ']' : '}';
  }

  /// Reports an error at the current token. A lexical error, the end of
  /// the text inside a bracket, or a stray closing bracket explain
  /// themselves better than Message does.
  bool failAtToken(const std::string &Message) {
    if (Tok.Kind == PyTokenKind::Error)
      return fail(Tok.Message, Tok.Begin, Tok.End);
    if (Tok.Kind == PyTokenKind::End && !Brackets.empty()) {
      const OpenBracket &B = Brackets.back();
      return fail(std::string("'") + B.Open + "' was never closed", B.Offset,
                  B.Offset + 1);
    }
    if (Tok.isOp(")") || Tok.isOp("]") || Tok.isOp("}")) {
      char Close = Tok.Spelling[0];
      if (Brackets.empty())
        return fail(std::string("unmatched '") + Close + "'", Tok.Begin,
                    Tok.End);
      char Open = Brackets.back().Open;
      if (closerFor(Open) != Close)
        return fail(std::string("closing '") + Close + "' does not match '" +
                        Open + "'",
                    Tok.Begin, Tok.End);
    }
    return fail(Message, Tok.Begin, Tok.End);
  }

  static std::string describe(const PyToken &T) {
    if (T.Kind == PyTokenKind::String)
      return "string literal";
    std::string_view S = T.Spelling;
    if (S.size() > 32)
      return "'" + std::string(S.substr(0, 32)) + "...'";
    return "'" + std::string(S) + "'";
  }

  void openBracket() {
    Brackets.push_back({Tok.Spelling[0], Tok.Begin});
    advance();
  }
  void closeBracket() {
    Brackets.pop_back();
    advance();
  }

  bool startsExpression() const {
    switch (Tok.Kind) {
    case PyTokenKind::Name:
      return !isPyKeyword(Tok.Spelling) || Tok.Spelling == "True" ||
             Tok.Spelling == "False" || Tok.Spelling == "None" ||
             Tok.Spelling == "not" || Tok.Spelling == "lambda";
    case PyTokenKind::Number:
    case PyTokenKind::String:
    case PyTokenKind::Error:
      return true;
    case PyTokenKind::Op:
      return Tok.isOp("(") || Tok.isOp("[") || Tok.isOp("{") || Tok.isOp("-") ||
             Tok.isOp("+") || Tok.isOp("~") || Tok.isOp("*") || Tok.isOp("**");
    case PyTokenKind::End:
      return false;
    }
    return false;
  }

  /// test (',' test)* [','] -- a bare tuple when there is a comma.
  bool parseExpressionList(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    if (!parseTest(Out))
      return false;
    if (!Tok.isOp(","))
      return true;
    PyExpr Tuple = makeNode(PyExpr::Kind::Tuple, "", Start, 0);
    Tuple.Children.push_back(std::move(Out));
    while (Tok.isOp(",")) {
      advance();
      if (!startsExpression())
        break;
      PyExpr Elem;
      if (!parseTest(Elem))
        return false;
      Tuple.Children.push_back(std::move(Elem));
    }
    Tuple.End = PrevEnd;
    Out = std::move(Tuple);
    return true;
  }

  bool parseTest(PyExpr &Out) {
    DepthGuard Guard(*this);
    if (!Guard.ok())
      return false;
    if (Tok.isName("lambda"))
      return fail("lambda is not supported: write the condition as a string",
                  Tok.Begin, Tok.End);
    if (!parseOr(Out))
      return false;
    if (Tok.isName("if"))
      return fail("conditional expressions ('x if c else y') are not "
                  "supported",
                  Tok.Begin, Tok.End);
    if (Tok.isName("for") || Tok.isName("async"))
      return fail("comprehensions are not supported", Tok.Begin, Tok.End);
    if (Tok.isOp(":="))
      return fail("assignment expressions (':=') are not supported", Tok.Begin,
                  Tok.End);
    if (Tok.isOp("="))
      return fail("expression cannot contain assignment; did you mean '=='?",
                  Tok.Begin, Tok.End);
    return true;
  }

  /// Operands separated by one boolean operator, as one flat BoolOp.
  template <typename ParseOperand>
  bool parseBoolOp(const char *Op, PyExpr &Out, ParseOperand Operand) {
    unsigned Start = Tok.Begin;
    if (!(this->*Operand)(Out))
      return false;
    if (!Tok.isName(Op))
      return true;
    PyExpr Node = makeNode(PyExpr::Kind::BoolOp, Op, Start, 0);
    Node.Children.push_back(std::move(Out));
    while (Tok.isName(Op)) {
      advance();
      PyExpr Next;
      if (!(this->*Operand)(Next))
        return false;
      Node.Children.push_back(std::move(Next));
    }
    Node.End = PrevEnd;
    Out = std::move(Node);
    return true;
  }

  bool parseOr(PyExpr &Out) {
    return parseBoolOp("or", Out, &PyParser::parseAnd);
  }
  bool parseAnd(PyExpr &Out) {
    return parseBoolOp("and", Out, &PyParser::parseNot);
  }

  bool parseNot(PyExpr &Out) {
    if (!Tok.isName("not"))
      return parseComparison(Out);
    DepthGuard Guard(*this);
    if (!Guard.ok())
      return false;
    unsigned Start = Tok.Begin;
    advance();
    PyExpr Operand;
    if (!parseNot(Operand))
      return false;
    Out = makeNode(PyExpr::Kind::UnaryOp, "not", Start, PrevEnd);
    Out.Children.push_back(std::move(Operand));
    return true;
  }

  /// Consumes a comparison operator if there is one.
  bool parseCompareOp(std::string &Op, bool &Found) {
    Found = false;
    if (Tok.Kind == PyTokenKind::Op) {
      std::string_view S = Tok.Spelling;
      if (S == "==" || S == "!=" || S == "<" || S == "<=" || S == ">" ||
          S == ">=") {
        Op = std::string(S);
        Found = true;
        advance();
      }
      return true;
    }
    if (Tok.isName("in")) {
      Op = "in";
      Found = true;
      advance();
    } else if (Tok.isName("not")) {
      advance();
      if (!Tok.isName("in"))
        return failAtToken("expected 'in' after 'not'");
      Op = "not in";
      Found = true;
      advance();
    } else if (Tok.isName("is")) {
      advance();
      Op = "is";
      Found = true;
      if (Tok.isName("not")) {
        Op = "is not";
        advance();
      }
    }
    return true;
  }

  bool parseComparison(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    if (!parseBinary(1, Out))
      return false;
    std::vector<PyExpr> Compares;
    unsigned LeftStart = Start;
    while (true) {
      std::string Op;
      bool Found;
      if (!parseCompareOp(Op, Found))
        return false;
      if (!Found)
        break;
      unsigned RightStart = Tok.Begin;
      PyExpr Right;
      if (!parseBinary(1, Right))
        return false;
      // Repeating the middle operand doubles it at every level of chains
      // nested in chains: 771 bytes made a tree of millions of nodes. The
      // repeated nodes are bounded by the text's length, so the tree stays
      // linear in it.
      RepeatedNodes += nodeCount(Right);
      if (RepeatedNodes > 4 * Text.size() + 256)
        return fail("chained comparisons nested too deeply (each repeats "
                    "its middle operand); write them with 'and'",
                    RightStart, PrevEnd);
      PyExpr Cmp = makeNode(PyExpr::Kind::Compare, Op, LeftStart, PrevEnd);
      Cmp.Children.push_back(std::move(Out));
      Cmp.Children.push_back(Right);
      Compares.push_back(std::move(Cmp));
      // A chained comparison repeats the middle operand, as Python's
      // semantics (a < b and b < c) do.
      Out = std::move(Right);
      LeftStart = RightStart;
    }
    if (Compares.empty())
      return true;
    if (Compares.size() == 1) {
      Out = std::move(Compares.front());
      return true;
    }
    Out = makeNode(PyExpr::Kind::BoolOp, "and", Start, PrevEnd);
    Out.Children = std::move(Compares);
    return true;
  }

  /// Precedence climbing over the binary operators below comparisons.
  bool parseBinary(int MinPrec, PyExpr &Out) {
    unsigned Start = Tok.Begin;
    if (!parseFactor(Out))
      return false;
    unsigned Added = 0;
    bool Ok = true;
    while (Ok) {
      int Prec = binaryPrecedence(Tok);
      if (Prec == 0 || Prec < MinPrec)
        break;
      std::string Op(Tok.Spelling);
      advance();
      // Each operator nests the tree one level deeper on the left.
      ++Depth;
      ++Added;
      PyExpr Right;
      if (Depth > MaxDepth) {
        Ok = fail("expression nested too deeply", Tok.Begin, Tok.End);
      } else if ((Ok = parseBinary(Prec + 1, Right))) {
        PyExpr Node = makeNode(PyExpr::Kind::BinOp, Op, Start, PrevEnd);
        Node.Children.push_back(std::move(Out));
        Node.Children.push_back(std::move(Right));
        Out = std::move(Node);
      }
    }
    Depth -= Added;
    return Ok;
  }

  bool parseFactor(PyExpr &Out) {
    if (!(Tok.isOp("-") || Tok.isOp("+") || Tok.isOp("~")))
      return parsePower(Out);
    DepthGuard Guard(*this);
    if (!Guard.ok())
      return false;
    unsigned Start = Tok.Begin;
    std::string Op(Tok.Spelling);
    advance();
    PyExpr Operand;
    if (!parseFactor(Operand))
      return false;
    Out = makeNode(PyExpr::Kind::UnaryOp, Op, Start, PrevEnd);
    Out.Children.push_back(std::move(Operand));
    return true;
  }

  bool parsePower(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    if (!parsePrimary(Out))
      return false;
    if (!Tok.isOp("**"))
      return true;
    advance();
    DepthGuard Guard(*this);
    if (!Guard.ok())
      return false;
    PyExpr Exponent;
    if (!parseFactor(Exponent))
      return false;
    PyExpr Node = makeNode(PyExpr::Kind::BinOp, "**", Start, PrevEnd);
    Node.Children.push_back(std::move(Out));
    Node.Children.push_back(std::move(Exponent));
    Out = std::move(Node);
    return true;
  }

  /// An atom followed by attribute accesses, calls and subscripts.
  bool parsePrimary(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    if (!parseAtom(Out))
      return false;
    unsigned Added = 0;
    bool Ok = true;
    while (Ok) {
      if (!(Tok.isOp(".") || Tok.isOp("(") || Tok.isOp("[")))
        break;
      ++Depth;
      ++Added;
      if (Depth > MaxDepth) {
        Ok = fail("expression nested too deeply", Tok.Begin, Tok.End);
        break;
      }
      if (Tok.isOp(".")) {
        advance();
        if (Tok.Kind != PyTokenKind::Name || isPyKeyword(Tok.Spelling)) {
          Ok = failAtToken("expected an attribute name after '.'");
          break;
        }
        PyExpr Node = makeNode(PyExpr::Kind::Attribute,
                               std::string(Tok.Spelling), Start, Tok.End);
        Node.Children.push_back(std::move(Out));
        Out = std::move(Node);
        advance();
      } else if (Tok.isOp("(")) {
        PyExpr Node = makeNode(PyExpr::Kind::Call, "", Start, 0);
        Node.Children.push_back(std::move(Out));
        openBracket();
        if (!(Ok = parseArgumentList(/*InCall=*/true, Node.Children)))
          break;
        closeBracket();
        Node.End = PrevEnd;
        Out = std::move(Node);
      } else {
        PyExpr Node = makeNode(PyExpr::Kind::Subscript, "", Start, 0);
        Node.Children.push_back(std::move(Out));
        openBracket();
        PyExpr Index;
        if (!(Ok = parseExpressionList(Index)))
          break;
        if (Tok.isOp(":")) {
          Ok = fail("slices are not supported", Tok.Begin, Tok.End);
          break;
        }
        if (!Tok.isOp("]")) {
          Ok = failAtToken("expected ']' after the subscript");
          break;
        }
        closeBracket();
        Node.Children.push_back(std::move(Index));
        Node.End = PrevEnd;
        Out = std::move(Node);
      }
    }
    Depth -= Added;
    return Ok;
  }

  /// Arguments up to ')' (InCall) or the end of the text; appends to Args.
  bool parseArgumentList(bool InCall, std::vector<PyExpr> &Args) {
    auto atEnd = [&] {
      return InCall ? Tok.isOp(")") : Tok.Kind == PyTokenKind::End;
    };
    std::unordered_set<std::string_view> Keywords;
    bool SawKeyword = false;
    while (!atEnd()) {
      if (Tok.isOp("*") || Tok.isOp("**")) {
        bool Double = Tok.Spelling.size() == 2;
        unsigned Begin = Tok.Begin, End = Tok.End;
        PyToken Next = peek();
        if (Next.Kind == PyTokenKind::Name)
          End = Next.End;
        return fail(Double ? "keyword argument unpacking ('**kwargs') is not "
                             "supported"
                           : "argument unpacking ('*args') is not supported",
                    Begin, End);
      }
      if (Tok.Kind == PyTokenKind::Name && !isPyKeyword(Tok.Spelling) &&
          peek().isOp("=")) {
        std::string_view Name = Tok.Spelling;
        unsigned NameBegin = Tok.Begin, NameEnd = Tok.End;
        if (!Keywords.insert(Name).second)
          return fail("keyword argument repeated: '" + std::string(Name) + "'",
                      NameBegin, NameEnd);
        advance(); // the name
        advance(); // '='
        PyExpr Value;
        if (!parseTest(Value))
          return false;
        PyExpr Keyword = makeNode(PyExpr::Kind::Keyword, std::string(Name),
                                  NameBegin, PrevEnd);
        Keyword.Children.push_back(std::move(Value));
        Args.push_back(std::move(Keyword));
        SawKeyword = true;
      } else {
        unsigned ArgBegin = Tok.Begin;
        PyExpr Arg;
        if (!parseTest(Arg))
          return false;
        if (SawKeyword)
          return fail("positional argument follows keyword argument", ArgBegin,
                      PrevEnd);
        Args.push_back(std::move(Arg));
      }
      if (Tok.isOp(",")) {
        advance();
        continue;
      }
      if (!atEnd())
        return failAtToken(InCall ? "expected ',' or ')' after argument"
                                  : "expected ',' after argument");
    }
    return true;
  }

  bool parseAtom(PyExpr &Out) {
    switch (Tok.Kind) {
    case PyTokenKind::Error:
    case PyTokenKind::End:
      return failAtToken("expected an expression");
    case PyTokenKind::Number:
      Out = makeNode(PyExpr::Kind::Number, std::string(Tok.Spelling), Tok.Begin,
                     Tok.End);
      advance();
      return true;
    case PyTokenKind::String:
      return parseStrings(Out);
    case PyTokenKind::Name:
      if (Tok.Spelling == "True" || Tok.Spelling == "False" ||
          Tok.Spelling == "None") {
        Out = makeNode(PyExpr::Kind::Constant, std::string(Tok.Spelling),
                       Tok.Begin, Tok.End);
      } else if (Tok.Spelling == "lambda") {
        return fail("lambda is not supported: write the condition as a "
                    "string",
                    Tok.Begin, Tok.End);
      } else if (isPyKeyword(Tok.Spelling)) {
        return failAtToken("expected an expression");
      } else {
        Out = makeNode(PyExpr::Kind::Name, std::string(Tok.Spelling), Tok.Begin,
                       Tok.End);
      }
      advance();
      return true;
    case PyTokenKind::Op:
      if (Tok.isOp("("))
        return parseParenthesized(Out);
      if (Tok.isOp("["))
        return parseList(Out);
      if (Tok.isOp("{"))
        return parseDict(Out);
      return failAtToken("expected an expression");
    }
    return failAtToken("expected an expression");
  }

  /// Adjacent literals concatenate, as in Python.
  bool parseStrings(PyExpr &Out) {
    Out = makeNode(PyExpr::Kind::String, std::move(Tok.Value), Tok.Begin,
                   Tok.End);
    Out.ValueOffset = Tok.ValueOffset;
    Out.Verbatim = Tok.Verbatim;
    advance();
    while (Tok.Kind == PyTokenKind::String) {
      Out.Text += Tok.Value;
      Out.Verbatim = false;
      advance();
    }
    Out.End = PrevEnd;
    return true;
  }

  bool parseParenthesized(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    openBracket();
    if (Tok.isOp(")")) {
      closeBracket();
      Out = makeNode(PyExpr::Kind::Tuple, "", Start, PrevEnd);
      return true;
    }
    if (!parseTest(Out))
      return false;
    if (Tok.isOp(")")) {
      // A parenthesized expression keeps its own extent, as in Python.
      closeBracket();
      return true;
    }
    if (!Tok.isOp(","))
      return failAtToken("expected ')'");
    PyExpr Tuple = makeNode(PyExpr::Kind::Tuple, "", Start, 0);
    Tuple.Children.push_back(std::move(Out));
    while (Tok.isOp(",")) {
      advance();
      if (Tok.isOp(")"))
        break;
      PyExpr Elem;
      if (!parseTest(Elem))
        return false;
      Tuple.Children.push_back(std::move(Elem));
    }
    if (!Tok.isOp(")"))
      return failAtToken("expected ',' or ')' after tuple element");
    closeBracket();
    Tuple.End = PrevEnd;
    Out = std::move(Tuple);
    return true;
  }

  bool parseList(PyExpr &Out) {
    PyExpr List = makeNode(PyExpr::Kind::List, "", Tok.Begin, 0);
    openBracket();
    while (!Tok.isOp("]")) {
      PyExpr Elem;
      if (!parseTest(Elem))
        return false;
      List.Children.push_back(std::move(Elem));
      if (Tok.isOp(","))
        advance();
      else if (!Tok.isOp("]"))
        return failAtToken("expected ',' or ']' after list element");
    }
    closeBracket();
    List.End = PrevEnd;
    Out = std::move(List);
    return true;
  }

  bool parseDict(PyExpr &Out) {
    unsigned Start = Tok.Begin;
    PyExpr Dict = makeNode(PyExpr::Kind::Dict, "", Start, 0);
    openBracket();
    while (!Tok.isOp("}")) {
      if (Tok.isOp("**"))
        return fail("dict unpacking ('**') is not supported", Tok.Begin,
                    Tok.End);
      PyExpr Key, Value;
      if (!parseTest(Key))
        return false;
      if (!Tok.isOp(":")) {
        if (Dict.Children.empty() && (Tok.isOp(",") || Tok.isOp("}")))
          return fail("set literals are not supported", Start, Start + 1);
        return failAtToken("expected ':' after dict key");
      }
      advance();
      if (!parseTest(Value))
        return false;
      Dict.Children.push_back(std::move(Key));
      Dict.Children.push_back(std::move(Value));
      if (Tok.isOp(","))
        advance();
      else if (!Tok.isOp("}"))
        return failAtToken("expected ',' or '}' after dict entry");
    }
    closeBracket();
    Dict.End = PrevEnd;
    Out = std::move(Dict);
    return true;
  }

  std::string_view Text;
  PyLexer Lex;
  PyParseError &Err;
  PyToken Tok;
  unsigned PrevEnd = 0;
  unsigned Depth = 0;
  size_t RepeatedNodes = 0;
  bool Failed = false;
  std::vector<OpenBracket> Brackets;
};

/// Offsets are unsigned; refuse texts they cannot address.
bool checkSize(std::string_view Text, PyParseError &Err) {
  if (Text.size() < std::numeric_limits<unsigned>::max() / 2)
    return true;
  Err.Message = "text too long to parse";
  Err.Begin = Err.End = 0;
  return false;
}

} // namespace

std::optional<std::vector<PyExpr>>
parsePyArguments(std::string_view Text, PyParseError &Err,
                 const PyParseOptions &Options) {
  if (!checkSize(Text, Err))
    return std::nullopt;
  return PyParser(Text, Err, Options).parseTopArguments();
}

std::optional<PyExpr> parsePyExpression(std::string_view Text,
                                        PyParseError &Err,
                                        const PyParseOptions &Options) {
  if (!checkSize(Text, Err))
    return std::nullopt;
  return PyParser(Text, Err, Options).parseTopExpression();
}

} // namespace relcheck
