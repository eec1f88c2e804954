//===- ProjectFacts.cpp ---------------------------------------------------===//
#include "ProjectFacts.h"

#include "ServerLog.h"
#include "driver/ConfiguredFindings.h"
#include "driver/Driver.h"
#include "driver/FactCache.h"
#include "driver/RegularFile.h"
#include "emit/Plural.h"
#include "graph/ModelGraph.h"
#include "rules/Registry.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <optional>

namespace relcheck::lsp {
namespace {

std::string normalized(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  if (llvm::sys::fs::make_absolute(Abs))
    return Path.str(); // No current directory: the path as given.
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Abs);
  return std::string(Abs);
}

size_t hashOf(const std::string &Text) {
  return std::hash<std::string_view>()(std::string_view(Text));
}

bool reads(const OverlayTuResult &R, const std::string &Path) {
  auto It = std::lower_bound(R.Files.begin(), R.Files.end(), Path,
                             [](const FileStamp &S, const std::string &P) {
                               return S.Path.str() < P;
                             });
  return It != R.Files.end() && It->Path == Path;
}

/// Whether files changed since a TU read them, each file checked once per
/// refresh (a header read by every TU is stat'ed once).
class ChangeDetector {
public:
  explicit ChangeDetector(const Overlay &Buffers) : Buffers(Buffers) {}

  bool changed(const FileStamp &S) { return differs(S, current(S)); }

private:
  struct Current {
    bool InBuffer = false;
    bool Exists = false;
    std::time_t ModificationTime = 0;
    uint64_t Size = 0;
    std::optional<size_t> Hash; ///< Buffer content, or disk content once read.
  };
  const Overlay &Buffers;
  /// By the interned path: with 2,000 TUs a refresh looks up 300,000
  /// stamps of a few hundred files.
  llvm::DenseMap<const std::string *, Current> States;

  Current &current(const FileStamp &S) {
    auto [It, New] = States.try_emplace(&S.OpenedAs.str());
    Current &C = It->second;
    if (!New)
      return C;
    if (auto B = Buffers.find(S.Path); B != Buffers.end()) {
      C.InBuffer = true;
      C.Exists = true;
      C.Hash = hashOf(B->second);
      return C;
    }
    llvm::sys::fs::file_status Status;
    if (!llvm::sys::fs::status(S.OpenedAs.str(), Status) &&
        llvm::sys::fs::exists(Status)) {
      C.Exists = true;
      C.ModificationTime = llvm::sys::toTimeT(Status.getLastModificationTime());
      C.Size = Status.getSize();
    }
    return C;
  }

  bool differs(const FileStamp &S, Current &C) {
    if (!C.Exists)
      return true;
    if (C.InBuffer && C.Hash) // A buffer's hash is always known.
      return S.HashKnown ? *C.Hash != S.Hash : !diskMatches(S, *C.Hash);
    if (!S.FromOverlay)
      return C.ModificationTime != S.ModificationTime || C.Size != S.Size;
    // Read from an editor buffer then, from the disk now (the file was
    // closed): the bytes decide.
    if (!C.Hash) {
      auto Buffer = readRegularFile(S.OpenedAs.str()); // No FIFO, device.
      C.Hash =
          Buffer ? std::hash<std::string_view>()(std::string_view(
                       (*Buffer)->getBufferStart(), (*Buffer)->getBufferSize()))
                 : 0;
    }
    return !S.HashKnown || C.Hash != S.Hash;
  }

  /// A stamp taken from the disk without reading the file (the facts came
  /// from the cache) against an editor buffer: unchanged when the file is
  /// still the one stamped and the buffer holds its bytes, as it does
  /// right after the editor opens it.
  bool diskMatches(const FileStamp &S, size_t BufferHash) {
    auto [It, New] = DiskHashes.try_emplace(S.OpenedAs);
    if (New) {
      llvm::sys::fs::file_status Status;
      if (!llvm::sys::fs::status(S.OpenedAs.str(), Status) &&
          llvm::sys::toTimeT(Status.getLastModificationTime()) ==
              S.ModificationTime &&
          Status.getSize() == S.Size)
        if (auto Buffer = readRegularFile(S.OpenedAs.str()))
          It->second = hashOf(std::string((*Buffer)->getBuffer()));
    }
    return It->second == BufferHash; // Unknown (unreadable) never matches.
  }
  std::map<std::string, std::optional<size_t>> DiskHashes;
};

/// Stamps of files as they are on disk now, each file stat'ed once: the
/// facts of a TU the driver took from the cache were vouched for by the
/// files' content hashes a moment ago.
class DiskStamps {
public:
  std::vector<FileStamp> of(const FileList &Files, const std::string &Main) {
    std::vector<FileStamp> Out;
    Out.reserve(Files.size() + 1);
    for (const std::string &F : Files)
      Out.push_back(stamp(F));
    Out.push_back(stamp(Main));
    std::sort(
        Out.begin(), Out.end(),
        [](const FileStamp &A, const FileStamp &B) { return A.Path < B.Path; });
    Out.erase(std::unique(Out.begin(), Out.end(),
                          [](const FileStamp &A, const FileStamp &B) {
                            return A.Path == B.Path;
                          }),
              Out.end());
    return Out;
  }

private:
  std::map<std::string, FileStamp> Known;

