//===- AnalysisPhases.h - the phases of runAnalysis -------------*- C++ -*-===//
//
// runAnalysis, one phase per member function, in the order it calls them:
//  1a. resolveFromCache (parallel): the fact cache answers what it can;
//  1b. scanOrParseStale (parallel): the dependency scanner lists the files
//      of the TUs the cache could not answer (unless --exhaustive); TUs
//      whose full facts went stale are parsed right away, beside the scans;
//  2.  chooseParses (sequential): which TUs must be parsed (the cover);
//      keepShard: with --shard, this shard's share of them;
//  3.  parseChosen (parallel): Clang runs on those; their facts are cached;
//      recordProject: which cache entries form the project (the clang-tidy
//      plugin reads it, see ProjectManifest.h);
//  4.  takeOutcomes: every TU's outcome in plan order, and the counts.
// Every worker writes only its own task, and the outcomes are read in plan
// order: the result does not depend on -j or on which TU finishes first.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "AnalysisDriver.h"
#include "DependencyPrefilter.h"
#include "FactCache.h"
#include "FileHashes.h"

#include "extract/FactExtractor.h"

#include "llvm/Support/ThreadPool.h"

#include <memory>
#include <mutex>
#include <optional>

namespace relcheck {

/// One TU of the run and what is known about it.
struct TuTask {
  const TranslationUnitJob *Job = nullptr;
  const clang::tooling::CompileCommand *Command = nullptr;
  size_t Index = 0;
  std::vector<std::string> CommandLine; ///< As Clang runs it.
  std::string CacheKey;
  // Phase 1.
  std::optional<CacheEntry> Cached; ///< A valid entry (full or deps-only).
  bool CacheCorrupt = false;
  bool Scanned = false;
  std::optional<FileList> Deps;
  /// Its full facts went stale (a file it reads changed): parsed in phase 1
  /// rather than scanned, since it almost always has to be parsed again.
  bool ParsedEarly = false;
  // Phase 2.
  CoverDecision Decision = CoverDecision::Parse;
  // Phase 3.
  TuOutcome Outcome;
};

class AnalysisRun {
public:
  AnalysisRun(const TranslationUnitPlan &Plan, const AnalysisOptions &Options);
  ~AnalysisRun();

  void resolveFromCache();
  void scanOrParseStale();
  void chooseParses();
  void keepShard();
  void parseChosen();
  void recordProject();
  /// The outcomes in plan order; frees what the phases kept (cache
  /// entries, file lists, hashes) before the graph, the run's memory peak.
  std::vector<TuOutcome> takeOutcomes(AnalysisStats &Stats);

  /// With AnalysisOptions::SnapshotSources: the bytes facts came from.
  SourceSnapshot takeSources() { return std::move(Sources); }

private:
  const AnalysisOptions &Options;
  ExtractOptions Extract;
  unsigned ShardCount;
  /// Exhaustive runs slice by file before resolving; the prefilter's
  /// shards all resolve every TU so that they agree on the cover.
  bool SliceByFile;
  bool ParseStaleEarly;
  std::vector<TuTask> Tasks;
  std::unique_ptr<llvm::DefaultThreadPool> Pool;
  std::unique_ptr<FileHashes> Hashes;
  std::optional<FactCache> Cache;
  std::optional<DependencyScanner> Scanner;
  std::mutex SourcesMutex;
  SourceSnapshot Sources;

  /// Parses T into T.Outcome (and the cache); the files it read in T.Deps.
  void parse(TuTask &T);
  /// A covered or annotation-free TU: empty facts, a deps-only entry.
  void skip(TuTask &T);
  void takeCached(TuTask &T);
  void storeInCache(const TuTask &T, CacheEntry &Entry);
  CoverCandidate candidateFor(const TuTask &T) const;
  template <typename Fn> void forEachParallel(size_t N, Fn &&F);
};

} // namespace relcheck
