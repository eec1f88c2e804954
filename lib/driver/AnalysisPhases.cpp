//===- AnalysisPhases.cpp -------------------------------------------------===//
#include "AnalysisPhases.h"

#include "ProgressLine.h"
#include "ProjectManifest.h"
#include "SourceSnapshots.h"

#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
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

} // namespace

AnalysisRun::AnalysisRun(const TranslationUnitPlan &Plan,
                         const AnalysisOptions &Opts)
    : Options(Opts), ShardCount(std::max(1u, Opts.ShardCount)),
      SliceByFile(Opts.Exhaustive),
      // After one header is edited, the TUs that were parsed for it have
      // stale facts and are all but certain to be chosen again. Not with
      // shards, which must agree on the cover before any of them parses.
      ParseStaleEarly(!Opts.Exhaustive && ShardCount == 1),
      Hashes(std::make_unique<FileHashes>()) {
  Extract.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;
  size_t Index = 0;
  for (size_t J = 0; J < Plan.Jobs.size(); ++J) {
    for (const clang::tooling::CompileCommand &Command :
         Plan.Jobs[J].Commands) {
      if (!SliceByFile || J % ShardCount == Options.ShardIndex) {
        TuTask T;
        T.Job = &Plan.Jobs[J];
        T.Command = &Command;
        T.Index = Index;
        Tasks.push_back(std::move(T));
      }
      ++Index;
    }
  }
  unsigned Threads = Options.Jobs
                         ? Options.Jobs
                         : llvm::hardware_concurrency().compute_thread_count();
  Threads = std::max<unsigned>(
      1, std::min<unsigned>(Threads, std::max<size_t>(1, Tasks.size())));
  if (Threads > 1)
    Pool = std::make_unique<llvm::DefaultThreadPool>(
        llvm::hardware_concurrency(Threads));
  if (!Options.CacheDir.empty())
    Cache.emplace(Options.CacheDir);
  if (!Options.Exhaustive)
    Scanner.emplace();
}

AnalysisRun::~AnalysisRun() = default;

/// Runs Fn(I) for I in [0, N) on the pool, or inline for one job.
template <typename Fn> void AnalysisRun::forEachParallel(size_t N, Fn &&F) {
  if (!Pool) {
    for (size_t I = 0; I < N; ++I)
      F(I);
    return;
  }
  for (size_t I = 0; I < N; ++I)
    Pool->async([&F, I] { F(I); });
  Pool->wait();
}

/// One warning per run (the first reason): every later entry would fail
/// alike, and each run that cannot write the cache parses everything again.
static void warnOfCacheWriteFailure(const FactCache &Cache) {
  std::string Ignored = Cache.ignoredEntry();
  if (!Ignored.empty())
    llvm::errs() << "relcheck: warning: ignored fact cache entry '" << Ignored
                 << "': not a regular file\n";
  std::string Why = Cache.writeFailure();
  if (!Why.empty())
    llvm::errs() << "relcheck: warning: cannot write the fact cache in '"
                 << Cache.directory() << "': " << Why
                 << " (the analysis is complete; the next run will not be "
                    "faster)\n";
}

void AnalysisRun::storeInCache(const TuTask &T, CacheEntry &Entry) {
  bool Complete = false;
  Entry.Files = hashedFiles(*T.Deps, *Hashes, Complete);
  if (Complete)
    Cache->store(T.CacheKey, Entry);
}

void AnalysisRun::parse(TuTask &T) {
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
  if (Options.SnapshotSources) {
    std::lock_guard<std::mutex> Lock(SourcesMutex);
    snapshotSources(Out.Facts, Sources, nullptr);
  }
  T.Deps = FileList(InputFiles.begin(), InputFiles.end());
  // A TU that failed is not cached: the next run must report it again
  // (and a header it could not find may exist by then).
  if (Cache && Out.Compiled) {
    CacheEntry Entry;
    Entry.Parsed = true;
    Entry.Facts = std::move(Out.Facts); // Lent, not copied.
    storeInCache(T, Entry);
    Out.Facts = std::move(Entry.Facts);
  }
}

