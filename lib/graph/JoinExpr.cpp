//===- JoinExpr.cpp - join conditions as SQLAlchemy evaluates them --------===//

#include "graph/JoinExpr.h"

#include "annotations/PyLexer.h"
#include "graph/NameResolution.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

namespace relcheck {

namespace {

using PK = PyExpr::Kind;

/// Column operator methods SQLAlchemy compiles into comparison operators.
const std::set<std::string> &comparisonMethods() {
  static const std::set<std::string> Methods = {"startswith",
                                                "endswith",
                                                "contains",
                                                "like",
                                                "ilike",
                                                "notlike",
                                                "not_like",
                                                "notilike",
                                                "not_ilike",
                                                "in_",
                                                "notin_",
                                                "not_in",
                                                "is_",
                                                "isnot",
                                                "is_not",
                                                "is_distinct_from",
                                                "isnot_distinct_from",
                                                "is_not_distinct_from",
                                                "between",
                                                "match",
                                                "regexp_match",
                                                "__eq__",
                                                "__ne__",
                                                "__lt__",
                                                "__le__",
                                                "__gt__",
                                                "__ge__"};
  return Methods;
}

std::string lastComponent(const PyExpr &Callee) {
  if (Callee.is(PK::Name) || Callee.is(PK::Attribute))
    return Callee.Text;
  return "";
}

/// and_, sqlalchemy.and_, sa.and_ ... but not a column method call.
bool isNamedFunction(const PyExpr &Callee, const char *Name) {
  return lastComponent(Callee) == Name;
}

void markColumns(JoinTerm &T, bool Foreign, bool Remote, bool &Marked) {
  if (T.isColumn()) {
    T.Foreign |= Foreign;
    T.Remote |= Remote;
    Marked = true;
  }
  for (JoinTerm &C : T.Children)
    markColumns(C, Foreign, Remote, Marked);
}

class TermBuilder {
public:
  TermBuilder(const ColumnResolver &Resolve, JoinBuildNotes &Notes)
      : Resolve(Resolve), Notes(Notes) {}

  JoinTerm build(const PyExpr &E) {
    switch (E.K) {
    case PK::Keyword:
      return E.Children.empty() ? leaf(E) : build(E.Children[0]);
    case PK::Name:
    case PK::Attribute:
    case PK::Subscript:
      return reference(E);
    case PK::Call:
      // getattr(Class, 'from') is a column reference; other calls are not.
      return joinDottedName(E).empty() ? call(E) : reference(E);
    case PK::Compare: {
      JoinTerm T = node(JoinTerm::Kind::Binary, E);
      T.Op = E.Text;
      T.Comparison = true;
      for (const PyExpr &C : E.Children)
        T.Children.push_back(build(C));
      return T;
    }
    case PK::BoolOp: {
      JoinTerm T =
          node(E.Text == "or" ? JoinTerm::Kind::Or : JoinTerm::Kind::And, E);
      for (const PyExpr &C : E.Children)
        T.Children.push_back(build(C));
      return T;
    }
    case PK::BinOp: {
      JoinTerm::Kind Kind = JoinTerm::Kind::Binary;
      if (E.Text == "&")
        Kind = JoinTerm::Kind::And;
      else if (E.Text == "|")
        Kind = JoinTerm::Kind::Or;
      JoinTerm T = node(Kind, E);
      T.Op = E.Text;
      for (const PyExpr &C : E.Children)
        T.Children.push_back(build(C));
      return T;
    }
    default: {
      JoinTerm T = node(JoinTerm::Kind::Other, E);
      for (const PyExpr &C : E.Children)
        T.Children.push_back(build(C));
      return T;
    }
    }
  }

private:
  const ColumnResolver &Resolve;
  JoinBuildNotes &Notes;

  static JoinTerm node(JoinTerm::Kind K, const PyExpr &E) {
    JoinTerm T;
    T.K = K;
    T.Source = &E;
    return T;
  }
  static JoinTerm leaf(const PyExpr &E) {
    return node(JoinTerm::Kind::Other, E);
  }

  /// An unresolvable bare name or a CamelCase last component (Integer,
  /// sa.String) passed to a function: a SQL type or similar, not a column.
  bool isTypeName(const PyExpr &E) {
    if (!E.is(PK::Name) && !E.is(PK::Attribute))
      return false;
    std::string Dotted = joinDottedName(E);
    if (Dotted.empty() || resolve(E))
      return false;
    return E.is(PK::Name) ||
           std::isupper(static_cast<unsigned char>(E.Text.front()));
  }

