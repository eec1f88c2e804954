//===- TranslationUnitPlan.h - which TUs to analyze, with which commands -*- C++
//-*-===//
#pragma once

#include "CliOptions.h"
#include "emit/Report.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace relcheck {

/// One source file to analyze and its compile command(s) (a database may
/// list a file several times with different flags; each command is a TU).
struct TranslationUnitJob {
  std::string File; ///< Absolute, normalized.
  std::vector<clang::tooling::CompileCommand> Commands;
};

struct TranslationUnitPlan {
  /// Sorted by File, each file once, so results merge deterministically
  /// whatever order (or parallelism) the jobs run in.
  std::vector<TranslationUnitJob> Jobs;
  /// Inputs that cannot be analyzed (missing file, broken database, ...).
  std::vector<ToolError> Errors;
};

/// Resolves the command line's sources and databases into jobs, with
/// --extra-arg-before/--extra-arg already applied to every command:
/// - "-- args": each source with those arguments;
/// - -p DIR without sources: every file of the database;
/// - -p DIR with sources: their commands from the database; a file the
///   database does not list gets the command clang tools infer from the
///   closest listed file (as clang-tidy does);
/// - sources alone: the database found from each source's directory upward.
TranslationUnitPlan planTranslationUnits(const CliOptions &Options);

/// Absolute path with "." and ".." removed (no symlink resolution).
std::string normalizedAbsolutePath(llvm::StringRef Path);

} // namespace relcheck
