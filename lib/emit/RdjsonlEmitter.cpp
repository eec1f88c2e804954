//===- RdjsonlEmitter.cpp -------------------------------------------------===//
#include "emit/RdjsonlEmitter.h"

#include "emit/ReportPaths.h"
#include "emit/SarifEmitter.h"

namespace relcheck {
namespace {

using Json = nlohmann::ordered_json;

const char *rdSeverity(Severity S) {
  switch (S) {
  case Severity::Note:
    return "INFO";
  case Severity::Warning:
    return "WARNING";
  case Severity::Error:
    return "ERROR";
  }
  return "WARNING";
}

std::string displayPath(const std::string &File, const std::string &BaseDir) {
  if (std::optional<std::string> Rel = pathUnderBase(File, BaseDir))
    return *Rel;
  return File;
}

Json position(unsigned Line, unsigned Column) {
  return Json{{"line", Line}, {"column", Column}};
}

/// The suggestions for the finding's first fix, or an empty array when it
/// has none, touches another file, or a position cannot be computed.
Json suggestions(const Finding &F, SourceFileCache &Sources) {
  Json Out = Json::array();
  if (F.Fixes.empty() || F.Fixes.front().Replacements.empty())
    return Out;
  for (const Replacement &R : F.Fixes.front().Replacements) {
    if (R.File != F.Range.File)
      return Json::array();
    auto Start = Sources.lineAndColumn(R.File, R.Offset);
    auto End = Sources.lineAndColumn(R.File, R.Offset + R.Length);
    if (!Start || !End)
      return Json::array();
    Out.push_back(
        Json{{"range", Json{{"start", position(Start->first, Start->second)},
                            {"end", position(End->first, End->second)}}},
             {"text", R.Text}});
  }
  return Out;
}

} // namespace

nlohmann::ordered_json findingToRdjson(const Finding &F,
                                       const RdjsonlOptions &Options,
                                       SourceFileCache &Sources) {
  std::string Message = F.Message;
  for (const FindingNote &N : F.Notes) {
    Message += "\nnote: ";
    if (N.Range.isValid())
      Message += displayPath(N.Range.File, Options.BaseDir) + ":" +
                 std::to_string(N.Range.Line) + ": ";
    Message += N.Message;
  }

  Json J = Json::object();
  J["message"] = Message;
  Json Location = Json::object();
  Location["path"] = displayPath(F.Range.File, Options.BaseDir);
  if (F.Range.isValid()) {
    Json Range = Json::object();
    Range["start"] = position(F.Range.Line, F.Range.Column);
    if (F.Range.EndLine != 0)
      Range["end"] = position(F.Range.EndLine, F.Range.EndColumn);
    Location["range"] = std::move(Range);
  }
  J["location"] = std::move(Location);
  J["severity"] = rdSeverity(F.Sev);
  J["source"] = Json{{"name", "relcheck"}, {"url", relcheckRepositoryUrl()}};
  Json Code = Json::object();
  Code["value"] = F.RuleId;
  for (const RuleInfo *Info : Options.Rules)
    if (Info->Id == F.RuleId && !Info->DocPath.empty())
      Code["url"] = ruleHelpUrl(*Info);
  J["code"] = std::move(Code);
  Json Suggested = suggestions(F, Sources);
  if (!Suggested.empty())
    J["suggestions"] = std::move(Suggested);
  return J;
}

void emitRdjsonl(const AnalysisReport &Report, const RdjsonlOptions &Options,
                 SourceFileCache &Sources, std::ostream &OS) {
  for (const Finding &F : Report.Findings)
    OS << findingToRdjson(F, Options, Sources)
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
       << '\n';
}

} // namespace relcheck
