//===- ConfiguredFindings.h - configuration and NOLINT on findings -*- C++
//-*-===//
//
// What the configuration files and NOLINT comments do to the rules' output:
// each finding is governed by the configuration of its own file (rules
// enabled, severity, rule options), then NOLINT comments, then the run's
// header filter. See docs/config.md and docs/suppressions.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/ConfigLookup.h"
#include "emit/Report.h"
#include "facts/Facts.h"
#include "graph/ModelGraph.h"
#include "rules/Rule.h"

#include <string>
#include <vector>

namespace relcheck {

struct AnalysisResult;
struct TranslationUnitPlan;

/// The rules RunConfig enables, in registry order.
std::vector<const Rule *> enabledRules(const EffectiveConfig &RunConfig);

/// Runs every rule on Graph and keeps each finding its file's configuration
/// enables, computed with that configuration's rule options (fix
/// templates). A file whose configuration cannot be read is governed by
/// RunConfig, and the problem is added to Errors.
std::vector<Finding> runConfiguredRules(const ModelGraph &Graph,
                                        ConfigResolver &Configs,
                                        const EffectiveConfig &RunConfig,
                                        std::vector<ToolError> &Errors);

struct FindingPolicy {
  const EffectiveConfig *RunConfig = nullptr; ///< HeaderFilterRegex.
  /// The analyzed source files: never subject to the header filter.
  std::vector<std::string> MainFiles;
  /// Files the models were read from (scanned for unused suppressions).
  std::vector<std::string> ModelFiles;
  bool ReportUnusedSuppressions = false;
  /// Drop the fixes that change behaviour on purpose (--fix-exact-only)
  /// before deciding which fixes yield.
  bool ExactFixesOnly = false;
};

/// The policy of a run of Plan under RunConfig (the report's and the
/// graph's): its source files are never header-filtered, and the files
/// Result read models from are checked for unused suppressions.
FindingPolicy findingPolicyFor(const EffectiveConfig &RunConfig,
                               const TranslationUnitPlan &Plan,
                               const AnalysisResult &Result);

struct PolicyStats {
  unsigned SuppressedByNolint = 0;
  unsigned FilteredHeaders = 0; ///< Findings in headers HeaderFilter hides.
};

/// NOLINT suppression (with the findings' own severities, as clang-tidy),
/// then each file's Severity overrides, then the header filter. Returns the
/// findings to report, sorted, with any relcheck-nolint findings.
std::vector<Finding> applyFindingPolicy(std::vector<Finding> Findings,
                                        ConfigResolver &Configs,
                                        const FindingPolicy &Policy,
                                        PolicyStats &Stats,
                                        std::vector<ToolError> &Errors);

/// runConfiguredRules then applyFindingPolicy, as a report run of the TUs
/// of Facts does, with RunDir's configuration as the run's (the language
/// server's workspace root). A configuration is read afresh at each call,
/// so an edited .relcheck.yaml applies at once. A broken run
/// configuration runs every rule with its defaults; Errors says why.
std::vector<Finding> configuredFindings(
    const ModelGraph &Graph, const std::vector<const Rule *> &Rules,
    const std::string &RunDir, const std::vector<const TuFacts *> &Facts,
    std::vector<ToolError> &Errors);

/// The files the annotations of Facts were written in.
std::vector<std::string> modelFiles(const std::vector<const TuFacts *> &Facts);

/// "Suppressed 2 warnings (1 in non-user code, 1 NOLINT)." as clang-tidy
/// prints it; "" when nothing was hidden.
std::string suppressedLine(const PolicyStats &Stats);

} // namespace relcheck
