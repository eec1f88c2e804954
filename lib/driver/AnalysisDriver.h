//===- AnalysisDriver.h - TUs -> facts -> graph -> findings -----*- C++ -*-===//
#pragma once

#include "FileHashes.h"
#include "TranslationUnitPlan.h"
#include "emit/Report.h"
#include "facts/Facts.h"
#include "fixes/SourceSnapshot.h"
#include "rules/Rule.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace relcheck {

/// One translation unit's part of a run (or of a shard file).
struct TuOutcome {
  /// Position among every TU of the plan (all shards), in plan order.
  size_t Index = 0;
  TuFacts Facts;
  /// Compiled without errors: its facts go into the graph.
  bool Compiled = true;
  /// "does not compile" errors, in order.
  std::vector<ToolError> Errors;
  /// With AnalysisOptions::KeepFileLists: every file the TU reads (parsed,
  /// scanned or from its cache entry), sorted; empty when unknown.
  FileList Files;
};

/// What a run did, for --tu-stats and the tests. Every TU of the run is
/// counted once in Parsed, FromCache or Skipped (they add up to Total);
/// a skipped TU is counted once by why (NoAnnotations, Covered) and once
/// by where its file list came from (SkippedScanned, SkippedScanCached).
struct AnalysisStats {
  unsigned Total = 0;              ///< TUs of this run (this shard).
  unsigned Parsed = 0;             ///< Parsed by Clang.
  unsigned FromCache = 0;          ///< Facts read from the fact cache.
  unsigned NoAnnotations = 0;      ///< Skipped: can hold no annotation.
  unsigned Covered = 0;            ///< Skipped: other TUs parse its models.
  unsigned SkippedScanned = 0;     ///< Skipped after a scan in this run.
  unsigned SkippedScanCached = 0;  ///< Skipped on a cached scan's file list.
  unsigned Scanned = 0;            ///< Dependency scans run (any TU).
  unsigned CacheCorrupt = 0;       ///< Corrupt cache entries ignored.
  double GraphAndRulesSeconds = 0; ///< Merge into the graph + rules (wall).

  unsigned skipped() const { return NoAnnotations + Covered; }
};

/// "parsed 1 of 5 TUs (2 from cache, 2 skipped: 1 without annotations and 1
/// covered by other TUs, 1 scanned in this run and 1 on a cached scan; 1
/// dependency scan, 0 corrupt cache entries)": what the CLI's --tu-stats
/// and the language server's start-up print.
std::string describeStats(const AnalysisStats &Stats);

struct AnalysisResult {
  AnalysisReport Report;
  /// The facts of every translation unit in plan order, including the ones
  /// that did not compile (their CompileErrors say so); for --dump-facts.
  /// A TU the prefilter did not parse has empty facts.
  std::vector<TuFacts> AllFacts;
  /// With AnalysisOptions::SnapshotSources: the bytes of every file facts
  /// were drawn from, as the analysis saw them (for fixes).
  SourceSnapshot Sources;
  /// The model graph the rules ran on, with AnalysisOptions::KeepGraph
  /// (for `relcheck graph`).
  std::optional<ModelGraph> Graph;
  /// Every TU of the run in plan order (for --facts-out). Their facts were
  /// handed to the graph unless AnalysisOptions::KeepUnitFacts.
  std::vector<TuOutcome> Units;
  /// Every file that holds a model annotation (for --header-filter).
  std::vector<std::string> ModelFiles;
  AnalysisStats Stats;
};

struct AnalysisOptions {
  /// Record the files the facts come from right after each translation
  /// unit is parsed (needed to apply fixes; costs a read per header and TU).
  bool SnapshotSources = false;
  /// When set, runs the rules on the merged graph instead of
  /// runRules(Graph, Rules, Options) (per-file configurations).
  std::function<std::vector<Finding>(const ModelGraph &)> RunRules;
  /// Worker threads; 0 = one per core.
  unsigned Jobs = 0;
  /// Print a progress line on stderr (the caller checks it is a terminal).
  bool Progress = false;
  /// Fact cache directory; "" = no cache.
  std::string CacheDir;
  /// true: parse every TU. false: skip TUs the dependency scan proves
  /// irrelevant and parse only a cover set (docs/performance.md).
  bool Exhaustive = true;
  /// Analyze only the TUs of slice ShardIndex of ShardCount. Exhaustive:
  /// file k of the plan belongs to slice k % ShardCount. Otherwise every
  /// shard chooses the same cover over all TUs, then takes every
  /// ShardCount-th TU to parse and every ShardCount-th other TU.
  unsigned ShardIndex = 0;
  unsigned ShardCount = 1;
  /// Fill AnalysisResult::AllFacts (a copy of every TU's facts; the CLI
  /// only needs it for --dump-facts, and facts weigh a few KB per model).
  bool KeepAllFacts = true;
  /// Keep every TU's facts in AnalysisResult::Units (--facts-out) instead
  /// of handing them to the graph.
  bool KeepUnitFacts = false;
  /// Keep the model graph in AnalysisResult::Graph (`relcheck graph`).
  bool KeepGraph = false;
  /// Fill TuOutcome::Files (the language server watches them).
  bool KeepFileLists = false;
  /// Build the graph and run the rules; false: only the facts (the
  /// language server merges them with its editor's buffers first).
  bool BuildGraph = true;
};

/// Runs the pipeline: extracts the facts of each job (in parallel; the
/// results are merged in the plan's sorted order, so the output does not
/// depend on the number of jobs or on which TU finishes first), builds one
/// model graph from the TUs that compiled, and runs \p Rules on it. A TU
/// that does not compile is reported as a tool error and its partial facts
/// are left out of the graph: a half-parsed class would look like a model
/// missing its relationships and produce false positives.
AnalysisResult runAnalysis(const TranslationUnitPlan &Plan,
                           const std::vector<const Rule *> &Rules,
                           const RuleOptions &Options,
                           const AnalysisOptions &Analysis = {});

/// The second half of runAnalysis: merges Units (sorted by Index) after
/// PlanErrors into a report. `relcheck merge` calls it on shard files.
AnalysisResult assembleAnalysis(std::vector<ToolError> PlanErrors,
                                std::vector<TuOutcome> Units,
                                const std::vector<const Rule *> &Rules,
                                const RuleOptions &Options,
                                const AnalysisOptions &Analysis);

} // namespace relcheck
