//===- GraphBuilder.cpp - builds the model graph from facts ---------------===//
#include "graph/GraphBuilder.h"

#include "graph/BackrefGeneration.h"
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

namespace {

std::string position(const SourceSpan &S) {
  if (!S.isValid())
    return "<unknown>";
  return S.File + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

/// What must agree between two TUs' views of one model.
std::string fingerprint(const ModelFact &M) {
  std::string F = "model(" + M.Annotation.Text + ")";
  for (const std::string &B : M.BaseKeys)
    F += " base " + B;
  for (const ColumnFact &C : M.Columns)
    F += " column " + C.Attribute + "(" + C.Annotation.Text + ")";
  for (const RelationshipFact &R : M.Relationships)
    F += " relationship " + R.Attribute + "(" + R.Annotation.Text + ")";
  return F;
}

/// The first difference between two views of a model, for the message.
std::string firstDifference(const ModelFact &A, const ModelFact &B) {
  if (A.Annotation.Text != B.Annotation.Text)
    return "ORM_MODEL(" + A.Annotation.Text + ") vs ORM_MODEL(" +
           B.Annotation.Text + ")";
  auto Members = [](const ModelFact &M) {
    std::map<std::string, std::string> Out;
    for (const ColumnFact &C : M.Columns)
      Out[C.Attribute] = "ORM_COLUMN(" + C.Annotation.Text + ")";
    for (const RelationshipFact &R : M.Relationships)
      Out[R.Attribute] = "ORM_RELATIONSHIP(" + R.Annotation.Text + ")";
    return Out;
  };
  auto MA = Members(A), MB = Members(B);
  for (const auto &[Name, Text] : MA) {
    auto It = MB.find(Name);
    if (It == MB.end())
      return "member '" + Name + "' exists only in one";
    if (It->second != Text)
      return "member '" + Name + "': " + Text + " vs " + It->second;
  }
  for (const auto &[Name, Text] : MB)
    if (!MA.count(Name))
      return "member '" + Name + "' exists only in one";
  return "different model bases";
}

bool spanLess(const SourceSpan &A, const SourceSpan &B) { return A < B; }

std::pair<std::string, std::string> splitColumnSpec(const std::string &Spec) {
  size_t Dot = Spec.rfind('.');
  if (Dot == std::string::npos)
    return {"", Spec};
  return {Spec.substr(0, Dot), Spec.substr(Dot + 1)};
}

std::vector<std::string> tableNames(const ModelGraph &G) {
  std::vector<std::string> Names;
  for (const auto &T : G.tables())
    Names.push_back(T->Name);
  return Names;
}

/// What the class body raises for ForeignKey(Name) when Name is no column
/// assigned so far: Python's builtins are still visible there (a column
/// named id or type is common), anything else is a NameError.
std::string pythonNameFailure(const std::string &Name) {
  static const std::set<std::string> Functions = {
      "abs", "all", "any", "ascii", "bin", "callable", "chr", "compile",
      "delattr", "dir", "divmod", "eval", "exec", "format", "getattr",
      "globals", "hasattr", "hash", "hex", "id", "input", "isinstance",
      "issubclass", "iter", "len", "locals", "max", "min", "next", "oct",
      "open", "ord", "pow", "print", "repr", "round", "setattr", "sorted",
      "sum", "vars"};
  static const std::set<std::string> Classes = {
      "bool", "bytearray", "bytes", "classmethod", "complex", "dict",
      "enumerate", "filter", "float", "frozenset", "int", "list", "map",
      "memoryview", "object", "property", "range", "reversed", "set",
      "slice", "staticmethod", "str", "super", "tuple", "type", "zip"};
  std::string Got;
  if (Functions.count(Name))
    Got = "<built-in function " + Name + ">";
  else if (Classes.count(Name))
    Got = "<class '" + Name + "'>";
  else
    return "Python: NameError: name '" + Name + "' is not defined";
  return "SQLAlchemy: ArgumentError: String column name or Column object for "
         "DDL foreign key constraint expected, got " +
         Got + ".";
}

/// Parses a string argument's content (join conditions, remote_side="...").
std::optional<PyExpr> parseStringContent(const PyExpr &Str) {
  PyParseError Err;
  return parsePyExpression(Str.Text, Err);
}

} // namespace

void GraphBuilder::addIssue(const SourceSpan &Range, IssueSeverity Sev,
                            std::string Message, const std::string &ModelName,
                            const std::string &Attribute, std::string CaseId) {
  // In part of a program, a name may be declared where this part cannot
  // see it: reporting it would be a guess.
  if (G.PartialProgram && CaseId == refusal::UnresolvedName)
    return;
  GraphIssue I;
  I.Range = Range;
  I.Severity = Sev;
  I.Message = std::move(Message);
  I.ModelName = ModelName;
  I.Attribute = Attribute;
  I.CaseId = std::move(CaseId);
  G.Issues.push_back(std::move(I));
}

void GraphBuilder::build(std::vector<TuFacts> Facts) {
  merge(Facts);
  // What merge did not take (models and tables seen from several TUs) is
  // not needed any more; free it before the graph grows.
  std::vector<TuFacts>().swap(Facts);
  createModels();
  createTables();
  resolveForeignKeys();
  std::vector<PendingForeignKey>().swap(PendingFks);
  checkMappers();
  createRelationships();
  configure();
  // Configuration inputs; freed here because the rest of the build and the
  // rules are the run's memory peak.
  States = {};
  pair();
  checkMemberShapes();
  checkReservedNames();
  finish();
}

//===----------------------------------------------------------------------===//
// 1. Merge
//===----------------------------------------------------------------------===//

namespace {

template <typename T> void moveAppend(std::vector<T> &From, std::vector<T> &To) {
  std::move(From.begin(), From.end(), std::back_inserter(To));
}

/// Sorted by Key, one element per key (the first of equal ones).
template <typename T, typename KeyFn>
void sortUnique(std::vector<T> &Items, KeyFn Key) {
  std::stable_sort(Items.begin(), Items.end(), [&](const T &A, const T &B) {
    return Key(A) < Key(B);
  });
  Items.erase(std::unique(Items.begin(), Items.end(),
                          [&](const T &A, const T &B) { return Key(A) == Key(B); }),
              Items.end());
}

} // namespace

void GraphBuilder::merge(std::vector<TuFacts> &Facts) {
  G.MergedFacts.clear();
  G.MergedFacts.emplace_back();
  TuFacts &Out = G.MergedFacts.back();

  // One model per Key; the pick must not depend on TU order.
  std::map<std::string, std::vector<const ModelFact *>> Groups;
  // The picks with their Key (a model's own Key, or the one made up for
  // it), sorted before the (large) facts are copied.
  std::vector<std::pair<const ModelFact *, const std::string *>> Picks;
  for (const TuFacts &TU : Facts)
    for (const ModelFact &M : TU.Models) {
      std::string Key = M.Key.empty() ? M.QualifiedName + "@" +
                                            position(M.NameRange)
                                      : M.Key;
      Groups[Key].push_back(&M);
    }
  for (auto &[Key, Views] : Groups) {
    std::vector<std::pair<std::tuple<std::string, unsigned, std::string>,
                          const ModelFact *>>
        Sorted;
    for (const ModelFact *M : Views)
      Sorted.push_back(
          {{M->NameRange.File, M->NameRange.Begin, fingerprint(*M)}, M});
    std::sort(Sorted.begin(), Sorted.end(),
              [](const auto &A, const auto &B) { return A.first < B.first; });
    const ModelFact *Chosen = Sorted.front().second;
    std::string ChosenPrint = std::get<2>(Sorted.front().first);
    std::set<std::string> Reported{ChosenPrint};
    for (const auto &[SortKey, Other] : Sorted) {
      if (!Reported.insert(std::get<2>(SortKey)).second)
        continue;
      GraphIssue I;
      I.Range = Chosen->NameRange;
      I.Severity = IssueSeverity::Warning;
      I.Message = "model '" + Chosen->QualifiedName +
                  "' is annotated differently in two translation units (" +
                  firstDifference(*Chosen, *Other) + "): " +
                  position(Chosen->NameRange) + " and " +
                  position(Other->NameRange) + "; relcheck uses the first";
      I.ModelName = Chosen->QualifiedName;
      I.Notes.push_back({Other->NameRange, "other definition of '" +
                                               Other->QualifiedName + "'"});
      G.Issues.push_back(std::move(I));
    }
    Picks.push_back({Chosen, &Key});
  }
  std::stable_sort(Picks.begin(), Picks.end(),
                   [](const auto &A, const auto &B) {
                     return std::tie(A.first->NameRange.File,
                                     A.first->NameRange.Begin, *A.second) <
                            std::tie(B.first->NameRange.File,
                                     B.first->NameRange.Begin, *B.second);
                   });
  Out.Models.reserve(Picks.size());
  for (const auto &[Chosen, Key] : Picks) {
    // Each model is picked once: move it out of its TU instead of copying.
    Out.Models.push_back(std::move(*const_cast<ModelFact *>(Chosen)));
    if (Out.Models.back().Key.empty())
      Out.Models.back().Key = *Key;
  }
  for (ModelFact &M : Out.Models) {
    // Body order is configuration order (§3.4).
    std::stable_sort(M.Relationships.begin(), M.Relationships.end(),
                     [](const RelationshipFact &A, const RelationshipFact &B) {
                       return spanLess(A.NameRange, B.NameRange);
                     });
    std::stable_sort(M.Columns.begin(), M.Columns.end(),
                     [](const ColumnFact &A, const ColumnFact &B) {
                       return spanLess(A.NameRange, B.NameRange);
                     });
  }

  // Forward declarations, includes and include insertions: the same header
  // seen from many TUs counts once (every TU computes the same insertion
  // for a file's text; the first kept).
  for (TuFacts &TU : Facts) {
    moveAppend(TU.ClassDeclarations, Out.ClassDeclarations);
    moveAppend(TU.Includes, Out.Includes);
    moveAppend(TU.IncludeInsertions, Out.IncludeInsertions);
  }
  sortUnique(Out.ClassDeclarations, [](const ClassDeclarationFact &D) {
    return std::tie(D.NameRange, D.Key);
  });
  sortUnique(Out.Includes, [](const IncludeFact &I) {
    return std::tie(I.Directive, I.Included);
  });
  sortUnique(Out.IncludeInsertions, [](const IncludeInsertionFact &I) {
    return std::tie(I.File, I.Header);
  });

  // ORM_TABLEs: the same declaration seen from many TUs counts once.
  std::map<std::tuple<std::string, std::string, unsigned>,
           std::vector<const TableFact *>>
      TableGroups;
  for (const TuFacts &TU : Facts)
    for (const TableFact &T : TU.Tables)
      TableGroups[{T.Name, T.NameRange.File, T.NameRange.Begin}].push_back(&T);
  for (auto &[Key, Views] : TableGroups) {
    std::sort(Views.begin(), Views.end(),
              [](const TableFact *A, const TableFact *B) {
                return A->Annotation.Text < B->Annotation.Text;
              });
    if (Views.front()->Annotation.Text != Views.back()->Annotation.Text) {
      GraphIssue I;
      I.Range = Views.front()->NameRange;
      I.Severity = IssueSeverity::Warning;
      I.Message = "ORM_TABLE '" + Views.front()->Name +
                  "' is spelled differently in two translation units; "
                  "relcheck uses the first";
      G.Issues.push_back(std::move(I));
    }
    Out.Tables.push_back(std::move(*const_cast<TableFact *>(Views.front())));
  }
  std::stable_sort(Out.Tables.begin(), Out.Tables.end(),
                   [](const TableFact &A, const TableFact &B) {
                     return std::tie(A.NameRange.File, A.NameRange.Begin,
                                     A.Name) < std::tie(B.NameRange.File,
                                                        B.NameRange.Begin,
                                                        B.Name);
                   });

  // Annotation issues and compile errors, deduplicated by range + message.
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (const TuFacts &TU : Facts)
    for (const AnnotationIssue &A : TU.Issues)
      if (Seen.insert({A.Range.File, A.Range.Begin, A.Range.End, A.Message})
              .second)
        Out.Issues.push_back(A);
  std::stable_sort(Out.Issues.begin(), Out.Issues.end(),
                   [](const AnnotationIssue &A, const AnnotationIssue &B) {
                     return std::tie(A.Range, A.Message) <
                            std::tie(B.Range, B.Message);
                   });
  for (const AnnotationIssue &A : Out.Issues)
    addIssue(A.Range, IssueSeverity::Error, A.Message, "", "");
  Seen.clear();
  for (const TuFacts &TU : Facts)
    for (const CompileError &E : TU.CompileErrors)
      if (Seen.insert({E.Range.File, E.Range.Begin, E.Range.End, E.Message})
              .second)
        Out.CompileErrors.push_back(E);
  std::stable_sort(Out.CompileErrors.begin(), Out.CompileErrors.end(),
                   [](const CompileError &A, const CompileError &B) {
                     return std::tie(A.Range, A.Message) <
                            std::tie(B.Range, B.Message);
                   });
}

//===----------------------------------------------------------------------===//
// 2./3. Models, columns, tables, inheritance
//===----------------------------------------------------------------------===//

Column GraphBuilder::makeColumn(const std::vector<ArgView> &Args,
                                const std::string &Member,
                                const ArgumentLocator &Loc, SourceSpan Range) {
  (void)Loc;
  ColumnSpelling Spec = interpretColumn(Args);
  Column C;
  C.Name = !Spec.Name.empty() ? Spec.Name : Member;
  C.Attribute = !Member.empty() ? Member : (!Spec.Key.empty() ? Spec.Key : C.Name);
  C.PrimaryKey = Spec.PrimaryKey;
  C.Range = Range;
  return C;
}

void GraphBuilder::createModels() {
  TuFacts &Facts = G.MergedFacts.front();
  for (const ModelFact &F : Facts.Models) {
    auto M = std::make_unique<Model>();
    M->Fact = &F;
    M->Key = F.Key;
    M->Name = F.Name;
    M->QualifiedName = F.QualifiedName;
    ByKey[M->Key] = M.get();
    G.Models.push_back(std::move(M));
  }
  G.indexModels();
  // A class named by qualified name means the last model of that name (as
  // the scans in model order did).
  for (auto &MP : G.Models)
    ByQualifiedName[MP->QualifiedName] = MP.get();
  // Inheritance: by Key, else by qualified name.
  for (auto &MP : G.Models) {
    Model &M = *MP;
    for (size_t I = 0; I < M.Fact->BaseKeys.size() ||
                       I < M.Fact->BaseNames.size();
         ++I) {
      Model *Base = nullptr;
      if (I < M.Fact->BaseKeys.size()) {
        auto It = ByKey.find(M.Fact->BaseKeys[I]);
        if (It != ByKey.end())
          Base = It->second;
      }
      if (!Base && I < M.Fact->BaseNames.size()) {
        auto It = ByQualifiedName.find(M.Fact->BaseNames[I]);
        if (It != ByQualifiedName.end())
          Base = It->second;
      }
      if (Base && Base != &M &&
          std::find(M.Bases.begin(), M.Bases.end(), Base) == M.Bases.end()) {
        M.Bases.push_back(Base);
        Base->Subclasses.push_back(&M);
      }
    }
  }
  assignRegistries();
  // Vocabulary, own table names and columns.
  for (auto &MP : G.Models) {
    Model &M = *MP;
    const ModelFact &F = *M.Fact;
    IssueContext Ctx{M.QualifiedName, "", ""};
    ArgumentLocator Loc(F.Annotation);
    checkModelArguments(Loc, Ctx, G.Issues);
    for (const ArgFact &A : F.Annotation.Args)
      if (A.Keyword.empty() && A.Value.is(K::String) && !A.Value.Text.empty()) {
        M.TableName = A.Value.Text;
        break;
      }
    for (const ColumnFact &CF : F.Columns) {
      ArgumentLocator CLoc(CF.Annotation);
      IssueContext CCtx{M.QualifiedName, CF.Attribute, ""};
      checkColumnArguments(CLoc, CCtx, G.Issues);
      std::vector<ArgView> Args = viewArgs(CLoc, CF.Annotation.Args);
      Column C = makeColumn(Args, CF.Attribute, CLoc, CF.DeclRange);
      C.Fact = &CF;
      M.Columns.push_back(std::move(C));
    }
    applyPrimaryKeyConstraints(M);
  }
  // Single-table inheritance: no table of its own, the base's (§0).
  std::function<std::string(Model &, std::set<Model *> &)> InheritedTable =
      [&](Model &M, std::set<Model *> &Visiting) -> std::string {
    if (!M.TableName.empty())
      return M.TableName;
    if (!Visiting.insert(&M).second)
      return "";
    for (Model *B : M.Bases) {
      std::string T = InheritedTable(*B, Visiting);
      if (!T.empty())
        return T;
    }
    return "";
  };
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (!M.TableName.empty())
      continue;
    std::set<Model *> Visiting;
    std::string T = InheritedTable(M, Visiting);
    if (!T.empty() && !M.Bases.empty()) {
      M.TableName = T;
      M.SingleTableInherited = true;
    }
  }
  // Set after the loop so that chains of STI subclasses all inherit.
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (!M.TableName.empty() || !M.Bases.empty() ||
        M.Fact->Annotation.ParseFailed)
      continue;
    addIssue(M.Fact->NameRange, IssueSeverity::Error,
             "model '" + M.QualifiedName +
                 "' has no table name and derives from no model; write "
                 "ORM_MODEL(\"table\") (SQLAlchemy: InvalidRequestError: Class " +
                 classRepr(M) +
                 " does not have a __table__ or __tablename__ specified and "
                 "does not inherit from an existing table-mapped class.)",
             M.QualifiedName, "", refusal::NoTable);
  }
}