  std::optional<ColumnRef> resolve(const PyExpr &E) {
    std::string Dotted = joinDottedName(E);
    if (Dotted.empty() || !Resolve)
      return std::nullopt;
    return Resolve(Dotted);
  }

  JoinTerm reference(const PyExpr &E) {
    if (std::optional<ColumnRef> C = resolve(E)) {
      JoinTerm T = node(JoinTerm::Kind::Column, E);
      T.Col = *C;
      // "Class.attr" evaluates to a class attribute, which carries its
      // mapper; "table.c.col" and bare names in a class body are columns.
      std::string Dotted = joinDottedName(E);
      size_t Dot = Dotted.rfind('.');
      if (Dot != std::string::npos) {
        std::string Prefix = Dotted.substr(0, Dot);
        bool TableColumn = Prefix.size() >= 2 &&
                           Prefix.compare(Prefix.size() - 2, 2, ".c") == 0;
        if (!TableColumn) {
          T.ParentMapper = JoinTerm::Mapper::Written;
          T.WrittenClass = Prefix;
        }
      }
      return T;
    }
    std::string Dotted = joinDottedName(E);
    if (!Dotted.empty()) {
      if (std::find(Notes.Unresolved.begin(), Notes.Unresolved.end(), Dotted) ==
          Notes.Unresolved.end())
        Notes.Unresolved.push_back(Dotted);
      return leaf(E);
    }
    // Something like (a + b).c or x[0]: keep the columns inside.
    JoinTerm T = leaf(E);
    for (const PyExpr &C : E.Children)
      T.Children.push_back(build(C));
    return T;
  }

  /// remote(x) / foreign(x): SQLAlchemy annotates every column inside x.
  JoinTerm mark(const PyExpr &E, bool Foreign) {
    JoinTerm T;
    if (E.Children.size() == 2) {
      T = build(E.Children[1]);
    } else {
      T = leaf(E);
      for (size_t I = 1; I < E.Children.size(); ++I)
        T.Children.push_back(build(E.Children[I]));
    }
    bool Marked = false;
    markColumns(T, Foreign, !Foreign, Marked);
    if (Marked)
      (Foreign ? Notes.HasForeignMarks : Notes.HasRemoteMarks) = true;
    return T;
  }

