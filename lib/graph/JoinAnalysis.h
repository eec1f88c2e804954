//===- JoinAnalysis.h - joins, direction, filters (§2, §5) ------*- C++ -*-===//
//
// How SQLAlchemy turns a relationship's tables, written joins, remote_side
// and foreign_keys into its final join condition, foreign and remote
// columns, direction, and whether the join filters beyond the keys. Pure
// functions over plain tables, so they are testable without a graph.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ModelGraph.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relcheck {

/// Resolves a column reference written in a join, remote_side or
/// foreign_keys to a table column. Dotted is a dotted name as written:
/// "Address.user_id" (class attribute), "assoc.c.left_id" or
/// "address.c.user_id" (table columns), or a bare attribute name ("id") for
/// names evaluated in the declaring class body. nullopt: not a column.
using ColumnResolver =
    std::function<std::optional<ColumnRef>(const std::string &Dotted)>;

/// A refusal or warning SQLAlchemy would raise, with its id in the notes
/// (J1..J11, W3, ...) and SQLAlchemy's own message text (names filled in).
struct JoinProblem {
  std::string CaseId;
  std::string Message;
};

struct JoinSpec {
  std::string RelName;                    ///< "A.bs", for messages.
  /// The declaring mapper's tables, local table first (more than one for
  /// joined-table inheritance).
  std::vector<const Table *> ParentTables;
  /// The target mapper's tables, local table first.
  std::vector<const Table *> ChildTables;
  const Table *Secondary = nullptr;
  const PyExpr *PrimaryJoin = nullptr;    ///< Parsed condition, if written.
  const PyExpr *SecondaryJoin = nullptr;  ///< Parsed condition, if written.
  /// remote_side / foreign_keys values as written; a string value already
  /// parsed into its expression ("[Node.id]" -> List). Null when absent.
  const PyExpr *RemoteSide = nullptr;
  const PyExpr *ForeignKeys = nullptr;
  bool ViewOnly = false;
  ColumnResolver Resolve;
};

struct JoinResult {
  Direction Dir = Direction::Unknown;
  std::vector<ColumnRef> Foreign;
  std::vector<ColumnRef> Remote;
  std::vector<ColumnRef> Local;
  std::vector<std::pair<ColumnRef, ColumnRef>> LocalRemotePairs;
  /// §5: a column of the join(s) that is in no local/remote pair.
  bool Filtered = false;
  std::vector<std::string> FilterTerms;   ///< Rendered extra conditions.
  std::string RenderedPrimary;            ///< "user.id == address.user_id".
  std::string RenderedSecondary;
  /// Set when SQLAlchemy refuses the relationship (J1..J11); Dir is then
  /// Unknown.
  std::optional<JoinProblem> Error;
  std::vector<JoinProblem> Warnings;      ///< W3 and the like.
};

/// Determines joins and direction as SQLAlchemy 1.4 does (§2).
JoinResult analyzeJoin(const JoinSpec &Spec);

/// §1.3 / §6.1: the primaryjoin that a backref's generated side gets from
/// P.rel's *written* primaryjoin: if it has remote() marks, every remote()
/// is removed and every column of ParentTables not already wrapped is
/// wrapped in remote() (in a self-referential join, every column); foreign()
/// stays. If it has only foreign() marks, or none, it is copied as is.
/// The result is what a rewrite writes explicitly on the generated side.
PyExpr mirrorPrimaryJoinForBackref(const PyExpr &Written,
                                   const std::vector<const Table *> &ParentTables,
                                   const ColumnResolver &Resolve);

} // namespace relcheck
