//===- GraphTables.cpp ----------------------------------------------------===//
//
// Steps 2-3 of GraphBuilder::build, tables: each model's Table, ORM_TABLE
// tables, __table_args__ constraints and the foreign keys, resolved once
// every table exists.
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

#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <tuple>

namespace relcheck {

using K = PyExpr::Kind;

namespace {

std::pair<std::string, std::string> splitColumnSpec(const std::string &Spec) {
  size_t Dot = Spec.rfind('.');
  if (Dot == std::string::npos)
    return {"", Spec};
  return {Spec.substr(0, Dot), Spec.substr(Dot + 1)};
}

} // namespace

void GraphBuilder::createTables() {
  std::map<std::string, Table *> ByName;
  std::vector<std::unique_ptr<Table>> Created = claimTableNames(ByName);
  // ORM_TABLE columns: Column(name, ...), ForeignKeyConstraint(...).
  for (auto &T : Created)
    if (T->Fact)
      addOrmTableColumns(*T);
  placeModelColumns(ByName);
  // ForeignKeys of model columns (after the copies exist).
  for (auto &MP : G.Models)
    addColumnForeignKeys(*MP);

  std::sort(Created.begin(), Created.end(),
            [](const auto &A, const auto &B) { return A->Name < B->Name; });
  G.Tables = std::move(Created);
  G.indexTables();
}

std::vector<std::unique_ptr<Table>>
GraphBuilder::claimTableNames(std::map<std::string, Table *> &ByName) {
  TuFacts &Facts = G.MergedFacts.front();
  // Claims on table names, in definition order: the first one wins.
  struct Claim {
    SourceSpan Range;
    const TableFact *TF = nullptr;
    Model *M = nullptr;
  };
  std::vector<Claim> Claims;
  Claims.reserve(Facts.Tables.size());
  for (const TableFact &T : Facts.Tables)
    Claims.push_back({T.NameRange, &T, nullptr});
  for (auto &M : G.Models)
    if (!M->SingleTableInherited && !M->TableName.empty())
      Claims.push_back({M->Fact->NameRange, nullptr, M.get()});
  std::stable_sort(Claims.begin(), Claims.end(),
                   [](const Claim &A, const Claim &B) {
                     return spanLess(A.Range, B.Range);
                   });
  std::map<std::string, SourceSpan> FirstClaim;
  std::vector<std::unique_ptr<Table>> Created;
  for (const Claim &C : Claims) {
    std::string Name = C.TF ? C.TF->Name : C.M->TableName;
    auto It = ByName.find(Name);
    if (It != ByName.end()) {
      GraphIssue I;
      I.Range = C.Range;
      I.Severity = IssueSeverity::Error;
      std::string By = " by ORM_TABLE";
      if (It->second->MappedBy)
        By = (llvm::Twine(" by model '") + It->second->MappedBy->QualifiedName +
              "'")
                 .str();
      I.Message = (llvm::Twine("table '") + Name + "' is already defined" + By +
                   " (SQLAlchemy: InvalidRequestError: Table '" + Name +
                   "' is already defined for this MetaData instance.  "
                   "Specify 'extend_existing=True' to redefine options and "
                   "columns on an existing Table object.)")
                      .str();
      I.ModelName = C.M ? C.M->QualifiedName : "";
      I.CaseId = refusal::DuplicateTable;
      I.Notes.emplace_back(FirstClaim[Name],
                           "table '" + Name + "' first defined here");
      G.Issues.push_back(std::move(I));
      if (C.M)
        C.M->MappedTable = It->second;
      continue;
    }
    auto T = std::make_unique<Table>();
    T->Name = Name;
    T->Fact = C.TF;
    T->MappedBy = C.M;
    if (C.M)
      C.M->MappedTable = T.get();
    ByName[Name] = T.get();
    FirstClaim[Name] = C.Range;
    Created.push_back(std::move(T));
  }
  return Created;
}

void GraphBuilder::addOrmTableColumns(Table &T) {
  const TableFact &TF = *T.Fact;
  ArgumentLocator Loc(TF.Annotation);
  IssueContext Ctx{"", "", ""};
  checkTableArguments(Loc, Ctx, G.Issues);
  for (const ArgFact &A : TF.Annotation.Args) {
    if (!A.Keyword.empty())
      continue;
    std::string Callee = calleeName(A.Value);
    if (Callee == "Column") {
      std::vector<ArgView> Args = viewCallArgs(Loc, A, A.Value);
      ColumnSpelling Spec = interpretColumn(Args);
      if (Spec.Name.empty())
        continue; // refused by the vocabulary check
      Column C;
      C.Name = Spec.Name;
      C.Attribute = Spec.Key.empty() ? Spec.Name : Spec.Key;
      C.Key = C.Attribute;
      C.PrimaryKey = Spec.PrimaryKey;
      C.Range = A.ValueRange;
      T.Columns.push_back(C);
      for (const auto &FK : Spec.ForeignKeys)
        PendingFks.push_back({&T, C.Name, FK.Spec, FK.IsString,
                              Loc.node(A, *FK.Node), "", "", nullptr, ""});
    } else if (Callee == "ForeignKeyConstraint") {
      // ForeignKeyConstraint(["a_id"], ["a.id"]): pairwise.
      std::vector<const PyExpr *> Pos;
      for (size_t I = 1; I < A.Value.Children.size(); ++I)
        if (!A.Value.Children[I].is(K::Keyword))
          Pos.push_back(&A.Value.Children[I]);
      if (Pos.size() < 2)
        continue;
      const PyExpr &Cols = *Pos[0];
      const PyExpr &Refs = *Pos[1];
      int Index = int(T.ForeignKeyConstraints.size());
      T.ForeignKeyConstraints.emplace_back();
      T.ForeignKeyConstraints.back().Range = A.ValueRange;
      T.ForeignKeyConstraints.back().Written =
          std::min(Cols.Children.size(), Refs.Children.size());
      for (size_t I = 0; I < Cols.Children.size() && I < Refs.Children.size();
           ++I) {
        std::optional<std::string> ColName = stringValue(Cols.Children[I]);
        std::optional<std::string> Ref = stringValue(Refs.Children[I]);
        if (ColName && Ref) {
          PendingFks.push_back({&T, *ColName, *Ref, true,
                                Loc.node(A, Refs.Children[I]), "", "", nullptr,
                                ""});
          PendingFks.back().Constraint = Index;
        }
      }
    }
  }
}

/// Model columns go to the model's table; then each single-table subclass,
/// in definition order, adds its columns to the base's table, as
/// declarative does class by class (a sibling's column is there already).
void GraphBuilder::placeModelColumns(
    const std::map<std::string, Table *> &ByName) {
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (!M.MappedTable || M.SingleTableInherited)
      continue;
    for (Column &C : M.Columns) {
      if (!M.MappedTable->findColumn(C.Name) || M.MappedTable->MappedBy == &M)
        M.MappedTable->Columns.push_back(C);
    }
  }
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (!M.SingleTableInherited)
      continue;
    if (!M.MappedTable) {
      auto It = ByName.find(M.TableName);
      if (It != ByName.end())
        M.MappedTable = It->second;
    }
    if (M.MappedTable)
      placeSingleTableColumns(M);
  }
}

