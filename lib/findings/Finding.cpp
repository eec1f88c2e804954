//===- Finding.cpp --------------------------------------------------------===//
#include "findings/Finding.h"

#include <algorithm>
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
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Range.File, A.Range.Begin, A.RuleId,
                                     A.Message) < std::tie(B.Range.File,
                                                           B.Range.Begin,
                                                           B.RuleId, B.Message);
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

} // namespace relcheck
