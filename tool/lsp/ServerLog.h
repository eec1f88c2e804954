//===- ServerLog.h - the language server's log on stderr --------*- C++ -*-===//
#pragma once

#include "llvm/ADT/Twine.h"

namespace relcheck::lsp {

/// Writes Line and a newline to stderr in one write(2). Editors read the
/// server's stderr in chunks and log each chunk as an entry (Neovim's
/// lsp.log, one "[ERROR] ... stderr" entry per chunk): a line written piece
/// by piece through the unbuffered llvm::errs() came out in fragments.
/// Serialized, so the indexing thread's lines do not interleave with the
/// main thread's.
void logLine(const llvm::Twine &Line);

} // namespace relcheck::lsp