  JoinTerm call(const PyExpr &E) {
    const PyExpr &Callee = E.Children[0];
    // A method called on a column expression, as opposed to a function
    // reached through a module (func.lower, sa.and_). A column operator on
    // a name that does not resolve is still a column reference (a typo).
    bool Method =
        Callee.is(PK::Attribute) && !Callee.Children.empty() &&
        (resolve(Callee.Children[0]) ||
         joinDottedName(Callee.Children[0]).empty() ||
         (comparisonMethods().count(Callee.Text) &&
          joinDottedName(Callee.Children[0]).find('.') != std::string::npos));
    if (!Method) {
      if (isNamedFunction(Callee, "and_") || isNamedFunction(Callee, "or_")) {
        JoinTerm T = node(isNamedFunction(Callee, "or_") ? JoinTerm::Kind::Or
                                                         : JoinTerm::Kind::And,
                          E);
        for (size_t I = 1; I < E.Children.size(); ++I)
          T.Children.push_back(build(E.Children[I]));
        return T;
      }
      if (isNamedFunction(Callee, "remote"))
        return mark(E, /*Foreign=*/false);
      if (isNamedFunction(Callee, "foreign"))
        return mark(E, /*Foreign=*/true);
      // func.lower(...), literal(...), not_(...), cast(x, Integer): only
      // the arguments count, and some of them are types, not columns.
      JoinTerm T = leaf(E);
      for (size_t I = 1; I < E.Children.size(); ++I)
        T.Children.push_back(isTypeName(E.Children[I]) ? leaf(E.Children[I])
                                                       : build(E.Children[I]));
      return T;
    }
    const std::string &Name = Callee.Text;
    if (comparisonMethods().count(Name)) {
      JoinTerm T = node(JoinTerm::Kind::Binary, E);
      T.Op = Name;
      T.Comparison = true;
      T.Children.push_back(build(Callee.Children[0]));
      if (E.Children.size() == 2) {
        T.Children.push_back(build(E.Children[1]));
      } else {
        JoinTerm Args = leaf(E);
        for (size_t I = 1; I < E.Children.size(); ++I)
          Args.Children.push_back(build(E.Children[I]));
        T.Children.push_back(std::move(Args));
      }
      return T;
    }
    // Any other method (label, cast, op(...) ...): opaque, columns kept.
    JoinTerm T = leaf(E);
    T.Children.push_back(build(Callee.Children[0]));
    for (size_t I = 1; I < E.Children.size(); ++I)
      T.Children.push_back(build(E.Children[I]));
    return T;
  }
};

void collectBinaries(JoinTerm &T, std::vector<JoinTerm *> &Out) {
  for (JoinTerm &C : T.Children)
    collectBinaries(C, Out);
  if (T.isBinary())
    Out.push_back(&T);
}

template <typename TermT, typename OutT>
void collectColumns(TermT &T, std::vector<OutT *> &Out) {
  if (T.isColumn())
    Out.push_back(&T);
  for (auto &C : T.Children)
    collectColumns(C, Out);
}

void collectConjuncts(const JoinTerm &T, std::vector<const JoinTerm *> &Out) {
  if (T.K == JoinTerm::Kind::And) {
    for (const JoinTerm &C : T.Children)
      collectConjuncts(C, Out);
    return;
  }
  Out.push_back(&T);
}

/// Columns a product visit yields upwards from an operand.
std::vector<JoinTerm *> productVisit(
    JoinTerm &T,
    const std::function<void(JoinTerm &, JoinTerm &, JoinTerm &)> &Fn) {
  std::vector<JoinTerm *> Yield;
  if (T.isBinary() && T.Comparison && T.Children.size() == 2) {
    // SQLAlchemy's generator yields nothing from a comparison; the right
    // operand is only looked at when the left one yields something.
    std::vector<JoinTerm *> L = productVisit(T.Children[0], Fn);
    if (!L.empty()) {
      std::vector<JoinTerm *> R = productVisit(T.Children[1], Fn);
      for (JoinTerm *LC : L)
        for (JoinTerm *RC : R)
          Fn(T, *LC, *RC);
    }
    return Yield;
  }
  if (T.isColumn())
    Yield.push_back(&T);
  for (JoinTerm &C : T.Children) {
    std::vector<JoinTerm *> Sub = productVisit(C, Fn);
    Yield.insert(Yield.end(), Sub.begin(), Sub.end());
  }
  return Yield;
}

std::string pyStringLiteral(const std::string &S) {
  char Quote = '\'';
  if (S.find('\'') != std::string::npos && S.find('"') == std::string::npos)
    Quote = '"';
  std::string Out(1, Quote);
  for (char C : S) {
    switch (C) {
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\r':
      Out += "\\r";
      break;
    default:
      if (C == Quote)
        Out += '\\';
      Out += C;
    }
  }
  Out += Quote;
  return Out;
}

int pyPrecedence(const PyExpr &E) {
  switch (E.K) {
  case PK::BoolOp:
    return E.Text == "or" ? 1 : 2;
  case PK::UnaryOp:
    return E.Text == "not" ? 3 : 11;
  case PK::Compare:
    return 4;
  case PK::BinOp:
    if (E.Text == "|")
      return 5;
    if (E.Text == "^")
      return 6;
    if (E.Text == "&")
      return 7;
    if (E.Text == "+" || E.Text == "-")
      return 9;
    return 10;
  case PK::Tuple:
    return 0;
  default:
    return 13;
  }
}

class PythonRenderer {
public:
  PythonRenderer(
      const std::function<std::optional<std::string>(const PyExpr &)> &Hook,
      bool DropMarks)
      : Hook(Hook), DropMarks(DropMarks) {}

