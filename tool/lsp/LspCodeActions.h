//===- LspCodeActions.h - fixes as LSP code actions -------------*- C++ -*-===//
//
// Each fix of a finding becomes a quickfix whose WorkspaceEdit holds exactly
// the edits `relcheck --fix` would write for it: the fix goes through the
// same FixPlanner (validation, line endings, clang-format of the inserted
// lines), and the plan's final replacements of every file it touches are
// turned into TextEdits. A fix that edits two headers is one action.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "LspDiagnostics.h"
#include "LspSourceTexts.h"

#include "findings/Finding.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace relcheck::lsp {

struct CodeActionRequest {
  std::string File;
  unsigned Begin = 0, End = 0; ///< Bytes of File the client asked about.
  /// context.only: kinds the client wants ("quickfix", "source.fixAll");
  /// empty for all.
  std::vector<std::string> Only;
};

/// The CodeAction[] for \p Request. \p Buffers are the open files' texts
/// (the bytes the findings were computed on), \p Versions their versions
/// (for versioned documentChanges).
nlohmann::json codeActions(const CodeActionRequest &Request,
                           const std::vector<Finding> &Findings,
                           const std::map<std::string, std::string> &Buffers,
                           const std::map<std::string, int64_t> &Versions,
                           const ClientOptions &Client);

} // namespace relcheck::lsp
