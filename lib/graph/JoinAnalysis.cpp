//===- JoinAnalysis.cpp - joins, direction, filters (§2, §5) --------------===//
//
// SQLAlchemy 1.4's JoinCondition over plain tables: determine the joins,
// annotate foreign, remote and local column occurrences, collect the
// local/remote and synchronize pairs, check them, and derive the direction.
// The steps and their order follow SQLAlchemy, because the first failing
// step decides which error the user sees.
//
//===----------------------------------------------------------------------===//

#include "graph/JoinAnalysis.h"
#include "graph/JoinExpr.h"
#include "graph/JoinInference.h"

#include <algorithm>
#include <set>

namespace relcheck {

namespace {

using ColumnSet = std::set<ColumnRef>;

ColumnSet columnsOf(const std::vector<const Table *> &Tables) {
  ColumnSet Out;
  for (const Table *T : Tables)
    if (T)
      for (const Column &C : T->Columns)
        Out.insert(ColumnRef{T->Name, C.Name});
  return Out;
}

bool hasTable(const std::vector<const Table *> &Tables,
              const std::string &Name) {
  return std::any_of(Tables.begin(), Tables.end(),
                     [&](const Table *T) { return T && T->Name == Name; });
}

std::vector<ColumnRef> sorted(const ColumnSet &S) {
  return std::vector<ColumnRef>(S.begin(), S.end());
}

/// An ordered set of pairs (SQLAlchemy's OrderedSet of local/remote pairs).
void addPair(std::vector<std::pair<ColumnRef, ColumnRef>> &Pairs,
             const ColumnRef &L, const ColumnRef &R) {
  std::pair<ColumnRef, ColumnRef> P{L, R};
  if (std::find(Pairs.begin(), Pairs.end(), P) == Pairs.end())
    Pairs.push_back(P);
}

class JoinConditionAnalysis {
public:
  explicit JoinConditionAnalysis(const JoinSpec &Spec) : Spec(Spec) {
    ParentCols = columnsOf(Spec.ParentTables);
    ChildCols = columnsOf(Spec.ChildTables);
    if (Spec.Secondary)
      SecondaryCols = columnsOf({Spec.Secondary});
    if (!Spec.ParentTables.empty())
      ParentLocalCols = columnsOf({Spec.ParentTables.front()});
    if (!Spec.ChildTables.empty())
      ChildLocalCols = columnsOf({Spec.ChildTables.front()});
  }

  JoinResult run() { return runWith(std::nullopt, std::nullopt); }

  /// GivenPrimary / GivenSecondary: joins handed over already evaluated
  /// (and possibly annotated), as a backref hands them to its generated
  /// side; they take the place of written or inferred ones.
  JoinResult runWith(std::optional<JoinTerm> GivenPrimary,
                     std::optional<JoinTerm> GivenSecondary) {
    if (Spec.ParentTables.empty() || Spec.ChildTables.empty())
      return R;
    resolveArguments();
    if (!determineJoins(std::move(GivenPrimary), std::move(GivenSecondary)))
      return finish();
    notePresetMarks();
    annotateForeign();
    annotateRemote();
    annotateLocal();
    annotateParentMapper();
    setupPairs();
    collectColumns();
    computeFiltered();
    if (!checkForeignColumns(*Primary, /*IsPrimary=*/true))
      return finish();
    if (Secondary && !checkForeignColumns(*Secondary, /*IsPrimary=*/false))
      return finish();
    Direction D = determineDirection();
    if (D == Direction::Unknown)
      return finish();
    if (!checkRemoteSide())
      return finish();
    R.Dir = D;
    return finish();
  }

