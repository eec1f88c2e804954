//===- StaleFindings.h - last good findings over edits ----------*- C++ -*-===//
//
// While a file does not compile (an edit under way), the server keeps the
// findings of its last version that did (ProjectFacts::isStale). Their
// byte offsets are those of that version; these functions move them to
// where the same text is in the buffer now, so the diagnostics stay on
// their lines while the user types elsewhere.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace relcheck::lsp {

/// \p Offset in \p Old, moved to \p New. Typing changes one region of a
/// buffer between two analyses: before it offsets stay, after it they shift
/// by its change in length, inside it they go to its start.
unsigned shiftOffset(llvm::StringRef Old, llvm::StringRef New, unsigned Offset);

/// The last good text of each stale file, and its text now.
struct StaleText {
  std::string Then;
  const std::string *Now = nullptr;
};

/// \p Findings with every range and note in a file of \p Texts shifted.
std::vector<Finding>
shiftStaleFindings(std::vector<Finding> Findings,
                   const std::map<std::string, StaleText> &Texts);

} // namespace relcheck::lsp
