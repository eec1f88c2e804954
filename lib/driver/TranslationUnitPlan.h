//===- TranslationUnitPlan.h - which TUs, with which commands ---*- C++ -*-===//
#pragma once

#include "CompilationDatabaseLoader.h"
#include "CompileFlags.h"
#include "emit/Report.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace relcheck {

/// Where a run's translation units come from, as clang tools take it (the
/// CLI's -p, sources, "-- args", --extra-arg; the language server's
/// database and --extra-arg).
struct ProjectInputs {
  std::vector<std::string> Sources; ///< As given, in the order given.
  std::string BuildPath;            ///< -p; "" when absent.
  /// The database built from the arguments after "--"; null without "--".
  const clang::tooling::CompilationDatabase *FixedDatabase = nullptr;
  std::vector<std::string> ExtraArgs;       ///< --extra-arg
  std::vector<std::string> ExtraArgsBefore; ///< --extra-arg-before
  std::vector<std::string> RemoveArgs;      ///< --remove-arg
  /// The configuration's CompileFlags for a file, outermost first; unset:
  /// none.
  std::function<std::vector<CompileFlagEdits>(llvm::StringRef File)> FlagsFor;
};

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
  /// The database -p named, kept for commands of files it does not list
  /// (the language server's open headers); null otherwise.
  std::shared_ptr<LoadedDatabase> Database;
  /// --remove-arg, --extra-arg-before/--extra-arg and the dropping of
  /// unknown flags, for commands looked up later.
  clang::tooling::ArgumentsAdjuster Adjuster;
  /// The arguments clang does not know that were dropped, each once (the
  /// front ends note them).
  std::set<std::string> DroppedArguments;
};

/// Resolves the command line's sources and databases into jobs, every
/// command edited as clangd edits it: the configuration's and
/// --remove-arg's removals, then the configuration's Add,
/// --extra-arg-before and --extra-arg, then the flags clang does not know
/// dropped:
/// - "-- args": each source with those arguments;
/// - -p DIR without sources: every file of the database;
/// - -p DIR with sources: their commands from the database; a file the
///   database does not list gets the command clang tools infer from the
///   closest listed file (as clang-tidy does);
/// - sources alone: the database found from each source's directory upward.
TranslationUnitPlan planTranslationUnits(const ProjectInputs &Inputs);

/// Absolute path with "." and ".." removed (no symlink resolution).
std::string normalizedAbsolutePath(llvm::StringRef Path);

} // namespace relcheck
