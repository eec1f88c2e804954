//===- LspCodeActions.cpp -------------------------------------------------===//
#include "LspCodeActions.h"

#include "ServerLog.h"
#include "Uri.h"

#include "fixes/FixPlanner.h"
#include "fixes/SourceSnapshot.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck::lsp {
namespace {

using nlohmann::json;

bool wanted(const std::vector<std::string> &Only, llvm::StringRef Kind) {
  if (Only.empty())
    return true;
  for (const std::string &O : Only)
    if (Kind == O || Kind.starts_with(O + "."))
      return true;
  return false;
}

/// The WorkspaceEdit of a plan: every changed file, its final edits
/// relative to the bytes the plan started from. Null when nothing applies.
json workspaceEdit(const FixPlan &Plan,
                   const std::map<std::string, int64_t> &Versions,
                   const ClientOptions &Client) {
  if (Plan.Files.empty())
    return nullptr;
  json DocumentChanges = json::array();
  json Changes = json::object();
  for (const PlannedFile &File : Plan.Files) {
    LineIndex Index(File.Original);
    json Edits = json::array();
    for (const clang::tooling::Replacement &R : File.Edits)
      Edits.push_back(
          {{"range", rangeJson(Index, R.getOffset(),
                               R.getOffset() + R.getLength(), Client.Encoding)},
           {"newText", R.getReplacementText().str()}});
    std::string Uri = pathToUri(File.Path);
    if (Client.DocumentChanges) {
      auto Version = Versions.find(File.Path);
      json Id = {{"uri", Uri},
                 {"version", Version == Versions.end()
                                 ? json(nullptr)
                                 : json(Version->second)}};
      DocumentChanges.push_back(
          {{"textDocument", std::move(Id)}, {"edits", std::move(Edits)}});
    } else {
      Changes[Uri] = std::move(Edits);
    }
  }
  if (Client.DocumentChanges)
    return {{"documentChanges", std::move(DocumentChanges)}};
  return {{"changes", std::move(Changes)}};
}

FixPlan planOnly(const std::vector<Finding> &Findings,
                 const SourceSnapshot &Sources) {
  FixPlan Plan = planFixes(Findings, Sources);
  for (const RefusedFix &R : Plan.Refused)
    logLine("relcheck lsp: no code action for the fix of " +
            describeFinding(Findings[R.Finding]) + ": " + R.Reason);
  return Plan;
}

} // namespace

json codeActions(const CodeActionRequest &Request,
                 const std::vector<Finding> &Findings,
                 const std::map<std::string, std::string> &Buffers,
                 const std::map<std::string, int64_t> &Versions,
                 const ClientOptions &Client) {
  SourceSnapshot Sources;
  for (const auto &[Path, Text] : Buffers)
    Sources.record(Path, Text);
  SourceTexts Texts(Buffers);

  json Actions = json::array();
  std::vector<Finding> Fixable; // In this file, for "fix all".
  json FixableDiagnostics = json::array();
  for (const Finding &F : Findings) {
    if (F.Range.File != Request.File || F.Fixes.empty())
      continue;
    Fixable.push_back(F);
    json Diagnostic = findingDiagnostic(F, Texts, Client);
    FixableDiagnostics.push_back(Diagnostic);
    bool InRange = F.Range.Begin <= Request.End &&
                   Request.Begin <= std::max(F.Range.Begin, F.Range.End);
    if (!InRange || !wanted(Request.Only, "quickfix"))
      continue;
    // The first fix is the one --fix applies; later ones are alternatives,
    // each planned alone the same way.
    for (size_t I = 0; I < F.Fixes.size(); ++I) {
      Finding One = F;
      One.Fixes = {F.Fixes[I]};
      json Edit = workspaceEdit(planOnly({One}, Sources), Versions, Client);
      if (Edit.is_null())
        continue;
      json Action = {{"title", F.Fixes[I].Description.empty()
                                   ? "Apply the relcheck fix"
                                   : F.Fixes[I].Description},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({Diagnostic})},
                     {"edit", std::move(Edit)}};
      if (F.Fixes.size() == 1)
        Action["isPreferred"] = true;
      Actions.push_back(std::move(Action));
    }
  }
  // Every fix of the file at once: what `relcheck --fix` does for them.
  if (Fixable.size() > 1 && wanted(Request.Only, "source.fixAll.relcheck")) {
    json Edit = workspaceEdit(planOnly(Fixable, Sources), Versions, Client);
    if (!Edit.is_null())
      Actions.push_back({{"title", "Apply every relcheck fix in this file"},
                         {"kind", "source.fixAll.relcheck"},
                         {"diagnostics", std::move(FixableDiagnostics)},
                         {"edit", std::move(Edit)}});
  }
  return Actions;
}

} // namespace relcheck::lsp
