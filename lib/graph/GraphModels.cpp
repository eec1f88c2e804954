//===- GraphModels.cpp ----------------------------------------------------===//
//
// Steps 2-3 of GraphBuilder::build, models: their columns, bases and
// declarative registries.
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

Column GraphBuilder::makeColumn(const std::vector<ArgView> &Args,
                                const std::string &Member,
                                const ArgumentLocator &Loc, SourceSpan Range) {
  (void)Loc;
  ColumnSpelling Spec = interpretColumn(Args);
  Column C;
  C.Name = !Spec.Name.empty() ? Spec.Name : Member;
  C.Key = !Spec.Key.empty() ? Spec.Key : C.Name;
  C.Attribute = Member;
  if (C.Attribute.empty())
    C.Attribute = !Spec.Key.empty() ? Spec.Key : C.Name;
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
    for (size_t I = 0;
         I < M.Fact->BaseKeys.size() || I < M.Fact->BaseNames.size(); ++I) {
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
  reportMultipleModelBases();
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
    addIssue(
        M.Fact->NameRange, IssueSeverity::Error,
        "model '" + M.QualifiedName +
            "' has no table name and derives from no model; write "
            "ORM_MODEL(\"table\") (SQLAlchemy: InvalidRequestError: Class " +
            classRepr(M) +
            " does not have a __table__ or __tablename__ specified and "
            "does not inherit from an existing table-mapped class.)",
        M.QualifiedName, "", refusal::NoTable);
  }
}

void GraphBuilder::reportMultipleModelBases() {
  for (const auto &MP : G.Models) {
    const Model &M = *MP;
    if (M.Bases.size() < 2)
      continue;
    std::string Names;
    std::string Reprs;
    for (const Model *B : M.Bases) {
      Names += Names.empty() ? "'" : ", '";
      Names += B->QualifiedName;
      Names += "'";
      Reprs += Reprs.empty() ? "" : ", ";
      Reprs += classRepr(*B);
    }
    addIssue(M.Fact->NameRange, IssueSeverity::Error,
             (llvm::Twine("model '") + M.QualifiedName +
              "' derives from more than one model (" + Names +
              "); SQLAlchemy maps a class over one mapped base "
              "(InvalidRequestError: Class " +
              classRepr(M) + " has multiple mapped bases: [" + Reprs + "])")
                 .str(),
             M.QualifiedName, "", refusal::MultipleMappedBases);
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
    const std::string &Registry = Root(M, Visiting);
    if (A && !M.Bases.empty() && A->Value.Text != Registry)
      addIssue(A->Range, IssueSeverity::Warning,
               "base=" + A->Value.Text + " has no effect on '" +
                   M.QualifiedName +
                   "': a mapped subclass is mapped by the "
                   "registry of its model base '" +
                   M.Bases.front()->QualifiedName + "' (" + Registry +
                   "); remove it",
               M.QualifiedName, "");
  }
}

} // namespace relcheck
