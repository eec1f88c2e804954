//===- JoinExpr.h - join conditions as SQLAlchemy evaluates them -*- C++
//-*-===//
//
// A written join condition is Python; SQLAlchemy evaluates it into a SQL
// expression tree whose column occurrences then carry "foreign", "remote"
// and "local" annotations. JoinTerm is that evaluated tree, reduced to what
// the join analysis looks at: conjunctions, binary expressions (comparisons
// and the rest), column occurrences, and opaque everything-else.
// Annotations belong to occurrences, not to columns, as in SQLAlchemy.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"
#include "graph/JoinAnalysis.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace relcheck {

struct JoinTerm {
  enum class Kind {
    And,    ///< and_(), Python '&'.
    Or,     ///< or_(), Python '|'.
    Binary, ///< Two operands: Children[0] left, Children[1] right.
    Column, ///< One occurrence of a table column.
    Other,  ///< Literals, functions, unary operators, lists...
  };
  Kind K = Kind::Other;
  /// Binary: "==", "!=", "<", ..., or the method name for column operator
  /// methods ("startswith", "in_", "like"...), or "+", "-"... for arithmetic.
  std::string Op;
  /// Binary: SQLAlchemy counts the operator as a comparison (==, <, LIKE,
  /// IN, IS...), which is what local/remote pairing looks at.
  bool Comparison = false;
  ColumnRef Col; ///< Column only.
  bool Foreign = false;
  bool Remote = false;
  bool Local = false;
  /// SQLAlchemy's "parentmapper" annotation: the mapper a column occurrence
  /// was reached through. Written: "Class.attr" text (WrittenClass holds
  /// the class part); Parent / Target: set by the analysis on local /
  /// remote columns, and handed over to a backref's generated side.
  enum class Mapper { None, Written, Parent, Target };
  Mapper ParentMapper = Mapper::None;
  std::string WrittenClass;
  std::vector<JoinTerm> Children;
  /// Where the term was written; null for conditions inferred from foreign
  /// keys.
  const PyExpr *Source = nullptr;

  bool isColumn() const { return K == Kind::Column; }
  bool isBinary() const { return K == Kind::Binary; }
};

/// What building a JoinTerm from Python noticed.
struct JoinBuildNotes {
  bool HasForeignMarks = false; ///< Some column sits inside foreign().
  bool HasRemoteMarks = false;  ///< Some column sits inside remote().
  /// Dotted names in column position that do not resolve to a column.
  std::vector<std::string> Unresolved;
};

/// Evaluates a written condition: and_/or_/not_, remote()/foreign() marks,
/// comparisons, column operator methods (.startswith(), .in_() ...),
/// functions and literals. Column references go through Resolve.
JoinTerm buildJoinTerm(const PyExpr &Written, const ColumnResolver &Resolve,
                       JoinBuildNotes &Notes);

/// Dotted name of a Name/Attribute chain, also through ".c['col']"
/// subscripts ("assoc.c.left_id"), getattr(Class, 'attr') ("Class.attr")
/// and locals()['name'] ("name"): the spellings of names that are Python
/// keywords ("from", "class"), which the class registry's eval resolves
/// like the dotted ones. "" for anything else.
std::string joinDottedName(const PyExpr &E);

/// An ASCII identifier that is not a Python keyword: what Python source
/// may spell as a bare name or after a dot.
bool isPythonName(std::string_view Name);
/// Table.c.column as Python in a string join: locals()['from'] for a table
/// whose name is not a Python name, .c['from'] for such a column.
PyExpr tableColumnPyExpr(const std::string &Table, const std::string &Column);
/// Class.attribute as Python in a string join: getattr(Class, 'from') for
/// an attribute whose name is not a Python name, locals()['pass'] for such
/// a class. nullopt when no spelling resolves the same (a class path with
/// a component that is not a Python name, or an attribute with a dot).
std::optional<PyExpr> classAttributePyExpr(const std::string &ClassPath,
                                           const std::string &Attribute);

/// "a == b" over two columns, or and_ of several, as inferred from
/// foreign keys (left is the referenced column, right the referencing one).
JoinTerm
makeEqualityTerm(const std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs);
/// The same as Python: "user.c.id == address.c.user_id", and_(...) for more.
PyExpr
makeEqualityPyExpr(const std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs);

/// Every occurrence in breadth-first order (SQLAlchemy's iterate()).
std::vector<JoinTerm *> joinTermsBreadthFirst(JoinTerm &Root);
/// Every Binary node, at any depth, children before parents.
std::vector<JoinTerm *> joinBinaries(JoinTerm &Root);
/// Every Column occurrence, depth first.
std::vector<JoinTerm *> joinColumns(JoinTerm &Root);
std::vector<const JoinTerm *> joinColumns(const JoinTerm &Root);
/// The top-level conjuncts (nested and_ flattened).
std::vector<const JoinTerm *> joinConjuncts(const JoinTerm &Root);

/// SQLAlchemy's visit_binary_product: for every comparison, each column of
/// its left operand against each column of its right operand.
void visitJoinBinaryProduct(
    JoinTerm &Root,
    const std::function<void(JoinTerm &Binary, JoinTerm &L, JoinTerm &R)> &Fn);

/// Readable form: "user.id == address.user_id AND address.email.startswith(
/// 'tony')"; columns as table.column, remote()/foreign() dropped.
std::string renderJoinReadable(const JoinTerm &T,
                               const ColumnResolver &Resolve);
/// Close to SQLAlchemy's str() of the condition, for its messages:
/// "\"user\".id = address.user_id AND address.email LIKE :email_1 || '%'".
std::string renderJoinSql(const JoinTerm &T);
/// A column as SQLAlchemy prints it ("\"user\".id", "address.user_id").
std::string renderSqlColumn(const ColumnRef &C);

/// Python source of an expression with single-quoted strings. ColumnText,
/// when set, may replace a sub-expression's text (e.g. a resolved column);
/// DropMarks renders remote(x)/foreign(x) as x.
std::string
renderJoinPython(const PyExpr &E,
                 const std::function<std::optional<std::string>(const PyExpr &)>
                     &ColumnText = nullptr,
                 bool DropMarks = false);

} // namespace relcheck
