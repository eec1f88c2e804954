//===- PyExpr.cpp - Rendering and inspecting Python expressions -----------===//

#include "annotations/PyExpr.h"

#include <cstdio>

namespace relcheck {

namespace {

/// Python's precedence levels, loosest first.
enum Prec : int {
  PrecKeyword = 1,
  PrecOr,
  PrecAnd,
  PrecNot,
  PrecCompare,
  PrecBitOr,
  PrecBitXor,
  PrecBitAnd,
  PrecShift,
  PrecArith,
  PrecTerm,
  PrecUnary,
  PrecPower,
  PrecAtom,
};

int binOpPrecedence(const std::string &Op) {
  if (Op == "|")
    return PrecBitOr;
  if (Op == "^")
    return PrecBitXor;
  if (Op == "&")
    return PrecBitAnd;
  if (Op == "<<" || Op == ">>")
    return PrecShift;
  if (Op == "+" || Op == "-")
    return PrecArith;
  if (Op == "**")
    return PrecPower;
  return PrecTerm;
}

int precedence(const PyExpr &E) {
  switch (E.K) {
  case PyExpr::Kind::Keyword:
    return PrecKeyword;
  case PyExpr::Kind::BoolOp:
    return E.Text == "or" ? PrecOr : PrecAnd;
  case PyExpr::Kind::UnaryOp:
    return E.Text == "not" ? PrecNot : PrecUnary;
  case PyExpr::Kind::Compare:
    return PrecCompare;
  case PyExpr::Kind::BinOp:
    return binOpPrecedence(E.Text);
  default:
    return PrecAtom;
  }
}

/// A hand-built tree may lack children; render a placeholder rather than
/// crash.
const PyExpr &child(const PyExpr &E, size_t I) {
  static const PyExpr Missing = [] {
    PyExpr M;
    M.Text = "_";
    return M;
  }();
  return I < E.Children.size() ? E.Children[I] : Missing;
}

void renderString(const std::string &Value, std::string &Out) {
  char Quote = '"';
  if (Value.find('"') != std::string::npos &&
      Value.find('\'') == std::string::npos)
    Quote = '\'';
  Out += Quote;
  for (char C : Value) {
    unsigned char U = C;
    if (C == Quote || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C == '\r') {
      Out += "\\r";
    } else if (C == '\t') {
      Out += "\\t";
    } else if (U < 0x20 || U == 0x7F) {
      char Buf[8];
      std::snprintf(Buf, sizeof Buf, "\\x%02x", U);
      Out += Buf;
    } else {
      Out += C;
    }
  }
  Out += Quote;
}

void render(const PyExpr &E, int MinPrec, std::string &Out);

/// Comma-separated children from From on; keyword arguments only render
/// bare where MinPrec allows them (calls).
void renderList(const PyExpr &E, size_t From, int MinPrec, std::string &Out) {
  for (size_t I = From; I < E.Children.size(); ++I) {
    if (I > From)
      Out += ", ";
    render(E.Children[I], MinPrec, Out);
  }
}

void renderUnparenthesized(const PyExpr &E, std::string &Out) {
  switch (E.K) {
  case PyExpr::Kind::Name:
  case PyExpr::Kind::Number:
  case PyExpr::Kind::Constant:
    Out += E.Text;
    return;
  case PyExpr::Kind::String:
    renderString(E.Text, Out);
    return;
  case PyExpr::Kind::Attribute: {
    const PyExpr &Object = child(E, 0);
    // "1.real" would lex as the number "1." followed by a name.
    if (Object.is(PyExpr::Kind::Number)) {
      Out += '(';
      render(Object, PrecOr, Out);
      Out += ')';
    } else {
      render(Object, PrecAtom, Out);
    }
    Out += '.';
    Out += E.Text;
    return;
  }
  case PyExpr::Kind::Subscript: {
    render(child(E, 0), PrecAtom, Out);
    Out += '[';
    // x[a, b] indexes with a tuple as written: parentheses would nest the
    // text one level deeper than what was parsed, and a subscript chain
    // at the parser's depth limit would no longer parse.
    const PyExpr &Index = child(E, 1);
    if (Index.is(PyExpr::Kind::Tuple) && !Index.Children.empty()) {
      renderList(Index, 0, PrecOr, Out);
      if (Index.Children.size() == 1)
        Out += ',';
    } else {
      render(Index, PrecOr, Out);
    }
    Out += ']';
    return;
  }
  case PyExpr::Kind::Call:
    render(child(E, 0), PrecAtom, Out);
    Out += '(';
    renderList(E, 1, PrecKeyword, Out);
    Out += ')';
    return;
  case PyExpr::Kind::Keyword:
    Out += E.Text;
    Out += '=';
    render(child(E, 0), PrecOr, Out);
    return;
  case PyExpr::Kind::List:
    Out += '[';
    renderList(E, 0, PrecOr, Out);
    Out += ']';
    return;
  case PyExpr::Kind::Tuple:
    Out += '(';
    renderList(E, 0, PrecOr, Out);
    if (E.Children.size() == 1)
      Out += ',';
    Out += ')';
    return;
  case PyExpr::Kind::Dict:
    Out += '{';
    for (size_t I = 0; I < E.Children.size(); I += 2) {
      if (I > 0)
        Out += ", ";
      render(E.Children[I], PrecOr, Out);
      Out += ": ";
      render(child(E, I + 1), PrecOr, Out);
    }
    Out += '}';
    return;
  case PyExpr::Kind::Compare:
    render(child(E, 0), PrecBitOr, Out);
    Out += ' ';
    Out += E.Text;
    Out += ' ';
    render(child(E, 1), PrecBitOr, Out);
    return;
  case PyExpr::Kind::BoolOp: {
    // A nested BoolOp of the same operator needs parentheses, or it would
    // come back flattened.
    int Operand = precedence(E) + 1;
    for (size_t I = 0; I < E.Children.size(); ++I) {
      if (I > 0) {
        Out += ' ';
        Out += E.Text;
        Out += ' ';
      }
      render(E.Children[I], Operand, Out);
    }
    return;
  }
  case PyExpr::Kind::UnaryOp:
    Out += E.Text;
    if (E.Text == "not") {
      Out += ' ';
      render(child(E, 0), PrecNot, Out);
    } else {
      render(child(E, 0), PrecUnary, Out);
    }
    return;
  case PyExpr::Kind::BinOp: {
    int P = precedence(E);
    // '**' binds right to left and takes a unary operand on its right.
    bool Power = P == PrecPower;
    render(child(E, 0), Power ? PrecAtom : P, Out);
    Out += ' ';
    Out += E.Text;
    Out += ' ';
    render(child(E, 1), Power ? PrecUnary : P + 1, Out);
    return;
  }
  }
}

void render(const PyExpr &E, int MinPrec, std::string &Out) {
  if (precedence(E) >= MinPrec) {
    renderUnparenthesized(E, Out);
    return;
  }
  Out += '(';
  renderUnparenthesized(E, Out);
  Out += ')';
}

} // namespace

std::string renderPy(const PyExpr &E) {
  std::string Out;
  render(E, PrecKeyword, Out);
  return Out;
}

std::string renderPyArguments(const std::vector<PyExpr> &Args) {
  std::string Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (I > 0)
      Out += ", ";
    render(Args[I], PrecKeyword, Out);
  }
  return Out;
}

std::string dottedName(const PyExpr &E) {
  if (E.is(PyExpr::Kind::Name))
    return E.Text;
  if (!E.is(PyExpr::Kind::Attribute) || E.Children.empty())
    return "";
  std::string Object = dottedName(E.Children[0]);
  if (Object.empty())
    return "";
  return Object + "." + E.Text;
}

void forEachDottedChain(const PyExpr &E,
                        const std::function<void(const std::string &)> &Visit) {
  if (E.is(PyExpr::Kind::Name) || E.is(PyExpr::Kind::Attribute)) {
    std::string Dotted = dottedName(E);
    if (!Dotted.empty()) {
      Visit(Dotted);
      return;
    }
  }
  for (const PyExpr &C : E.Children)
    forEachDottedChain(C, Visit);
}

bool sameStructure(const PyExpr &A, const PyExpr &B) {
  if (A.K != B.K || A.Text != B.Text || A.Children.size() != B.Children.size())
    return false;
  for (size_t I = 0; I < A.Children.size(); ++I)
    if (!sameStructure(A.Children[I], B.Children[I]))
      return false;
  return true;
}

} // namespace relcheck