  std::string render(const PyExpr &E) {
    if (Hook)
      if (std::optional<std::string> S = Hook(E))
        return *S;
    switch (E.K) {
    case PK::Name:
    case PK::Number:
    case PK::Constant:
      return E.Text;
    case PK::String:
      return pyStringLiteral(E.Text);
    case PK::Attribute:
      // "9 .x" must not render as "9.x", a float then a name (found by
      // fuzz_join_expr).
      if (E.Children[0].is(PK::Number))
        return "(" + render(E.Children[0]) + ")." + E.Text;
      return sub(E.Children[0], 13, false) + "." + E.Text;
    case PK::Subscript:
      return sub(E.Children[0], 13, false) + "[" + render(E.Children[1]) + "]";
    case PK::Call: {
      const PyExpr &Callee = E.Children[0];
      // The mark's operand takes the call's place, so it keeps the call's
      // binding: "foreign(a + b) * 2" is "(a + b) * 2", not "a + b * 2".
      // A keyword argument is no operand (SQLAlchemy refuses it): the call
      // stays as written, instead of a bare "k=v" (found by fuzz_join_expr).
      if (DropMarks && E.Children.size() == 2 &&
          !E.Children[1].is(PK::Keyword) &&
          (isNamedFunction(Callee, "remote") ||
           isNamedFunction(Callee, "foreign")))
        return sub(E.Children[1], pyPrecedence(E), false);
      std::string S = sub(Callee, 13, false) + "(";
      for (size_t I = 1; I < E.Children.size(); ++I)
        S += (I > 1 ? ", " : "") + render(E.Children[I]);
      return S + ")";
    }
    case PK::Keyword:
      return E.Text + "=" +
             (E.Children.empty() ? std::string() : render(E.Children[0]));
    case PK::List:
    case PK::Tuple: {
      std::string S = E.is(PK::List) ? "[" : "(";
      for (size_t I = 0; I < E.Children.size(); ++I)
        S += (I ? ", " : "") + render(E.Children[I]);
      if (E.is(PK::Tuple) && E.Children.size() == 1)
        S += ",";
      return S + (E.is(PK::List) ? "]" : ")");
    }
    case PK::Dict: {
      std::string S = "{";
      for (size_t I = 0; I + 1 < E.Children.size(); I += 2)
        S += (I ? ", " : "") + render(E.Children[I]) + ": " +
             render(E.Children[I + 1]);
      return S + "}";
    }
    case PK::Compare:
    case PK::BinOp: {
      int P = pyPrecedence(E);
      if (E.Children.size() != 2)
        return E.Text;
      return sub(E.Children[0], P, false) + " " + E.Text + " " +
             sub(E.Children[1], P, true);
    }
    case PK::BoolOp: {
      int P = pyPrecedence(E);
      std::string S;
      for (size_t I = 0; I < E.Children.size(); ++I)
        S += (I ? " " + E.Text + " " : "") + sub(E.Children[I], P, I > 0);
      return S;
    }
    case PK::UnaryOp: {
      std::string Op = E.Text == "not" ? "not " : E.Text;
      return Op + (E.Children.empty()
                       ? std::string()
                       : sub(E.Children[0], pyPrecedence(E), false));
    }
    }
    return E.Text;
  }

private:
  const std::function<std::optional<std::string>(const PyExpr &)> &Hook;
  bool DropMarks;

