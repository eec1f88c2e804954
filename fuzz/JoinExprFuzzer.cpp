//===- JoinExprFuzzer.cpp - libFuzzer: join conditions, parsed as written -===//
//
// primaryjoin="...", secondaryjoin, remote_side and foreign_keys strings
// are parsed by the graph (parsePyExpression) and evaluated by the join
// analysis. The input is up to four NUL-separated texts: primaryjoin,
// secondaryjoin, remote_side, foreign_keys. Tables are made up from the
// names the texts use (first class or table named: the parent, second:
// the child, third: the secondary), with "<table>_id" columns as foreign
// keys to "<table>.id", so written joins reach the direction analysis
// instead of stopping at unresolved names. What relcheck renders back as
// Python (the fixes it writes) must parse again.
//
//===----------------------------------------------------------------------===//
#include "annotations/PyExpr.h"
#include "graph/JoinAnalysis.h"
#include "graph/JoinExpr.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string_view>

using namespace relcheck;

namespace {

std::vector<std::string> splitDots(const std::string &S) {
  std::vector<std::string> Parts(1);
  for (char C : S) {
    if (C == '.')
      Parts.emplace_back();
    else
      Parts.back() += C;
  }
  return Parts;
}

std::string lower(std::string S) {
  for (char &C : S)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return S;
}

/// The evaluation of dotted names (as the class registry does it), over
/// whatever tables the texts name.
struct Schema {
  std::string ParentTable;
  std::vector<std::string> Order; ///< Tables in order of first use.
  std::map<std::string, std::vector<std::string>> Columns;

  std::optional<ColumnRef> resolve(const std::string &Dotted) const {
    std::vector<std::string> P = splitDots(Dotted);
    ColumnRef R;
    if (P.size() == 1)
      R = {ParentTable, P[0]};
    else if (P.size() == 2)
      R = {lower(P[0]), P[1]};
    else if (P.size() == 3 && P[1] == "c")
      R = {P[0], P[2]};
    else
      return std::nullopt;
    // Names starting with '_' stay unresolved (SQLAlchemy fails on those).
    if (R.Table.empty() || R.Column.empty() || R.Column[0] == '_')
      return std::nullopt;
    return R;
  }

