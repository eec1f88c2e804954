//===- FixExport.cpp ------------------------------------------------------===//
#include "fixes/FixExport.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>
#include <map>

namespace relcheck {
namespace {

/// Distance between a final edit and a finding's own edit (0 = they touch).
unsigned distance(const clang::tooling::Replacement &R,
                  const clang::tooling::Range &Own) {
  unsigned RBegin = R.getOffset(), REnd = R.getOffset() + R.getLength();
  unsigned OBegin = Own.getOffset(), OEnd = Own.getOffset() + Own.getLength();
  if (REnd < OBegin)
    return OBegin - REnd;
  if (OEnd < RBegin)
    return RBegin - OEnd;
  return 0;
}

clang::tooling::Diagnostic::Level levelOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return clang::tooling::Diagnostic::Error;
  case Severity::Warning:
    return clang::tooling::Diagnostic::Warning;
  case Severity::Note:
    return clang::tooling::Diagnostic::Remark;
  }
  return clang::tooling::Diagnostic::Warning;
}

} // namespace

std::string exportFixesYaml(const std::vector<Finding> &Findings,
                            const FixPlan &Plan) {
  // Finding -> file -> its final edits.
  std::map<size_t, std::map<std::string, clang::tooling::Replacements>>
      ByFinding;
  for (const PlannedFile &File : Plan.Files) {
    for (const clang::tooling::Replacement &R : File.Edits) {
      size_t Best = std::numeric_limits<size_t>::max();
      unsigned BestDistance = std::numeric_limits<unsigned>::max();
      for (const auto &[Finding, Own] : File.Origins) {
        unsigned D = distance(R, Own);
        if (D < BestDistance) {
          BestDistance = D;
          Best = Finding;
        }
      }
      if (Best == std::numeric_limits<size_t>::max())
        continue; // Unreachable: every edited file has origins.
      llvm::Error Err = ByFinding[Best][File.Path].add(R);
      // Final edits never overlap one another.
      llvm::consumeError(std::move(Err));
    }
  }

  clang::tooling::TranslationUnitDiagnostics TU;
  for (const auto &[Index, Files] : ByFinding) {
    const Finding &F = Findings[Index];
    clang::tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = F.Range.File;
    Message.FileOffset = F.Range.Begin;
    for (const auto &[Path, Edits] : Files)
      Message.Fix.insert({Path, Edits});
    TU.Diagnostics.emplace_back(
        F.RuleId, Message,
        llvm::SmallVector<clang::tooling::DiagnosticMessage, 1>(),
        levelOf(F.Sev), "");
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  OS.flush();
  return Out;
}

} // namespace relcheck
