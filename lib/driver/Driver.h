//===- Driver.h - the run sequence every front end calls --------*- C++ -*-===//
//
// One entry point for `relcheck` (the report), `relcheck graph`, `relcheck
// merge` and the language server's start-up: configuration, then the
// translation units (database, plan), the analysis (fact cache, prefilter,
// cover, parallel extraction, merge into one graph, configured rules) or
// the shards' facts, then the finding policy (NOLINT, severities, header
// filter). The front ends only turn their arguments into a DriverRequest
// and the result into output. See docs/architecture.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "AnalysisDriver.h"
#include "ConfiguredFindings.h"
#include "TranslationUnitPlan.h"

#include "config/RelcheckConfig.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

struct DriverRequest {
  ProjectInputs Inputs;
  /// Already planned from Inputs (the language server plans at once, to
  /// report a broken database; the analysis runs in the background).
  std::optional<TranslationUnitPlan> Plan;
  /// `relcheck merge`: the shards' --facts-out files replace the analysis.
  bool Merge = false;
  std::vector<std::string> ShardFiles;
  ConfigOverrides Overrides;
  std::string ConfigFile; ///< --config-file; "" = look up upward.
  /// Whose configuration governs the run (--fail-on, the header filter):
  /// the current directory's, or one file's (--dump-config <file>).
  std::string RunConfigPath = ".";
  bool RunConfigIsDirectory = true;
  AnalysisOptions Analysis;
  bool ReportUnusedSuppressions = false;
  /// --fix-exact-only: the fixes that change behaviour are not offered.
  bool ExactFixesOnly = false;
};

/// One note per argument the plan dropped because clang does not know it
/// (docs/cli.md#compile-databases).
void printDroppedArguments(const TranslationUnitPlan &Plan,
                           llvm::raw_ostream &OS);

class Driver {
public:
  explicit Driver(DriverRequest Request);

  /// Reads the run's configuration. An error stops the run (exit 2).
  llvm::Expected<const EffectiveConfig &> configure();
  /// The rules the run's configuration enables (after configure()).
  const std::vector<const Rule *> &rules() const { return Rules; }

  /// Plans and analyzes the project (or merges the shard files), runs the
  /// configured rules and applies the finding policy. Problems with inputs
  /// become tool errors in result().Report.Errors; an Error is returned
  /// only when the run cannot start (unreadable shard files, a broken
  /// configuration of an analyzed file).
  llvm::Error run();

  const TranslationUnitPlan &plan() const { return Plan; }
  TranslationUnitPlan takePlan() { return std::move(Plan); }
  AnalysisResult &result() { return Result; }
  const PolicyStats &hidden() const { return Hidden; }

private:
  DriverRequest Request;
  ConfigResolver Configs;
  const EffectiveConfig *RunConfig = nullptr;
  std::vector<const Rule *> Rules;
  TranslationUnitPlan Plan;
  AnalysisResult Result;
  PolicyStats Hidden;

  llvm::Error analyzeOrMerge(std::vector<ToolError> &ConfigErrors);
};

} // namespace relcheck