void AnalysisRun::resolveFromCache() {
  forEachParallel(Tasks.size(), [&](size_t I) {
    TuTask &T = Tasks[I];
    T.CommandLine = extractionCommandLine(*T.Command, Extract);
    if (Cache) {
      T.CacheKey = FactCache::key(T.CommandLine, T.Command->Directory);
      CacheEntry Entry;
      switch (Cache->lookup(T.CacheKey, *Hashes, Entry)) {
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
}

void AnalysisRun::scanOrParseStale() {
  // The parses first, so that the scans run beside them.
  std::vector<size_t> Open;
  for (size_t I = 0; I < Tasks.size(); ++I)
    if (Tasks[I].ParsedEarly)
      Open.push_back(I);
  for (size_t I = 0; I < Tasks.size(); ++I)
    if (!Tasks[I].Cached && !Tasks[I].ParsedEarly)
      Open.push_back(I);
  forEachParallel(Open.size(), [&](size_t K) {
    TuTask &T = Tasks[Open[K]];
    if (T.ParsedEarly) {
      parse(T);
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
}

CoverCandidate AnalysisRun::candidateFor(const TuTask &T) const {
  CoverCandidate C;
  C.MainFile = T.Job->File;
  C.Group = flagGroup(T.CommandLine, T.Command->Filename, T.Command->Directory);
  // The candidates get copies of the file lists: interned, they are one
  // pointer per file.
  if (T.ParsedEarly) {
    // Only facts that compiled cover anything (like the cache's).
    C.HasFacts = C.DepsKnown = T.Outcome.Compiled;
    if (C.HasFacts)
      C.Files = *T.Deps;
    return C;
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
  return C;
}

void AnalysisRun::chooseParses() {
  if (Options.Exhaustive) {
    for (TuTask &T : Tasks)
      T.Decision = T.Cached && T.Cached->Parsed ? CoverDecision::Cached
                                                : CoverDecision::Parse;
    return;
  }
  std::vector<CoverCandidate> Candidates;
  Candidates.reserve(Tasks.size());
  for (const TuTask &T : Tasks)
    Candidates.push_back(candidateFor(T));
  std::vector<CoverDecision> Decisions = chooseCover(Candidates, *Hashes);
  for (size_t I = 0; I < Tasks.size(); ++I)
    Tasks[I].Decision =
        Tasks[I].ParsedEarly ? CoverDecision::Parse : Decisions[I];
}

void AnalysisRun::keepShard() {
  if (SliceByFile || ShardCount == 1)
    return;
  // Deal the TUs to parse round-robin (they are the expensive ones), and
  // the others likewise, so each shard gets its share of the work.
  std::vector<TuTask> Mine;
  size_t ParseRank = 0, OtherRank = 0;
  for (TuTask &T : Tasks) {
    size_t &Rank = T.Decision == CoverDecision::Parse ? ParseRank : OtherRank;
    if (Rank++ % ShardCount == Options.ShardIndex)
      Mine.push_back(std::move(T));
  }
  Tasks = std::move(Mine);
}

void AnalysisRun::takeCached(TuTask &T) {
  TuOutcome &Out = T.Outcome;
  Out.Facts = std::move(T.Cached->Facts);
  if (Options.SnapshotSources) {
    std::map<std::string, std::string> Recorded(T.Cached->Files.begin(),
                                                T.Cached->Files.end());
    std::lock_guard<std::mutex> Lock(SourcesMutex);
    snapshotSources(Out.Facts, Sources, &Recorded);
  }
  if (Options.KeepFileLists)
    for (const auto &File : T.Cached->Files)
      Out.Files.push_back(File.first);
  T.Cached.reset();
}

void AnalysisRun::skip(TuTask &T) {
  // Contributes nothing another TU does not: empty facts, compiled.
  T.Outcome.Facts.MainFile = T.Job->File;
  if (Cache && !T.Cached && T.Deps) {
    CacheEntry Entry;
    Entry.Parsed = false;
    Entry.Facts.MainFile = T.Outcome.Facts.MainFile;
    storeInCache(T, Entry);
  }
  // A deps-only entry's file list is done with: drop it now rather than
  // hold every TU's list until the end of the run.
  T.Cached.reset();
}

void AnalysisRun::parseChosen() {
  // The scanner's file-system cache holds the text of every file scanned:
  // this phase does not scan, and its parses are the run's first peak.
  Scanner.reset();
  ProgressLine Progress(Options.Progress, Tasks.size());
  forEachParallel(Tasks.size(), [&](size_t I) {
    TuTask &T = Tasks[I];
    T.Outcome.Index = T.Index;
    switch (T.Decision) {
    case CoverDecision::Cached:
      takeCached(T);
      Progress.tuDone(T.Outcome.Facts.Models.size(), /*Cached=*/true);
      return;
    case CoverDecision::NoAnnotations:
    case CoverDecision::Covered:
      skip(T);
      Progress.tuDone(0, /*Cached=*/false);
      break;
    case CoverDecision::Parse:
      if (!T.ParsedEarly)
        parse(T);
      Progress.tuDone(T.Outcome.Facts.Models.size(), /*Cached=*/false);
      break;
    }
    if (Options.KeepFileLists && T.Deps)
      T.Outcome.Files = std::move(*T.Deps);
    T.Deps.reset();
  });
  Progress.finish();
}

void AnalysisRun::recordProject() {
  if (Cache)
    warnOfCacheWriteFailure(*Cache);
  // A shard sees part of the project; a TU without a key was not cached.
  if (!Cache || ShardCount > 1)
    return;
  std::vector<ManifestEntry> Entries;
  for (const TuTask &T : Tasks) {
    if (T.CacheKey.empty())
      return;
    Entries.push_back({T.Job->File, T.CacheKey});
  }
  writeProjectManifest(Options.CacheDir, Entries);
}

std::vector<TuOutcome> AnalysisRun::takeOutcomes(AnalysisStats &Stats) {
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
    // A skipped TU's file list came from a scan in this run or from the
    // cache (a deps-only entry): count which, so the total adds up.
    if (T.Decision == CoverDecision::NoAnnotations ||
        T.Decision == CoverDecision::Covered)
      ++(T.Scanned ? Stats.SkippedScanned : Stats.SkippedScanCached);
    Units.push_back(std::move(T.Outcome));
  }
  Tasks = std::vector<TuTask>();
  Hashes.reset();
  Cache.reset();
#ifdef __GLIBC__
  // The workers allocated (and freed) in their own malloc arenas; hand the
  // free pages back so that the peak is not theirs plus the graph's.
  malloc_trim(0);
#endif
  return Units;
}

} // namespace relcheck
