//===- GraphPairing.cpp ---------------------------------------------------===//
//
// Step 7 of GraphBuilder::build: back_populates pairing and sync (§1.1
// step 9, §5.4, S11), member shapes, reserved names, the final order.
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

void GraphBuilder::pair() {
  for (auto &RP : Rels) {
    Relationship &R = *RP;
    if (R.BackPopulates.empty() || !R.Target)
      continue;
    AttributeLookup L = R.Target->lookup(R.BackPopulates);
    if (L.K != AttributeLookup::Kind::Relationship)
      continue; // E2/E3: the rule's finding
    auto *P = const_cast<Relationship *>(L.Rel);
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

void GraphBuilder::checkInheritedKeyConflicts() {
  auto Report = [&](const Model &M, const std::string &Key,
                    const std::string &ColumnKey, const SourceSpan &At,
                    const std::string &What) {
    addIssue(At, IssueSeverity::Error,
             What +
                 "; SQLAlchemy refuses to map a column and a relationship "
                 "under one name (ArgumentError: WARNING: when "
                 "configuring property '" +
                 Key + "' on mapped class " + M.Name + "->" + M.TableName +
                 ", column '" + ColumnKey +
                 "' conflicts with property '<RelationshipProperty at "
                 "0x...; " +
                 Key +
                 ">'. To resolve this, map the column to the class under a "
                 "different name in the 'properties' dictionary.  Or, to "
                 "remove all awareness of the column entirely (including "
                 "its availability as a foreign key), use the "
                 "'include_properties' or 'exclude_properties' mapper "
                 "arguments to control specifically which table columns get "
                 "mapped.)",
             M.QualifiedName, Key, refusal::InheritedKeyConflict);
  };
  for (const auto &MP : G.Models) {
    const Model &M = *MP;
    if (M.Bases.size() != 1) // none, or R11
      continue;
    const Model &Base = *M.Bases.front();
    // A column whose attribute is its key is left to the mapper, which
    // finds the inherited relationship under that key first.
    for (const Column &C : M.Columns) {
      AttributeLookup L = Base.lookup(C.Attribute);
      if (L.K != AttributeLookup::Kind::Relationship || !L.Rel ||
          L.Rel->GeneratedBy || C.Key != C.Attribute)
        continue;
      Report(M, C.Attribute, C.Key, C.Fact ? C.Fact->NameRange : C.Range,
             "column '" + C.Attribute + "' of '" + M.QualifiedName +
                 "' has the name of relationship '" + L.Rel->displayName() +
                 "', which it inherits");
    }
    // An inherited column is mapped again under its base's key.
    for (const Relationship *R : M.Relationships) {
      if (R->GeneratedBy)
        continue; // a backref's name: E6
      AttributeLookup L = Base.lookup(R->Attribute);
      if (L.K != AttributeLookup::Kind::Column || !L.Col)
        continue;
      Report(M, R->Attribute, L.Col->Key, R->Range,
             "relationship '" + R->displayName() +
                 "' has the name of column '" + R->Attribute + "' of '" +
                 (L.DeclaredOn ? L.DeclaredOn->QualifiedName
                               : Base.QualifiedName) +
                 "', which '" + M.QualifiedName + "' inherits");
    }
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
    std::string Why =
        R.UseListExplicit
            ? std::string(R.UseList ? "uselist=True" : "uselist=False")
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