  /// The final, annotated joins (after run()).
  const std::optional<JoinTerm> &primary() const { return Primary; }
  const std::optional<JoinTerm> &secondary() const { return Secondary; }
  /// Marks the primaryjoin carried before the analysis added its own: the
  /// user's remote() / foreign() (or, on a generated side, handed over).
  bool hadRemoteMarks() const { return PresetRemote; }
  bool hadForeignMarks() const { return PresetForeign; }

private:
  const JoinSpec &Spec;
  JoinResult R;
  bool PresetForeign = false, PresetRemote = false, PresetLocal = false;
  ColumnSet ParentCols, ChildCols, SecondaryCols, ParentLocalCols,
      ChildLocalCols;
  std::vector<ColumnRef> ForeignKeysArg; // foreign_keys=, resolved.
  ColumnSet RemoteSideArg;               // remote_side=, resolved.
  std::optional<JoinTerm> Primary, Secondary;
  JoinBuildNotes PrimaryNotes, SecondaryNotes;
  ColumnSet ForeignCols, RemoteCols, LocalCols;

  std::string prop() const { return Spec.RelName; }

  void fail(const char *CaseId, std::string Message) {
    if (!R.Error)
      R.Error = JoinProblem{CaseId, std::move(Message)};
  }

  void warn(const char *CaseId, std::string Message) {
    for (const JoinProblem &W : R.Warnings)
      if (W.CaseId == CaseId && W.Message == Message)
        return;
    R.Warnings.push_back(JoinProblem{CaseId, std::move(Message)});
  }

  void noteUnresolved(const std::string &Dotted) {
    if (std::find(R.UnresolvedNames.begin(), R.UnresolvedNames.end(), Dotted) ==
        R.UnresolvedNames.end())
      R.UnresolvedNames.push_back(Dotted);
  }

  /// remote_side / foreign_keys: a column, or a list/tuple of columns.
  std::vector<ColumnRef> resolveColumnList(const PyExpr *E) {
    std::vector<ColumnRef> Out;
    if (!E)
      return Out;
    std::vector<const PyExpr *> Items;
    if (E->is(PyExpr::Kind::List) || E->is(PyExpr::Kind::Tuple))
      for (const PyExpr &C : E->Children)
        Items.push_back(&C);
    else
      Items.push_back(E);
    for (const PyExpr *Item : Items) {
      std::string Dotted = joinDottedName(*Item);
      std::optional<ColumnRef> C;
      if (!Dotted.empty() && Spec.Resolve)
        C = Spec.Resolve(Dotted);
      if (C) {
        if (std::find(Out.begin(), Out.end(), *C) == Out.end())
          Out.push_back(*C);
      } else {
        noteUnresolved(Dotted.empty() ? renderJoinPython(*Item) : Dotted);
      }
    }
    return Out;
  }

  void resolveArguments() {
    ForeignKeysArg = resolveColumnList(Spec.ForeignKeys);
    for (const ColumnRef &C : resolveColumnList(Spec.RemoteSide))
      RemoteSideArg.insert(C);
  }

  // --- Step 1: the joins ---------------------------------------------------