void GraphBuilder::placeSingleTableColumns(Model &M) {
  Table &T = *M.MappedTable;
  for (Column &C : M.Columns) {
    SourceSpan At = C.Fact ? C.Fact->NameRange : C.Range;
    if (const Column *Existing = T.findColumn(C.Name)) {
      // The base's own column, or one a sibling defined earlier added.
      std::string DeclaredBy;
      for (const auto &Other : G.Models)
        for (const Column &OC : Other->Columns)
          if (Existing->Fact && OC.Fact == Existing->Fact)
            DeclaredBy = " (declared by '" + Other->QualifiedName + "')";
      addIssue(At, IssueSeverity::Error,
               "column '" + C.Name + "' of single-table subclass '" +
                   M.QualifiedName + "' is already in table '" + T.Name + "'" +
                   DeclaredBy +
                   ", which single-table subclasses share with their base; "
                   "SQLAlchemy refuses to add it again (ArgumentError: "
                   "Column '" +
                   C.Name + "' on class " + classRepr(M) +
                   " conflicts with existing column '" + T.Name + "." + C.Name +
                   "')",
               M.QualifiedName, C.Attribute, refusal::SingleTableColumn);
      continue;
    }
    if (C.PrimaryKey) {
      addIssue(At, IssueSeverity::Error,
               "primary-key column '" + C.Name +
                   "' on single-table "
                   "subclass '" +
                   M.QualifiedName +
                   "': the primary key is "
                   "the base's; SQLAlchemy refuses this configuration "
                   "(ArgumentError: Can't place primary key columns on an "
                   "inherited class with no table.)",
               M.QualifiedName, C.Attribute, refusal::SingleTableColumn);
      continue;
    }
    T.Columns.push_back(C);
  }
}