  const FileStamp &stamp(const std::string &Path) {
    auto [It, New] = Known.try_emplace(Path);
    if (New) {
      FileStamp &S = It->second;
      S.OpenedAs = Path;
      S.Path = normalized(Path);
      llvm::sys::fs::file_status Status;
      if (!llvm::sys::fs::status(Path, Status)) {
        S.ModificationTime =
            llvm::sys::toTimeT(Status.getLastModificationTime());
        S.Size = Status.getSize();
      }
    }
    return It->second;
  }
};

/// Writes a TU extracted in the editor to the fact cache, as the CLI would
/// have: only when it compiled and every file it read (unsaved buffers
/// included) has the bytes the disk has, since the entry vouches for the
/// disk.
void storeInCache(const clang::tooling::CompileCommand &Command,
                  const OverlayTuResult &Result, const Overlay &Buffers,
                  const ExtractOptions &Extract, FactCache &Cache,
                  FileHashes &Hashes) {
  if (!Result.Facts.CompileErrors.empty())
    return;
  CacheEntry Entry;
  Entry.Parsed = true;
  // Named as the CLI names them (extractFactsFromCommand's InputFiles):
  // absolute, ".." kept, since collapsing it across symlinks (GCC's
  // include paths) would name another file.
  std::map<std::string, const FileStamp *> ByName;
  for (const FileStamp &S : Result.Files) {
    llvm::SmallString<256> Name(S.OpenedAs.str());
    llvm::sys::path::remove_dots(Name, /*remove_dot_dot=*/false);
    ByName.emplace(std::string(Name), &S);
  }
  for (const auto &[Name, S] : ByName) {
    std::optional<FileHashes::Info> Info = Hashes.get(Name);
    if (!Info)
      return;
    if (S->FromOverlay) {
      auto B = Buffers.find(S->Path);
      if (B == Buffers.end() || contentHash(B->second) != Info->Hash)
        return;
    }
    Entry.Files.emplace_back(InternedString(Name), InternedString(Info->Hash));
  }
  Entry.Facts = Result.Facts;
  Cache.store(FactCache::key(extractionCommandLine(Command, Extract),
                             Command.Directory),
              Entry);
}

/// A file an editor might open that is worth compiling on its own: C and
/// C++ sources and headers by extension (a CMakeLists.txt opened while the
/// server runs for "cpp" buffers is not).
bool isCFamilyFile(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path).ltrim('.');
  for (const char *Known :
       {"c",   "cc",  "cpp", "cxx", "c++", "cp",  "C",   "h",    "hh", "hpp",
        "hxx", "h++", "H",   "ipp", "tpp", "inl", "ixx", "cppm", "m",  "mm"})
    if (Ext == Known)
      return true;
  return false;
}

/// Whether a unit contributes anything to the graph or the diagnostics.
bool holdsFacts(const TuFacts &Facts) {
  return !Facts.Models.empty() || !Facts.Tables.empty() ||
         !Facts.Issues.empty();
}

/// Records the current state of Changed (a buffer, or the disk) in Files,
/// for a unit that need not be re-extracted for them.
void restamp(std::vector<FileStamp> &Files,
             const std::set<std::string> &Changed, const Overlay &Buffers) {
  for (FileStamp &S : Files) {
    if (!Changed.count(S.Path))
      continue;
    if (auto B = Buffers.find(S.Path); B != Buffers.end()) {
      S.FromOverlay = S.HashKnown = true;
      S.Hash = hashOf(B->second);
      continue;
    }
    S.FromOverlay = S.HashKnown = false;
    llvm::sys::fs::file_status Status;
    if (!llvm::sys::fs::status(S.OpenedAs.str(), Status)) {
      S.ModificationTime = llvm::sys::toTimeT(Status.getLastModificationTime());
      S.Size = Status.getSize();
    }
  }
}