  bool determineJoins(std::optional<JoinTerm> GivenPrimary,
                      std::optional<JoinTerm> GivenSecondary) {
    if (Spec.SecondaryJoin && !Spec.Secondary) {
      fail("J5", "Property " + prop() +
                     " specified with secondary join condition but no "
                     "secondary argument");
      return false;
    }
    if (GivenPrimary)
      Primary = std::move(GivenPrimary);
    else if (Spec.PrimaryJoin)
      Primary = buildJoinTerm(*Spec.PrimaryJoin, Spec.Resolve, PrimaryNotes);
    if (GivenSecondary && Spec.Secondary)
      Secondary = std::move(GivenSecondary);
    else if (Spec.SecondaryJoin)
      Secondary =
          buildJoinTerm(*Spec.SecondaryJoin, Spec.Resolve, SecondaryNotes);
    for (const JoinBuildNotes *N : {&PrimaryNotes, &SecondaryNotes})
      for (const std::string &U : N->Unresolved)
        noteUnresolved(U);

    InferredJoin::Outcome Problem = InferredJoin::Outcome::Found;
    auto Infer = [&](const std::vector<const Table *> &A, const Table *Local,
                     const std::vector<const Table *> &B,
                     std::optional<JoinTerm> &Into,
                     std::optional<PyExpr> &AsPython) {
      if (Problem != InferredJoin::Outcome::Found)
        return;
      InferredJoin J = inferJoinCondition(A, Local, B, ForeignKeysArg);
      if (J.Result != InferredJoin::Outcome::Found) {
        Problem = J.Result;
        return;
      }
      Into = makeEqualityTerm(J.Pairs);
      AsPython = makeEqualityPyExpr(J.Pairs);
    };
    if (Spec.Secondary) {
      // SQLAlchemy infers the secondaryjoin first.
      if (!Secondary)
        Infer(Spec.ChildTables, Spec.ChildTables.front(), {Spec.Secondary},
              Secondary, R.InferredSecondaryJoin);
      if (!Primary)
        Infer(Spec.ParentTables, Spec.ParentTables.front(), {Spec.Secondary},
              Primary, R.InferredPrimaryJoin);
    } else if (!Primary) {
      Infer(Spec.ParentTables, Spec.ParentTables.front(), Spec.ChildTables,
            Primary, R.InferredPrimaryJoin);
    }

    const std::string Start =
        "Could not determine join condition between parent/child tables on "
        "relationship " +
        prop();
    if (Problem == InferredJoin::Outcome::NoPath) {
      if (Spec.Secondary)
        fail("J3", Start +
                       " - there are no foreign keys linking these tables via "
                       "secondary table '" +
                       Spec.Secondary->Name +
                       "'.  Ensure that referencing columns are associated "
                       "with a ForeignKey or ForeignKeyConstraint, or specify "
                       "'primaryjoin' and 'secondaryjoin' expressions.");
      else
        fail("J1", Start +
                       " - there are no foreign keys linking these tables.  "
                       "Ensure that referencing columns are associated with "
                       "a ForeignKey or ForeignKeyConstraint, or specify a "
                       "'primaryjoin' expression.");
      return false;
    }
    if (Problem == InferredJoin::Outcome::Ambiguous) {
      if (Spec.Secondary)
        fail("J4", Start +
                       " - there are multiple foreign key paths linking the "
                       "tables via secondary table '" +
                       Spec.Secondary->Name +
                       "'.  Specify the 'foreign_keys' argument, providing a "
                       "list of those columns which should be counted as "
                       "containing a foreign key reference from the "
                       "secondary table to each of the parent and child "
                       "tables.");
      else
        fail("J2", Start +
                       " - there are multiple foreign key paths linking the "
                       "tables.  Specify the 'foreign_keys' argument, "
                       "providing a list of those columns which should be "
                       "counted as containing a foreign key reference to the "
                       "parent table.");
      return false;
    }
    R.RenderedPrimary = renderJoinReadable(*Primary, Spec.Resolve);
    if (Secondary)
      R.RenderedSecondary = renderJoinReadable(*Secondary, Spec.Resolve);
    return true;
  }

  std::vector<JoinTerm *> joins() {
    std::vector<JoinTerm *> Out{&*Primary};
    if (Secondary)
      Out.push_back(&*Secondary);
    return Out;
  }

  // --- Step 2: foreign columns ---------------------------------------------

  const Column *lookupColumn(const ColumnRef &C) const {
    if (const Column *Col = columnIn(Spec.ParentTables, C))
      return Col;
    if (const Column *Col = columnIn(Spec.ChildTables, C))
      return Col;
    return columnIn({Spec.Secondary}, C);
  }

  bool references(const ColumnRef &A, const ColumnRef &B) const {
    const Column *Col = lookupColumn(A);
    return Col && std::find(Col->ForeignKeys.begin(), Col->ForeignKeys.end(),
                            B) != Col->ForeignKeys.end();
  }

  bool inSecondary(const JoinTerm &T) const {
    return T.isColumn() && SecondaryCols.count(T.Col);
  }

  void notePresetMarks() {
    for (const JoinTerm *C : joinColumns(*Primary)) {
      PresetForeign |= C->Foreign;
      PresetRemote |= C->Remote;
      PresetLocal |= C->Local;
    }
  }

