//===- JsonEmitter.cpp ----------------------------------------------------===//
#include "emit/JsonEmitter.h"

#include <algorithm>
#include <tuple>

namespace relcheck {
namespace {

using Json = nlohmann::ordered_json;

Json stringOrNull(const std::string &S) {
  return S.empty() ? Json(nullptr) : Json(S);
}

/// Location members shared by findings and related locations. An unknown
/// location has a null file and zero positions.
void addLocation(Json &Object, const SourceSpan &Range) {
  bool Valid = Range.isValid();
  Object["file"] = Valid ? Json(Range.File) : Json(nullptr);
  Object["line"] = Valid ? Range.Line : 0;
  Object["column"] = Valid ? Range.Column : 0;
  Object["endLine"] = Valid ? Range.EndLine : 0;
  Object["endColumn"] = Valid ? Range.EndColumn : 0;
}

Json findingToJson(const Finding &F) {
  Json J = Json::object();
  J["rule"] = F.RuleId;
  J["severity"] = severityName(F.Sev);
  J["message"] = F.Message;
  addLocation(J, F.Range);
  J["model"] = stringOrNull(F.Model);
  J["attribute"] = stringOrNull(F.Attribute);
  J["sqlalchemyCase"] = stringOrNull(F.CaseId);
  Json Related = Json::array();
  for (const FindingNote &N : F.Notes) {
    Json R = Json::object();
    addLocation(R, N.Range);
    R["message"] = N.Message;
    Related.push_back(std::move(R));
  }
  J["related"] = std::move(Related);
  Json Fixes = Json::array();
  for (const Fix &X : F.Fixes) {
    Json Replacements = Json::array();
    for (const Replacement &R : X.Replacements)
      Replacements.push_back(Json{{"file", R.File},
                                  {"offset", R.Offset},
                                  {"length", R.Length},
                                  {"text", R.Text}});
    Fixes.push_back(Json{{"description", X.Description},
                         {"replacements", std::move(Replacements)}});
  }
  J["fixes"] = std::move(Fixes);
  return J;
}

} // namespace

nlohmann::ordered_json reportToJson(const AnalysisReport &Report,
                                    const std::string &ToolVersion,
                                    const BaselineComparison *Baseline) {
  Json J = Json::object();
  J["schemaVersion"] = JsonReportSchemaVersion;
  J["tool"] = Json{{"name", "relcheck"}, {"version", ToolVersion}};

  Json Findings = Json::array();
  for (const Finding &F : Report.Findings)
    Findings.push_back(findingToJson(F));
  J["findings"] = std::move(Findings);

  std::vector<ToolError> Errors = Report.Errors;
  std::sort(Errors.begin(), Errors.end(),
            [](const ToolError &A, const ToolError &B) {
              return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
            });
  Json ErrorList = Json::array();
  for (const ToolError &E : Errors)
    ErrorList.push_back(
        Json{{"file", stringOrNull(E.File)}, {"message", E.Message}});
  J["errors"] = std::move(ErrorList);

  FindingCounts Counts = countFindings(Report.Findings);
  J["summary"] = Json{{"translationUnits", Report.TranslationUnits},
                      {"findings", Report.Findings.size()},
                      {"errors", Counts.Errors},
                      {"warnings", Counts.Warnings},
                      {"notes", Counts.Notes},
                      {"toolErrors", Report.Errors.size()}};
  if (Baseline) {
    Json Fixed = Json::array();
    for (const BaselineEntry &E : Baseline->Fixed)
      Fixed.push_back(Json{{"rule", E.Rule},
                           {"model", E.Model},
                           {"attribute", E.Attribute},
                           {"fingerprint", E.Fingerprint},
                           {"count", E.Count}});
    J["baseline"] = Json{{"unchanged", Baseline->Unchanged.size()},
                         {"fixed", std::move(Fixed)}};
  }
  return J;
}

void emitJson(const AnalysisReport &Report, const std::string &ToolVersion,
              std::ostream &OS, const BaselineComparison *Baseline) {
  // Invalid UTF-8 in a message or source path must not abort the report:
  // replace it (U+FFFD) instead of throwing.
  OS << reportToJson(Report, ToolVersion, Baseline)
            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
     << '\n';
}

} // namespace relcheck