/// Facts minus everything declared in Files (stale there: a fresher TU
/// supplies them).
TuFacts withoutFiles(const TuFacts &Facts, const std::set<std::string> &Files) {
  TuFacts Out = Facts;
  auto In = [&](const SourceSpan &S) { return Files.count(S.File) != 0; };
  Out.Models.erase(
      std::remove_if(Out.Models.begin(), Out.Models.end(),
                     [&](const ModelFact &M) { return In(M.NameRange); }),
      Out.Models.end());
  Out.Tables.erase(
      std::remove_if(Out.Tables.begin(), Out.Tables.end(),
                     [&](const TableFact &T) { return In(T.NameRange); }),
      Out.Tables.end());
  Out.Issues.erase(
      std::remove_if(Out.Issues.begin(), Out.Issues.end(),
                     [&](const AnnotationIssue &I) { return In(I.Range); }),
      Out.Issues.end());
  return Out;
}

/// Adds to \p Out the files read both then and now whose content differs.
void changedSince(const std::vector<FileStamp> &Then,
                  const std::vector<FileStamp> &Now,
                  std::set<std::string> &Out) {
  auto ByPath = [](const FileStamp &A, const FileStamp &B) {
    return A.Path < B.Path;
  };
  for (const FileStamp &N : Now) {
    auto T = std::lower_bound(Then.begin(), Then.end(), N, ByPath);
    if (T == Then.end() || T->Path != N.Path)
      continue;
    bool Same = T->HashKnown && N.HashKnown
                    ? T->Hash == N.Hash
                    : T->FromOverlay == N.FromOverlay && !N.FromOverlay &&
                          T->ModificationTime == N.ModificationTime &&
                          T->Size == N.Size;
    if (!Same)
      Out.insert(N.Path);
  }
}

} // namespace

ProjectFacts::ProjectFacts(std::vector<const Rule *> Rules,
                           ExtractOptions Extract)
    : Rules(std::move(Rules)), Extract(std::move(Extract)),
      Pool(llvm::hardware_concurrency()) {}

ProjectFacts::~ProjectFacts() {
  // Exit during the initial indexing: finish the TUs being parsed, skip
  // the rest.
  Cancelled = true;
  if (IndexThread.joinable())
    IndexThread.join();
}

void ProjectFacts::start(TranslationUnitPlan Plan, std::string Cache,
                         std::function<void(const IndexSummary &)> OnIndexed) {
  Database = Plan.Database;
  Adjuster = Plan.Adjuster;
  CacheDir = std::move(Cache);
  IndexThread = std::thread([this, OnIndexed = std::move(OnIndexed),
                             Plan = std::move(Plan)]() mutable {
    IndexSummary Summary = index(std::move(Plan));
    if (OnIndexed && !Cancelled)
      OnIndexed(Summary);
  });
}

ProjectFacts::IndexSummary ProjectFacts::index(TranslationUnitPlan Plan) {
  auto Start = std::chrono::steady_clock::now();
  // The CLI's run, short of the graph: the server merges the facts with
  // the editor's buffers first.
  DriverRequest Request;
  Request.Plan = std::move(Plan);
  Request.Analysis.CacheDir = CacheDir;
  Request.Analysis.Exhaustive = false;
  Request.Analysis.KeepAllFacts = false;
  Request.Analysis.KeepUnitFacts = true;
  Request.Analysis.KeepFileLists = true;
  Request.Analysis.BuildGraph = false;
  Driver Run(std::move(Request));
  if (llvm::Error E = Run.run())
    return {"relcheck: " + llvm::toString(std::move(E)), {}};
  AnalysisResult &Result = Run.result();
  // Outcomes are indexed by position in the plan: job by job, command by
  // command.
  std::vector<const clang::tooling::CompileCommand *> Commands;
  for (const TranslationUnitJob &Job : Run.plan().Jobs)
    for (const clang::tooling::CompileCommand &C : Job.Commands)
      Commands.push_back(&C);
  DiskStamps Stamps;
  for (TuOutcome &O : Result.Units) {
    Unit U;
    U.Command = *Commands[O.Index];
    U.Result.Facts = std::move(O.Facts);
    if (U.Result.Facts.MainFile.empty())
      U.Result.Facts.MainFile = normalized(U.Command.Filename);
    U.Result.Files = Stamps.of(O.Files, U.Result.Facts.MainFile);
    Units.push_back(std::move(U));
  }
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - Start)
                .count();
  size_t Failed = std::count_if(Units.begin(), Units.end(),
                                [](const Unit &U) { return !U.compiled(); });
  std::string Line =
      "relcheck: indexed " + countOf(Units.size(), "translation unit") +
      " in " + std::to_string(Ms) + " ms (" + describeStats(Result.Stats) +
      ")" +
      (Failed ? " (" + std::to_string(Failed) +
                    (Failed == 1 ? " does" : " do") + " not compile)"
              : std::string());
  return {std::move(Line), std::move(Result.Report.Errors)};
}