  void annotateForeign() {
    // Only foreign marks in the primaryjoin stop inference.
    if (PresetForeign)
      return;
    if (!ForeignKeysArg.empty()) {
      for (JoinTerm *J : joins())
        for (JoinTerm *C : joinColumns(*J))
          if (std::find(ForeignKeysArg.begin(), ForeignKeysArg.end(), C->Col) !=
              ForeignKeysArg.end())
            C->Foreign = true;
      return;
    }
    for (JoinTerm *J : joins())
      for (JoinTerm *B : joinBinaries(*J)) {
        if (B->Children.size() != 2)
          continue;
        JoinTerm &L = B->Children[0];
        JoinTerm &Rt = B->Children[1];
        if (L.Foreign || Rt.Foreign)
          continue;
        if (L.isColumn() && Rt.isColumn()) {
          if (references(L.Col, Rt.Col)) {
            L.Foreign = true;
            continue;
          }
          if (references(Rt.Col, L.Col)) {
            Rt.Foreign = true;
            continue;
          }
        }
        if (Spec.Secondary) {
          if (inSecondary(L) && !inSecondary(Rt))
            L.Foreign = true;
          else if (inSecondary(Rt) && !inSecondary(L))
            Rt.Foreign = true;
        }
      }
  }

  // --- Step 3: remote columns ----------------------------------------------

  bool inBoth(const ColumnRef &C) const {
    return hasTable(Spec.ParentTables, C.Table) &&
           hasTable(Spec.ChildTables, C.Table);
  }

  /// Some comparison's two columns both belong to a table that is both
  /// parent and child.
  bool refersToParentTable() {
    for (JoinTerm *B : joinBinaries(*Primary))
      if (B->Children.size() == 2 && B->Children[0].isColumn() &&
          B->Children[1].isColumn() && inBoth(B->Children[0].Col) &&
          inBoth(B->Children[1].Col))
        return true;
    return false;
  }

  bool tablesOverlap() const {
    for (const Table *T : Spec.ParentTables)
      if (T && hasTable(Spec.ChildTables, T->Name))
        return true;
    return false;
  }

  void warnNonSimple() {
    warn("W4", "Non-simple column elements in primary join condition for "
               "property " +
                   prop() +
                   " - consider using remote() annotations to mark the "
                   "remote side.");
  }

  template <typename Pred>
  void annotateSelfReferential(Pred IsRemote, bool RemoteSideGiven) {
    for (JoinTerm *B : joinBinaries(*Primary)) {
      if (B->Children.size() != 2)
        continue;
      JoinTerm &L = B->Children[0];
      JoinTerm &Rt = B->Children[1];
      if (L.isColumn() && Rt.isColumn()) {
        bool Equated = L.Col == Rt.Col;
        // The default assumes one-to-many: foreign columns are remote.
        if (IsRemote(L))
          L.Remote = true;
        if (IsRemote(Rt) && !Equated)
          Rt.Remote = true;
      } else if (!RemoteSideGiven) {
        warnNonSimple();
      }
    }
  }

  /// The occurrence's parentmapper is the target mapper.
  bool reachedThroughTarget(const JoinTerm &T) const {
    if (T.ParentMapper == JoinTerm::Mapper::Target)
      return true;
    return T.ParentMapper == JoinTerm::Mapper::Written &&
           std::find(Spec.ChildClassNames.begin(), Spec.ChildClassNames.end(),
                     T.WrittenClass) != Spec.ChildClassNames.end();
  }

  /// Without ChildClassNames, a class written in the join cannot be told
  /// from the target.
  bool mapperUnknown(const JoinTerm &T) const {
    return T.ParentMapper == JoinTerm::Mapper::Written &&
           Spec.ChildClassNames.empty();
  }

