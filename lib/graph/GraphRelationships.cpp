//===- GraphRelationships.cpp ---------------------------------------------===//
//
// Step 4 of GraphBuilder::build: relationships, their arguments and their
// targets, resolved like the declarative registry.
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

namespace {

/// SQLAlchemy's refusal of a relationship target it cannot locate, as 1.4
/// words it; \p Reason is what it puts in the parentheses.
std::string failedToLocate(const Relationship &R, const std::string &Name,
                           const std::string &Reason) {
  return "InvalidRequestError: When initializing mapper " +
         mapperDisplay(*R.Owner) + ", expression '" + Name +
         "' failed to locate a name (" + Reason +
         "). If this is a class name, consider adding this relationship() "
         "to the " +
         classRepr(*R.Owner) +
         " class after both dependent classes have been defined.";
}

} // namespace

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

// About 120 lines: one pass over relationship()'s arguments in the order
// SQLAlchemy reads them.
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
    std::string Name =
        V->Value.is(K::String) ? V->Value.Text : dottedName(V->Value);
    if (!Name.empty()) {
      R.Secondary = Name;
      S.SecondaryTable = G.findTable(Name);
      if (!S.SecondaryTable) {
        S.ArgumentUnresolved = true;
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
                  ? failedToLocate(R, Name,
                                   "\"name '" + Name + "' is not defined\"")
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
  if (const ArgFact *V = R.arg("order_by"))
    checkOrderBy(R, S, V->Value);
  for (const char *Kw : {"remote_side", "foreign_keys"}) {
    const ArgFact *V = R.arg(Kw);
    if (!V || isNone(V->Value) || !isColumnListValue(V->Value))
      continue;
    std::optional<PyExpr> E = evaluateArgument(R, S, V->Value);
    (std::string(Kw) == "remote_side" ? S.RemoteSide : S.ForeignKeys) = E;
  }
  for (const char *Kw : {"primaryjoin", "secondaryjoin"}) {
    const ArgFact *V = R.arg(Kw);
    if (!V || isNone(V->Value) || !isJoinValue(V->Value))
      continue;
    JoinInfo &J =
        std::string(Kw) == "primaryjoin" ? R.PrimaryJoin : R.SecondaryJoin;
    J.Range = V->ValueRange;
    J.Written = evaluateArgument(R, S, V->Value);
    J.WrittenText = V->Value.is(K::String) ? V->Value.Text : Loc.text(*V);
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
          Synth->KeywordRange = O.FromDict ? Loc.node(*V, *O.KeyNode)
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
  I.Message = "relationship '" + R.displayName() + "' targets '" + Name +
              "', which is mapped by the registry of '" + Target.Registry +
              "', not by the registry of '" + R.Owner->Registry +
              "' that maps '" + R.Owner->QualifiedName +
              "' (SQLAlchemy: " + failedToLocate(R, Name, "'" + Name + "'") +
              ")";
  I.ModelName = R.Owner->QualifiedName;
  I.Attribute = R.Attribute;
  I.CaseId = refusal::UnresolvedName;
  I.Notes.emplace_back(Target.Fact->NameRange,
                       "'" + Target.QualifiedName +
                           "' declared here, with base=" + Target.Registry);
  G.Issues.push_back(std::move(I));
}

// About 120 lines: the registry's lookup order, each outcome its own issue.
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
      Suggestion = "; did you mean '" + registrySpelling(G, *FromType) + "'?";
    else
      Suggestion = didYouMean(Name, registryNames(G.Models));
    addIssue(Target->ValueRange, IssueSeverity::Error,
             "relationship '" + R.displayName() + "' targets '" + Name +
                 "', which is not a model" + Suggestion + " (SQLAlchemy: " +
                 failedToLocate(R, Name, "'" + Name + "'") + ")",
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
      I.Notes.emplace_back(M->Fact->NameRange, "candidate '" +
                                                   M->QualifiedName + "' (\"" +
                                                   registryPath(*M) + "\")");
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
    I.Notes.emplace_back(R.Target->Fact->NameRange,
                         "'" + R.Target->QualifiedName + "' declared here");
    I.Notes.emplace_back(FromType->Fact->NameRange,
                         "'" + FromType->QualifiedName + "' declared here");
    G.Issues.push_back(std::move(I));
  }
}

} // namespace relcheck
