//===- GraphMerge.cpp -----------------------------------------------------===//
//
// Step 1 of GraphBuilder::build: merge the facts of every TU, one model per
// USR, deterministically, and report models two TUs see differently.
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

template <typename T>
void moveAppend(std::vector<T> &From, std::vector<T> &To) {
  std::move(From.begin(), From.end(), std::back_inserter(To));
}

/// Sorted by Key, one element per key (the first of equal ones).
template <typename T, typename KeyFn>
void sortUnique(std::vector<T> &Items, KeyFn Key) {
  std::stable_sort(Items.begin(), Items.end(),
                   [&](const T &A, const T &B) { return Key(A) < Key(B); });
  Items.erase(
      std::unique(Items.begin(), Items.end(),
                  [&](const T &A, const T &B) { return Key(A) == Key(B); }),
      Items.end());
}

} // namespace

void GraphBuilder::merge(std::vector<TuFacts> &Facts) {
  G.MergedFacts.clear();
  G.MergedFacts.emplace_back();
  TuFacts &Out = G.MergedFacts.back();
  mergeModels(Facts, Out);
  mergeDeclarations(Facts, Out);
  mergeTables(Facts, Out);
  mergeIssues(Facts, Out);
}

/// One model per Key; the pick must not depend on TU order.
void GraphBuilder::mergeModels(std::vector<TuFacts> &Facts, TuFacts &Out) {
  std::map<std::string, std::vector<const ModelFact *>> Groups;
  // The picks with their Key (a model's own Key, or the one made up for
  // it), sorted before the (large) facts are copied.
  std::vector<std::pair<const ModelFact *, const std::string *>> Picks;
  for (const TuFacts &TU : Facts)
    for (const ModelFact &M : TU.Models) {
      std::string Key =
          M.Key.empty() ? M.QualifiedName + "@" + position(M.NameRange) : M.Key;
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
                  firstDifference(*Chosen, *Other) +
                  "): " + position(Chosen->NameRange) + " and " +
                  position(Other->NameRange) + "; relcheck uses the first";
      I.ModelName = Chosen->QualifiedName;
      I.Notes.push_back({Other->NameRange,
                         "other definition of '" + Other->QualifiedName + "'"});
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
}

/// Forward declarations, includes and include insertions: the same header
/// seen from many TUs counts once (every TU computes the same insertion
/// for a file's text; the first kept).
void GraphBuilder::mergeDeclarations(std::vector<TuFacts> &Facts,
                                     TuFacts &Out) {
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
}

/// ORM_TABLEs: the same declaration seen from many TUs counts once.
void GraphBuilder::mergeTables(std::vector<TuFacts> &Facts, TuFacts &Out) {
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
  std::stable_sort(
      Out.Tables.begin(), Out.Tables.end(),
      [](const TableFact &A, const TableFact &B) {
        return std::tie(A.NameRange.File, A.NameRange.Begin, A.Name) <
               std::tie(B.NameRange.File, B.NameRange.Begin, B.Name);
      });
}

/// Annotation issues and compile errors, deduplicated by range + message.
void GraphBuilder::mergeIssues(std::vector<TuFacts> &Facts, TuFacts &Out) {
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

} // namespace relcheck