  void annotateRemoteWithOverlap() {
    bool SameMapper =
        Spec.SameMapper.value_or(Spec.ParentTables == Spec.ChildTables);
    // Which mapper a column was reached through only matters between
    // different mappers.
    bool CheckEntities = !SameMapper;
    auto Proc = [&](JoinTerm &L, JoinTerm &Rt) {
      if (L.isColumn() && Rt.isColumn()) {
        if (ChildCols.count(Rt.Col) && ParentCols.count(L.Col))
          Rt.Remote = true;
      } else if (CheckEntities && reachedThroughTarget(Rt)) {
        Rt.Remote = true;
      } else if (CheckEntities && reachedThroughTarget(L)) {
        L.Remote = true;
      } else if (!CheckEntities || (!mapperUnknown(L) && !mapperUnknown(Rt))) {
        warnNonSimple();
      }
    };
    for (JoinTerm *B : joinBinaries(*Primary)) {
      if (B->Children.size() != 2)
        continue;
      Proc(B->Children[0], B->Children[1]);
      Proc(B->Children[1], B->Children[0]);
    }
  }

  void annotateRemote() {
    if (PresetRemote)
      return;
    if (Spec.Secondary) {
      for (JoinTerm *J : joins())
        for (JoinTerm *C : joinColumns(*J))
          if (SecondaryCols.count(C->Col))
            C->Remote = true;
      return;
    }
    if (!RemoteSideArg.empty()) {
      if (refersToParentTable()) {
        annotateSelfReferential(
            [&](const JoinTerm &T) { return RemoteSideArg.count(T.Col) > 0; },
            /*RemoteSideGiven=*/true);
      } else {
        for (JoinTerm *C : joinColumns(*Primary))
          if (RemoteSideArg.count(C->Col))
            C->Remote = true;
      }
      return;
    }
    if (refersToParentTable()) {
      annotateSelfReferential([](const JoinTerm &T) { return T.Foreign; },
                              /*RemoteSideGiven=*/false);
      return;
    }
    if (tablesOverlap()) {
      annotateRemoteWithOverlap();
      return;
    }
    for (JoinTerm *C : joinColumns(*Primary))
      if (ChildCols.count(C->Col) &&
          (!ParentLocalCols.count(C->Col) || ChildLocalCols.count(C->Col)))
        C->Remote = true;
  }

  // --- Local columns, pairs ------------------------------------------------

  void annotateLocal() {
    // A generated side may receive its local marks with the join.
    if (PresetLocal)
      return;
    for (JoinTerm *C : joinColumns(*Primary))
      if (!C->Remote && ParentCols.count(C->Col))
        C->Local = true;
  }

  void annotateParentMapper() {
    for (JoinTerm *C : joinColumns(*Primary)) {
      if (C->Remote)
        C->ParentMapper = JoinTerm::Mapper::Target;
      else if (C->Local)
        C->ParentMapper = JoinTerm::Mapper::Parent;
    }
  }

  bool mapped(const JoinTerm &T) const {
    if (!T.isColumn())
      return false;
    return SecondaryCols.count(T.Col) || ParentCols.count(T.Col) ||
           ChildCols.count(T.Col);
  }

  void setupPairs() {
    auto Go = [&](JoinTerm &Join,
                  std::vector<std::pair<ColumnRef, ColumnRef>> &Sync) {
      visitJoinBinaryProduct(Join, [&](JoinTerm &B, JoinTerm &L, JoinTerm &Rt) {
        if (Rt.Remote && !L.Remote && mapped(L))
          addPair(R.LocalRemotePairs, L.Col, Rt.Col);
        else if (L.Remote && !Rt.Remote && mapped(Rt))
          addPair(R.LocalRemotePairs, Rt.Col, L.Col);
        if (B.Op == "==" && mapped(L) && mapped(Rt)) {
          if (Rt.Foreign)
            Sync.push_back({L.Col, Rt.Col});
          else if (L.Foreign)
            Sync.push_back({Rt.Col, L.Col});
        }
      });
    };
    Go(*Primary, R.SyncPairs);
    if (Secondary)
      Go(*Secondary, R.SecondarySyncPairs);
  }

  void collectColumns() {
    for (JoinTerm *J : joins())
      for (const JoinTerm *C : joinColumns(*J)) {
        if (C->Foreign)
          ForeignCols.insert(C->Col);
        if (C->Remote)
          RemoteCols.insert(C->Col);
        if (C->Local)
          LocalCols.insert(C->Col);
      }
    R.Foreign = sorted(ForeignCols);
    R.Remote = sorted(RemoteCols);
    R.Local = sorted(LocalCols);
  }

