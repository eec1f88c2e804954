//===- SyncTargetConflicts.h - W1, overlapping writers (§3.2) ---*- C++ -*-===//
//
// SQLAlchemy 1.4's check for relationships that write the same column
// without being linked (relationships.py,
// JoinCondition._warn_for_conflicting_sync_targets), over the whole graph:
// what relcheck-overlapping-writers reports, and what the other rules' fixes
// must know about (a backref whose generated side the overlapping-writers
// fix declares).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ModelGraph.h"

#include <set>
#include <string>
#include <vector>

namespace relcheck {

/// A relationship that writes a column, and the column it copies there.
struct SyncWriter {
  const Relationship *Rel = nullptr;
  ColumnRef From;
};

/// One SQLAlchemy warning: Rel copies From to To, as the Others (configured
/// earlier, not linked to it) already do.
struct SyncTargetConflict {
  const Relationship *Rel = nullptr;
  ColumnRef From, To;
  std::vector<SyncWriter> Others;
};

/// Every W1 warning SQLAlchemy emits while configuring the graph, in its
/// order: relationships in configuration order, each over its
/// synchronize_pairs then its secondary_synchronize_pairs.
std::vector<SyncTargetConflict>
findSyncTargetConflicts(const ModelGraph &Graph);

/// SQLAlchemy's _overlaps of R: its overlaps= split at commas and the white
/// space around them. A generated R has only its backref(..., overlaps=).
std::set<std::string> overlapsKeys(const Relationship &R);

/// "table.column", as SQLAlchemy prints a column.
std::string columnText(const ColumnRef &C);

} // namespace relcheck
