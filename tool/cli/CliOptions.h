//===- CliOptions.h - relcheck's command line -------------------*- C++ -*-===//
#pragma once

#include "ColorOption.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
} // namespace clang::tooling

namespace relcheck {

enum class OutputFormat { Text, Json, Sarif, Rdjsonl, CodeQuality };

/// The parsed command line. Option names and meanings follow clang tools
/// (clang-tidy): -p, --extra-arg, --extra-arg-before, positional sources and
/// "-- <compiler args>".
struct CliOptions {
  std::vector<std::string> Sources; ///< As given, in the order given.
  std::string BuildPath;            ///< -p; "" when absent.
  /// The database built from the arguments after "--"; null without "--".
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedDatabase;
  std::vector<std::string> ExtraArgs;       ///< --extra-arg
  std::vector<std::string> ExtraArgsBefore; ///< --extra-arg-before
  std::vector<std::string> RemoveArgs;      ///< --remove-arg
  ColorMode Color = ColorMode::Auto;        ///< --color, --use-color
  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;    ///< -o/--output; "" = stdout.
  std::string RuleGlobs;     ///< --rules; "" = every rule.
  std::string DumpFactsFile; ///< --dump-facts; "" = none.
  bool ListRules = false;
  bool PrintPluginPath = false; ///< --print-plugin-path
  bool Quiet = false;
  bool Fix = false;             ///< --fix: apply the fixes in place.
  bool FixDryRun = false;       ///< --fix-dry-run / --diff: print a diff.
  bool FixExactOnly = false;    ///< --fix-exact-only.
  std::string ExportFixesFile;  ///< --export-fixes; "" = none.
  bool ParseableFixits = false; ///< --parseable-fixits.
  /// --base-dir, as given; "" = the default (see baseDirectory()).
  std::string BaseDir;
  std::string BaselineFile;      ///< --baseline; "" = none.
  std::string WriteBaselineFile; ///< --write-baseline; "" = none.
  // Configuration and suppressions (docs/config.md, docs/suppressions.md).
  std::string ConfigFile;  ///< --config-file; "" = look up upward.
  bool DumpConfig = false; ///< --dump-config [<file>]
  std::string FailOn;      ///< --fail-on; "" = from the configuration.
  std::optional<std::string> HeaderFilter; ///< --header-filter
  bool ReportUnusedSuppressions = false;   ///< --report-unused-suppressions
  // Speed (docs/performance.md).
  unsigned Jobs = 0;       ///< -j; 0 = one per core.
  std::string CacheDir;    ///< Resolved --cache-dir; "" = --no-cache.
  bool Exhaustive = false; ///< --exhaustive: parse every TU.
  bool Stats = false;      ///< --tu-stats: what was parsed/cached on stderr.
  unsigned ShardIndex = 0; ///< --shard=I/N
  unsigned ShardCount = 1;
  std::string FactsOutFile; ///< --facts-out; "" = none.
  bool Merge = false;       ///< `relcheck merge FILE...`: Sources are facts.

  /// Any of --fix, --fix-dry-run, --export-fixes.
  bool wantsFixes() const {
    return Fix || FixDryRun || !ExportFixesFile.empty();
  }

  CliOptions();
  CliOptions(CliOptions &&) noexcept;
  ~CliOptions();
};

/// Parses the command line. --help and --version print and exit(0) inside
/// (llvm::cl's behaviour). On a usage error, returns nullopt after printing
/// "relcheck: error: ..." on stderr; the caller exits with 2.
/// Which front end parses: its --help lists only the options valid there.
enum class CliMode { Report, Graph };

std::optional<CliOptions> parseCommandLine(int Argc, const char **Argv,
                                           CliMode Mode = CliMode::Report);

} // namespace relcheck
