//===- SourceSnapshots.cpp ------------------------------------------------===//
#include "SourceSnapshots.h"

#include "FileHashes.h"

#include <set>

namespace relcheck {
namespace {

/// Every annotation of a TU's facts.
template <typename Fn> void forEachAnnotation(const TuFacts &Facts, Fn &&F) {
  for (const ModelFact &M : Facts.Models) {
    F(M.Annotation);
    for (const ColumnFact &C : M.Columns)
      F(C.Annotation);
    for (const RelationshipFact &R : M.Relationships)
      F(R.Annotation);
  }
  for (const TableFact &T : Facts.Tables)
    F(T.Annotation);
}

} // namespace

void snapshotSources(const TuFacts &Facts, SourceSnapshot &Sources,
                     const std::map<std::string, std::string> *Hashes) {
  std::set<std::string> Files;
  for (const ModelFact &M : Facts.Models)
    for (const SourceSpan *S : {&M.NameRange, &M.BodyRange, &M.LastMemberEnd})
      if (!S->File.empty())
        Files.insert(S->File);
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    if (!A.MacroRange.File.empty())
      Files.insert(A.MacroRange.File);
  });
  for (const std::string &File : Files) {
    std::optional<std::string> Bytes = readFileBytes(File);
    if (!Bytes) {
      Sources.markChanged(File);
      continue;
    }
    bool Changed = false;
    if (Hashes) {
      auto It = Hashes->find(File);
      Changed = It == Hashes->end() || It->second != contentHash(*Bytes);
    }
    Sources.record(File, std::move(*Bytes));
    if (Changed)
      Sources.markChanged(File);
  }
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    const SourceSpan &Args = A.ArgsRange;
    if (!A.ExactRanges || !Args.isValid())
      return;
    const std::string *Content = Sources.content(Args.File);
    if (!Content || Args.End > Content->size() || Args.Begin > Args.End ||
        Content->compare(Args.Begin, Args.End - Args.Begin, A.Text) != 0)
      Sources.markChanged(Args.File);
  });
}

} // namespace relcheck
