//===- JoinInference.h - join conditions from foreign keys ------*- C++ -*-===//
//
// SQLAlchemy's join_condition(a, b, a_subset, consider_as_foreign_keys):
// the equality a relationship gets when no join is written, found from the
// ForeignKeys between two sets of tables.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ModelGraph.h"

#include <utility>
#include <vector>

namespace relcheck {

struct InferredJoin {
  enum class Outcome { Found, NoPath, Ambiguous };
  Outcome Result = Outcome::NoPath;
  /// (referenced column, referencing column) of the one constraint chosen;
  /// twice when the ForeignKey is reachable from both sides (a table shared
  /// by both), as SQLAlchemy then repeats the equality.
  std::vector<std::pair<ColumnRef, ColumnRef>> Pairs;
};

/// A: the left mapper's tables (its local table first); ASubset: its local
/// table, tried alone first; B: the right side's tables. Consider, when not
/// empty, restricts which referencing columns count (foreign_keys=).
/// A ForeignKey(...) is its own constraint, a ForeignKeyConstraint one for
/// all its columns: a composite key linked by per-column ForeignKeys is
/// ambiguous, as it is in SQLAlchemy, and one ForeignKeyConstraint is not.
InferredJoin inferJoinCondition(const std::vector<const Table *> &A,
                                const Table *ASubset,
                                const std::vector<const Table *> &B,
                                const std::vector<ColumnRef> &Consider);

} // namespace relcheck
