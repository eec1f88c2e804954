//===- CodeQualityEmitter.cpp ---------------------------------------------===//
#include "emit/CodeQualityEmitter.h"

#include "emit/ReportPaths.h"
#include "findings/FindingKey.h"

#include <map>

namespace relcheck {
namespace {

using Json = nlohmann::ordered_json;

/// Code Climate's severities: info, minor, major, critical, blocker. An
/// error is a model SQLAlchemy refuses at start-up.
const char *severityOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return "critical";
  case Severity::Warning:
    return "major";
  case Severity::Note:
    break;
  }
  return "info";
}

std::string reportPath(const std::string &File, const std::string &BaseDir) {
  if (std::optional<std::string> Rel = pathUnderBase(File, BaseDir))
    return *Rel;
  return File;
}

Json issue(const Finding &F, const CodeQualityOptions &Options,
           std::map<std::string, unsigned> &Seen) {
  std::string Description = F.Message;
  for (const FindingNote &N : F.Notes) {
    Description += "\nnote: ";
    if (N.Range.isValid())
      Description += reportPath(N.Range.File, Options.BaseDir) + ":" +
                     std::to_string(N.Range.Line) + ": ";
    Description += N.Message;
  }
  std::string Fingerprint = findingFingerprint(F);
  if (unsigned N = ++Seen[Fingerprint]; N > 1)
    Fingerprint += "-" + std::to_string(N);
  unsigned Begin = F.Range.Line ? F.Range.Line : 1;
  unsigned End = F.Range.EndLine >= Begin ? F.Range.EndLine : Begin;
  Json J = Json::object();
  J["type"] = "issue";
  J["check_name"] = F.RuleId;
  J["description"] = Description;
  J["categories"] = Json::array({"Bug Risk"});
  J["severity"] = severityOf(F.Sev);
  J["fingerprint"] = Fingerprint;
  J["location"] = Json{{"path", reportPath(F.Range.File, Options.BaseDir)},
                       {"lines", Json{{"begin", Begin}, {"end", End}}}};
  return J;
}

} // namespace

nlohmann::ordered_json reportToCodeQuality(const AnalysisReport &Report,
                                           const CodeQualityOptions &Options) {
  std::map<std::string, unsigned> Seen;
  Json Issues = Json::array();
  for (const Finding &F : Report.Findings)
    Issues.push_back(issue(F, Options, Seen));
  return Issues;
}

void emitCodeQuality(const AnalysisReport &Report,
                     const CodeQualityOptions &Options, std::ostream &OS) {
  OS << reportToCodeQuality(Report, Options)
            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
     << '\n';
}

} // namespace relcheck
