//===- AnalysisDriver.cpp -------------------------------------------------===//
//
// Three phases over the TUs of the plan (or of one shard of it):
//  1. resolve (parallel): the fact cache answers, or the dependency scanner
//     lists the TU's files (unless --exhaustive);
//  2. choose (sequential): which TUs must be parsed (DependencyPrefilter);
//  3. parse (parallel): Clang runs on those; their facts are cached.
// Every worker writes only its own slot of a pre-sized vector, and the merge
// reads the slots in plan order: the output does not depend on -j or on
// which TU finishes first.
//
//===----------------------------------------------------------------------===//
#include "AnalysisDriver.h"
#include "ConfiguredFindings.h"

#include "DependencyPrefilter.h"
#include "FactCache.h"
#include "FileHashes.h"
#include "ProgressLine.h"

#include "extract/FactExtractor.h"
#include "graph/ModelGraph.h"
#include "rules/Registry.h"

#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace relcheck {
namespace {

std::string describeCompileError(const CompileError &E) {
  if (!E.Range.isValid())
    return E.Message;
  return E.Range.File + ":" + std::to_string(E.Range.Line) + ":" +
         std::to_string(E.Range.Column) + ": " + E.Message;
}

/// Every annotation of a TU's facts.
template <typename Fn> void forEachAnnotation(const TuFacts &Facts, Fn &&F) {
  for (const ModelFact &M : Facts.Models) {
    F(M.Annotation);
    for (const ColumnFact &C : M.Columns)
      F(C.Annotation);
    for (const RelationshipFact &R : M.Relationships)
      F(R.Annotation);
  }
  for (const TableFact &T : Facts.Tables)
    F(T.Annotation);
}

/// Records the files Facts were drawn from, read right after Clang parsed
/// them (or right after the cache vouched for them). A file whose
/// annotation text no longer matches what Clang saw, or whose bytes differ
/// from the hash the cache entry recorded, was edited in between: its
/// offsets cannot be trusted.
void snapshotSources(const TuFacts &Facts, SourceSnapshot &Sources,
                     const std::map<std::string, std::string> *Hashes) {
  std::set<std::string> Files;
  for (const ModelFact &M : Facts.Models)
    for (const SourceSpan *S : {&M.NameRange, &M.BodyRange, &M.LastMemberEnd})
      if (!S->File.empty())
        Files.insert(S->File);
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    if (!A.MacroRange.File.empty())
      Files.insert(A.MacroRange.File);
  });
  for (const std::string &File : Files) {
    std::optional<std::string> Bytes = readFileBytes(File);
    if (!Bytes) {
      Sources.markChanged(File);
      continue;
    }
    bool Changed = false;
    if (Hashes) {
      auto It = Hashes->find(File);
      Changed = It == Hashes->end() || It->second != contentHash(*Bytes);
    }
    Sources.record(File, std::move(*Bytes));
    if (Changed)
      Sources.markChanged(File);
  }
  forEachAnnotation(Facts, [&](const AnnotationFact &A) {
    const SourceSpan &Args = A.ArgsRange;
    if (!A.ExactRanges || !Args.isValid())
      return;
    const std::string *Content = Sources.content(Args.File);
    if (!Content || Args.End > Content->size() || Args.Begin > Args.End ||
        Content->compare(Args.Begin, Args.End - Args.Begin, A.Text) != 0)
      Sources.markChanged(Args.File);
  });
}

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

size_t countModels(const TuFacts &Facts) { return Facts.Models.size(); }

std::vector<std::pair<InternedString, InternedString>>
hashedFiles(const FileList &Files, FileHashes &Hashes, bool &Complete) {
  std::vector<std::pair<InternedString, InternedString>> Result;
  Complete = true;
  for (InternedString F : Files) {
    std::optional<FileHashes::Info> Info = Hashes.get(F);
    if (!Info) {
      Complete = false;
      continue;
    }
    Result.emplace_back(F, Info->Hash);
  }
  return Result;
}

/// Runs Fn(I) for I in [0, N) on Pool, or inline for one job.
template <typename Fn>
void forEachParallel(llvm::DefaultThreadPool *Pool, size_t N, Fn &&F) {
  if (!Pool) {
    for (size_t I = 0; I < N; ++I)
      F(I);
    return;
  }
  for (size_t I = 0; I < N; ++I)
    Pool->async([&F, I] { F(I); });
  Pool->wait();
}

} // namespace

