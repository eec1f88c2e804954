//===- Finding.cpp --------------------------------------------------------===//
#include "findings/Finding.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace relcheck {

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(
      Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
        return std::tie(A.Range.File, A.Range.Begin, A.RuleId, A.Message) <
               std::tie(B.Range.File, B.Range.Begin, B.RuleId, B.Message);
      });
  // One finding per root cause: identical reports (e.g. the same header
  // problem seen twice) collapse.
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return A.RuleId == B.RuleId &&
                                      A.Range == B.Range &&
                                      A.Message == B.Message;
                             }),
                 Findings.end());
}

/// Replaced byte ranges of the first fixes that do not yield, per file.
/// Yielding fixes are few (filtered backrefs): a scan per edit is enough.
using RangesByFile =
    std::map<std::string, std::vector<std::pair<unsigned, unsigned>>>;

static bool editsRange(const RangesByFile &Ranges, const Replacement &R) {
  auto It = Ranges.find(R.File);
  if (It == Ranges.end())
    return false;
  for (const auto &[Begin, End] : It->second) {
    bool Meets = R.Length ? Begin < R.Offset + R.Length && R.Offset < End
                          : Begin < R.Offset && R.Offset < End;
    if (Meets)
      return true;
  }
  return false;
}

void dropBehaviourChangingFixes(std::vector<Finding> &Findings) {
  for (Finding &F : Findings)
    F.Fixes.erase(
        std::remove_if(F.Fixes.begin(), F.Fixes.end(),
                       [](const Fix &X) { return X.ChangesBehaviour; }),
        F.Fixes.end());
}

std::vector<bool>
yieldingFixesSuperseded(const std::vector<Finding> &Findings) {
  RangesByFile Ranges;
  for (const Finding &F : Findings)
    if (!F.Fixes.empty() && !F.Fixes.front().YieldsOnOverlap)
      for (const Replacement &R : F.Fixes.front().Replacements)
        if (R.Length)
          Ranges[R.File].push_back({R.Offset, R.Offset + R.Length});
  std::vector<bool> Superseded(Findings.size(), false);
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    if (F.Fixes.empty() || !F.Fixes.front().YieldsOnOverlap)
      continue;
    const std::vector<Replacement> &Edits = F.Fixes.front().Replacements;
    Superseded[I] =
        std::any_of(Edits.begin(), Edits.end(), [&](const Replacement &R) {
          return editsRange(Ranges, R);
        });
  }
  return Superseded;
}

void dropYieldingFixes(std::vector<Finding> &Findings) {
  std::vector<bool> Superseded = yieldingFixesSuperseded(Findings);
  for (size_t I = 0; I < Findings.size(); ++I)
    if (Superseded[I])
      Findings[I].Fixes.erase(Findings[I].Fixes.begin());
}

} // namespace relcheck
