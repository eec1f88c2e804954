//===- GraphMappers.cpp ---------------------------------------------------===//
//
// Steps 2-3 of GraphBuilder::build, mappers: what SQLAlchemy checks when it
// creates one (primary key, table, __mapper_args__, inheritance join).
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/BackrefGeneration.h"
#include "graph/GraphBuilderSupport.h"
#include "graph/JoinInference.h"
#include "graph/MapperArguments.h"
#include "graph/NameResolution.h"
#include "graph/RefusalCases.h"
#include "graph/TableArguments.h"
#include "graph/Vocabulary.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <tuple>

namespace relcheck {

using K = PyExpr::Kind;

void GraphBuilder::checkMappers() {
  // Mapper checks SQLAlchemy makes at class creation.
  // Every model's remapped names first: a relationship in one model's
  // properties may generate a backref onto another.
  for (auto &MP : G.Models)
    recordRemappedAttributes(*MP);
  for (auto &MP : G.Models)
    interpretMapperArgs(*MP);
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (M.TableName.empty() || !M.MappedTable)
      continue;
    if (M.Bases.empty()) {
      bool HasPk = false;
      for (const Column &C : M.Columns)
        HasPk |= C.PrimaryKey || C.Fact->Annotation.ParseFailed;
      if (!HasPk && M.MappedTable->MappedBy == &M)
        addIssue(M.Fact->NameRange, IssueSeverity::Error,
                 "model '" + M.QualifiedName +
                     "' has no primary key column (SQLAlchemy: ArgumentError: "
                     "Mapper " +
                     mapperDisplay(M) +
                     " could not assemble any primary key columns for mapped "
                     "table '" +
                     M.TableName + "')",
                 M.QualifiedName, "", refusal::NoPrimaryKey);
    } else if (!M.SingleTableInherited && M.MappedTable->MappedBy == &M) {
      checkInheritCondition(M);
    }
  }
}

/// Calls Visit with every bare name E uses (an attribute's or keyword's
/// name is no Name node).
static void forEachName(const PyExpr &E,
                        const std::function<void(const std::string &)> &Visit) {
  if (E.is(K::Name))
    Visit(E.Text);
  for (const PyExpr &C : E.Children)
    forEachName(C, Visit);
}

static const ArgFact *mapperArgsOf(const Model &M) {
  const ArgFact *Arg = nullptr;
  for (const ArgFact &A : M.Fact->Annotation.Args)
    if (A.Keyword == "__mapper_args__")
      Arg = &A;
  return Arg;
}

/// The backref a relationship(...) in a properties dict generates: its name
/// is mapped on the target too, which relcheck does not see otherwise.
void GraphBuilder::recordHiddenBackrefs(const PyExpr &E, const Model &M) {
  if (E.is(K::Call) && calleeName(E) == "relationship" &&
      E.Children.size() > 1 &&
      (E.Children[1].is(K::String) || !dottedName(E.Children[1]).empty())) {
    std::string Target = E.Children[1].is(K::String)
                             ? E.Children[1].Text
                             : dottedName(E.Children[1]);
    for (const PyExpr &C : E.Children)
      if (C.is(K::Keyword) && C.Text == "backref" && !C.Children.empty())
        if (std::optional<BackrefSpelling> B = interpretBackref(C.Children[0]))
          for (const Model *T : G.findModelsSeenFrom(Target, &M))
            for (auto &MP : G.Models) // T, writable
              if (MP.get() == T && !B->Name.empty())
                MP->PropertyNames.insert(B->Name);
  }
  for (const PyExpr &C : E.Children)
    recordHiddenBackrefs(C, M);
}

/// What of __mapper_args__ maps attributes relcheck does not model: the
/// names a properties dict maps, and what renames or drops columns.
void GraphBuilder::recordRemappedAttributes(Model &M) {
  const ArgFact *Arg = mapperArgsOf(M);
  if (!Arg)
    return;
  MapperArgsSpelling S = relcheck::interpretMapperArgs(Arg->Value);
  for (const MapperArgsSpelling::Entry &E : S.Entries) {
    if (isNone(*E.Value))
      continue; // the mapper's default
    bool Literal = E.Value->is(K::Dict);
    if (E.Key == "properties" && Literal) {
      for (size_t I = 0; I + 1 < E.Value->Children.size(); I += 2) {
        const PyExpr &Key = E.Value->Children[I];
        if (Key.is(K::String))
          M.PropertyNames.insert(Key.Text);
        else if (M.ColumnsRemappedBy.empty())
          M.ColumnsRemappedBy = E.Key; // a key relcheck cannot read
        // {"oid": order_id} maps the column as 'oid' only.
        forEachName(E.Value->Children[I + 1], [&](const std::string &Name) {
          M.PropertyValueNames.insert(Name);
        });
        recordHiddenBackrefs(E.Value->Children[I + 1], M);
      }
    } else if ((E.Key == "properties" || E.Key == "column_prefix" ||
                E.Key == "include_properties" ||
                E.Key == "exclude_properties") &&
               M.ColumnsRemappedBy.empty()) {
      M.ColumnsRemappedBy = E.Key;
    }
  }
}

