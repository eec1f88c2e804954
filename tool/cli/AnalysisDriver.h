//===- AnalysisDriver.h - TUs -> facts -> graph -> findings -----*- C++ -*-===//
#pragma once

#include "TranslationUnitPlan.h"
#include "emit/Report.h"
#include "facts/Facts.h"
#include "fixes/SourceSnapshot.h"
#include "rules/Rule.h"

#include <optional>
#include <functional>
#include <vector>

namespace relcheck {

struct AnalysisResult {
  AnalysisReport Report;
  /// The facts of every translation unit in plan order, including the ones
  /// that did not compile (their CompileErrors say so); for --dump-facts.
  std::vector<TuFacts> AllFacts;
  /// With AnalysisOptions::SnapshotSources: the bytes of every file facts
  /// were drawn from, as the analysis saw them (for fixes).
  SourceSnapshot Sources;
  /// The model graph the rules ran on (for `relcheck graph`).
  std::optional<ModelGraph> Graph;
};

struct AnalysisOptions {
  /// Record the files the facts come from right after each translation
  /// unit is parsed (needed to apply fixes; costs a read per header and TU).
  bool SnapshotSources = false;
  /// When set, runs the rules on the merged graph instead of
  /// runRules(Graph, Rules, Options) (per-file configurations).
  std::function<std::vector<Finding>(const ModelGraph &)> RunRules;
};

/// Runs the pipeline: extracts the facts of each job (one TU at a time; the
/// results are merged in the plan's sorted order, so running the jobs in
/// parallel would not change the output), builds one model graph from the
/// TUs that compiled, and runs \p Rules on it. A TU that does not compile is
/// reported as a tool error and its partial facts are left out of the graph:
/// a half-parsed class would look like a model missing its relationships and
/// produce false positives.
AnalysisResult runAnalysis(const TranslationUnitPlan &Plan,
                           const std::vector<const Rule *> &Rules,
                           const RuleOptions &Options,
                           const AnalysisOptions &Analysis = {});

} // namespace relcheck