void GraphBuilder::addColumnForeignKeys(Model &M) {
  for (size_t Index = 0; Index < M.Columns.size(); ++Index) {
    Column &C = M.Columns[Index];
    const ColumnFact &CF = *C.Fact;
    ArgumentLocator Loc(CF.Annotation);
    std::vector<ArgView> Args = viewArgs(Loc, CF.Annotation.Args);
    ColumnSpelling Spec = interpretColumn(Args);
    for (const auto &FK : Spec.ForeignKeys) {
      // The node lives in one of the top-level arguments.
      SourceSpan Range = CF.Annotation.MacroRange;
      for (const ArgFact &A : CF.Annotation.Args) {
        std::function<bool(const PyExpr &)> Contains =
            [&](const PyExpr &E) -> bool {
          if (&E == FK.Node)
            return true;
          for (const PyExpr &Ch : E.Children)
            if (Contains(Ch))
              return true;
          return false;
        };
        if (Contains(A.Value)) {
          Range = Loc.node(A, *FK.Node);
          break;
        }
      }
      PendingFks.push_back({M.MappedTable, C.Name, FK.Spec, FK.IsString, Range,
                            M.QualifiedName, C.Attribute, &C, C.Attribute, &M,
                            Index});
    }
  }
  addForeignKeyConstraints(M);
  addForeignKeyConstraints(M);
}

void GraphBuilder::resolveForeignKeys() {
  ColumnResolver Global = makeColumnResolver(G, nullptr);
  std::vector<std::string> Tables = tableNames(G);
  for (PendingForeignKey &P : PendingFks) {
    ColumnRef Ref;
    if (P.IsString) {
      auto [T, C] = splitColumnSpec(P.Spec);
      if (T.empty())
        continue; // malformed: the vocabulary check reported it
      Ref = {T, C};
      const Table *Target = G.findTable(T);
      std::string OwnerTable = P.OnTable ? P.OnTable->Name : "?";
      if (!Target) {
        if (!G.PartialProgram)
          addIssue(P.Range, IssueSeverity::Warning,
                   (llvm::Twine("ForeignKey target table '") + T +
                    "' is not defined" + didYouMean(T, Tables) +
                    " (SQLAlchemy: NoReferencedTableError: Foreign key "
                    "associated with column '" +
                    OwnerTable + "." + P.ColumnName +
                    "' could not find table '" + T +
                    "' with which to generate a foreign key to target "
                    "column '" +
                    C + "')")
                       .str(),
                   P.ModelName, P.Attribute);
      } else if (!Target->findColumn(C)) {
        std::vector<std::string> Cols;
        Cols.reserve(Target->Columns.size());
        for (const Column &Col : Target->Columns)
          Cols.push_back(Col.Name);
        addIssue(P.Range, IssueSeverity::Warning,
                 (llvm::Twine("table '") + T + "' has no column '" + C + "'" +
                  didYouMean(C, Cols) +
                  " (SQLAlchemy: NoReferencedColumnError: Could not "
                  "initialize target column for ForeignKey '" +
                  P.Spec + "' on table '" + OwnerTable + "': table '" + T +
                  "' has no column named '" + C + "')")
                     .str(),
                 P.ModelName, P.Attribute);
      } else if (const Column *TC = Target->findColumn(C)) {
        Ref.Column = TC->Name;
      }
    } else if (P.Spec.find('.') == std::string::npos) {
      std::optional<ColumnRef> R = resolveBareForeignKey(P);
      if (!R)
        continue;
      Ref = *R;
    } else {
      std::optional<ColumnRef> R = Global(P.Spec);
      if (!R) {
        addIssue(P.Range, IssueSeverity::Warning,
                 "ForeignKey target '" + P.Spec + "' does not name a column",
                 P.ModelName, P.Attribute);
        continue;
      }
      Ref = *R;
    }
    if (P.Constraint >= 0 && P.OnTable)
      P.OnTable->ForeignKeyConstraints[size_t(P.Constraint)]
          .Elements.emplace_back(P.ColumnName, Ref);
    if (P.Col)
      P.Col->ForeignKeys.push_back(Ref);
    if (P.OnTable)
      for (Column &TC : P.OnTable->Columns)
        if (TC.Name == P.ColumnName &&
            (!P.Col || TC.Attribute == P.ColAttribute))
          TC.ForeignKeys.push_back(Ref);
  }
}