  // --- §5: filters ---------------------------------------------------------

  void computeFiltered() {
    ColumnSet Paired;
    for (const auto &P : R.LocalRemotePairs) {
      Paired.insert(P.first);
      Paired.insert(P.second);
    }
    for (JoinTerm *J : joins())
      for (const JoinTerm *Conjunct : joinConjuncts(*J)) {
        std::vector<const JoinTerm *> Cols = joinColumns(*Conjunct);
        bool Extra =
            std::any_of(Cols.begin(), Cols.end(), [&](const JoinTerm *C) {
              return !Paired.count(C->Col);
            });
        if (!Extra)
          continue;
        R.Filtered = true;
        (J == &*Primary ? R.PrimaryFiltered : R.SecondaryFiltered) = true;
        R.FilterTerms.push_back(
            Conjunct->Source ? renderJoinPython(*Conjunct->Source)
                             : renderJoinReadable(*Conjunct, Spec.Resolve));
      }
  }

  // --- Checks and direction ------------------------------------------------

  bool checkForeignColumns(JoinTerm &Join, bool IsPrimary) {
    bool HasForeign = false;
    for (const JoinTerm *C : joinColumns(Join))
      HasForeign |= C->Foreign;
    bool CanSync =
        IsPrimary ? !R.SyncPairs.empty() : !R.SecondarySyncPairs.empty();
    bool SupportSync = !Spec.ViewOnly;
    if ((SupportSync && CanSync) || (!SupportSync && HasForeign))
      return true;
    std::string Which = IsPrimary ? "primary" : "secondary";
    std::string Cond = renderJoinSql(Join);
    const char *Ensure =
        "  Ensure that referencing columns are associated with a ForeignKey "
        "or ForeignKeyConstraint, or are annotated in the join condition "
        "with the foreign() annotation.";
    if (SupportSync && HasForeign && !CanSync)
      fail("J7", "Could not locate any simple equality expressions involving "
                 "locally mapped foreign key columns for " +
                     Which + " join condition '" + Cond + "' on relationship " +
                     prop() + "." + Ensure +
                     " To allow comparison operators other than '==', the "
                     "relationship can be marked as viewonly=True.");
    else
      fail("J6", "Could not locate any relevant foreign key columns for " +
                     Which + " join condition '" + Cond + "' on relationship " +
                     prop() + "." + Ensure);
    return false;
  }

  Direction determineDirection() {
    if (Secondary)
      return Direction::ManyToMany;
    bool OneToManyFk = false, ManyToOneFk = false;
    for (const ColumnRef &C : ForeignCols) {
      OneToManyFk |= ChildCols.count(C) > 0;
      ManyToOneFk |= ParentCols.count(C) > 0;
    }
    if (OneToManyFk && ManyToOneFk) {
      ColumnSet OneToMany, ManyToOne;
      // Per column, SQLAlchemy's set keeps the first foreign occurrence in
      // breadth-first order; that occurrence decides "foreign, not remote".
      ColumnSet SeenForeign;
      for (JoinTerm *T : joinTermsBreadthFirst(*Primary)) {
        if (!T->isColumn() || !T->Foreign)
          continue;
        if (T->Remote)
          OneToMany.insert(T->Col);
        if (SeenForeign.insert(T->Col).second && !T->Remote)
          ManyToOne.insert(T->Col);
      }
      if (!OneToMany.empty() && !ManyToOne.empty()) {
        // and_(Me.id == Me.remote_id, Me.version == Me.version)
        for (const ColumnRef &C : RemoteCols)
          if (LocalCols.count(C)) {
            OneToMany.erase(C);
            ManyToOne.erase(C);
          }
      }
      if (!OneToMany.empty() && ManyToOne.empty())
        return Direction::OneToMany;
      if (!ManyToOne.empty() && OneToMany.empty())
        return Direction::ManyToOne;
      fail("J9", "Can't determine relationship direction for relationship '" +
                     prop() +
                     "' - foreign key columns within the join condition are "
                     "present in both the parent and the child's mapped "
                     "tables.  Ensure that only those columns referring to a "
                     "parent column are marked as foreign, either via the "
                     "foreign() annotation or via the foreign_keys argument.");
      return Direction::Unknown;
    }
    if (OneToManyFk)
      return Direction::OneToMany;
    if (ManyToOneFk)
      return Direction::ManyToOne;
    fail("J8", "Can't determine relationship direction for relationship '" +
                   prop() +
                   "' - foreign key columns are present in neither the parent "
                   "nor the child's mapped tables");
    return Direction::Unknown;
  }

