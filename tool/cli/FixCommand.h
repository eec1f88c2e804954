//===- FixCommand.h - --fix, --fix-dry-run, --export-fixes ------*- C++ -*-===//
#pragma once

#include "CliOptions.h"

#include "findings/Finding.h"
#include "fixes/SourceSnapshot.h"

#include <set>
#include <vector>

namespace relcheck {

struct FixCommandResult {
  /// Findings whose fix was applied (--fix) or would be (otherwise), and
  /// findings whose reported text an applied fix rewrites.
  std::set<size_t> Fixed;
  /// A tool error (a file or the export could not be written): exit 2.
  bool Failed = false;
};

/// Plans the fixes of Findings against the bytes the analysis saw, leaves
/// out the fixes of files changed on disk since, then prints the diff
/// (--fix-dry-run, stdout), writes the export (--export-fixes) and writes
/// the files (--fix). Refusals and the summary go to stderr.
FixCommandResult runFixCommand(const CliOptions &Options,
                               const std::vector<Finding> &Findings,
                               const SourceSnapshot &Sources);

/// Completes or rolls back a --fix that was killed while writing files
/// (its journal is under the cache directory), saying so on stderr. Runs
/// before the analysis reads any file.
void recoverInterruptedFixes(const CliOptions &Options);

} // namespace relcheck
