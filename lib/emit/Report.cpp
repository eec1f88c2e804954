//===- Report.cpp ---------------------------------------------------------===//
#include "emit/Report.h"

namespace relcheck {

FindingCounts countFindings(const std::vector<Finding> &Findings) {
  FindingCounts Counts;
  for (const Finding &F : Findings) {
    switch (F.Sev) {
    case Severity::Error:
      ++Counts.Errors;
      break;
    case Severity::Warning:
      ++Counts.Warnings;
      break;
    case Severity::Note:
      ++Counts.Notes;
      break;
    }
  }
  return Counts;
}

} // namespace relcheck
