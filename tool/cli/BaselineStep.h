//===- BaselineStep.h - --baseline, --write-baseline, --base-dir -*- C++
//-*-===//
#pragma once

#include "CliOptions.h"

#include "emit/Baseline.h"
#include "emit/Report.h"

#include "llvm/Support/Error.h"

#include <string>

namespace relcheck {

/// Reads and parses --baseline. The error names the file, and the line and
/// column for malformed JSON.
llvm::Expected<Baseline> loadBaselineFile(const std::string &Path);

/// Replaces the report's findings by the ones \p B does not accept and
/// returns the comparison (Unchanged and Fixed for SARIF). Prints
/// "relcheck: N baseline entries no longer match (fixed): ..." on stderr
/// when some entries matched nothing (unless --quiet).
BaselineComparison applyBaseline(AnalysisReport &Report, const Baseline &B,
                                 bool Quiet);

/// The directory SARIF/rdjsonl paths are relative to, absolute and
/// normalized: --base-dir; else, with -p, the top of the git work tree
/// holding the compilation database's directory (its parent when -p names
/// the file), or that directory outside a work tree; else the current
/// directory.
std::string baseDirectory(const CliOptions &Options);

} // namespace relcheck