void GraphBuilder::interpretMapperArgs(Model &M) {
  const ArgFact *Arg = mapperArgsOf(M);
  if (!Arg)
    return;
  MapperArgsSpelling S = relcheck::interpretMapperArgs(Arg->Value);
  ArgumentLocator Loc(M.Fact->Annotation);
  // Rendered after the columns: a bare name sees every column of the body.
  ColumnResolver Resolve = makeColumnResolver(G, &M);
  auto Unresolved = [&](const PyExpr &Node, const std::string &What,
                        const std::string &Failure) {
    GraphIssue I;
    I.Range = Loc.node(*Arg, Node);
    I.Severity = IssueSeverity::Error;
    I.Message = What + " (" + Failure + ")";
    I.ModelName = M.QualifiedName;
    I.CaseId = refusal::UnresolvedName;
    G.Issues.push_back(std::move(I));
  };
  if (const PyExpr *On = S.PolymorphicOn) {
    if (On->is(K::String)) {
      AttributeLookup L = M.lookup(On->Text);
      if (L.K == AttributeLookup::Kind::Column && L.Col && L.DeclaredOn)
        M.PolymorphicOn = ColumnRef{L.DeclaredOn->TableName, L.Col->Name};
      else if (L.K != AttributeLookup::Kind::Unmodeled)
        Unresolved(*On,
                   "polymorphic_on '" + On->Text + "' of '" + M.QualifiedName +
                       "' names no mapped column",
                   "SQLAlchemy: ArgumentError: Can't determine "
                   "polymorphic_on value '" +
                       On->Text + "' - no attribute is mapped to this name.");
    } else if (!dottedName(*On).empty()) {
      M.PolymorphicOn = Resolve(dottedName(*On));
      if (!M.PolymorphicOn &&
          unmodeledAttributeNote(G, &M, dottedName(*On)).empty())
        Unresolved(*On,
                   "polymorphic_on " + dottedName(*On) + " of '" +
                       M.QualifiedName + "' names no column",
                   On->is(K::Name) ? pythonNameFailure(On->Text)
                                   : "Python: the name is not defined");
    }
  }
  if (const PyExpr *Id = S.PolymorphicIdentity)
    M.PolymorphicIdentity = Loc.text(*Arg, *Id);
  if (const PyExpr *Cond = S.InheritCondition) {
    M.ExplicitInheritCondition = true;
    // Every column the condition compares must exist.
    std::function<void(const PyExpr &)> Walk = [&](const PyExpr &E) {
      if (E.is(K::Compare)) {
        for (const PyExpr &Side : E.Children) {
          std::string Dotted = dottedName(Side);
          if (!Dotted.empty() && !Resolve(Dotted) &&
              unmodeledAttributeNote(G, &M, Dotted).empty())
            Unresolved(Side,
                       "inherit_condition of '" + M.QualifiedName + "': '" +
                           Dotted + "' names no column",
                       Side.is(K::Name) ? pythonNameFailure(Side.Text)
                                        : "Python: the name is not defined");
        }
        return;
      }
      for (const PyExpr &C : E.Children)
        Walk(C);
    };
    Walk(*Cond);
  }
}

void GraphBuilder::checkInheritCondition(const Model &M) {
  if (M.ExplicitInheritCondition)
    return;
  // Joined-table inheritance needs a foreign key to the base's table.
  const Model *Base = M.Bases.front();
  if (Base->TableName.empty() || Base->TableName == M.TableName)
    return;
  bool Linked = false;
  for (const Column &C : M.Columns)
    for (const Table *BT : mapperTables(*Base))
      for (const ColumnRef &FK : C.ForeignKeys)
        Linked |= FK.Table == BT->Name;
  if (!Linked) {
    addIssue(M.Fact->NameRange, IssueSeverity::Error,
             "joined-table subclass '" + M.QualifiedName +
                 "' has no ForeignKey to its base's table '" + Base->TableName +
                 "' (SQLAlchemy: NoForeignKeysError: Can't determine "
                 "the inherit condition between inherited table '" +
                 Base->TableName + "' and inheriting table '" + M.TableName +
                 "'; tables have no foreign key relationships "
                 "established.  Please ensure the inheriting table has a "
                 "foreign key relationship to the inherited table, or "
                 "provide an 'on clause' using the 'inherit_condition' "
                 "mapper argument.)",
             M.QualifiedName, "", refusal::NoInheritanceCondition);
    return;
  }
  // SQLAlchemy joins the base's local table with this one: one foreign key
  // constraint path, else it cannot choose.
  const Table *BaseTable = Base->MappedTable;
  if (BaseTable &&
      inferJoinCondition({BaseTable}, nullptr, {M.MappedTable}, {}).Result ==
          InferredJoin::Outcome::Ambiguous)
    addIssue(M.Fact->NameRange, IssueSeverity::Error,
             "joined-table subclass '" + M.QualifiedName +
                 "' has several foreign keys to its base's table '" +
                 BaseTable->Name +
                 "'; write __mapper_args__={\"inherit_condition\": ...} "
                 "(SQLAlchemy: AmbiguousForeignKeysError: Can't determine "
                 "the inherit condition between inherited table '" +
                 BaseTable->Name + "' and inheriting table '" + M.TableName +
                 "'; tables have more than one foreign key relationship "
                 "established.  Please specify the 'on clause' using the "
                 "'inherit_condition' mapper argument.)",
             M.QualifiedName, "", refusal::NoInheritanceCondition);
}

} // namespace relcheck
