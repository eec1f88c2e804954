//===- FixWriter.h - writing fixed files safely -----------------*- C++ -*-===//
#pragma once

#include "fixes/FixPlanner.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace relcheck {

/// Files of Plan whose bytes on disk are no longer those the plan started
/// from (edited, or gone, since relcheck read them).
std::vector<std::string> filesChangedOnDisk(const FixPlan &Plan);

/// Writes every file of Plan, atomically each (a temporary next to it,
/// renamed over it, keeping the file's permissions). All temporaries are
/// written before the first rename, so a failure (disk full, read-only
/// directory) leaves every file untouched. Each file is checked once more
/// right before the renames; if one changed meanwhile, nothing is written.
llvm::Error writeFixedFiles(const FixPlan &Plan);

} // namespace relcheck