/// The __table_args__ argument of a model, if written.
static const ArgFact *tableArgs(const Model &M) {
  for (const ArgFact &A : M.Fact->Annotation.Args)
    if (A.Keyword == "__table_args__")
      return &A;
  return nullptr;
}

Column *GraphBuilder::constrainedColumn(Model &M, const ArgFact &Arg,
                                        const PyExpr &E,
                                        const char *Constraint) {
  // A string is the column's name (the Table's key); a bare name is the
  // Column object the class body assigned to it.
  for (Column &C : M.Columns)
    if (E.is(K::String) ? C.Name == E.Text
                        : E.is(K::Name) && C.Attribute == E.Text)
      return &C;
  if (!E.is(K::String) && !E.is(K::Name))
    return nullptr; // the vocabulary check reported it
  std::vector<std::string> Names;
  Names.reserve(M.Columns.size());
  for (const Column &C : M.Columns)
    Names.push_back(E.is(K::String) ? C.Name : C.Attribute);
  ArgumentLocator Loc(M.Fact->Annotation);
  std::string Failure = "SQLAlchemy: KeyError: '" + E.Text + "'";
  if (E.is(K::Name))
    Failure = pythonNameFailure(E.Text);
  else if (std::string(Constraint) == "ForeignKeyConstraint")
    Failure = "SQLAlchemy: ArgumentError: Can't create ForeignKeyConstraint "
              "on table '" +
              M.TableName + "': no column named '" + E.Text + "' is present.";
  GraphIssue I;
  I.Range = Loc.node(Arg, E);
  I.Severity = IssueSeverity::Error;
  I.Message = std::string(Constraint) + " of '" + M.QualifiedName +
              "' names no column '" + E.Text + "' of table '" + M.TableName +
              "'" + didYouMean(E.Text, Names) + " (" + Failure + ")";
  I.ModelName = M.QualifiedName;
  I.CaseId = refusal::UnresolvedName;
  G.Issues.push_back(std::move(I));
  return nullptr;
}

void GraphBuilder::applyPrimaryKeyConstraints(Model &M) {
  const ArgFact *Args = tableArgs(M);
  if (!Args)
    return;
  if (M.TableName.empty() && !M.Bases.empty()) {
    // Checked here, before single-table inheritance fills TableName.
    addIssue(Args->KeywordRange, IssueSeverity::Error,
             "__table_args__ on '" + M.QualifiedName +
                 "', which has no table of its own (single-table "
                 "inheritance) (SQLAlchemy: ArgumentError: Can't place "
                 "__table_args__ on an inherited class with no table.)",
             M.QualifiedName, "", refusal::BadValue);
    return;
  }
  for (const TableConstraintSpelling &C : interpretTableArgs(Args->Value)) {
    if (C.K != TableConstraintSpelling::Kind::PrimaryKey &&
        C.K != TableConstraintSpelling::Kind::Unique)
      continue;
    for (const PyExpr *E : C.Columns) {
      Column *Col =
          constrainedColumn(M, *Args, *E,
                            C.K == TableConstraintSpelling::Kind::PrimaryKey
                                ? "PrimaryKeyConstraint"
                                : "UniqueConstraint");
      if (Col && C.K == TableConstraintSpelling::Kind::PrimaryKey)
        Col->PrimaryKey = true;
    }
  }
}

