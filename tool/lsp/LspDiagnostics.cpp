//===- LspDiagnostics.cpp -------------------------------------------------===//
#include "LspDiagnostics.h"

#include "Uri.h"

#include "rules/Registry.h"

#include "llvm/ADT/StringRef.h"

namespace relcheck::lsp {
namespace {

using nlohmann::json;

json positionJson(Position P) {
  return {{"line", P.Line}, {"character", P.Character}};
}

/// DiagnosticSeverity: 1 error, 2 warning, 3 information.
int severityCode(Severity S) {
  switch (S) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  }
  return 2;
}

json spanRange(const SourceSpan &S, const LineIndex &Index,
               PositionEncoding Encoding) {
  return rangeJson(Index, S.Begin, std::max(S.Begin, S.End), Encoding);
}

std::string where(const SourceSpan &S) {
  return S.File + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

} // namespace

json rangeJson(const LineIndex &Index, unsigned Begin, unsigned End,
               PositionEncoding Encoding) {
  return {{"start", positionJson(Index.position(Begin, Encoding))},
          {"end", positionJson(Index.position(End, Encoding))}};
}

json findingDiagnostic(const Finding &F, SourceTexts &Texts,
                       const ClientOptions &Client) {
  json D;
  if (const LineIndex *Index = Texts.index(F.Range.File))
    D["range"] = spanRange(F.Range, *Index, Client.Encoding);
  else
    D["range"] = {{"start", positionJson({})}, {"end", positionJson({})}};
  D["severity"] = severityCode(F.Sev);
  D["code"] = F.RuleId;
  D["source"] = "relcheck";
  if (const Rule *R = findRule(F.RuleId); R && !Client.DocsRoot.empty()) {
    llvm::StringRef Doc = R->info().DocPath;
    Doc.consume_front("docs/");
    D["codeDescription"] = {
        {"href", pathToUri(Client.DocsRoot + "/" + Doc.str())}};
  }
  std::string Message = F.Message;
  json Related = json::array();
  for (const FindingNote &N : F.Notes) {
    const LineIndex *Index =
        N.Range.isValid() ? Texts.index(N.Range.File) : nullptr;
    if (!Index)
      continue;
    if (Client.RelatedInformation)
      Related.push_back(
          {{"location",
            {{"uri", pathToUri(N.Range.File)},
             {"range", spanRange(N.Range, *Index, Client.Encoding)}}},
           {"message", N.Message}});
    else
      Message += "\n" + where(N.Range) + ": note: " + N.Message;
  }
  D["message"] = Message;
  if (!Related.empty())
    D["relatedInformation"] = std::move(Related);
  if (!F.CaseId.empty())
    D["data"] = {{"sqlalchemyCase", F.CaseId}};
  return D;
}

json fileDiagnostics(const std::string &File,
                     const std::vector<Finding> &Findings,
                     const std::vector<FailedUnit> &Failures,
                     SourceTexts &Texts, const ClientOptions &Client,
                     bool Stale) {
  json Out = json::array();
  for (const Finding &F : Findings) {
    if (F.Range.File != File)
      continue;
    json D = findingDiagnostic(F, Texts, Client);
    if (Stale) {
      D["message"] = D["message"].get<std::string>() +
                     " (stale: from the last version that compiled)";
      D["data"]["stale"] = true;
    }
    Out.push_back(std::move(D));
  }
  if (!Failures.empty()) {
    // One diagnostic, at the first error in this file (or line 1): a
    // header broken for twenty TUs is one problem.
    const FailedUnit &First = Failures.front();
    const LineIndex *Index = Texts.index(File);
    json D;
    if (First.ErrorInFile.isValid() && Index)
      D["range"] = spanRange(First.ErrorInFile, *Index, Client.Encoding);
    else
      D["range"] = {{"start", positionJson({})}, {"end", positionJson({})}};
    D["severity"] = 1;
    D["source"] = "relcheck";
    std::string Message = First.Message;
    if (Failures.size() > 1)
      Message += " (and " + std::to_string(Failures.size() - 1) +
                 " more translation unit" + (Failures.size() == 2 ? "" : "s") +
                 ")";
    // A refused command's message says itself why nothing is analyzed.
    if (!First.CommandRefused && !First.KeepsLastGood)
      Message += "; relcheck does not analyze a translation unit that does "
                 "not compile";
    else if (!First.CommandRefused)
      Message += std::string("; until it compiles, relcheck keeps the "
                             "findings of the last version that did") +
                 (Stale ? ", marked stale" : "");
    D["message"] = Message;
    Out.push_back(std::move(D));
  }
  return Out;
}

} // namespace relcheck::lsp
