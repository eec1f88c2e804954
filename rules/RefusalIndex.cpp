//===- RefusalIndex.cpp ------------------------------------------------===//
//
// Which relationships SQLAlchemy refuses as written (FixBuilders.h).
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "rules/BackPopulatesMismatch.h"
#include "rules/FixSupport.h"

#include <algorithm>

namespace relcheck {

using namespace fixit;

RefusalIndex::RefusalIndex(const ModelGraph &Graph) {
  for (const GraphIssue &Issue : Graph.issues())
    if (Issue.Severity == IssueSeverity::Error)
      add(Issue.ModelName, Issue.Attribute, Issue.Range);
  std::vector<Finding> Findings;
  checkBackPopulatesMismatch(Graph, Findings);
  for (const Finding &F : Findings)
    if (F.Sev == Severity::Error && !F.CaseId.empty() &&
        (F.CaseId[0] == 'E' || F.CaseId[0] == 'J'))
      add(F.Model, F.Attribute, F.Range);
  for (auto &[File, Offsets] : Begins)
    std::sort(Offsets.begin(), Offsets.end());
}

void RefusalIndex::add(const std::string &Model, const std::string &Attribute,
                       const SourceSpan &Range) {
  if (!Model.empty() && !Attribute.empty())
    Named.insert({Model, Attribute});
  if (Range.isValid())
    Begins[Range.File].push_back(Range.Begin);
}

/// Some refusal's range begins inside Outer (same file, Begin in
/// [Outer.Begin, Outer.End)).
bool RefusalIndex::refusesWithin(const SourceSpan &Outer) const {
  if (!Outer.isValid())
    return false;
  auto It = Begins.find(Outer.File);
  if (It == Begins.end())
    return false;
  auto First =
      std::lower_bound(It->second.begin(), It->second.end(), Outer.Begin);
  return First != It->second.end() && *First < Outer.End;
}

bool RefusalIndex::refuses(const Relationship &R) const {
  if (R.Owner && Named.count({R.Owner->QualifiedName, R.Attribute}))
    return true;
  if (!R.Fact)
    return false;
  return refusesWithin(R.Fact->DeclRange) ||
         refusesWithin(R.Fact->Annotation.MacroRange);
}

} // namespace relcheck
