//===- SarifEmitter.cpp ---------------------------------------------------===//
#include "emit/SarifEmitter.h"

#include "emit/ReportPaths.h"
#include "emit/Utf16Columns.h"
#include "findings/FindingKey.h"

#include <map>

namespace relcheck {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char *BaseId = "SRCROOT";

/// SARIF messages are sentences (the multitool warns otherwise); relcheck's
/// are clang-style, without the final period.
Json messageText(const std::string &Text) {
  std::string S = Text;
  if (!S.empty() && S.back() != '.' && S.back() != '!' && S.back() != '?')
    S += '.';
  return Json{{"text", S}};
}

class SarifBuilder {
public:
  SarifBuilder(const SarifOptions &Options, SourceFileCache &Sources)
      : Options(Options), Sources(Sources) {
    for (size_t I = 0; I < Options.Rules.size(); ++I)
      RuleIndex[std::string(Options.Rules[I]->Id)] = I;
  }

  Json artifactLocation(const std::string &File) const {
    if (std::optional<std::string> Rel = pathUnderBase(File, Options.BaseDir))
      return Json{{"uri", percentEncodePath(*Rel)}, {"uriBaseId", BaseId}};
    return Json{{"uri", fileUri(File)}};
  }

  Json region(const SourceSpan &Range) {
    Json R = Json::object();
    R["startLine"] = Range.Line;
    std::optional<std::string_view> First =
        Sources.line(Range.File, Range.Line);
    if (First)
      R["startColumn"] = utf16Column(*First, Range.Column);
    if (Range.EndLine == 0)
      return R;
    R["endLine"] = Range.EndLine;
    std::optional<std::string_view> Last =
        Sources.line(Range.File, Range.EndLine);
    if (First && Last)
      R["endColumn"] = utf16Column(*Last, Range.EndColumn);
    // The selected text of a one-line region, for viewers without the
    // sources.
    if (First && Range.EndLine == Range.Line && Range.Column >= 1 &&
        Range.EndColumn >= Range.Column && Range.EndColumn - 1 <= First->size())
      R["snippet"] = Json{
          {"text", std::string(First->substr(Range.Column - 1,
                                             Range.EndColumn - Range.Column))}};
    return R;
  }

  /// The whole lines of the region, as its context.
  std::optional<Json> contextRegion(const SourceSpan &Range) {
    unsigned EndLine = Range.EndLine ? Range.EndLine : Range.Line;
    std::string Text;
    for (unsigned L = Range.Line; L <= EndLine; ++L) {
      std::optional<std::string_view> Line = Sources.line(Range.File, L);
      if (!Line)
        return std::nullopt;
      Text += std::string(*Line) + "\n";
    }
    return Json{{"startLine", Range.Line},
                {"endLine", EndLine},
                {"snippet", Json{{"text", Text}}}};
  }

  Json physicalLocation(const SourceSpan &Range) {
    Json J{{"artifactLocation", artifactLocation(Range.File)},
           {"region", region(Range)}};
    if (std::optional<Json> Context = contextRegion(Range))
      J["contextRegion"] = std::move(*Context);
    return J;
  }

  Json fixToJson(const Fix &X) const {
    // One artifactChange per file, in the order the files first appear.
    std::vector<std::string> Files;
    std::map<std::string, Json> Replacements;
    for (const Replacement &R : X.Replacements) {
      auto [It, Inserted] = Replacements.try_emplace(R.File, Json::array());
      if (Inserted)
        Files.push_back(R.File);
      Json Edit = Json::object();
      Edit["deletedRegion"] =
          Json{{"byteOffset", R.Offset}, {"byteLength", R.Length}};
      if (!R.Text.empty())
        Edit["insertedContent"] = Json{{"text", R.Text}};
      It->second.push_back(std::move(Edit));
    }
    Json Changes = Json::array();
    for (const std::string &File : Files)
      Changes.push_back(Json{{"artifactLocation", artifactLocation(File)},
                             {"replacements", std::move(Replacements[File])}});
    return Json{{"description", messageText(X.Description)},
                {"artifactChanges", std::move(Changes)}};
  }

  Json result(const Finding &F, const char *BaselineState) {
    Json J = Json::object();
    J["ruleId"] = F.RuleId;
    auto It = RuleIndex.find(F.RuleId);
    if (It != RuleIndex.end())
      J["ruleIndex"] = It->second;
    J["level"] = severityName(F.Sev); // SARIF levels use the same names
    J["message"] = messageText(F.Message);
    Json Locations = Json::array();
    if (F.Range.isValid())
      Locations.push_back(
          Json{{"physicalLocation", physicalLocation(F.Range)}});
    J["locations"] = std::move(Locations);
    if (!F.Notes.empty()) {
      Json Related = Json::array();
      unsigned Id = 0;
      for (const FindingNote &N : F.Notes) {
        Json L = Json::object();
        L["id"] = ++Id;
        if (N.Range.isValid())
          L["physicalLocation"] = physicalLocation(N.Range);
        L["message"] = messageText(N.Message);
        Related.push_back(std::move(L));
      }
      J["relatedLocations"] = std::move(Related);
    }
    if (!F.Fixes.empty()) {
      Json Fixes = Json::array();
      for (const Fix &X : F.Fixes)
        Fixes.push_back(fixToJson(X));
      J["fixes"] = std::move(Fixes);
    }
    J["partialFingerprints"] = Json{{FingerprintKey, findingFingerprint(F)}};
    if (BaselineState)
      J["baselineState"] = BaselineState;
    Json Properties = Json::object();
    if (!F.Model.empty())
      Properties["model"] = F.Model;
    if (!F.Attribute.empty())
      Properties["attribute"] = F.Attribute;
    if (!F.CaseId.empty())
      Properties["sqlalchemyCase"] = F.CaseId;
    if (!Properties.empty())
      J["properties"] = std::move(Properties);
    return J;
  }

