//===- JoinMirror.cpp - the primaryjoin a backref copies (§1.3) -----------===//
//
// SQLAlchemy hands the generated side P.rel's final primaryjoin with remote
// and local annotations swapped, but only when the user wrote remote()
// marks; otherwise the join is copied bare and re-analyzed. Its "local"
// annotation covers every column of the declaring mapper's tables that is
// not remote, so writing the swap out explicitly means: unwrap remote(), and
// wrap every other column of those tables in remote().
//
//===----------------------------------------------------------------------===//

#include "graph/JoinAnalysis.h"
#include "graph/JoinExpr.h"

#include <algorithm>

namespace relcheck {

namespace {

using PK = PyExpr::Kind;

/// remote(x) / foreign(x). Not remote(k=x): SQLAlchemy refuses a keyword
/// there, and unwrapping it wrote a bare "k=x", which is not Python (found
/// by fuzz_join_expr).
bool isMarkCall(const PyExpr &E, const char *Name) {
  return E.is(PK::Call) && E.Children.size() == 2 &&
         !E.Children[1].is(PK::Keyword) &&
         (E.Children[0].is(PK::Name) || E.Children[0].is(PK::Attribute)) &&
         E.Children[0].Text == Name;
}

bool containsRemoteMark(const PyExpr &E, const ColumnResolver &Resolve) {
  if (isMarkCall(E, "remote")) {
    // remote() marks only count when they reach a column.
    JoinBuildNotes Notes;
    buildJoinTerm(E, Resolve, Notes);
    if (Notes.HasRemoteMarks)
      return true;
  }
  return std::any_of(
      E.Children.begin(), E.Children.end(),
      [&](const PyExpr &C) { return containsRemoteMark(C, Resolve); });
}

class Mirror {
public:
  Mirror(const std::vector<const Table *> &ParentTables,
         const ColumnResolver &Resolve)
      : ParentTables(ParentTables), Resolve(Resolve) {}

  PyExpr run(const PyExpr &E, bool InsideRemote) {
    if (isMarkCall(E, "remote"))
      return run(E.Children[1], /*InsideRemote=*/true);
    if (E.is(PK::Name) || E.is(PK::Attribute) || E.is(PK::Subscript)) {
      std::string Dotted = joinDottedName(E);
      if (!Dotted.empty()) {
        if (!InsideRemote && isParentColumn(Dotted))
          return wrapRemote(E);
        if (!E.is(PK::Attribute) || resolves(Dotted))
          return E;
      }
    }
    PyExpr Out = E;
    if (E.is(PK::Call)) {
      // The callee is a function name, except for a method called on a
      // column expression (Address.email.startswith).
      const PyExpr &Callee = E.Children[0];
      if (Callee.is(PK::Attribute) && !Callee.Children.empty())
        Out.Children[0].Children[0] = run(Callee.Children[0], InsideRemote);
      for (size_t I = 1; I < E.Children.size(); ++I)
        Out.Children[I] = run(E.Children[I], InsideRemote);
      return Out;
    }
    for (size_t I = 0; I < E.Children.size(); ++I)
      Out.Children[I] = run(E.Children[I], InsideRemote);
    return Out;
  }

private:
  const std::vector<const Table *> &ParentTables;
  const ColumnResolver &Resolve;

  bool resolves(const std::string &Dotted) const {
    return Resolve && Resolve(Dotted).has_value();
  }

  bool isParentColumn(const std::string &Dotted) const {
    if (!Resolve)
      return false;
    std::optional<ColumnRef> C = Resolve(Dotted);
    return C && columnIn(ParentTables, *C);
  }

  static PyExpr wrapRemote(const PyExpr &E) {
    PyExpr Callee;
    Callee.K = PK::Name;
    Callee.Text = "remote";
    Callee.Begin = E.Begin;
    Callee.End = E.Begin;
    PyExpr Call;
    Call.K = PK::Call;
    Call.Begin = E.Begin;
    Call.End = E.End;
    Call.Children.push_back(std::move(Callee));
    Call.Children.push_back(E);
    return Call;
  }
};

} // namespace

std::vector<ColumnRef>
mirrorInexactColumns(const PyExpr &Written,
                     const std::vector<const Table *> &ParentTables,
                     const std::vector<const Table *> &ChildTables,
                     const ColumnResolver &Resolve) {
  std::vector<ColumnRef> Out;
  JoinBuildNotes Notes;
  JoinTerm Join = buildJoinTerm(Written, Resolve, Notes);
  if (!Notes.HasRemoteMarks)
    return Out;
  for (const JoinTerm *C : joinColumns(Join)) {
    // Unmarked child columns: SQLAlchemy leaves them bare, the rewrite makes
    // them local. remote() columns outside the child tables: SQLAlchemy
    // makes them local, the rewrite cannot.
    bool Inexact = C->Remote ? !columnIn(ChildTables, C->Col)
                             : !columnIn(ParentTables, C->Col) &&
                                   columnIn(ChildTables, C->Col);
    if (Inexact && std::find(Out.begin(), Out.end(), C->Col) == Out.end())
      Out.push_back(C->Col);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

PyExpr
mirrorPrimaryJoinForBackref(const PyExpr &Written,
                            const std::vector<const Table *> &ParentTables,
                            const ColumnResolver &Resolve) {
  if (!containsRemoteMark(Written, Resolve))
    return Written;
  return Mirror(ParentTables, Resolve).run(Written, /*InsideRemote=*/false);
}

} // namespace relcheck
