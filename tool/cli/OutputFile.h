//===- OutputFile.h - atomic report files -----------------------*- C++ -*-===//
#pragma once

#include "llvm/Support/Error.h"

#include <string>

namespace relcheck {

/// Writes \p Content to \p Path ("-" = stdout). A file is written to a
/// temporary next to it and renamed over it (llvm::sys::fs::TempFile), so
/// readers never see a half-written report and a failed run leaves the
/// previous file intact. The error reads "cannot write '<path>': <reason>".
llvm::Error writeOutputFile(const std::string &Path,
                            const std::string &Content);

} // namespace relcheck
