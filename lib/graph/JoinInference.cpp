//===- JoinInference.cpp - join conditions from foreign keys --------------===//

#include "graph/JoinInference.h"

#include <algorithm>
#include <set>

namespace relcheck {

namespace {

/// One ForeignKey: the referencing column and the column it names, and
/// the ForeignKeyConstraint it is an element of (null: its own).
struct ForeignKeyEdge {
  ColumnRef Parent;
  ColumnRef Target;
  const ForeignKeyConstraint *Constraint = nullptr;
};

const ForeignKeyConstraint *constraintOf(const Table &T,
                                         const std::string &Column,
                                         const ColumnRef &Target) {
  for (const ForeignKeyConstraint &C : T.ForeignKeyConstraints)
    for (const auto &[Name, Ref] : C.Elements)
      if (Name == Column && Ref == Target)
        return &C;
  return nullptr;
}

/// A selectable's ForeignKeys in column creation order: a base class's table
/// (last in the list) is created before its subclass's.
std::vector<ForeignKeyEdge>
foreignKeysOf(const std::vector<const Table *> &Tables) {
  std::vector<ForeignKeyEdge> Out;
  for (auto It = Tables.rbegin(); It != Tables.rend(); ++It) {
    if (!*It)
      continue;
    for (const Column &Col : (*It)->Columns)
      for (const ColumnRef &Target : Col.ForeignKeys)
        Out.push_back({ColumnRef{(*It)->Name, Col.Name}, Target,
                       constraintOf(**It, Col.Name, Target)});
  }
  return Out;
}

bool sameSelectable(const std::vector<const Table *> &A,
                    const std::vector<const Table *> &B) {
  return A == B;
}

} // namespace

InferredJoin inferJoinCondition(const std::vector<const Table *> &A,
                                const Table *ASubset,
                                const std::vector<const Table *> &B,
                                const std::vector<ColumnRef> &Consider) {
  auto Counts = [&](const ColumnRef &Parent) {
    return Consider.empty() || std::find(Consider.begin(), Consider.end(),
                                         Parent) != Consider.end();
  };
  // One entry per constraint: a ForeignKey(...) is its own, the elements
  // of a ForeignKeyConstraint share one. When the two sides share a table,
  // one ForeignKey can be found from both sides; it then contributes its
  // equality twice, as in SQLAlchemy.
  struct Constraint {
    ColumnRef Parent, Target;
    const ForeignKeyConstraint *Composite = nullptr;
    std::vector<std::pair<ColumnRef, ColumnRef>> Pairs;
    /// Every constrained column of the constraint, found or not: what
    /// foreign_keys= must equal to keep it.
    std::vector<ColumnRef> AllParents;
  };
  std::vector<Constraint> Constraints;
  auto Add = [&](const ForeignKeyEdge &FK) {
    for (Constraint &C : Constraints)
      if (FK.Constraint ? C.Composite == FK.Constraint
                        : !C.Composite && C.Parent == FK.Parent &&
                              C.Target == FK.Target) {
        C.Pairs.push_back({FK.Target, FK.Parent});
        return;
      }
    Constraint C{FK.Parent,
                 FK.Target,
                 FK.Constraint,
                 {{FK.Target, FK.Parent}},
                 {FK.Parent}};
    if (FK.Constraint) {
      C.AllParents.clear();
      for (const auto &Element : FK.Constraint->Elements)
        C.AllParents.push_back({FK.Parent.Table, Element.first});
    }
    Constraints.push_back(std::move(C));
  };
  std::vector<std::vector<const Table *>> Lefts;
  if (ASubset)
    Lefts.push_back({ASubset});
  Lefts.push_back(A);
  for (const std::vector<const Table *> &Left : Lefts) {
    for (const ForeignKeyEdge &FK : foreignKeysOf(B))
      if (Counts(FK.Parent) && columnIn(Left, FK.Target))
        Add(FK);
    if (!sameSelectable(Left, B))
      for (const ForeignKeyEdge &FK : foreignKeysOf(Left))
        if (Counts(FK.Parent) && columnIn(B, FK.Target))
          Add(FK);
    if (!Constraints.empty())
      break;
  }

  InferredJoin Result;
  if (Constraints.size() > 1) {
    // Only a constraint whose columns are exactly foreign_keys survives.
    if (!Consider.empty()) {
      std::vector<Constraint> Kept;
      std::set<ColumnRef> Wanted(Consider.begin(), Consider.end());
      for (const Constraint &C : Constraints)
        if (std::set<ColumnRef>(C.AllParents.begin(), C.AllParents.end()) ==
            Wanted)
          Kept.push_back(C);
      Constraints = std::move(Kept);
    }
    // Several constraints that all say the same thing are one.
    if (Constraints.size() > 1 &&
        std::all_of(Constraints.begin(), Constraints.end(),
                    [&](const Constraint &C) {
                      return C.Pairs == Constraints.front().Pairs;
                    }))
      Constraints.resize(1);
    if (Constraints.size() != 1) {
      Result.Result = InferredJoin::Outcome::Ambiguous;
      return Result;
    }
  }
  if (Constraints.empty()) {
    Result.Result = InferredJoin::Outcome::NoPath;
    return Result;
  }
  Result.Result = InferredJoin::Outcome::Found;
  Result.Pairs = std::move(Constraints.front().Pairs);
  return Result;
}

} // namespace relcheck
