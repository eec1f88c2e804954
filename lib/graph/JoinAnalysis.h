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
  std::string RelName; ///< "A.bs", for messages.
  /// The declaring mapper's tables, local table first (more than one for
  /// joined-table inheritance).
  std::vector<const Table *> ParentTables;
  /// The target mapper's tables, local table first.
  std::vector<const Table *> ChildTables;
  const Table *Secondary = nullptr;
  const PyExpr *PrimaryJoin = nullptr;   ///< Parsed condition, if written.
  const PyExpr *SecondaryJoin = nullptr; ///< Parsed condition, if written.
  /// remote_side / foreign_keys values as written; a string value already
  /// parsed into its expression ("[Node.id]" -> List). Null when absent.
  const PyExpr *RemoteSide = nullptr;
  const PyExpr *ForeignKeys = nullptr;
  bool ViewOnly = false;
  ColumnResolver Resolve;
  /// Dotted-name prefixes that reach the target class ("Employee",
  /// "hr.Employee"). Only consulted for joined-inheritance overlaps, where
  /// SQLAlchemy marks a filter column remote when it was written through the
  /// target class. Empty: unknown; then no W4 is reported for such joins.
  std::vector<std::string> ChildClassNames;
  /// The target mapper is the declaring mapper (SQLAlchemy then never looks
  /// at which class a filter column was written through). Unset: assumed
  /// when ParentTables and ChildTables are the same list.
  std::optional<bool> SameMapper;
};

struct JoinResult {
  Direction Dir = Direction::Unknown;
  std::vector<ColumnRef> Foreign;
  std::vector<ColumnRef> Remote;
  std::vector<ColumnRef> Local;
  std::vector<std::pair<ColumnRef, ColumnRef>> LocalRemotePairs;
  /// §5: a column of the join(s) that is in no local/remote pair.
  bool Filtered = false;
  std::vector<std::string> FilterTerms; ///< Rendered extra conditions.
  /// Which join holds the filter terms (both may).
  bool PrimaryFiltered = false;
  bool SecondaryFiltered = false;
  std::string RenderedPrimary; ///< "user.id == address.user_id".
  std::string RenderedSecondary;
  /// Set when SQLAlchemy refuses the relationship (J1..J11); Dir is then
  /// Unknown.
  std::optional<JoinProblem> Error;
  /// W3, and W4: SQLAlchemy's "Non-simple column elements in primary join
  /// condition for property A.bs - consider using remote() annotations to
  /// mark the remote side." (self-referential or overlapping tables, a
  /// comparison that is not column against column, no remote_side).
  std::vector<JoinProblem> Warnings;

  /// SQLAlchemy's synchronize_pairs / secondary_synchronize_pairs:
  /// (source, written column) for every '==' towards a foreign column; what
  /// W1 (overlapping writers) compares.
  std::vector<std::pair<ColumnRef, ColumnRef>> SyncPairs;
  std::vector<std::pair<ColumnRef, ColumnRef>> SecondarySyncPairs;
  /// The inferred joins as Python over table columns
  /// ("user.c.id == address.c.user_id"), when they were not written.
  std::optional<PyExpr> InferredPrimaryJoin;
  std::optional<PyExpr> InferredSecondaryJoin;
  /// Dotted names used as columns (in the joins, remote_side, foreign_keys)
  /// that Resolve could not map; SQLAlchemy fails on them at configure time.
  /// The analysis treats them as non-columns.
  std::vector<std::string> UnresolvedNames;
};

/// Determines joins and direction as SQLAlchemy 1.4 does (§2).
JoinResult analyzeJoin(const JoinSpec &Spec);

/// The generated side of Original's backref= as SQLAlchemy configures it
/// (§1.1 step 4, §1.3): its joins are Original's final joins as SQLAlchemy
/// hands them over (M2M: swapped, local/remote marks dropped; otherwise
/// the primaryjoin with local and remote marks traded when the user wrote
/// remote(), else with only foreign() marks kept, else bare), not
/// re-inferred. Generated holds the generated side's own arguments:
/// RelName ("Address.user"), ParentTables = Original.ChildTables,
/// ChildTables = Original.ParentTables, Secondary, PrimaryJoin /
/// SecondaryJoin only when given in backref(...) (they then replace the
/// handed-over ones), RemoteSide from backref(...), ForeignKeys (backref's,
/// else Original's written ones), ViewOnly, Resolve, ChildClassNames
/// (Original's parent class). Exact where analyzing a written-out mirror
/// (mirrorPrimaryJoinForBackref) is not (see mirrorInexactColumns, and
/// joined-inheritance filters). When Original fails, SQLAlchemy generates
/// nothing: Dir Unknown, no Error.
JoinResult analyzeBackrefJoin(const JoinSpec &Original,
                              const JoinSpec &Generated);

/// §1.3 / §6.1: the primaryjoin that a backref's generated side gets from
/// P.rel's *written* primaryjoin: if it has remote() marks, every remote()
/// is removed and every column of ParentTables not already wrapped is
/// wrapped in remote() (in a self-referential join, every column); foreign()
/// stays. If it has only foreign() marks, or none, it is copied as is.
/// The result is what a rewrite writes explicitly on the generated side.
PyExpr
mirrorPrimaryJoinForBackref(const PyExpr &Written,
                            const std::vector<const Table *> &ParentTables,
                            const ColumnResolver &Resolve);

/// Where writing the §1.3 swap out explicitly is not exact: SQLAlchemy's
/// swap leaves columns that are in neither the user's remote() marks nor
/// ParentTables without any mark, while the explicit join written onto the
/// generated side gets them marked local again if they belong to its own
/// tables (P.rel's ChildTables). Then only the generated side's
/// local_columns differ (observed: a two-table join "and_(User.id ==
/// remote(foreign(Address.user_id)), Address.email == 'x')" gives
/// local_columns {address.user_id} on the backref, {address.email,
/// address.user_id} on the explicit rewrite). Likewise a remote() column
/// outside ChildTables, which SQLAlchemy makes local. Empty when Written has
/// no remote() marks or the rewrite is exact.
std::vector<ColumnRef>
mirrorInexactColumns(const PyExpr &Written,
                     const std::vector<const Table *> &ParentTables,
                     const std::vector<const Table *> &ChildTables,
                     const ColumnResolver &Resolve);

} // namespace relcheck