  std::string sub(const PyExpr &E, int ParentPrec, bool Right) {
    int P = pyPrecedence(E);
    std::string S = render(E);
    if (P < ParentPrec || (Right && P == ParentPrec && P < 13))
      return "(" + S + ")";
    return S;
  }
};

bool needsSqlQuotes(const std::string &Ident) {
  static const std::set<std::string> Reserved = {"all",
                                                 "analyse",
                                                 "analyze",
                                                 "and",
                                                 "any",
                                                 "array",
                                                 "as",
                                                 "asc",
                                                 "asymmetric",
                                                 "authorization",
                                                 "between",
                                                 "binary",
                                                 "both",
                                                 "case",
                                                 "cast",
                                                 "check",
                                                 "collate",
                                                 "column",
                                                 "constraint",
                                                 "create",
                                                 "cross",
                                                 "current_date",
                                                 "current_role",
                                                 "current_time",
                                                 "current_timestamp",
                                                 "current_user",
                                                 "default",
                                                 "deferrable",
                                                 "desc",
                                                 "distinct",
                                                 "do",
                                                 "else",
                                                 "end",
                                                 "except",
                                                 "false",
                                                 "for",
                                                 "foreign",
                                                 "freeze",
                                                 "from",
                                                 "full",
                                                 "grant",
                                                 "group",
                                                 "having",
                                                 "ilike",
                                                 "in",
                                                 "initially",
                                                 "inner",
                                                 "intersect",
                                                 "into",
                                                 "is",
                                                 "isnull",
                                                 "join",
                                                 "leading",
                                                 "left",
                                                 "like",
                                                 "limit",
                                                 "localtime",
                                                 "localtimestamp",
                                                 "natural",
                                                 "new",
                                                 "not",
                                                 "notnull",
                                                 "null",
                                                 "off",
                                                 "offset",
                                                 "old",
                                                 "on",
                                                 "only",
                                                 "or",
                                                 "order",
                                                 "outer",
                                                 "overlaps",
                                                 "placing",
                                                 "primary",
                                                 "references",
                                                 "right",
                                                 "select",
                                                 "session_user",
                                                 "set",
                                                 "similar",
                                                 "some",
                                                 "symmetric",
                                                 "table",
                                                 "then",
                                                 "to",
                                                 "trailing",
                                                 "true",
                                                 "union",
                                                 "unique",
                                                 "user",
                                                 "using",
                                                 "verbose",
                                                 "when",
                                                 "where"};
  if (Ident.empty())
    return true;
  if (Reserved.count(Ident))
    return true;
  if (std::isdigit(static_cast<unsigned char>(Ident[0])) || Ident[0] == '$')
    return true;
  for (char C : Ident) {
    if (std::isupper(static_cast<unsigned char>(C)))
      return true;
    if (!std::isalnum(static_cast<unsigned char>(C)) && C != '_' && C != '$')
      return true;
  }
  return false;
}

std::string sqlIdent(const std::string &Ident) {
  if (!needsSqlQuotes(Ident))
    return Ident;
  std::string Out = "\"";
  for (char C : Ident) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

class SqlRenderer {
public:
  std::string render(const JoinTerm &T, const JoinTerm *Parent = nullptr) {
    switch (T.K) {
    case JoinTerm::Kind::Column:
      return renderSqlColumn(T.Col);
    case JoinTerm::Kind::And:
    case JoinTerm::Kind::Or: {
      const char *Sep = T.K == JoinTerm::Kind::And ? " AND " : " OR ";
      std::string S;
      for (size_t I = 0; I < T.Children.size(); ++I)
        S += (I ? Sep : "") + render(T.Children[I], &T);
      if (Parent && Parent->K != T.K &&
          (Parent->K == JoinTerm::Kind::And || Parent->K == JoinTerm::Kind::Or))
        return "(" + S + ")";
      return S;
    }
    case JoinTerm::Kind::Binary:
      return binary(T, Parent);
    case JoinTerm::Kind::Other:
      return other(T, "param");
    }
    return "";
  }

private:
  std::map<std::string, unsigned> Counters;

  std::string bind(const std::string &Key) {
    return ":" + Key + "_" + std::to_string(++Counters[Key]);
  }

  static std::string keyOf(const JoinTerm &T) {
    if (T.isColumn())
      return T.Col.Column;
    if (T.K == JoinTerm::Kind::Other && T.Source && T.Source->is(PK::Call) &&
        !T.Source->Children.empty())
      return lastComponent(T.Source->Children[0]);
    return "param";
  }

  std::string other(const JoinTerm &T, const std::string &Key) {
    const PyExpr *S = T.Source;
    if (!S)
      return "";
    switch (S->K) {
    case PK::String:
    case PK::Number:
      return bind(Key);
    case PK::Constant:
      if (S->Text == "None")
        return "NULL";
      return S->Text == "True" ? "true" : "false";
    case PK::Call: {
      if (S->Children.empty())
        return "";
      std::string Name = lastComponent(S->Children[0]);
      std::string Out = Name + "(";
      for (size_t I = 0; I < T.Children.size(); ++I)
        Out += (I ? ", " : "") + operand(T.Children[I], Name);
      return Out + ")";
    }
    case PK::UnaryOp:
      if ((S->Text == "~" || S->Text == "not") && !T.Children.empty())
        return "NOT " + operand(T.Children[0], Key);
      return S->Text + (T.Children.empty() ? "" : operand(T.Children[0], Key));
    default:
      return renderJoinPython(*S);
    }
  }

  std::string operand(const JoinTerm &T, const std::string &Key) {
    if (T.K == JoinTerm::Kind::Other)
      return other(T, Key);
    return render(T, nullptr);
  }

  std::string binary(const JoinTerm &T, const JoinTerm *Parent) {
    if (T.Children.size() != 2)
      return "";
    const JoinTerm &L = T.Children[0];
    const JoinTerm &R = T.Children[1];
    std::string Key = L.K == JoinTerm::Kind::Other ? keyOf(R) : keyOf(L);
    auto Side = [&](const JoinTerm &X) { return operand(X, Key); };
    auto IsConst = [](const JoinTerm &X, const char *V) {
      return X.K == JoinTerm::Kind::Other && X.Source &&
             X.Source->is(PK::Constant) && X.Source->Text == V;
    };
    const std::string &Op = T.Op;
    std::string S;
    if ((Op == "==" || Op == "is" || Op == "is_") && IsConst(R, "None"))
      S = Side(L) + " IS NULL";
    else if ((Op == "!=" || Op == "is not" || Op == "isnot" ||
              Op == "is_not") &&
             IsConst(R, "None"))
      S = Side(L) + " IS NOT NULL";
    else if (Op == "==")
      S = Side(L) + " = " + Side(R);
    else if (Op == "is" || Op == "is_")
      S = Side(L) + " IS " + Side(R);
    else if (Op == "is not" || Op == "isnot" || Op == "is_not")
      S = Side(L) + " IS NOT " + Side(R);
    else if (Op == "startswith")
      S = Side(L) + " LIKE " + Side(R) + " || '%'";
    else if (Op == "endswith")
      S = Side(L) + " LIKE '%' || " + Side(R);
    else if (Op == "contains")
      S = Side(L) + " LIKE '%' || " + Side(R) + " || '%'";
    else if (Op == "like")
      S = Side(L) + " LIKE " + Side(R);
    else if (Op == "notlike" || Op == "not_like")
      S = Side(L) + " NOT LIKE " + Side(R);
    else if (Op == "ilike")
      S = "lower(" + Side(L) + ") LIKE lower(" + Side(R) + ")";
    else if (Op == "in_" || Op == "in")
      S = Side(L) + " IN (__[POSTCOMPILE_" + Key + "_" +
          std::to_string(++Counters[Key]) + "])";
    else if (Op == "notin_" || Op == "not_in" || Op == "not in")
      S = "(" + Side(L) + " NOT IN (__[POSTCOMPILE_" + Key + "_" +
          std::to_string(++Counters[Key]) + "]))";
    else if (Op == "between" && R.K == JoinTerm::Kind::Other &&
             R.Children.size() == 2)
      S = Side(L) + " BETWEEN " + Side(R.Children[0]) + " AND " +
          Side(R.Children[1]);
    else
      S = Side(L) + " " + Op + " " + Side(R);
    bool LikeLike = Op == "startswith" || Op == "endswith" || Op == "contains";
    if (LikeLike && Parent &&
        (Parent->K == JoinTerm::Kind::And || Parent->K == JoinTerm::Kind::Or))
      return "(" + S + ")";
    return S;
  }
};

class ReadableRenderer {
public:
  explicit ReadableRenderer(const ColumnResolver &Resolve) : Resolve(Resolve) {
    Hook = [this](const PyExpr &E) -> std::optional<std::string> {
      if (!this->Resolve)
        return std::nullopt;
      if (!E.is(PK::Name) && !E.is(PK::Attribute) && !E.is(PK::Subscript))
        return std::nullopt;
      std::string Dotted = joinDottedName(E);
      if (Dotted.empty())
        return std::nullopt;
      if (std::optional<ColumnRef> C = this->Resolve(Dotted))
        return C->Table + "." + C->Column;
      return std::nullopt;
    };
  }

  std::string render(const JoinTerm &T, const JoinTerm *Parent = nullptr) {
    switch (T.K) {
    case JoinTerm::Kind::Column:
      return T.Col.Table + "." + T.Col.Column;
    case JoinTerm::Kind::And:
    case JoinTerm::Kind::Or: {
      const char *Sep = T.K == JoinTerm::Kind::And ? " AND " : " OR ";
      std::string S;
      for (size_t I = 0; I < T.Children.size(); ++I)
        S += (I ? Sep : "") + render(T.Children[I], &T);
      if (Parent && (Parent->K == JoinTerm::Kind::And ||
                     Parent->K == JoinTerm::Kind::Or ||
                     Parent->K == JoinTerm::Kind::Binary))
        return "(" + S + ")";
      return S;
    }
    case JoinTerm::Kind::Binary:
      if (T.Children.size() == 2 &&
          (!T.Source || T.Source->is(PK::Compare) || T.Source->is(PK::BinOp)))
        return render(T.Children[0], &T) + " " + T.Op + " " +
               render(T.Children[1], &T);
      [[fallthrough]];
    case JoinTerm::Kind::Other:
      if (T.Source)
        return PythonRenderer(Hook, /*DropMarks=*/true).render(*T.Source);
      return "";
    }
    return "";
  }

private:
  const ColumnResolver &Resolve;
  std::function<std::optional<std::string>(const PyExpr &)> Hook;
};

} // namespace

namespace {

/// locals(), called with no argument.
bool isLocalsCall(const PyExpr &E) {
  return E.is(PK::Call) && E.Children.size() == 1 &&
         E.Children[0].is(PK::Name) && E.Children[0].Text == "locals";
}

/// A name the dotted form can carry as one component.
bool isComponent(const std::string &S) {
  return !S.empty() && S.find('.') == std::string::npos &&
         S.find('\0') == std::string::npos;
}

} // namespace

std::string joinDottedName(const PyExpr &E) {
  switch (E.K) {
  case PK::Name:
    return E.Text;
  case PK::Attribute: {
    if (E.Children.empty())
      return "";
    std::string Base = joinDottedName(E.Children[0]);
    return Base.empty() ? "" : Base + "." + E.Text;
  }
  case PK::Subscript: {
    if (E.Children.size() != 2 || !E.Children[1].is(PK::String) ||
        E.Children[1].Text.empty() ||
        E.Children[1].Text.find('\0') != std::string::npos)
      return "";
    // locals()["from"]: the eval's namespace is the class registry's
    // lookup, so this is the name "from" (a table, a class).
    if (isLocalsCall(E.Children[0]))
      return E.Children[1].Text;
    // table.c["name"]
    std::string Base = joinDottedName(E.Children[0]);
    return Base.empty() ? "" : Base + "." + E.Children[1].Text;
  }
  case PK::Call: {
    // getattr(Class, "from")
    if (E.Children.size() != 3 || !E.Children[0].is(PK::Name) ||
        E.Children[0].Text != "getattr" || !E.Children[2].is(PK::String) ||
        !isComponent(E.Children[2].Text))
      return "";
    std::string Base = joinDottedName(E.Children[1]);
    return Base.empty() ? "" : Base + "." + E.Children[2].Text;
  }
  default:
    return "";
  }
}

bool isPythonName(std::string_view Name) {
  if (Name.empty() || std::isdigit(static_cast<unsigned char>(Name[0])))
    return false;
  for (char C : Name)
    if ((!std::isalnum(static_cast<unsigned char>(C)) && C != '_') ||
        static_cast<unsigned char>(C) >= 0x80)
      return false;
  return !isPyKeyword(Name);
}

namespace {

PyExpr pyName(std::string Text) {
  PyExpr E;
  E.K = PK::Name;
  E.Text = std::move(Text);
  return E;
}

PyExpr pyString(std::string Text) {
  PyExpr E;
  E.K = PK::String;
  E.Text = std::move(Text);
  return E;
}

PyExpr pyAttr(PyExpr Obj, std::string Text) {
  PyExpr E;
  E.K = PK::Attribute;
  E.Text = std::move(Text);
  E.Children.push_back(std::move(Obj));
  return E;
}

PyExpr pySubscript(PyExpr Obj, PyExpr Index) {
  PyExpr E;
  E.K = PK::Subscript;
  E.Children.push_back(std::move(Obj));
  E.Children.push_back(std::move(Index));
  return E;
}

PyExpr pyCall(std::vector<PyExpr> CalleeAndArgs) {
  PyExpr E;
  E.K = PK::Call;
  E.Children = std::move(CalleeAndArgs);
  return E;
}

/// A registry name: itself, or locals()['name'].
PyExpr pyRegistryName(const std::string &Name) {
  if (isPythonName(Name))
    return pyName(Name);
  return pySubscript(pyCall({pyName("locals")}), pyString(Name));
}

} // namespace

PyExpr tableColumnPyExpr(const std::string &Table, const std::string &Column) {
  PyExpr C = pyAttr(pyRegistryName(Table), "c");
  if (isPythonName(Column))
    return pyAttr(std::move(C), Column);
  return pySubscript(std::move(C), pyString(Column));
}

std::optional<PyExpr> classAttributePyExpr(const std::string &ClassPath,
                                           const std::string &Attribute) {
  if (!isComponent(Attribute) || ClassPath.empty())
    return std::nullopt;
  std::vector<std::string> Parts = dottedParts(ClassPath);
  if (Parts.front().empty())
    return std::nullopt;
  PyExpr Class = pyRegistryName(Parts.front());
  for (size_t I = 1; I < Parts.size(); ++I) {
    if (!isPythonName(Parts[I]))
      return std::nullopt; // A module path component Python cannot spell.
    Class = pyAttr(std::move(Class), Parts[I]);
  }
  if (isPythonName(Attribute))
    return pyAttr(std::move(Class), Attribute);
  return pyCall({pyName("getattr"), std::move(Class), pyString(Attribute)});
}

JoinTerm buildJoinTerm(const PyExpr &Written, const ColumnResolver &Resolve,
                       JoinBuildNotes &Notes) {
  return TermBuilder(Resolve, Notes).build(Written);
}

JoinTerm
makeEqualityTerm(const std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs) {
  auto Equality = [](const ColumnRef &A, const ColumnRef &B) {
    JoinTerm T;
    T.K = JoinTerm::Kind::Binary;
    T.Op = "==";
    T.Comparison = true;
    JoinTerm L;
    JoinTerm R;
    L.K = R.K = JoinTerm::Kind::Column;
    L.Col = A;
    R.Col = B;
    T.Children = {L, R};
    return T;
  };
  if (Pairs.size() == 1)
    return Equality(Pairs[0].first, Pairs[0].second);
  JoinTerm And;
  And.K = JoinTerm::Kind::And;
  for (const auto &P : Pairs)
    And.Children.push_back(Equality(P.first, P.second));
  return And;
}

PyExpr
makeEqualityPyExpr(const std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs) {
  auto ColumnExpr = [&](const ColumnRef &C) {
    return tableColumnPyExpr(C.Table, C.Column);
  };
  auto Equality = [&](const ColumnRef &A, const ColumnRef &B) {
    PyExpr E;
    E.K = PK::Compare;
    E.Text = "==";
    E.Children.push_back(ColumnExpr(A));
    E.Children.push_back(ColumnExpr(B));
    return E;
  };
  if (Pairs.size() == 1)
    return Equality(Pairs[0].first, Pairs[0].second);
  PyExpr Call;
  Call.K = PK::Call;
  Call.Children.push_back(pyName("and_"));
  for (const auto &P : Pairs)
    Call.Children.push_back(Equality(P.first, P.second));
  return Call;
}

std::vector<JoinTerm *> joinTermsBreadthFirst(JoinTerm &Root) {
  std::vector<JoinTerm *> Out;
  std::deque<JoinTerm *> Queue{&Root};
  while (!Queue.empty()) {
    JoinTerm *T = Queue.front();
    Queue.pop_front();
    Out.push_back(T);
    for (JoinTerm &C : T->Children)
      Queue.push_back(&C);
  }
  return Out;
}

std::vector<JoinTerm *> joinBinaries(JoinTerm &Root) {
  std::vector<JoinTerm *> Out;
  collectBinaries(Root, Out);
  return Out;
}

std::vector<JoinTerm *> joinColumns(JoinTerm &Root) {
  std::vector<JoinTerm *> Out;
  collectColumns(Root, Out);
  return Out;
}

std::vector<const JoinTerm *> joinColumns(const JoinTerm &Root) {
  std::vector<const JoinTerm *> Out;
  collectColumns(Root, Out);
  return Out;
}

std::vector<const JoinTerm *> joinConjuncts(const JoinTerm &Root) {
  std::vector<const JoinTerm *> Out;
  collectConjuncts(Root, Out);
  return Out;
}

void visitJoinBinaryProduct(
    JoinTerm &Root,
    const std::function<void(JoinTerm &, JoinTerm &, JoinTerm &)> &Fn) {
  productVisit(Root, Fn);
}

std::string renderJoinReadable(const JoinTerm &T,
                               const ColumnResolver &Resolve) {
  return ReadableRenderer(Resolve).render(T);
}

std::string renderJoinSql(const JoinTerm &T) { return SqlRenderer().render(T); }

std::string renderSqlColumn(const ColumnRef &C) {
  return sqlIdent(C.Table) + "." + sqlIdent(C.Column);
}

std::string renderJoinPython(
    const PyExpr &E,
    const std::function<std::optional<std::string>(const PyExpr &)> &ColumnText,
    bool DropMarks) {
  return PythonRenderer(ColumnText, DropMarks).render(E);
}

} // namespace relcheck