void GraphBuilder::addForeignKeyConstraints(Model &M) {
  const ArgFact *Args = tableArgs(M);
  if (!Args || !M.MappedTable || M.MappedTable->MappedBy != &M)
    return;
  ArgumentLocator Loc(M.Fact->Annotation);
  for (const TableConstraintSpelling &C : interpretTableArgs(Args->Value)) {
    if (C.K != TableConstraintSpelling::Kind::ForeignKey || !C.WellFormed ||
        C.Columns.size() != C.RefColumns.size())
      continue;
    Table &T = *M.MappedTable;
    int Index = int(T.ForeignKeyConstraints.size());
    T.ForeignKeyConstraints.emplace_back();
    T.ForeignKeyConstraints.back().Range = Loc.node(*Args, *C.Node);
    T.ForeignKeyConstraints.back().Written = C.Columns.size();
    for (size_t I = 0; I < C.Columns.size(); ++I) {
      Column *Col =
          constrainedColumn(M, *Args, *C.Columns[I], "ForeignKeyConstraint");
      const PyExpr &Ref = *C.RefColumns[I];
      bool IsString = Ref.is(K::String);
      std::string Spec = IsString ? Ref.Text : dottedName(Ref);
      if (!Col || Spec.empty())
        continue;
      // __table_args__ is evaluated after every column of the body.
      PendingFks.push_back({&T, Col->Name, Spec, IsString, Loc.node(*Args, Ref),
                            M.QualifiedName, Col->Attribute, Col,
                            Col->Attribute, &M, M.Columns.size(), Index});
    }
  }
}

std::optional<ColumnRef>
GraphBuilder::resolveBareForeignKey(const PendingForeignKey &P) {
  const Model *Scope = P.Scope;
  if (Scope)
    for (size_t I = 0; I < P.ColumnsBefore && I < Scope->Columns.size(); ++I)
      if (Scope->Columns[I].Attribute == P.Spec)
        return ColumnRef{Scope->TableName, Scope->Columns[I].Name};
  // Python raises in the class body (NameError, or SQLAlchemy's
  // ArgumentError for a builtin such as id): the whole body is visible, so
  // this holds in part of a program too.
  std::vector<std::string> Earlier;
  bool Later = false;
  if (Scope)
    for (size_t I = 0; I < Scope->Columns.size(); ++I) {
      if (I < P.ColumnsBefore)
        Earlier.push_back(Scope->Columns[I].Attribute);
      else
        Later |= Scope->Columns[I].Attribute == P.Spec;
    }
  std::string Where =
      Scope ? "the class body of '" + Scope->Name + "'" : "a Table";
  std::string Message = "ForeignKey(" + P.Spec +
                        ") names no column assigned before it in " + Where;
  if (Later)
    Message += ": column '" + P.Spec + "' is declared after '" +
               P.ColAttribute +
               "'; move it up (Python evaluates the class "
               "body in order)";
  else
    Message += didYouMean(P.Spec, Earlier);
  Message += " (" + pythonNameFailure(P.Spec) + ")";
  GraphIssue I;
  I.Range = P.Range;
  I.Severity = IssueSeverity::Error;
  I.Message = std::move(Message);
  I.ModelName = P.ModelName;
  I.Attribute = P.Attribute;
  I.CaseId = refusal::UnresolvedName;
  G.Issues.push_back(std::move(I));
  return std::nullopt;
}

} // namespace relcheck