void ProjectFacts::extract(const std::vector<size_t> &Indices,
                           const Overlay &Buffers, bool WithPreambles) {
  std::optional<FactCache> Cache;
  if (!CacheDir.empty())
    Cache.emplace(CacheDir);
  FileHashes Hashes; // Per refresh: files change between refreshes.
  for (size_t I : Indices)
    Pool.async([this, I, &Buffers, &Cache, &Hashes, WithPreambles] {
      if (Cancelled)
        return;
      OverlayTuResult Fresh =
          extractFactsWithOverlay(Units[I].Command, Extract, Buffers,
                                  WithPreambles ? &Preambles : nullptr);
      Unit &U = Units[I];
      if (Fresh.Facts.CompileErrors.empty())
        U.LastGood.reset();
      else if (U.compiled())
        U.LastGood = std::move(U.Result);
      U.Result = std::move(Fresh);
      if (Cache)
        storeInCache(Units[I].Command, Units[I].Result, Buffers, Extract,
                     *Cache, Hashes);
    });
  Pool.wait();
}

bool ProjectFacts::refresh(const Overlay &Buffers,
                           const std::set<std::string> &Wanted, bool Quick) {
  if (IndexThread.joinable())
    IndexThread.join();
  LastExtractions = 0;
  LastTimings = {};
  auto Lap = [Start = std::chrono::steady_clock::now()]() mutable {
    auto Now = std::chrono::steady_clock::now();
    long Ms = std::chrono::duration_cast<std::chrono::milliseconds>(Now - Start)
                  .count();
    Start = Now;
    return Ms;
  };
  if (!Database)
    return false;
  bool Changed = Dirty;

  // Open files no TU reads get a TU of their own; those no longer needed
  // (closed, or now read by a listed TU) go.
  auto ReadByListed = [&](const std::string &Path) {
    return std::any_of(Units.begin(), Units.end(), [&](const Unit &U) {
      return !U.ForOpenFile && reads(U.Result, Path);
    });
  };
  size_t Before = Units.size();
  Units.erase(std::remove_if(Units.begin(), Units.end(),
                             [&](const Unit &U) {
                               return U.ForOpenFile &&
                                      (!Wanted.count(U.Result.Facts.MainFile) ||
                                       ReadByListed(U.Result.Facts.MainFile));
                             }),
              Units.end());
  Changed |= Units.size() != Before;

  std::vector<size_t> Stale;
  std::map<size_t, std::set<std::string>> ChangedFiles; // Per stale unit.
  ChangeDetector Detector(Buffers);
  for (size_t I = 0; I < Units.size(); ++I)
    for (const FileStamp &S : Units[I].Result.Files)
      if (Detector.changed(S))
        ChangedFiles[I].insert(S.Path);
  Stale.reserve(ChangedFiles.size());
  for (const auto &[I, Files] : ChangedFiles)
    Stale.push_back(I);
  for (const std::string &Path : Wanted) {
    if (!isCFamilyFile(Path))
      continue;
    bool Read = std::any_of(Units.begin(), Units.end(), [&](const Unit &U) {
      return reads(U.Result, Path);
    });
    if (Read) {
      RefusedCommands.erase(Path);
      continue;
    }
    std::vector<clang::tooling::CompileCommand> Commands =
        Database->Database->getCompileCommands(Path);
    // A command whose response files cannot be expanded is left out, and
    // the file is not analyzed: said at the file (failuresFor).
    std::vector<std::string> Problems = Database->ResponseFileProblems->take();
    if (Commands.empty() && !Problems.empty())
      RefusedCommands[Path] = Problems.front();
    else
      RefusedCommands.erase(Path);
    if (Commands.empty())
      continue;
    Unit U;
    U.Command = std::move(Commands.front());
    if (Adjuster)
      U.Command.CommandLine =
          Adjuster(U.Command.CommandLine, U.Command.Filename);
    U.ForOpenFile = true;
    U.Result.Facts.MainFile = Path;
    Units.push_back(std::move(U));
    Stale.push_back(Units.size() - 1);
  }

  for (Unit &U : Units)
    U.Hidden.clear();
  Incomplete = false;
  if (Quick)
    Stale = quickSubset(Stale, ChangedFiles, Buffers);

  LastTimings.Detect = Lap();
  if (!Stale.empty()) {
    // The quick pass answers the edit: the units it picks are the ones
    // the next edit of the same header picks again.
    extract(Stale, Buffers, /*WithPreambles=*/Quick);
    LastExtractions = Stale.size();
    Changed = true;
  }
  LastTimings.Extract = Lap();
  if (Changed)
    rebuild();
  LastTimings.Graph = Lap();
  return Changed;
}

