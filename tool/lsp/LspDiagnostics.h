//===- LspDiagnostics.h - findings as LSP diagnostics -----------*- C++ -*-===//
#pragma once

#include "LspPositions.h"
#include "LspSourceTexts.h"
#include "ProjectFacts.h"

#include "findings/Finding.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace relcheck::lsp {

/// What the client said it supports (initialize's capabilities), and what
/// the server chose.
struct ClientOptions {
  PositionEncoding Encoding = PositionEncoding::Utf16;
  /// publishDiagnostics.relatedInformation; without it the notes are
  /// appended to the message.
  bool RelatedInformation = false;
  /// workspace.workspaceEdit.documentChanges (versioned edits).
  bool DocumentChanges = false;
  /// The directory holding the rule pages ("<docs>/rules/<id>.md") for
  /// codeDescription; "" when none was found.
  std::string DocsRoot;
};

/// An LSP Range for bytes [Begin, End) of a file.
nlohmann::json rangeJson(const LineIndex &Index, unsigned Begin, unsigned End,
                         PositionEncoding Encoding);

/// The LSP Diagnostic of one finding (its Range must be in a readable file).
nlohmann::json findingDiagnostic(const Finding &F, SourceTexts &Texts,
                                 const ClientOptions &Client);

/// Every diagnostic of \p File: the findings whose primary range is in it,
/// then one error for the translation units reading it that do not compile.
/// With \p Stale the findings are those of the last version of the file
/// that compiled (ProjectFacts::isStale): each says so, in its message and
/// as `data.stale`. The error says whether those units' last good facts
/// still count (FailedUnit::KeepsLastGood).
nlohmann::json fileDiagnostics(const std::string &File,
                               const std::vector<Finding> &Findings,
                               const std::vector<FailedUnit> &Failures,
                               SourceTexts &Texts, const ClientOptions &Client,
                               bool Stale = false);

} // namespace relcheck::lsp