AnalysisResult assembleAnalysis(std::vector<ToolError> PlanErrors,
                                std::vector<TuOutcome> Units,
                                const std::vector<const Rule *> &Rules,
                                const RuleOptions &Options,
                                const AnalysisOptions &Analysis) {
  std::stable_sort(
      Units.begin(), Units.end(),
      [](const TuOutcome &A, const TuOutcome &B) { return A.Index < B.Index; });
  AnalysisResult Out;
  Out.Report.Errors = std::move(PlanErrors);
  if (Analysis.KeepAllFacts)
    for (const TuOutcome &U : Units)
      Out.AllFacts.push_back(U.Facts);
  {
    std::vector<const TuFacts *> UnitFacts;
    for (const TuOutcome &U : Units)
      UnitFacts.push_back(&U.Facts);
    Out.ModelFiles = modelFiles(UnitFacts);
  }
  // Facts are the bulk of a run's memory (a few KB per model): the graph
  // takes them over unless --facts-out still needs every TU's own.
  std::vector<TuFacts> GraphInput;
  for (TuOutcome &U : Units) {
    for (const ToolError &E : U.Errors)
      Out.Report.Errors.push_back(E);
    if (U.Compiled) {
      GraphInput.push_back(Analysis.KeepUnitFacts ? U.Facts
                                                  : std::move(U.Facts));
      ++Out.Report.TranslationUnits;
    }
  }
  auto Start = std::chrono::steady_clock::now();
  {
    ModelGraph Graph = ModelGraph::build(std::move(GraphInput));
    Out.Report.Findings = Analysis.RunRules ? Analysis.RunRules(Graph)
                                            : runRules(Graph, Rules, Options);
    if (Analysis.KeepGraph)
      Out.Graph = std::move(Graph);
  }
  Out.Stats.GraphAndRulesSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  Out.Units = std::move(Units);
  return Out;
}