/// ORM_MODEL's base=Name, if written.
static const ArgFact *baseArg(const Model &M) {
  for (const ArgFact &A : M.Fact->Annotation.Args)
    if (A.Keyword == "base" && A.Value.is(K::Name))
      return &A;
  return nullptr;
}

void GraphBuilder::assignRegistries() {
  // A mapped subclass is mapped by its base's registry whatever else it
  // derives from (observed on 1.4.46: class Admin(User, ApiBase) is in
  // User's registry), so the root of each hierarchy decides.
  std::function<const std::string &(Model &, std::set<Model *> &)> Root =
      [&](Model &M, std::set<Model *> &Visiting) -> const std::string & {
    if (!M.Bases.empty() && Visiting.insert(&M).second)
      return M.Registry = Root(*M.Bases.front(), Visiting);
    return M.Registry;
  };
  for (auto &MP : G.Models)
    if (const ArgFact *A = baseArg(*MP))
      MP->Registry = A->Value.Text;
  for (auto &MP : G.Models) {
    Model &M = *MP;
    const ArgFact *A = baseArg(M);
    std::set<Model *> Visiting;
    const std::string Registry = Root(M, Visiting);
    if (A && !M.Bases.empty() && A->Value.Text != Registry)
      addIssue(A->Range, IssueSeverity::Warning,
               "base=" + A->Value.Text + " has no effect on '" +
                   M.QualifiedName + "': a mapped subclass is mapped by the "
                   "registry of its model base '" +
                   M.Bases.front()->QualifiedName + "' (" + Registry +
                   "); remove it",
               M.QualifiedName, "");
  }
}