  Json rule(const RuleInfo &Info) const {
    std::string Url = ruleHelpUrl(Info);
    std::string Summary(Info.Summary);
    Json J = Json::object();
    J["id"] = Info.Id;
    J["name"] = Info.Name;
    J["shortDescription"] = messageText(Summary);
    J["fullDescription"] = messageText(
        Summary + ". Why, with examples and the fix, is in the rule's "
                  "documentation");
    if (!Url.empty())
      J["helpUri"] = Url;
    // The rule's page itself (embedded at build time), else a link to it.
    std::string Markdown = ruleHelpMarkdown(Info.DocPath);
    if (!Markdown.empty())
      J["help"] = Json{{"text", ruleHelpText(Info.DocPath)},
                       {"markdown", std::move(Markdown)}};
    else if (!Url.empty())
      J["help"] =
          Json{{"text", "See " + Url + " for the rule's documentation."},
               {"markdown", "See the [" + std::string(Info.Id) +
                                " documentation](" + Url + ")."}};
    J["defaultConfiguration"] =
        Json{{"level", severityName(Info.DefaultSeverity)}};
    return J;
  }

private:
  const SarifOptions &Options;
  SourceFileCache &Sources;
  std::map<std::string, size_t> RuleIndex;
};

/// "0.3.0" -> true: semanticVersion must be SemVer.
bool isSemVer(const std::string &V) {
  unsigned Dots = 0;
  bool Digit = false;
  for (char C : V) {
    if (C == '.') {
      if (!Digit)
        return false;
      ++Dots;
      Digit = false;
    } else if (C >= '0' && C <= '9') {
      Digit = true;
    } else {
      return false;
    }
  }
  return Dots == 2 && Digit;
}

} // namespace

unsigned utf16Column(std::string_view Line, unsigned ByteColumn) {
  if (ByteColumn == 0)
    return 0;
  size_t Bytes = ByteColumn - 1;
  unsigned Units = 0;
  size_t I = 0;
  while (I < Bytes && I < Line.size()) {
    unsigned Length = utf8CharLength(Line.substr(I));
    Units += utf16Units(Length);
    I += Length;
  }
  if (Bytes > I)
    Units += static_cast<unsigned>(Bytes - I);
  return Units + 1;
}

nlohmann::ordered_json reportToSarif(const AnalysisReport &Report,
                                     const SarifOptions &Options,
                                     SourceFileCache &Sources) {
  SarifBuilder B(Options, Sources);

  Json Driver = Json::object();
  Driver["name"] = "relcheck";
  Driver["version"] = Options.ToolVersion;
  if (isSemVer(Options.ToolVersion))
    Driver["semanticVersion"] = Options.ToolVersion;
  Driver["informationUri"] = relcheckRepositoryUrl();
  Json Rules = Json::array();
  for (const RuleInfo *Info : Options.Rules)
    Rules.push_back(B.rule(*Info));
  Driver["rules"] = std::move(Rules);

  Json Notifications = Json::array();
  for (const ToolError &E : Report.Errors) {
    Json N = Json::object();
    N["level"] = "error";
    N["message"] = messageText(E.Message);
    if (!E.File.empty())
      N["locations"] = Json::array(
          {Json{{"physicalLocation",
                 Json{{"artifactLocation", B.artifactLocation(E.File)}}}}});
    Notifications.push_back(std::move(N));
  }
  Json Invocation = Json::object();
  Invocation["executionSuccessful"] = Report.Errors.empty();
  Invocation["toolExecutionNotifications"] = std::move(Notifications);

  const BaselineComparison *Baseline = Options.Baseline;
  Json Results = Json::array();
  // With a baseline, the new findings only (see SarifOptions::Baseline).
  for (const Finding &F : Report.Findings)
    Results.push_back(B.result(F, Baseline ? "new" : nullptr));

  Json Run = Json::object();
  Run["tool"] = Json{{"driver", std::move(Driver)}};
  Run["invocations"] = Json::array({std::move(Invocation)});
  if (!Options.BaseDir.empty())
    Run["originalUriBaseIds"] = Json{
        {BaseId,
         Json{{"uri", fileUri(Options.BaseDir, /*Directory=*/true)},
              {"description",
               Json{{"text", "The base directory (--base-dir): the "
                             "repository root relative paths start from."}}}}}};
  Run["columnKind"] = "utf16CodeUnits";
  Run["results"] = std::move(Results);

  Json Log = Json::object();
  Log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  Log["version"] = "2.1.0";
  Log["runs"] = Json::array({std::move(Run)});
  return Log;
}

void emitSarif(const AnalysisReport &Report, const SarifOptions &Options,
               SourceFileCache &Sources, std::ostream &OS) {
  OS << reportToSarif(Report, Options, Sources)
            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
     << '\n';
}

} // namespace relcheck