  bool checkRemoteSide() {
    if (R.LocalRemotePairs.empty()) {
      fail("J10", "Relationship " + prop() +
                      " could not determine any unambiguous local/remote "
                      "column pairs based on join condition and remote_side "
                      "arguments.  Consider using the remote() annotation to "
                      "accurately mark those elements of the join condition "
                      "that are on the remote side of the relationship.");
      return false;
    }
    for (const auto &P : R.LocalRemotePairs)
      if (ParentCols.count(P.second) && !ChildCols.count(P.second))
        warn("W3", "Expression " + P.second.Table + "." + P.second.Column +
                       " is marked as 'remote', but these column(s) are "
                       "local to the local side.  The remote() annotation is "
                       "needed only for a self-referential relationship where "
                       "both sides of the relationship refer to the same "
                       "tables.");
    return true;
  }

  JoinResult finish() {
    if (R.Error)
      R.Dir = Direction::Unknown;
    return std::move(R);
  }
};

} // namespace

JoinResult analyzeJoin(const JoinSpec &Spec) {
  return JoinConditionAnalysis(Spec).run();
}

namespace {

/// Drops local/remote marks, or every mark and parentmapper too.
void stripMarks(JoinTerm &T, bool Everything) {
  for (JoinTerm *C : joinColumns(T)) {
    C->Local = C->Remote = false;
    if (Everything) {
      C->Foreign = false;
      C->ParentMapper = JoinTerm::Mapper::None;
      C->WrittenClass.clear();
    }
  }
}

/// The generated side's parent is P.rel's target and the other way round.
void swapMappers(JoinTerm &T) {
  for (JoinTerm *C : joinColumns(T)) {
    if (C->ParentMapper == JoinTerm::Mapper::Parent)
      C->ParentMapper = JoinTerm::Mapper::Target;
    else if (C->ParentMapper == JoinTerm::Mapper::Target)
      C->ParentMapper = JoinTerm::Mapper::Parent;
  }
}

} // namespace

JoinResult analyzeBackrefJoin(const JoinSpec &Original,
                              const JoinSpec &Generated) {
  JoinConditionAnalysis Declared(Original);
  JoinResult DeclaredResult = Declared.run();
  if (DeclaredResult.Error || !Declared.primary())
    return JoinResult(); // SQLAlchemy stops before generating anything.

  std::optional<JoinTerm> Primary, Secondary;
  if (Original.Secondary) {
    // Joins swapped, local/remote marks dropped; foreign marks stay.
    if (!Generated.PrimaryJoin && Declared.secondary()) {
      Primary = *Declared.secondary();
      stripMarks(*Primary, /*Everything=*/false);
    }
    if (!Generated.SecondaryJoin) {
      Secondary = *Declared.primary();
      stripMarks(*Secondary, /*Everything=*/false);
    }
  } else if (!Generated.PrimaryJoin) {
    Primary = *Declared.primary();
    if (Declared.hadRemoteMarks()) {
      // Local and remote trade places; foreign marks stay, inferred ones
      // included.
      for (JoinTerm *C : joinColumns(*Primary))
        std::swap(C->Local, C->Remote);
    } else {
      stripMarks(*Primary, /*Everything=*/!Declared.hadForeignMarks());
    }
  }
  for (std::optional<JoinTerm> *J : {&Primary, &Secondary})
    if (*J)
      swapMappers(**J);
  return JoinConditionAnalysis(Generated).runWith(std::move(Primary),
                                                  std::move(Secondary));
}

} // namespace relcheck