AnalysisResult runAnalysis(const TranslationUnitPlan &Plan,
                           const std::vector<const Rule *> &Rules,
                           const RuleOptions &Options,
                           const AnalysisOptions &Analysis) {
  ExtractOptions Extract;
  Extract.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;

  // The TUs of this shard, with their index among all TUs of the plan.
  std::vector<TuTask> Tasks;
  unsigned ShardCount = std::max(1u, Analysis.ShardCount);
  size_t Index = 0;
  // With the prefilter every shard resolves every TU (cheap: cache lookups
  // and scans) so that all shards agree on the cover; the slicing happens
  // after the choice.
  bool SliceByFile = Analysis.Exhaustive;
  for (size_t J = 0; J < Plan.Jobs.size(); ++J) {
    for (const clang::tooling::CompileCommand &Command :
         Plan.Jobs[J].Commands) {
      if (!SliceByFile || J % ShardCount == Analysis.ShardIndex) {
        TuTask T;
        T.Job = &Plan.Jobs[J];
        T.Command = &Command;
        T.Index = Index;
        Tasks.push_back(std::move(T));
      }
      ++Index;
    }
  }

  unsigned Threads = Analysis.Jobs
                         ? Analysis.Jobs
                         : llvm::hardware_concurrency().compute_thread_count();
  Threads = std::max<unsigned>(
      1, std::min<unsigned>(Threads, std::max<size_t>(1, Tasks.size())));
  std::unique_ptr<llvm::DefaultThreadPool> Pool;
  if (Threads > 1)
    Pool = std::make_unique<llvm::DefaultThreadPool>(
        llvm::hardware_concurrency(Threads));

  // Released before the graph is built: the hashes, like the cache
  // entries' file lists, are not needed past phase 3.
  auto HashesOwner = std::make_unique<FileHashes>();
  FileHashes &Hashes = *HashesOwner;
  std::optional<FactCache> Cache;
  if (!Analysis.CacheDir.empty())
    Cache.emplace(Analysis.CacheDir);
  std::optional<DependencyScanner> Scanner;
  if (!Analysis.Exhaustive)
    Scanner.emplace();

  std::mutex SourcesMutex;
  AnalysisResult Snapshots;
  // Parses T into T.Outcome (and the cache); the files it read in Deps.
  auto Parse = [&](TuTask &T) {
    TuOutcome &Out = T.Outcome;
    Out.Index = T.Index;
    std::vector<std::string> InputFiles;
    Out.Facts = extractFactsFromCommand(*T.Command, Extract, InputFiles);
    Out.Compiled = Out.Facts.CompileErrors.empty();
    if (!Out.Compiled)
      Out.Errors.push_back(
          {T.Job->File,
           "'" + T.Job->File + "' does not compile: " +
               describeCompileError(Out.Facts.CompileErrors.front())});
    if (Analysis.SnapshotSources) {
      std::lock_guard<std::mutex> Lock(SourcesMutex);
      snapshotSources(Out.Facts, Snapshots.Sources, nullptr);
    }
    T.Deps = FileList(InputFiles.begin(), InputFiles.end());
    // A TU that failed is not cached: the next run must report it again
    // (and a header it could not find may exist by then).
    if (Cache && Out.Compiled) {
      bool Complete = false;
      CacheEntry Entry;
      Entry.Parsed = true;
      Entry.Files = hashedFiles(*T.Deps, Hashes, Complete);
      if (Complete) {
        Entry.Facts = std::move(Out.Facts); // Lent, not copied.
        Cache->store(T.CacheKey, Entry);
        Out.Facts = std::move(Entry.Facts);
      }
    }
  };
  // After one header is edited, the TUs that were parsed for it have stale
  // facts and are all but certain to be chosen again: parse them while the
  // other stale TUs are scanned instead of after. Not with shards, which
  // must agree on the cover before any of them parses.
  const bool ParseStaleEarly = !Analysis.Exhaustive && ShardCount == 1;

  // Phase 1a: the cache.
  forEachParallel(Pool.get(), Tasks.size(), [&](size_t I) {
    TuTask &T = Tasks[I];
    T.CommandLine = extractionCommandLine(*T.Command, Extract);
    if (Cache) {
      T.CacheKey = FactCache::key(T.CommandLine, T.Command->Directory);
      CacheEntry Entry;
      switch (Cache->lookup(T.CacheKey, Hashes, Entry)) {
      case FactCache::Status::Hit:
        T.Cached = std::move(Entry);
        break;
      case FactCache::Status::Corrupt:
        T.CacheCorrupt = true;
        break;
      case FactCache::Status::Stale:
        T.ParsedEarly = ParseStaleEarly && Entry.Parsed;
        break;
      case FactCache::Status::Miss:
        break;
      }
    }
    if (T.Cached && !T.Cached->Parsed) { // Deps-only: the scan is done.
      // Its paths move to Deps (nothing reads its file list again): one
      // copy of every TU's list, not two.
      T.Deps.emplace();
      T.Deps->reserve(T.Cached->Files.size());
      for (auto &File : T.Cached->Files)
        T.Deps->push_back(std::move(File.first));
      T.Cached->Files = {};
    }
  });

  // Phase 1b: what the cache could not answer; the parses first, so that
  // the scans run beside them.
  std::vector<size_t> Open;
  for (size_t I = 0; I < Tasks.size(); ++I)
    if (Tasks[I].ParsedEarly)
      Open.push_back(I);
  for (size_t I = 0; I < Tasks.size(); ++I)
    if (!Tasks[I].Cached && !Tasks[I].ParsedEarly)
      Open.push_back(I);
  forEachParallel(Pool.get(), Open.size(), [&](size_t K) {
    TuTask &T = Tasks[Open[K]];
    if (T.ParsedEarly) {
      Parse(T);
      return;
    }
    if (Scanner && !T.CommandLine.empty()) {
      std::string Error;
      T.Scanned = true;
      // A failed scan is no proof of anything: the TU is parsed, and the
      // parse reports what is wrong with it.
      T.Deps = Scanner->scan(T.CommandLine, T.Command->Directory, Error);
    }
  });

  // Phase 2: which TUs to parse.
  if (!Analysis.Exhaustive) {
    std::vector<CoverCandidate> Candidates(Tasks.size());
    for (size_t I = 0; I < Tasks.size(); ++I) {
      TuTask &T = Tasks[I];
      CoverCandidate &C = Candidates[I];
      C.MainFile = T.Job->File;
      C.Group =
          flagGroup(T.CommandLine, T.Command->Filename, T.Command->Directory);
      // The candidates get copies of the file lists: interned, they are
      // one pointer per file.
      if (T.ParsedEarly) {
        // Only facts that compiled cover anything (like the cache's).
        C.HasFacts = C.DepsKnown = T.Outcome.Compiled;
        if (C.HasFacts)
          C.Files = *T.Deps;
        continue;
      }
      C.HasFacts = T.Cached && T.Cached->Parsed;
      C.DepsKnown = C.HasFacts || T.Deps.has_value();
      if (C.HasFacts) {
        C.Files.reserve(T.Cached->Files.size());
        for (const auto &File : T.Cached->Files)
          C.Files.push_back(File.first);
        C.MainFile = T.Cached->Facts.MainFile;
      } else if (T.Deps) {
        C.Files = *T.Deps;
      }
    }
    std::vector<CoverDecision> Decisions = chooseCover(Candidates, Hashes);
    for (size_t I = 0; I < Tasks.size(); ++I)
      Tasks[I].Decision =
          Tasks[I].ParsedEarly ? CoverDecision::Parse : Decisions[I];
  } else {
    for (TuTask &T : Tasks)
      T.Decision = T.Cached && T.Cached->Parsed ? CoverDecision::Cached
                                                : CoverDecision::Parse;
  }
  if (!SliceByFile && ShardCount > 1) {
    // Deal the TUs to parse round-robin (they are the expensive ones), and
    // the others likewise, so each shard gets its share of the work.
    std::vector<TuTask> Mine;
    size_t ParseRank = 0, OtherRank = 0;
    for (TuTask &T : Tasks) {
      size_t &Rank = T.Decision == CoverDecision::Parse ? ParseRank : OtherRank;
      if (Rank++ % ShardCount == Analysis.ShardIndex)
        Mine.push_back(std::move(T));
    }
    Tasks = std::move(Mine);
  }

  // The scanner's file-system cache holds the text of every file scanned:
  // phase 3 does not scan, and its parses are the run's first memory peak.
  Scanner.reset();
  // Phase 3: parse what must be parsed; everything else is already known.
  ProgressLine Progress(Analysis.Progress, Tasks.size());
  forEachParallel(Pool.get(), Tasks.size(), [&](size_t I) {
    TuTask &T = Tasks[I];
    TuOutcome &Out = T.Outcome;
    Out.Index = T.Index;
    switch (T.Decision) {
    case CoverDecision::Cached: {
      Out.Facts = std::move(T.Cached->Facts);
      if (Analysis.SnapshotSources) {
        std::map<std::string, std::string> Recorded(T.Cached->Files.begin(),
                                                    T.Cached->Files.end());
        std::lock_guard<std::mutex> Lock(SourcesMutex);
        snapshotSources(Out.Facts, Snapshots.Sources, &Recorded);
      }
      T.Cached.reset();
      Progress.tuDone(countModels(Out.Facts), /*Cached=*/true);
      return;
    }
    case CoverDecision::NoAnnotations:
    case CoverDecision::Covered: {
      // Contributes nothing another TU does not: empty facts, compiled.
      Out.Facts.MainFile = T.Job->File;
      if (Cache && !T.Cached && T.Deps) {
        bool Complete = false;
        CacheEntry Entry;
        Entry.Parsed = false;
        Entry.Facts.MainFile = Out.Facts.MainFile;
        Entry.Files = hashedFiles(*T.Deps, Hashes, Complete);
        if (Complete)
          Cache->store(T.CacheKey, Entry);
      }
      // A deps-only entry's file list is done with: drop it now rather
      // than hold every TU's list until the end of the run.
      T.Cached.reset();
      T.Deps.reset();
      Progress.tuDone(0, /*Cached=*/false);
      return;
    }
    case CoverDecision::Parse:
      break;
    }
    if (!T.ParsedEarly)
      Parse(T);
    T.Deps.reset();
    Progress.tuDone(countModels(Out.Facts), /*Cached=*/false);
  });
  Progress.finish();

  AnalysisStats Stats;
  Stats.Total = Tasks.size();
  std::vector<TuOutcome> Units;
  Units.reserve(Tasks.size());
  for (TuTask &T : Tasks) {
    Stats.Scanned += T.Scanned;
    Stats.CacheCorrupt += T.CacheCorrupt;
    switch (T.Decision) {
    case CoverDecision::Parse:
      ++Stats.Parsed;
      break;
    case CoverDecision::Cached:
      ++Stats.FromCache;
      break;
    case CoverDecision::NoAnnotations:
      ++Stats.NoAnnotations;
      break;
    case CoverDecision::Covered:
      ++Stats.Covered;
      break;
    }
    Units.push_back(std::move(T.Outcome));
  }
  // Only the outcomes matter from here on: free what the phases kept (cache
  // entries, dependency lists, command lines, file hashes) before the graph
  // is built, the run's memory peak.
  Tasks = std::vector<TuTask>();
  HashesOwner.reset();
  Cache.reset();
#ifdef __GLIBC__
  // The workers allocated (and freed) in their own malloc arenas; hand the
  // free pages back so that the peak is not theirs plus the graph's.
  malloc_trim(0);
#endif

  AnalysisResult Out = assembleAnalysis(Plan.Errors, std::move(Units), Rules,
                                        Options, Analysis);
  Out.Sources = std::move(Snapshots.Sources);
  Stats.GraphAndRulesSeconds = Out.Stats.GraphAndRulesSeconds;
  Out.Stats = Stats;
  return Out;
}

} // namespace relcheck
