//===- ProjectFacts.h - the whole project's facts, kept current -*- C++ -*-===//
//
// What `relcheck lsp` knows: the facts of every translation unit of the
// compilation database, held in memory, the model graph merged from them
// and the findings of the rules. Indexing runs the driver in the
// background, exactly as the CLI runs it: the fact cache answers what it
// can, and only a cover set of the other TUs is parsed (the rest have no
// annotation, or only headers another TU supplies). Afterwards refresh()
// re-extracts only the TUs that read a file that changed (on disk, or in
// the editor's unsaved buffers), writes what it re-extracted from the disk
// back to the cache (the CLI and the editor share it), then re-merges the
// graph and re-runs the rules, as the CLI does for the whole project. So a
// finding that pairs two headers appears whichever of them is open.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "driver/TranslationUnitPlan.h"
#include "extract/OverlayTuRunner.h"
#include "extract/PreambleStore.h"
#include "findings/Finding.h"
#include "rules/Rule.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/ThreadPool.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace relcheck::lsp {

/// A translation unit that read a file but does not compile.
struct FailedUnit {
  std::string MainFile;
  /// "'/abs/a.cpp' does not compile: /abs/x.hpp:3:5: <first error>".
  std::string Message;
  /// The first compile error located in the file asked about, if any.
  SourceSpan ErrorInFile;
  /// The facts of its last version that compiled still count.
  bool KeepsLastGood = false;
  /// Not run at all: the database's command for the file was left out
  /// for its response files (Message says why).
  bool CommandRefused = false;
};

/// Unsaved editor buffers: absolute, normalized path -> content.
using Overlay = std::map<std::string, std::string>;

class ProjectFacts {
public:
  ProjectFacts(std::vector<const Rule *> Rules, ExtractOptions Extract);
  ~ProjectFacts();

  /// What indexing did: a one-line summary, and the inputs it could not
  /// analyze (a command whose response files cannot be expanded, a source
  /// that is no regular file, ...), as the CLI reports them.
  struct IndexSummary {
    std::string Line;
    std::vector<ToolError> Errors;
  };

  /// Starts indexing the TUs of \p Plan (planned from a database, which
  /// interpolates commands for unlisted files) in the background, through
  /// the fact cache in \p CacheDir ("" = none). \p OnIndexed is called
  /// from the indexing thread when it is done.
  void start(TranslationUnitPlan Plan, std::string CacheDir,
             std::function<void(const IndexSummary &)> OnIndexed);
  bool hasDatabase() const { return Database != nullptr; }

  /// Brings the facts up to date with the disk and \p Buffers (waiting for
  /// the indexing first): re-extracts every TU that read a changed file;
  /// gives each of \p Wanted (open files) that no TU reads a TU of its own
  /// with the command the database infers for it (how a header that no
  /// listed file includes gets analyzed). Rebuilds the graph and the
  /// findings when anything changed. Returns whether it did.
  ///
  /// With \p Quick, a changed header read by many TUs is re-extracted
  /// through one of them only (plus every TU whose main file changed); the
  /// others keep their facts minus what lies in the changed files, which
  /// the fresh TU supplies. The findings are then those of the full
  /// refresh unless a changed header means something different to another
  /// TU (macros); incomplete() says a full refresh is still owed.
  bool refresh(const Overlay &Buffers, const std::set<std::string> &Wanted,
               bool Quick = false);
  /// A quick refresh left TUs to re-extract.
  bool incomplete() const { return Incomplete; }

  /// The directory whose .relcheck.yaml governs the run-wide settings (the
  /// header filter), as the current directory does for the CLI: the
  /// workspace root. Each finding's own settings come from its file's
  /// nearest .relcheck.yaml, as in the CLI.
  void setConfigRoot(std::string Dir) { ConfigRoot = std::move(Dir); }

  /// Sorted findings of the last refresh.
  const std::vector<Finding> &findings() const { return Findings; }
  /// The TUs that read \p File and do not compile.
  std::vector<FailedUnit> failuresFor(const std::string &File) const;
  /// Whether the findings in \p File come from the last version of it that
  /// compiled: a TU that read it no longer compiles (an edit under way)
  /// and still contributes the facts of its last good extraction, which
  /// \p File changed since.
  bool isStale(const std::string &File) const {
    return StaleFiles.count(File) != 0;
  }
  const std::set<std::string> &staleFiles() const { return StaleFiles; }
  /// Whether some TU read \p File (after the last refresh).
  bool isRead(const std::string &File) const;
  /// TUs held, and how many extractions the last refresh ran (for logs).
  size_t unitCount() const { return Units.size(); }
  size_t lastExtractions() const { return LastExtractions; }
  const PreambleStore &preambles() const { return Preambles; }
  /// Where the last refresh spent its time (milliseconds), for the log:
  /// finding the changed files, re-extracting, the graph and the rules.
  struct Timings {
    long Detect = 0, Extract = 0, Graph = 0;
  };
  const Timings &lastTimings() const { return LastTimings; }

private:
  struct Unit {
    clang::tooling::CompileCommand Command;
    /// Added for an open file no listed TU reads; dropped when that file
    /// is no longer wanted.
    bool ForOpenFile = false;
    OverlayTuResult Result;
    /// While Result does not compile: the last extraction that did, whose
    /// facts the graph keeps (an unfinished edit must not make the models
    /// it reads disappear, and their findings with them).
    std::optional<OverlayTuResult> LastGood;
    /// After a quick refresh: stale, and these changed files' facts are
    /// left out of the graph until it is re-extracted.
    std::set<std::string> Hidden;
    bool compiled() const { return Result.Facts.CompileErrors.empty(); }
  };

  std::vector<const Rule *> Rules;
  ExtractOptions Extract;
  std::string ConfigRoot;
  std::shared_ptr<LoadedDatabase> Database;
  /// --extra-arg: applied to the commands of open files, as to the plan's.
  clang::tooling::ArgumentsAdjuster Adjuster;
  std::string CacheDir;
  std::vector<Unit> Units;
  std::thread IndexThread;
  llvm::DefaultThreadPool Pool;
  std::vector<Finding> Findings;
  std::set<std::string> StaleFiles;
  /// Open files no TU reads whose inferred command was left out for its
  /// response files: path -> the first problem.
  std::map<std::string, std::string> RefusedCommands;
  /// The system headers of the TUs a quick refresh re-extracts, compiled
  /// once: the next edit re-parses only what follows them.
  PreambleStore Preambles;
  size_t LastExtractions = 0;
  Timings LastTimings;
  bool Dirty = true; ///< The findings do not reflect Units yet.
  bool Incomplete = false;
  /// Set when the server goes away: pending extractions are skipped.
  std::atomic<bool> Cancelled{false};

  /// The stale units a quick refresh re-extracts; marks the others that
  /// hold facts Hidden, and re-stamps those that hold none (the cover left
  /// them unparsed: they need no re-extraction).
  std::vector<size_t>
  quickSubset(const std::vector<size_t> &Stale,
              const std::map<size_t, std::set<std::string>> &ChangedFiles,
              const Overlay &Buffers);
  /// Runs the driver over \p Plan; fills Units.
  IndexSummary index(TranslationUnitPlan Plan);
  /// Extracts the units at \p Indices with \p Buffers, in parallel, and
  /// caches those whose files all match the disk. \p WithPreambles: through
  /// Preambles (worth it for the units re-extracted at every edit).
  void extract(const std::vector<size_t> &Indices, const Overlay &Buffers,
               bool WithPreambles);
  void rebuild();
};

} // namespace relcheck::lsp
