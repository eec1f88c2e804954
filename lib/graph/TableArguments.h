//===- TableArguments.h - ORM_MODEL's __table_args__ ------------*- C++ -*-===//
//
// ORM_MODEL("child", __table_args__=(ForeignKeyConstraint(["a", "b"],
// ["parent.a", "parent.b"]), PrimaryKeyConstraint("a", "b"), {...})) is the
// class attribute __table_args__ of SQLAlchemy's declarative classes: table
// constraints, then optionally a dict of Table keywords. Relationships
// depend on two of them: a composite ForeignKeyConstraint is one join path
// (per-column ForeignKeys are several, hence ambiguous), and
// PrimaryKeyConstraint gives the mapper its primary key.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"

#include <string>
#include <vector>

namespace relcheck {

/// ForeignKeyConstraint(columns, refcolumns, **kw), PrimaryKeyConstraint(
/// *columns, **kw) or UniqueConstraint(*columns, **kw) as written.
struct TableConstraintSpelling {
  enum class Kind { ForeignKey, PrimaryKey, Unique, Other };
  Kind K = Kind::Other;
  const PyExpr *Node = nullptr;
  /// The constrained columns: strings (column names) or bare names (the
  /// class body's columns).
  std::vector<const PyExpr *> Columns;
  /// ForeignKeyConstraint only: what each column references ("table.column"
  /// strings, Class.attr, or bare names of the class body).
  std::vector<const PyExpr *> RefColumns;
  /// The two lists of a ForeignKeyConstraint were lists (or tuples).
  bool WellFormed = true;
};

/// The constraints of a __table_args__ value (a tuple whose last element
/// may be a dict of Table keywords; a dict alone has no constraints).
std::vector<TableConstraintSpelling> interpretTableArgs(const PyExpr &Value);

} // namespace relcheck