void GraphBuilder::createTables() {
  TuFacts &Facts = G.MergedFacts.front();
  // Claims on table names, in definition order: the first one wins.
  struct Claim {
    SourceSpan Range;
    const TableFact *TF = nullptr;
    Model *M = nullptr;
  };
  std::vector<Claim> Claims;
  for (const TableFact &T : Facts.Tables)
    Claims.push_back({T.NameRange, &T, nullptr});
  for (auto &M : G.Models)
    if (!M->SingleTableInherited && !M->TableName.empty())
      Claims.push_back({M->Fact->NameRange, nullptr, M.get()});
  std::stable_sort(Claims.begin(), Claims.end(),
                   [](const Claim &A, const Claim &B) {
                     return spanLess(A.Range, B.Range);
                   });
  std::map<std::string, Table *> ByName;
  std::map<std::string, SourceSpan> FirstClaim;
  std::vector<std::unique_ptr<Table>> Created;
  for (const Claim &C : Claims) {
    std::string Name = C.TF ? C.TF->Name : C.M->TableName;
    auto It = ByName.find(Name);
    if (It != ByName.end()) {
      GraphIssue I;
      I.Range = C.Range;
      I.Severity = IssueSeverity::Error;
      I.Message = "table '" + Name + "' is already defined" +
                  (It->second->MappedBy
                       ? " by model '" + It->second->MappedBy->QualifiedName +
                             "'"
                       : std::string(" by ORM_TABLE")) +
                  " (SQLAlchemy: InvalidRequestError: Table '" + Name +
                  "' is already defined for this MetaData instance.  Specify "
                  "'extend_existing=True' to redefine options and columns on "
                  "an existing Table object.)";
      I.ModelName = C.M ? C.M->QualifiedName : "";
      I.CaseId = refusal::DuplicateTable;
      I.Notes.push_back({FirstClaim[Name], "table '" + Name +
                                               "' first defined here"});
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

  // ORM_TABLE columns: Column(name, ...), ForeignKeyConstraint(...).
  for (auto &T : Created) {
    if (!T->Fact)
      continue;
    const TableFact &TF = *T->Fact;
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
        C.PrimaryKey = Spec.PrimaryKey;
        C.Range = A.ValueRange;
        T->Columns.push_back(C);
        for (const auto &FK : Spec.ForeignKeys)
          PendingFks.push_back({T.get(), C.Name, FK.Spec, FK.IsString,
                                Loc.node(A, *FK.Node), "", "", nullptr, ""});
      } else if (Callee == "ForeignKeyConstraint") {
        // ForeignKeyConstraint(["a_id"], ["a.id"]): pairwise.
        std::vector<const PyExpr *> Pos;
        for (size_t I = 1; I < A.Value.Children.size(); ++I)
          if (!A.Value.Children[I].is(K::Keyword))
            Pos.push_back(&A.Value.Children[I]);
        if (Pos.size() < 2)
          continue;
        const PyExpr &Cols = *Pos[0], &Refs = *Pos[1];
        int Index = int(T->ForeignKeyConstraints.size());
        T->ForeignKeyConstraints.emplace_back();
        T->ForeignKeyConstraints.back().Range = A.ValueRange;
        T->ForeignKeyConstraints.back().Written =
            std::min(Cols.Children.size(), Refs.Children.size());
        for (size_t I = 0;
             I < Cols.Children.size() && I < Refs.Children.size(); ++I) {
          std::optional<std::string> ColName = stringValue(Cols.Children[I]);
          std::optional<std::string> Ref = stringValue(Refs.Children[I]);
          if (ColName && Ref) {
            PendingFks.push_back({T.get(), *ColName, *Ref, true,
                                  Loc.node(A, Refs.Children[I]), "", "",
                                  nullptr, ""});
            PendingFks.back().Constraint = Index;
          }
        }
      }
    }
  }

  // Model columns go to the model's table; a single-table subclass adds
  // its columns to the base's table.
  for (auto &MP : G.Models) {
    Model &M = *MP;
    if (!M.MappedTable && M.SingleTableInherited) {
      auto It = ByName.find(M.TableName);
      if (It != ByName.end())
        M.MappedTable = It->second;
    }
    if (!M.MappedTable)
      continue;
    for (Column &C : M.Columns) {
      if (!M.MappedTable->findColumn(C.Name) ||
          M.MappedTable->MappedBy == &M)
        M.MappedTable->Columns.push_back(C);
    }
  }
  // ForeignKeys of model columns (after the copies exist).
  for (auto &MP : G.Models) {
    Model &M = *MP;
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
        PendingFks.push_back({M.MappedTable, C.Name, FK.Spec, FK.IsString,
                              Range, M.QualifiedName, C.Attribute, &C,
                              C.Attribute, &M, Index});
      }
    }
    addForeignKeyConstraints(M);
  }

  std::sort(Created.begin(), Created.end(),
            [](const auto &A, const auto &B) { return A->Name < B->Name; });
  G.Tables = std::move(Created);
  G.indexTables();

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
                 "ForeignKey target table '" + T + "' is not defined" +
                     didYouMean(T, Tables) +
                     " (SQLAlchemy: NoReferencedTableError: Foreign key "
                     "associated with column '" +
                     OwnerTable + "." + P.ColumnName +
                     "' could not find table '" + T +
                     "' with which to generate a foreign key to target "
                     "column '" +
                     C + "')",
                 P.ModelName, P.Attribute);
      } else if (!Target->findColumn(C)) {
        std::vector<std::string> Cols;
        for (const Column &Col : Target->Columns)
          Cols.push_back(Col.Name);
        addIssue(P.Range, IssueSeverity::Warning,
                 "table '" + T + "' has no column '" + C + "'" +
                     didYouMean(C, Cols) +
                     " (SQLAlchemy: NoReferencedColumnError: Could not "
                     "initialize target column for ForeignKey '" +
                     P.Spec + "' on table '" + OwnerTable + "': table '" + T +
                     "' has no column named '" + C + "')",
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
          .Elements.push_back({P.ColumnName, Ref});
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
  for (const Column &C : M.Columns)
    Names.push_back(E.is(K::String) ? C.Name : C.Attribute);
  ArgumentLocator Loc(M.Fact->Annotation);
  std::string Failure =
      E.is(K::Name)
          ? pythonNameFailure(E.Text)
          : std::string(Constraint) == "ForeignKeyConstraint"
                ? "SQLAlchemy: ArgumentError: Can't create "
                  "ForeignKeyConstraint on table '" +
                      M.TableName + "': no column named '" + E.Text +
                      "' is present."
                : "SQLAlchemy: KeyError: '" + E.Text + "'";
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
      Column *Col = constrainedColumn(
          M, *Args, *E,
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
      Column *Col = constrainedColumn(M, *Args, *C.Columns[I],
                                      "ForeignKeyConstraint");
      const PyExpr &Ref = *C.RefColumns[I];
      bool IsString = Ref.is(K::String);
      std::string Spec = IsString ? Ref.Text : dottedName(Ref);
      if (!Col || Spec.empty())
        continue;
      // __table_args__ is evaluated after every column of the body.
      PendingFks.push_back({&T, Col->Name, Spec, IsString,
                            Loc.node(*Args, Ref), M.QualifiedName,
                            Col->Attribute, Col, Col->Attribute, &M,
                            M.Columns.size(), Index});
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
  std::string Message =
      "ForeignKey(" + P.Spec + ") names no column assigned before it in " +
      Where;
  if (Later)
    Message += ": column '" + P.Spec + "' is declared after '" +
               P.ColAttribute + "'; move it up (Python evaluates the class "
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

void GraphBuilder::checkMappers() {
  // Mapper checks SQLAlchemy makes at class creation.
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

void GraphBuilder::interpretMapperArgs(Model &M) {
  const ArgFact *Arg = nullptr;
  for (const ArgFact &A : M.Fact->Annotation.Args)
    if (A.Keyword == "__mapper_args__")
      Arg = &A;
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
      else
        Unresolved(*On,
                   "polymorphic_on '" + On->Text + "' of '" +
                       M.QualifiedName + "' names no mapped column",
                   "SQLAlchemy: ArgumentError: Can't determine "
                   "polymorphic_on value '" +
                       On->Text + "' - no attribute is mapped to this name.");
    } else if (!dottedName(*On).empty()) {
      M.PolymorphicOn = Resolve(dottedName(*On));
      if (!M.PolymorphicOn)
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
          if (!Dotted.empty() && !Resolve(Dotted))
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
                 "' has no ForeignKey to its base's table '" +
                 Base->TableName +
                 "' (SQLAlchemy: NoForeignKeysError: Can't determine "
                 "the inherit condition between inherited table '" +
                 Base->TableName + "' and inheriting table '" +
                 M.TableName +
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

//===----------------------------------------------------------------------===//
// 4. Relationships and their targets
//===----------------------------------------------------------------------===//

void GraphBuilder::createRelationships() {
  for (auto &MP : G.Models) {
    Model &M = *MP;
    for (const RelationshipFact &F : M.Fact->Relationships) {
      auto R = std::make_unique<Relationship>();
      R->Owner = &M;
      R->Attribute = F.Attribute;
      R->Fact = &F;
      R->Range = F.NameRange;
      M.Relationships.push_back(R.get());
      States[R.get()].Scope = &M;
      Rels.push_back(std::move(R));
    }
  }
  for (auto &R : Rels) {
    // An annotation that did not parse was reported; guessing its meaning
    // (e.g. a target from the member type) would only add noise.
    if (R->Fact->Annotation.ParseFailed)
      continue;
    interpretRelationship(*R);
    resolveTarget(*R);
  }
}

void GraphBuilder::interpretRelationship(Relationship &R) {
  const AnnotationFact &A = R.Fact->Annotation;
  ArgumentLocator Loc(A);
  IssueContext Ctx{R.Owner->QualifiedName, R.Attribute, R.displayName()};
  checkRelationshipArguments(Loc, Ctx, G.Issues);
  RelState &S = States[&R];

  if (const ArgFact *V = R.arg("viewonly"))
    R.ViewOnly = truthy(V->Value);
  if (const ArgFact *V = R.arg("sync_backref"))
    R.SyncBackref = boolValue(V->Value);
  if (const ArgFact *V = R.arg("uselist"))
    if (!isNone(V->Value)) {
      R.UseList = truthy(V->Value);
      R.UseListExplicit = true;
    }
  if (const ArgFact *V = R.arg("lazy"))
    if (V->Value.is(K::String) || V->Value.is(K::Constant))
      R.Lazy = V->Value.Text;
  if (const ArgFact *V = R.arg("back_populates"))
    if (V->Value.is(K::String) && !V->Value.Text.empty()) {
      R.BackPopulates = V->Value.Text;
      R.BackPopulatesArg = V;
    }
  if (const ArgFact *V = R.arg("secondary")) {
    std::string Name = V->Value.is(K::String) ? V->Value.Text
                                              : dottedName(V->Value);
    if (!Name.empty()) {
      R.Secondary = Name;
      S.SecondaryTable = G.findTable(Name);
      if (!S.SecondaryTable) {
        S.SecondaryUnresolved = true;
        std::vector<const Model *> AsModel = G.findModels(Name);
        if (!AsModel.empty()) {
          addIssue(V->ValueRange, IssueSeverity::Error,
                   "'secondary' of '" + R.displayName() + "' names model '" +
                       AsModel.front()->QualifiedName +
                       "', not a table (SQLAlchemy: ArgumentError: secondary "
                       "argument " +
                       classRepr(*AsModel.front()) +
                       " passed to to relationship() " + R.displayName() +
                       " must be a Table object or other FROM clause; can't "
                       "send a mapped class directly as rows in 'secondary' "
                       "are persisted independently of a class that is "
                       "mapped to that same table.)",
                   R.Owner->QualifiedName, R.Attribute, "J11");
        } else {
          std::string Why =
              V->Value.is(K::String)
                  ? "InvalidRequestError: When initializing mapper " +
                        mapperDisplay(*R.Owner) + ", expression '" + Name +
                        "' failed to locate a name (\"name '" + Name +
                        "' is not defined\"). If this is a class name, "
                        "consider adding this relationship() to the " +
                        classRepr(*R.Owner) +
                        " class after both dependent classes have been "
                        "defined."
                  : "NameError: name '" + Name + "' is not defined";
          addIssue(V->ValueRange, IssueSeverity::Error,
                   "secondary table '" + Name + "' of '" + R.displayName() +
                       "' is not defined" + didYouMean(Name, tableNames(G)) +
                       " (SQLAlchemy: " + Why + ")",
                   R.Owner->QualifiedName, R.Attribute,
                   refusal::UnresolvedName);
        }
      }
    }
  }
  for (const char *Kw : {"remote_side", "foreign_keys"}) {
    const ArgFact *V = R.arg(Kw);
    if (!V || isNone(V->Value) || !isColumnListValue(V->Value))
      continue;
    std::optional<PyExpr> E =
        V->Value.is(K::String) ? parseStringContent(V->Value)
                               : std::optional<PyExpr>(V->Value);
    (std::string(Kw) == "remote_side" ? S.RemoteSide : S.ForeignKeys) = E;
  }
  for (const char *Kw : {"primaryjoin", "secondaryjoin"}) {
    const ArgFact *V = R.arg(Kw);
    if (!V || isNone(V->Value) || !isJoinValue(V->Value))
      continue;
    JoinInfo &J = std::string(Kw) == "primaryjoin" ? R.PrimaryJoin
                                                    : R.SecondaryJoin;
    J.Range = V->ValueRange;
    if (V->Value.is(K::String)) {
      J.Written = parseStringContent(V->Value);
      J.WrittenText = V->Value.Text;
    } else {
      J.Written = V->Value;
      J.WrittenText = Loc.text(*V);
    }
  }

  // Legacy backref (§1.1 step 2).
  if (const ArgFact *V = R.arg("backref")) {
    if (std::optional<BackrefSpelling> B = interpretBackref(V->Value)) {
      if (!B->Name.empty()) {
        Relationship::BackrefInfo Info;
        Info.Name = B->Name;
        Info.Arg = V;
        Info.NameRange = Loc.node(*V, *B->NameNode);
        for (const BackrefSpelling::Option &O : B->Options) {
          auto Synth = std::make_unique<ArgFact>();
          Synth->Keyword = O.Keyword;
          Synth->Value = rebaseExpr(*O.Value, O.Value->Begin);
          Synth->ValueRange = Loc.node(*V, *O.Value);
          Synth->KeywordRange = O.FromDict
                                    ? Loc.node(*V, *O.KeyNode)
                                    : Loc.keywordName(*V, *O.KeyNode);
          Synth->Range = O.FromDict
                             ? Loc.relative(*V, O.KeyNode->Begin, O.Value->End)
                             : Loc.node(*V, *O.KeyNode);
          Info.Options.push_back(Synth.get());
          S.BackrefOptions.push_back(Synth.get());
          G.SyntheticArgs.push_back(std::move(Synth));
        }
        R.Backref = std::move(Info);
      }
    }
  }
}

void GraphBuilder::reportOtherRegistry(const Relationship &R,
                                       const Model &Target,
                                       const std::string &Name,
                                       const SourceSpan &Range) {
  // Part of a program may not see the owner registry's class of that name.
  if (G.PartialProgram)
    return;
  GraphIssue I;
  I.Range = Range;
  I.Severity = IssueSeverity::Error;
  I.Message =
      "relationship '" + R.displayName() + "' targets '" + Name +
      "', which is mapped by the registry of '" + Target.Registry +
      "', not by the registry of '" + R.Owner->Registry + "' that maps '" +
      R.Owner->QualifiedName +
      "' (SQLAlchemy: InvalidRequestError: When initializing mapper " +
      mapperDisplay(*R.Owner) + ", expression '" + Name +
      "' failed to locate a name ('" + Name +
      "'). If this is a class name, consider adding this relationship() to "
      "the " +
      classRepr(*R.Owner) +
      " class after both dependent classes have been defined.)";
  I.ModelName = R.Owner->QualifiedName;
  I.Attribute = R.Attribute;
  I.CaseId = refusal::UnresolvedName;
  I.Notes.push_back({Target.Fact->NameRange,
                     "'" + Target.QualifiedName + "' declared here, with base=" +
                         Target.Registry});
  G.Issues.push_back(std::move(I));
}

void GraphBuilder::resolveTarget(Relationship &R) {
  const MemberTypeFact &MT = R.Fact->MemberType;
  // The class the C++ member type names, when it is a model.
  const Model *FromType = nullptr;
  if (!MT.ElementKey.empty()) {
    auto It = ByKey.find(MT.ElementKey);
    if (It != ByKey.end())
      FromType = It->second;
  }
  if (!FromType && !MT.ElementQualifiedName.empty()) {
    auto It = ByQualifiedName.find(MT.ElementQualifiedName);
    if (It != ByQualifiedName.end())
      FromType = It->second;
  }

  const ArgFact *Target = R.arg("argument");
  if (!Target) {
    // Deduced from the member type: exact (the C++ type names the class).
    const Model *Deduced = FromType;
    if (!Deduced && !MT.ElementName.empty()) {
      std::vector<const Model *> Ms =
          G.findModels(MT.ElementName, R.Owner->Registry);
      if (Ms.size() == 1)
        Deduced = Ms.front();
    }
    if (!Deduced) {
      std::string What = MT.Spelling.empty()
                             ? std::string("its member type")
                             : "its member type '" + MT.Spelling + "'";
      addIssue(MT.Range.isValid() ? MT.Range : R.Range, IssueSeverity::Error,
               "cannot determine the target class of relationship '" +
                   R.displayName() + "': " + What +
                   " names no model; pass the class name as the first "
                   "argument (SQLAlchemy: TypeError: relationship() missing "
                   "1 required positional argument: 'argument')",
               R.Owner->QualifiedName, R.Attribute, refusal::BadCall);
      return;
    }
    if (Deduced->Registry != R.Owner->Registry) {
      reportOtherRegistry(R, *Deduced, registrySpelling(G, *Deduced),
                          MT.Range.isValid() ? MT.Range : R.Range);
      return;
    }
    R.Target = const_cast<Model *>(Deduced);
    R.TargetName = registrySpelling(G, *Deduced);
    return;
  }

  const PyExpr &V = Target->Value;
  std::string Name = V.is(K::String) ? V.Text : dottedName(V);
  R.TargetName = Name;
  if (Name.empty())
    return; // not a name: the vocabulary check reported it
  std::vector<const Model *> Found = G.findModels(Name, R.Owner->Registry);
  if (Found.empty()) {
    std::vector<const Model *> Elsewhere = G.findModels(Name);
    if (!Elsewhere.empty()) {
      reportOtherRegistry(R, *Elsewhere.front(), Name, Target->ValueRange);
      return;
    }
    std::string Suggestion;
    if (FromType)
      Suggestion = "; did you mean '" + registrySpelling(G, *FromType) +
                   "'?";
    else
      Suggestion = didYouMean(Name, registryNames(G.Models));
    addIssue(Target->ValueRange, IssueSeverity::Error,
             "relationship '" + R.displayName() + "' targets '" + Name +
                 "', which is not a model" + Suggestion +
                 " (SQLAlchemy: InvalidRequestError: When initializing "
                 "mapper " +
                 mapperDisplay(*R.Owner) + ", expression '" + Name +
                 "' failed to locate a name ('" + Name +
                 "'). If this is a class name, consider adding this "
                 "relationship() to the " +
                 classRepr(*R.Owner) +
                 " class after both dependent classes have been defined.)",
             R.Owner->QualifiedName, R.Attribute, refusal::UnresolvedName);
    return;
  }
  if (Found.size() > 1) {
    GraphIssue I;
    I.Range = Target->ValueRange;
    I.Severity = IssueSeverity::Error;
    I.Message = "relationship '" + R.displayName() + "' targets '" + Name +
                "', which names " + std::to_string(Found.size()) +
                " models; write the module path, e.g. '" +
                registryPath(*(FromType ? FromType : Found.front())) +
                "' (SQLAlchemy: InvalidRequestError: Multiple classes found "
                "for path \"" +
                Name +
                "\" in the registry of this declarative base. Please use a "
                "fully module-qualified path.)";
    I.ModelName = R.Owner->QualifiedName;
    I.Attribute = R.Attribute;
    I.CaseId = refusal::AmbiguousName;
    for (const Model *M : Found)
      I.Notes.push_back({M->Fact->NameRange, "candidate '" + M->QualifiedName +
                                                 "' (\"" + registryPath(*M) +
                                                 "\")"});
    G.Issues.push_back(std::move(I));
    return;
  }
  R.Target = const_cast<Model *>(Found.front());
  // The member type may hold a base of the target, never an unrelated
  // model.
  if (FromType && !R.Target->isSameOrSubclassOf(FromType)) {
    GraphIssue I;
    I.Range = Target->ValueRange;
    I.Severity = IssueSeverity::Warning;
    I.Message = "relationship '" + R.displayName() + "' targets '" +
                R.Target->QualifiedName + "' but its member type '" +
                MT.Spelling + "' holds '" + FromType->QualifiedName + "'";
    I.ModelName = R.Owner->QualifiedName;
    I.Attribute = R.Attribute;
    I.Notes.push_back({R.Target->Fact->NameRange,
                       "'" + R.Target->QualifiedName + "' declared here"});
    I.Notes.push_back({FromType->Fact->NameRange,
                       "'" + FromType->QualifiedName + "' declared here"});
    G.Issues.push_back(std::move(I));
  }
}

//===----------------------------------------------------------------------===//
// 5./6. Configuration: joins, direction, backrefs (§1.1 order)
//===----------------------------------------------------------------------===//

void GraphBuilder::configure() {
  // Declared relationships in configuration order; generated ones are
  // created (and numbered) right after their declaring relationship.
  std::vector<Relationship *> Declared;
  for (auto &R : Rels)
    Declared.push_back(R.get());
  for (Relationship *R : Declared) {
    R->ConfigOrder = NextOrder++;
    RelState &S = States[R];
    configureJoins(*R, S, R->PrimaryJoin.Written ? &*R->PrimaryJoin.Written
                                                 : nullptr,
                   R->SecondaryJoin.Written ? &*R->SecondaryJoin.Written
                                            : nullptr,
                   S.RemoteSide ? &*S.RemoteSide : nullptr,
                   S.ForeignKeys ? &*S.ForeignKeys : nullptr);
    if (!R->Fact->Annotation.ParseFailed)
      checkRefusedOptions(*R, R->arg("cascade"), R->arg("lazy"),
                          R->arg("single_parent"));
    generateBackref(*R);
  }
}

void GraphBuilder::configureJoins(Relationship &R, RelState &S,
                                  const PyExpr *PrimaryJoin,
                                  const PyExpr *SecondaryJoin,
                                  const PyExpr *RemoteSide,
                                  const PyExpr *ForeignKeys) {
  if (!R.UseListExplicit)
    R.UseList = true;
  if (!R.Target || S.SecondaryUnresolved)
    return; // already reported; SQLAlchemy stops there too
  JoinSpec Spec;
  Spec.RelName = R.displayName();
  Spec.ParentTables = mapperTables(*R.Owner);
  Spec.ChildTables = mapperTables(*R.Target);
  Spec.Secondary = S.SecondaryTable;
  Spec.PrimaryJoin = PrimaryJoin;
  Spec.SecondaryJoin = SecondaryJoin;
  Spec.RemoteSide = RemoteSide;
  Spec.ForeignKeys = ForeignKeys;
  Spec.ViewOnly = R.ViewOnly;
  Spec.Resolve = makeColumnResolver(G, S.Scope);
  for (const std::string &N : {R.Target->Name, registryPath(*R.Target)})
    if (G.findModels(N, R.Owner->Registry).size() == 1 &&
        std::find(Spec.ChildClassNames.begin(), Spec.ChildClassNames.end(),
                  N) == Spec.ChildClassNames.end())
      Spec.ChildClassNames.push_back(N);
  if (Spec.ParentTables.empty() || Spec.ChildTables.empty())
    return; // a model without a table: reported at the model
  JoinResult J = analyzeJoin(Spec);
  R.Dir = J.Dir;
  R.ForeignCols = J.Foreign;
  R.RemoteSide = J.Remote;
  R.LocalCols = J.Local;
  R.LocalRemotePairs = J.LocalRemotePairs;
  R.Filtered = J.Filtered;
  R.FilterTerms = J.FilterTerms;
  R.SyncPairs = J.SyncPairs;
  R.SecondarySyncPairs = J.SecondarySyncPairs;
  R.PrimaryJoin.Rendered = J.RenderedPrimary;
  R.SecondaryJoin.Rendered = J.RenderedSecondary;
  // §1.4: uselist defaults to "not many-to-one".
  if (!R.UseListExplicit)
    R.UseList = R.Dir != Direction::ManyToOne;
  std::string ModelName = R.Owner->QualifiedName;
  if (J.Error)
    addIssue(R.Range, IssueSeverity::Error, J.Error->Message, ModelName,
             R.Attribute, J.Error->CaseId);
  for (const std::string &Name : J.UnresolvedNames)
    reportUnresolvedName(R, S, Name);
  for (const JoinProblem &W : J.Warnings)
    addIssue(R.Range, IssueSeverity::Warning, W.Message, ModelName,
             R.Attribute, W.CaseId);
}

void GraphBuilder::generateBackref(Relationship &R) {
  // §1.1 step 2: only with backref= and without back_populates (both
  // together is E1, raised before configuration).
  if (!R.Backref || !R.BackPopulates.empty() || !R.Target)
    return;
  Relationship::BackrefInfo &B = *R.Backref;
  RelState &RS = States[&R];
  Model &T = *R.Target;

  // §1.5 (E6): a collision prevents generation; the rule reports it.
  if (const Model *On = findBackrefCollision(T, B.Name)) {
    B.CollisionOn = On;
    return;
  }
  AttributeLookup Existing = T.lookup(B.Name);
  if (Existing.K == AttributeLookup::Kind::PlainMember) {
    B.Replaces = Existing.Member;
    B.ReplacesOn = Existing.DeclaredOn;
  }

  auto Option = [&](std::string_view Kw) -> const ArgFact * {
    for (const ArgFact *O : RS.BackrefOptions)
      if (O->Keyword == Kw)
        return O;
    return nullptr;
  };

  auto GenP = std::make_unique<Relationship>();
  Relationship &Gen = *GenP;
  Gen.Owner = &T;
  Gen.Attribute = B.Name;
  Gen.GeneratedBy = &R;
  // §1.1 step 8: the target is the class that declares P.rel.
  Gen.Target = R.Owner;
  Gen.TargetName = registrySpelling(G, *R.Owner);
  Gen.BackPopulates = R.Attribute;
  Gen.Secondary = R.Secondary;
  Gen.Range = B.NameRange;
  // §1.1 step 6: carried unless overridden.
  Gen.ViewOnly = R.ViewOnly;
  if (const ArgFact *O = Option("viewonly"))
    Gen.ViewOnly = truthy(O->Value);
  Gen.SyncBackref = R.SyncBackref;
  if (const ArgFact *O = Option("sync_backref"))
    Gen.SyncBackref = boolValue(O->Value);
  // §1.4: uselist and lazy are not copied.
  if (const ArgFact *O = Option("uselist"))
    if (!isNone(O->Value)) {
      Gen.UseList = truthy(O->Value);
      Gen.UseListExplicit = true;
    }
  if (const ArgFact *O = Option("lazy"))
    if (O->Value.is(K::String) || O->Value.is(K::Constant))
      Gen.Lazy = O->Value.Text;

  RelState &GS = States[&Gen];
  GS.Scope = RS.Scope; // backref(...) is evaluated in P's class body
  GS.SecondaryTable = RS.SecondaryTable;
  GS.SecondaryUnresolved = RS.SecondaryUnresolved;
  auto ParseOption = [&](const ArgFact *O) -> std::optional<PyExpr> {
    if (!O || isNone(O->Value) ||
        !(isJoinValue(O->Value) || isColumnListValue(O->Value)))
      return std::nullopt;
    if (O->Value.is(K::String))
      return parseStringContent(O->Value);
    return O->Value;
  };
  auto SetJoin = [&](JoinInfo &J, const ArgFact *O) {
    J.Written = ParseOption(O);
    J.Range = O->ValueRange;
    J.WrittenText = O->Value.is(K::String) ? O->Value.Text : renderPy(O->Value);
  };

  ExplicitArgsInput In;
  In.Declaring = &R;
  In.Generated = &Gen;
  ArgumentLocator Loc(R.Fact->Annotation);
  In.Loc = &Loc;
  In.Options = RS.BackrefOptions;
  In.TargetSpelling = Gen.TargetName;
  In.ScopeResolver = makeColumnResolver(G, RS.Scope);
  std::string MirrorCaveat;

  // §1.1 step 4: joins.
  if (!R.Secondary.empty()) {
    if (const ArgFact *O = Option("primaryjoin"))
      SetJoin(Gen.PrimaryJoin, O);
    else
      Gen.PrimaryJoin = {R.SecondaryJoin.Written, R.SecondaryJoin.WrittenText,
                         R.SecondaryJoin.Range, ""};
    if (const ArgFact *O = Option("secondaryjoin"))
      SetJoin(Gen.SecondaryJoin, O);
    else
      Gen.SecondaryJoin = {R.PrimaryJoin.Written, R.PrimaryJoin.WrittenText,
                           R.PrimaryJoin.Range, ""};
  } else if (const ArgFact *O = Option("primaryjoin")) {
    SetJoin(Gen.PrimaryJoin, O);
  } else if (R.PrimaryJoin.Written) {
    // §1.3: user remote() marks are mirrored; otherwise copied as is.
    const PyExpr &W = *R.PrimaryJoin.Written;
    Gen.PrimaryJoin.Range = R.PrimaryJoin.Range;
    if (hasRemoteMarks(W)) {
      ColumnResolver Resolve = makeColumnResolver(G, RS.Scope);
      PyExpr Mirrored =
          mirrorPrimaryJoinForBackref(W, mapperTables(*R.Owner), Resolve);
      Gen.PrimaryJoin.Written = Mirrored;
      Gen.PrimaryJoin.WrittenText = renderPy(Mirrored);
      In.MirroredJoin = Mirrored;
      // Mirroring needs to know which columns are P's: every column
      // reference must resolve.
      std::function<void(const PyExpr &, bool)> Check =
          [&](const PyExpr &E, bool Callee) {
            if (!Callee && (E.is(K::Name) || E.is(K::Attribute))) {
              std::string D = dottedName(E);
              if (!D.empty() && MirrorCaveat.empty() && !Resolve(D) &&
                  (E.is(K::Attribute) || D != "None")) {
                if (E.is(K::Attribute) &&
                    (E.Text == "startswith" || E.Text == "endswith" ||
                     E.Text == "in_" || E.Text == "like" ||
                     E.Text == "ilike" || E.Text == "contains" ||
                     E.Text == "is_" || E.Text == "isnot"))
                  return; // a method of a column, checked via its object
                MirrorCaveat = "cannot mirror the remote() marks of '" +
                               R.displayName() + "': '" + D +
                               "' does not resolve to a column";
              }
              if (E.is(K::Attribute) && !E.Children.empty() &&
                  !dottedName(E).empty())
                return;
            }
            for (size_t I = 0; I < E.Children.size(); ++I)
              Check(E.Children[I], E.is(K::Call) && I == 0);
          };
      Check(W, false);
    } else {
      Gen.PrimaryJoin.Written = W;
      Gen.PrimaryJoin.WrittenText = R.PrimaryJoin.WrittenText;
    }
  }
  // §1.1 step 5: user-given foreign_keys only.
  if (const ArgFact *O = Option("foreign_keys"))
    GS.ForeignKeys = ParseOption(O);
  else
    GS.ForeignKeys = RS.ForeignKeys;
  // remote_side is never mirrored (§1.3); only K's counts.
  GS.RemoteSide = ParseOption(Option("remote_side"));

  Gen.ConfigOrder = NextOrder++;
  configureJoins(Gen, GS,
                 Gen.PrimaryJoin.Written ? &*Gen.PrimaryJoin.Written : nullptr,
                 !Gen.Secondary.empty() && Gen.SecondaryJoin.Written
                     ? &*Gen.SecondaryJoin.Written
                     : nullptr,
                 GS.RemoteSide ? &*GS.RemoteSide : nullptr,
                 GS.ForeignKeys ? &*GS.ForeignKeys : nullptr);

  checkRefusedOptions(Gen, Option("cascade"), Option("lazy"),
                      Option("single_parent"));

  // §1.1 step 7.
  R.BackPopulates = B.Name;
  B.Generated = &Gen;
  T.Relationships.push_back(&Gen);
  buildExplicitArgs(In, Gen);
  if (!MirrorCaveat.empty() && Gen.ExplicitArgsCaveat.empty())
    Gen.ExplicitArgsCaveat = MirrorCaveat;
  Rels.push_back(std::move(GenP));
}

/// The cascade set CascadeOptions computes ("all" expanded, "none"
/// clearing), or nullopt when the value is not a valid cascade.
static std::optional<std::set<std::string>> cascadeSet(const PyExpr &V) {
  std::vector<std::string> Words;
  if (V.is(K::String)) {
    std::string Word;
    for (char C : V.Text + ",") {
      if (C == ',') {
        size_t B = Word.find_first_not_of(" \t\n");
        size_t E = Word.find_last_not_of(" \t\n");
        if (B != std::string::npos)
          Words.push_back(Word.substr(B, E - B + 1));
        Word.clear();
      } else {
        Word += C;
      }
    }
  } else if (V.is(K::List) || V.is(K::Tuple)) {
    for (const PyExpr &C : V.Children) {
      if (!C.is(K::String))
        return std::nullopt;
      Words.push_back(C.Text);
    }
  } else if (!isNone(V)) {
    return std::nullopt;
  }
  const std::vector<std::string> &All = cascadeOptions();
  std::set<std::string> Set;
  for (const std::string &W : Words) {
    if (std::find(All.begin(), All.end(), W) == All.end())
      return std::nullopt;
    Set.insert(W);
  }
  if (Set.count("all"))
    for (const char *W :
         {"delete", "merge", "expunge", "save-update", "refresh-expire"})
      Set.insert(W);
  if (Set.count("none"))
    Set.clear();
  Set.erase("all");
  return Set;
}

void GraphBuilder::checkRefusedOptions(const Relationship &R,
                                       const ArgFact *Cascade,
                                       const ArgFact *Lazy,
                                       const ArgFact *SingleParent) {
  const std::string ModelName = R.Owner->QualifiedName;
  auto Where = [&](const ArgFact *A) {
    return A->KeywordRange.isValid() ? A->KeywordRange : A->ValueRange;
  };
  if (Cascade && !(Cascade->Value.is(K::Constant) &&
                   Cascade->Value.Text == "False")) {
    if (std::optional<std::set<std::string>> Set = cascadeSet(Cascade->Value)) {
      // E10: _set_cascade on a viewonly relationship.
      std::set<std::string> Persistence;
      for (const std::string &W : *Set)
        if (W != "expunge" && W != "refresh-expire" && W != "merge")
          Persistence.insert(W);
      if (R.ViewOnly && !Persistence.empty()) {
        std::string List;
        for (const std::string &W : Persistence)
          List += (List.empty() ? "" : ", ") + W;
        addIssue(Where(Cascade), IssueSeverity::Error,
                 "Cascade settings \"" + List +
                     "\" apply to persistence operations and should not be "
                     "combined with a viewonly=True relationship.",
                 ModelName, R.Attribute, "E10");
      }
      // E11: delete-orphan on the many side.
      bool Single = SingleParent && truthy(SingleParent->Value);
      if (Set->count("delete-orphan") && !Single && R.Target &&
          (R.Dir == Direction::ManyToOne || R.Dir == Direction::ManyToMany)) {
        std::string Rel = R.displayName();
        addIssue(Where(Cascade), IssueSeverity::Error,
                 std::string("For ") +
                     (R.Dir == Direction::ManyToOne ? "many-to-one"
                                                    : "many-to-many") +
                     " relationship " + Rel +
                     ", delete-orphan cascade is normally configured only on "
                     "the \"one\" side of a one-to-many relationship, and "
                     "not on the \"many\" side of a many-to-one or "
                     "many-to-many relationship.  To force this relationship "
                     "to allow a particular \"" +
                     R.Target->Name +
                     "\" object to be referred towards by only a single \"" +
                     R.Owner->Name + "\" object at a time via the " + Rel +
                     " relationship, which would allow delete-orphan cascade "
                     "to take place in this direction, set the "
                     "single_parent=True flag. (Background on this error at: "
                     "https://sqlalche.me/e/14/bbf0)",
                 ModelName, R.Attribute, "E11");
      }
    }
  }
  // E12: dynamic.py refuses a scalar; a forced collection on a
  // many-to-one only warns.
  if (Lazy && Lazy->Value.is(K::String) && Lazy->Value.Text == "dynamic") {
    std::string Text = "On relationship " + R.displayName() +
                       ", 'dynamic' loaders cannot be used with "
                       "many-to-one/one-to-one relationships and/or "
                       "uselist=False.";
    bool Certain = R.UseListExplicit || R.Dir != Direction::Unknown;
    if (Certain && !R.UseList)
      addIssue(Where(Lazy), IssueSeverity::Error, Text, ModelName, R.Attribute,
               "E12");
    else if (R.Dir == Direction::ManyToOne)
      addIssue(Where(Lazy), IssueSeverity::Warning,
               Text + "  This warning will be an exception in a future "
                      "release.",
               ModelName, R.Attribute, "E12");
  }
}

void GraphBuilder::reportUnresolvedName(const Relationship &R,
                                        const RelState &S,
                                        const std::string &Dotted) {
  const Relationship &Declaring = R.GeneratedBy ? *R.GeneratedBy : R;
  // The declaring side fails first; one report per written name.
  if (!ReportedNames.insert({&Declaring, Dotted}).second)
    return;
  std::vector<std::string> Parts;
  for (size_t B = 0;;) {
    size_t Dot = Dotted.find('.', B);
    Parts.push_back(Dotted.substr(B, Dot - B));
    if (Dot == std::string::npos)
      break;
    B = Dot + 1;
  }
  auto Join = [&](size_t N) {
    std::string Out;
    for (size_t I = 0; I < N; ++I)
      Out += (I ? "." : "") + Parts[I];
    return Out;
  };
  std::string Detail;
  if (Parts.size() == 1) {
    std::vector<std::string> Names;
    if (S.Scope)
      for (const Column &C : S.Scope->Columns)
        Names.push_back(C.Attribute);
    Detail = "name '" + Dotted + "' is not a column of the class body of '" +
             (S.Scope ? S.Scope->Name : std::string("?")) + "'" +
             didYouMean(Dotted, Names);
  } else if (Parts.size() >= 3 && Parts[Parts.size() - 2] == "c") {
    std::string TName = Join(Parts.size() - 2);
    if (const Table *T = G.findTable(TName)) {
      std::vector<std::string> Names;
      for (const Column &C : T->Columns)
        Names.push_back(C.Name);
      Detail = "table '" + TName + "' has no column '" + Parts.back() + "'" +
               didYouMean(Parts.back(), Names);
    } else {
      Detail = "name '" + TName + "' is not defined" +
               didYouMean(TName, tableNames(G));
    }
  } else {
    std::string Path = Join(Parts.size() - 1);
    std::vector<const Model *> Ms =
        S.Scope ? G.findModels(Path, S.Scope->Registry) : G.findModels(Path);
    if (Ms.size() == 1) {
      AttributeLookup L = Ms[0]->lookup(Parts.back());
      if (L.K == AttributeLookup::Kind::Relationship) {
        Detail = "'" + Dotted + "' is a relationship, not a column";
      } else {
        std::vector<std::string> Names;
        for (const Model *M = Ms[0]; M;
             M = M->Bases.empty() ? nullptr : M->Bases.front())
          for (const Column &C : M->Columns)
            Names.push_back(C.Attribute);
        Detail = "Class " + classRepr(*Ms[0]) +
                 " does not have a mapped column named '" + Parts.back() +
                 "'" + didYouMean(Parts.back(), Names);
      }
    } else if (Ms.size() > 1) {
      Detail = "Multiple classes found for path \"" + Path +
               "\" in the registry of this declarative base. Please use a "
               "fully module-qualified path.";
    } else if (G.findTable(Path)) {
      Detail = "'" + Path + "' is a table; write '" + Path + ".c." +
               Parts.back() + "'";
    } else {
      std::vector<std::string> Names = registryNames(G.Models);
      for (const std::string &T : tableNames(G))
        Names.push_back(T);
      Detail = "name '" + Path + "' is not defined" + didYouMean(Path, Names);
    }
  }

  // Point at the name where it is written.
  SourceSpan Range = R.Range;
  ArgumentLocator Loc(Declaring.Fact->Annotation);
  std::vector<const ArgFact *> Args;
  for (const char *Kw :
       {"primaryjoin", "secondaryjoin", "remote_side", "foreign_keys"})
    if (const ArgFact *A = Declaring.arg(Kw))
      Args.push_back(A);
  if (Declaring.Backref)
    for (const ArgFact *O : Declaring.Backref->Options)
      Args.push_back(O);
  auto IsIdent = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
  bool Found = false;
  for (const ArgFact *A : Args) {
    if (Found)
      break;
    if (A->Value.is(K::String)) {
      const std::string &Text = A->Value.Text;
      for (size_t Pos = Text.find(Dotted); Pos != std::string::npos;
           Pos = Text.find(Dotted, Pos + 1)) {
        size_t End = Pos + Dotted.size();
        if ((Pos == 0 || (!IsIdent(Text[Pos - 1]) && Text[Pos - 1] != '.')) &&
            (End == Text.size() || !IsIdent(Text[End]))) {
          Range = Loc.insideString(*A, A->Value, unsigned(Pos), unsigned(End));
          Found = true;
          break;
        }
      }
      continue;
    }
    std::function<const PyExpr *(const PyExpr &)> Find =
        [&](const PyExpr &E) -> const PyExpr * {
      if ((E.is(K::Name) || E.is(K::Attribute)) && dottedName(E) == Dotted)
        return &E;
      for (const PyExpr &C : E.Children)
        if (const PyExpr *F = Find(C))
          return F;
      return nullptr;
    };
    if (const PyExpr *N = Find(A->Value)) {
      Range = Loc.node(*A, *N);
      Found = true;
    }
  }
  addIssue(Range, IssueSeverity::Error,
           "'" + Dotted + "' in relationship '" + Declaring.displayName() +
               "' does not name a column: " + Detail,
           Declaring.Owner->QualifiedName, Declaring.Attribute,
           Detail.rfind("Multiple classes", 0) == 0 ? refusal::AmbiguousName
                                                    : refusal::UnresolvedName);
}

//===----------------------------------------------------------------------===//
// 7. Pairing and sync (§1.1 step 9, §5.4, S11)
//===----------------------------------------------------------------------===//

void GraphBuilder::pair() {
  for (auto &RP : Rels) {
    Relationship &R = *RP;
    if (R.BackPopulates.empty() || !R.Target)
      continue;
    AttributeLookup L = R.Target->lookup(R.BackPopulates);
    if (L.K != AttributeLookup::Kind::Relationship)
      continue; // E2/E3: the rule's finding
    Relationship *P = const_cast<Relationship *>(L.Rel);
    R.Partner = P;
    P->LinkedFrom.push_back(&R);
  }
  for (auto &RP : Rels) {
    std::stable_sort(RP->LinkedFrom.begin(), RP->LinkedFrom.end(),
                     [](const Relationship *A, const Relationship *B) {
                       return A->ConfigOrder < B->ConfigOrder;
                     });
    RP->LinkedFrom.erase(
        std::unique(RP->LinkedFrom.begin(), RP->LinkedFrom.end()),
        RP->LinkedFrom.end());
  }
  // _check_sync_backref: a viewonly side forces its writable partner's
  // sync_backref to False (S11).
  for (auto &RP : Rels) {
    Relationship &R = *RP;
    bool Sync = !R.ViewOnly && R.SyncBackref.value_or(true);
    if (R.Partner && R.Partner->ViewOnly)
      Sync = false;
    for (const Relationship *L : R.LinkedFrom)
      if (L->ViewOnly)
        Sync = false;
    R.EffectiveSync = Sync;
  }
}

/// decl_base.py refuses a mapped attribute named 'metadata' in a
/// declarative class body (the name of the base's MetaData); 1.4 reserves
/// no other name there.
void GraphBuilder::checkReservedNames() {
  auto Check = [&](const Model &M, const std::string &Attribute,
                   const SourceSpan &Range) {
    if (Attribute != "metadata")
      return;
    addIssue(Range, IssueSeverity::Error,
             "attribute name 'metadata' of '" + M.QualifiedName +
                 "' is reserved; SQLAlchemy refuses this configuration: "
                 "Attribute name 'metadata' is reserved for the MetaData "
                 "instance when using a declarative base class.",
             M.QualifiedName, Attribute, refusal::ReservedName);
  };
  for (const auto &M : G.Models) {
    if (!M->Fact)
      continue;
    for (const ColumnFact &C : M->Fact->Columns)
      Check(*M, C.Attribute, C.NameRange);
    for (const RelationshipFact &R : M->Fact->Relationships)
      Check(*M, R.Attribute, R.NameRange);
  }
}

void GraphBuilder::checkMemberShapes() {
  for (auto &RP : Rels) {
    Relationship &R = *RP;
    if (!R.Fact || R.Lazy == "dynamic")
      continue;
    const MemberTypeFact &MT = R.Fact->MemberType;
    if (MT.Shape == MemberShape::Unknown)
      continue;
    if (!R.UseListExplicit && R.Dir == Direction::Unknown)
      continue; // uselist not certain
    bool Collection = MT.Shape == MemberShape::Collection;
    if (Collection == R.UseList)
      continue;
    std::string Why = R.UseListExplicit
                          ? std::string(R.UseList ? "uselist=True"
                                                  : "uselist=False")
                          : std::string(directionName(R.Dir));
    addIssue(MT.Range.isValid() ? MT.Range : R.Range, IssueSeverity::Warning,
             "relationship '" + R.displayName() + "' is " +
                 (R.UseList ? "a collection" : "scalar") + " (" + Why +
                 ") but its member type '" + MT.Spelling + "' is " +
                 (Collection ? "a collection" : "scalar"),
             R.Owner->QualifiedName, R.Attribute);
  }
}

void GraphBuilder::finish() {
  std::stable_sort(Rels.begin(), Rels.end(), [](const auto &A, const auto &B) {
    return A->ConfigOrder < B->ConfigOrder;
  });
  for (auto &M : G.Models)
    std::stable_sort(M->Relationships.begin(), M->Relationships.end(),
                     [](const Relationship *A, const Relationship *B) {
                       return A->ConfigOrder < B->ConfigOrder;
                     });
  G.Relationships = std::move(Rels);

  // Issues: deterministic order, one per range + message.
  std::stable_sort(G.Issues.begin(), G.Issues.end(),
                   [](const GraphIssue &A, const GraphIssue &B) {
                     return std::tie(A.Range, A.Message) <
                            std::tie(B.Range, B.Message);
                   });
  G.Issues.erase(std::unique(G.Issues.begin(), G.Issues.end(),
                             [](const GraphIssue &A, const GraphIssue &B) {
                               return A.Range == B.Range &&
                                      A.Message == B.Message;
                             }),
                 G.Issues.end());
}

} // namespace relcheck
