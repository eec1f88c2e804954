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

/// Writes every file of Plan, all or nothing (docs/fixes.md): a symlink's
/// final target is written and the link kept; a file is replaced by a
/// temporary beside it (renamed over it, with the file's mode and owner),
/// or, when it has other hard links or an owner this process cannot give,
/// written in place from a complete temporary. All temporaries are written
/// and synced before the first file changes, so a failure (disk full,
/// read-only directory) leaves every file untouched; each file is checked
/// once more right before, and if one changed nothing is written. A
/// journal in JournalDir lets the next run complete or roll back a run
/// killed meanwhile (recoverInterruptedFixes).
llvm::Error writeFixedFiles(const FixPlan &Plan, const std::string &JournalDir);

} // namespace relcheck