std::vector<size_t> ProjectFacts::quickSubset(
    const std::vector<size_t> &Stale,
    const std::map<size_t, std::set<std::string>> &ChangedFiles,
    const Overlay &Buffers) {
  // Units whose main file changed run, and units never extracted yet (new
  // units for open files); then one more unit for each changed file they
  // do not cover.
  std::set<size_t> Run;
  std::set<std::string> Covered;
  for (size_t I : Stale) {
    auto Files = ChangedFiles.find(I);
    if (Files == ChangedFiles.end() ||
        Files->second.count(Units[I].Result.Facts.MainFile)) {
      Run.insert(I);
      if (Files != ChangedFiles.end())
        Covered.insert(Files->second.begin(), Files->second.end());
    }
  }
  for (size_t I : Stale) {
    if (Run.count(I))
      continue;
    for (const std::string &File : ChangedFiles.at(I))
      if (!Covered.count(File)) {
        Run.insert(I);
        Covered.insert(ChangedFiles.at(I).begin(), ChangedFiles.at(I).end());
        break;
      }
  }
  for (size_t I : Stale) {
    if (Run.count(I))
      continue;
    Unit &U = Units[I];
    // A unit the cover left unparsed holds no facts: another unit read the
    // same files, and the one re-extracted above reads the changed ones.
    // As for the CLI, re-parsing it would add nothing.
    if (U.compiled() && !holdsFacts(U.Result.Facts)) {
      restamp(U.Result.Files, ChangedFiles.at(I), Buffers);
      continue;
    }
    U.Hidden = ChangedFiles.at(I);
    Incomplete = true;
  }
  return std::vector<size_t>(Run.begin(), Run.end());
}

void ProjectFacts::rebuild() {
  std::vector<TuFacts> Input;
  StaleFiles.clear();
  for (const Unit &U : Units) {
    const OverlayTuResult *Good = U.compiled() ? &U.Result : nullptr;
    if (!Good && U.LastGood) {
      Good = &*U.LastGood;
      changedSince(U.LastGood->Files, U.Result.Files, StaleFiles);
    }
    if (Good)
      Input.push_back(U.Hidden.empty() ? Good->Facts
                                       : withoutFiles(Good->Facts, U.Hidden));
  }
  ModelGraph Graph = ModelGraph::build(Input);
  // NOLINT comments are read from the disk, so an unsaved one takes effect
  // on save.
  std::vector<const TuFacts *> Facts;
  Facts.reserve(Input.size());
  for (const TuFacts &TU : Input)
    Facts.push_back(&TU);
  std::vector<ToolError> Errors;
  Findings = configuredFindings(Graph, Rules, ConfigRoot, Facts, Errors);
  for (const ToolError &E : Errors)
    logLine("relcheck lsp: " + E.Message);
  Dirty = false;
}

std::vector<FailedUnit>
ProjectFacts::failuresFor(const std::string &File) const {
  std::vector<FailedUnit> Out;
  auto Refused = RefusedCommands.find(File);
  if (Refused != RefusedCommands.end()) {
    FailedUnit F;
    F.MainFile = File;
    F.Message = "'" + File + "' is not analyzed: " + Refused->second;
    F.CommandRefused = true;
    Out.push_back(std::move(F));
  }
  for (const Unit &U : Units) {
    if (U.compiled() || !reads(U.Result, File))
      continue;
    FailedUnit F;
    F.MainFile = U.Result.Facts.MainFile;
    const CompileError &First = U.Result.Facts.CompileErrors.front();
    std::string Where;
    if (First.Range.isValid())
      Where = First.Range.File + ":" + std::to_string(First.Range.Line) + ":" +
              std::to_string(First.Range.Column) + ": ";
    F.Message =
        "'" + F.MainFile + "' does not compile: " + Where + First.Message;
    F.KeepsLastGood = U.LastGood.has_value();
    for (const CompileError &E : U.Result.Facts.CompileErrors)
      if (E.Range.File == File) {
        F.ErrorInFile = E.Range;
        break;
      }
    Out.push_back(std::move(F));
  }
  return Out;
}

bool ProjectFacts::isRead(const std::string &File) const {
  return std::any_of(Units.begin(), Units.end(),
                     [&](const Unit &U) { return reads(U.Result, File); });
}

} // namespace relcheck::lsp