  void note(const PyExpr &E) {
    std::string Dotted = joinDottedName(E);
    if (!Dotted.empty() && splitDots(Dotted).size() > 1) {
      if (std::optional<ColumnRef> C = resolve(Dotted)) {
        if (!Columns.count(C->Table))
          Order.push_back(C->Table);
        Columns[C->Table].push_back(C->Column);
      }
      return;
    }
    for (const PyExpr &Child : E.Children)
      note(Child);
  }
};

std::optional<PyExpr> parse(std::string_view Text) {
  if (Text.empty())
    return std::nullopt;
  PyParseError Err;
  return parsePyExpression(Text, Err);
}

/// Rendered Python must parse again: relcheck writes it into fixes.
void mustParse(const std::string &Python) {
  PyParseError Err;
  if (!parsePyExpression(Python, Err))
    std::abort();
}

/// The dotted names compared in an inferred join ("class.c.id").
void comparedNames(const PyExpr &E, std::vector<std::string> &Out) {
  if (E.is(PyExpr::Kind::Compare)) {
    for (const PyExpr &C : E.Children)
      Out.push_back(joinDottedName(C));
    return;
  }
  for (const PyExpr &C : E.Children)
    comparedNames(C, Out);
}

/// An inferred join, rendered as Python, parses and names the same
/// columns again (locals()['class'].c['from'] is "class.c.from").
void mustRoundTrip(const PyExpr &Inferred) {
  PyParseError Err;
  std::optional<PyExpr> Back =
      parsePyExpression(renderJoinPython(Inferred), Err);
  if (!Back)
    std::abort();
  std::vector<std::string> Before, After;
  comparedNames(Inferred, Before);
  comparedNames(*Back, After);
  if (Before != After ||
      std::any_of(After.begin(), After.end(),
                  [](const std::string &N) { return N.empty(); }))
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Input(reinterpret_cast<const char *>(Data), Size);
  std::optional<PyExpr> Texts[4];
  for (auto &Text : Texts) {
    size_t Nul = Input.find('\0');
    Text = parse(Input.substr(0, Nul));
    Input = Nul == std::string_view::npos ? "" : Input.substr(Nul + 1);
  }
  auto &[Primary, Secondary, RemoteSide, ForeignKeys] = Texts;

  Schema S;
  S.ParentTable = "parent";
  for (auto &Text : Texts)
    if (Text)
      S.note(*Text);
  if (!S.Order.empty())
    S.ParentTable = S.Order[0];
  std::vector<std::unique_ptr<Table>> Tables;
  std::map<std::string, const Table *> ByName;
  for (const std::string &Name : S.Order) {
    auto T = std::make_unique<Table>();
    T->Name = Name;
    for (const std::string &ColumnName : S.Columns[Name]) {
      if (T->findColumn(ColumnName))
        continue;
      Column C;
      C.Name = C.Attribute = ColumnName;
      C.PrimaryKey = ColumnName == "id";
      std::string_view N = ColumnName;
      if (N.size() > 3 && N.substr(N.size() - 3) == "_id") {
        std::string Target(N.substr(0, N.size() - 3));
        C.ForeignKeys.push_back({Target == "parent" ? Name : Target, "id"});
      }
      T->Columns.push_back(std::move(C));
    }
    ByName[Name] = T.get();
    Tables.push_back(std::move(T));
  }
  auto TableAt = [&](size_t I) -> const Table * {
    return I < S.Order.size() ? ByName[S.Order[I]] : nullptr;
  };
  const Table *ParentT = TableAt(0);
  if (!ParentT)
    return 0; // No column named anywhere: nothing for the analysis.
  const Table *ChildT = TableAt(1) ? TableAt(1) : ParentT;

  ColumnResolver Resolve = [&S](const std::string &Dotted) {
    return S.resolve(Dotted);
  };
  JoinSpec Spec;
  Spec.RelName = "Parent.children";
  Spec.ParentTables = {ParentT};
  Spec.ChildTables = {ChildT};
  Spec.Secondary = Secondary ? TableAt(2) : nullptr;
  Spec.PrimaryJoin = Primary ? &*Primary : nullptr;
  Spec.SecondaryJoin = Spec.Secondary && Secondary ? &*Secondary : nullptr;
  Spec.RemoteSide = RemoteSide ? &*RemoteSide : nullptr;
  Spec.ForeignKeys = ForeignKeys ? &*ForeignKeys : nullptr;
  Spec.Resolve = Resolve;
  Spec.ChildClassNames = {ChildT->Name};
  JoinResult Result = analyzeJoin(Spec);
  // Tables named by Python keywords ("class", "from") included: the
  // inferred join spells them locals()['class'].
  if (Result.InferredPrimaryJoin)
    mustRoundTrip(*Result.InferredPrimaryJoin);
  if (Result.InferredSecondaryJoin)
    mustRoundTrip(*Result.InferredSecondaryJoin);

  if (Primary) {
    JoinBuildNotes Notes;
    JoinTerm Term = buildJoinTerm(*Primary, Resolve, Notes);
    (void)renderJoinReadable(Term, Resolve);
    (void)renderJoinSql(Term);
    (void)joinTermsBreadthFirst(Term);
    (void)joinBinaries(Term);
    (void)joinConjuncts(Term);
    visitJoinBinaryProduct(Term, [](JoinTerm &, JoinTerm &L, JoinTerm &R) {
      (void)renderSqlColumn(L.Col);
      (void)renderSqlColumn(R.Col);
    });
    mustParse(renderJoinPython(*Primary));
    mustParse(renderJoinPython(*Primary, nullptr, /*DropMarks=*/true));
    PyExpr Mirrored =
        mirrorPrimaryJoinForBackref(*Primary, Spec.ParentTables, Resolve);
    mustParse(renderJoinPython(Mirrored));
    (void)mirrorInexactColumns(*Primary, Spec.ParentTables, Spec.ChildTables,
                               Resolve);
  }

  // The generated side of a backref= on this relationship.
  JoinSpec Generated = Spec;
  Generated.RelName = "Child.parent";
  std::swap(Generated.ParentTables, Generated.ChildTables);
  Generated.PrimaryJoin = Generated.SecondaryJoin = nullptr;
  Generated.RemoteSide = nullptr;
  Generated.ChildClassNames = {ParentT->Name};
  (void)analyzeBackrefJoin(Spec, Generated);
  return 0;
}
