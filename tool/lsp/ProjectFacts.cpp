//===- ProjectFacts.cpp ---------------------------------------------------===//
#include "ProjectFacts.h"
#include "ConfiguredFindings.h"

#include "graph/ModelGraph.h"
#include "rules/Registry.h"

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
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Abs);
  return std::string(Abs);
}

size_t hashOf(const std::string &Text) {
  return std::hash<std::string_view>()(std::string_view(Text));
}

bool sameCommand(const clang::tooling::CompileCommand &A,
                 const clang::tooling::CompileCommand &B) {
  return A.Directory == B.Directory && A.CommandLine == B.CommandLine &&
         A.Filename == B.Filename;
}

bool reads(const OverlayTuResult &R, const std::string &Path) {
  auto It = std::lower_bound(
      R.Files.begin(), R.Files.end(), Path,
      [](const FileStamp &S, const std::string &P) { return S.Path < P; });
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
  std::map<std::string, Current> States;

  Current &current(const FileStamp &S) {
    auto [It, New] = States.try_emplace(S.OpenedAs);
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
    if (!llvm::sys::fs::status(S.OpenedAs, Status) &&
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
    if (C.InBuffer)
      return !S.HashKnown || *C.Hash != S.Hash;
    if (!S.FromOverlay)
      return C.ModificationTime != S.ModificationTime || C.Size != S.Size;
    // Read from an editor buffer then, from the disk now (the file was
    // closed): the bytes decide.
    if (!C.Hash) {
      auto Buffer = llvm::MemoryBuffer::getFile(S.OpenedAs);
      C.Hash =
          Buffer ? std::hash<std::string_view>()(std::string_view(
                       (*Buffer)->getBufferStart(), (*Buffer)->getBufferSize()))
                 : 0;
    }
    return !S.HashKnown || *C.Hash != S.Hash;
  }
};

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

void ProjectFacts::start(
    std::unique_ptr<clang::tooling::CompilationDatabase> Db,
    std::function<void(const std::string &)> OnIndexed) {
  Database = std::move(Db);
  std::vector<std::string> Files;
  for (const std::string &F : Database->getAllFiles())
    Files.push_back(normalized(F));
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  for (const std::string &File : Files)
    for (clang::tooling::CompileCommand &C :
         Database->getCompileCommands(File)) {
      bool Duplicate = std::any_of(Units.begin(), Units.end(), [&](auto &U) {
        return sameCommand(U.Command, C);
      });
      if (!Duplicate) {
        Unit U;
        U.Command = std::move(C);
        Units.push_back(std::move(U));
      }
    }

  IndexThread = std::thread([this, OnIndexed] {
    auto Start = std::chrono::steady_clock::now();
    std::vector<size_t> All(Units.size());
    for (size_t I = 0; I < All.size(); ++I)
      All[I] = I;
    extract(All, Overlay());
    auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - Start)
                  .count();
    size_t Failed = std::count_if(Units.begin(), Units.end(),
                                  [](const Unit &U) { return !U.Compiled(); });
    if (OnIndexed && !Cancelled)
      OnIndexed("relcheck: indexed " + std::to_string(Units.size()) +
                " translation units in " + std::to_string(Ms) + " ms" +
                (Failed ? " (" + std::to_string(Failed) + " do not compile)"
                        : std::string()));
  });
}

void ProjectFacts::extract(const std::vector<size_t> &Indices,
                           const Overlay &Buffers) {
  for (size_t I : Indices)
    Pool.async([this, I, &Buffers] {
      if (Cancelled)
        return;
      Units[I].Result =
          extractFactsWithOverlay(Units[I].Command, Extract, Buffers);
    });
  Pool.wait();
}

bool ProjectFacts::refresh(const Overlay &Buffers,
                           const std::set<std::string> &Wanted, bool Quick) {
  if (IndexThread.joinable())
    IndexThread.join();
  LastExtractions = 0;
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
  for (const auto &[I, Files] : ChangedFiles)
    Stale.push_back(I);
  for (const std::string &Path : Wanted) {
    if (!isCFamilyFile(Path))
      continue;
    bool Read = std::any_of(Units.begin(), Units.end(), [&](const Unit &U) {
      return reads(U.Result, Path);
    });
    if (Read)
      continue;
    std::vector<clang::tooling::CompileCommand> Commands =
        Database->getCompileCommands(Path);
    if (Commands.empty())
      continue;
    Unit U;
    U.Command = std::move(Commands.front());
    U.ForOpenFile = true;
    U.Result.Facts.MainFile = Path;
    Units.push_back(std::move(U));
    Stale.push_back(Units.size() - 1);
  }

  for (Unit &U : Units)
    U.Hidden.clear();
  Incomplete = false;
  if (Quick)
    Stale = quickSubset(Stale, ChangedFiles);

  if (!Stale.empty()) {
    extract(Stale, Buffers);
    LastExtractions = Stale.size();
    Changed = true;
  }
  if (Changed)
    rebuild();
  return Changed;
}

std::vector<size_t> ProjectFacts::quickSubset(
    const std::vector<size_t> &Stale,
    const std::map<size_t, std::set<std::string>> &ChangedFiles) {
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
  for (size_t I : Stale)
    if (!Run.count(I)) {
      Units[I].Hidden = ChangedFiles.at(I);
      Incomplete = true;
    }
  return std::vector<size_t>(Run.begin(), Run.end());
}

void ProjectFacts::rebuild() {
  std::vector<TuFacts> Input;
  for (const Unit &U : Units)
    if (U.Compiled())
      Input.push_back(U.Hidden.empty()
                          ? U.Result.Facts
                          : withoutFiles(U.Result.Facts, U.Hidden));
  ModelGraph Graph = ModelGraph::build(Input);
  Findings = configuredFindings(Graph, Input);
  Dirty = false;
}

std::vector<Finding>
ProjectFacts::configuredFindings(const ModelGraph &Graph,
                                 const std::vector<TuFacts> &Input) {
  // A resolver per analysis: an edited .relcheck.yaml applies at the next
  // save without restarting the server. NOLINT comments are read from the
  // disk, so an unsaved one takes effect on save.
  ConfigResolver Configs(Rules, ConfigOverrides());
  llvm::Expected<const EffectiveConfig &> RunConfig =
      Configs.forFile(ConfigRoot.empty() ? "." : ConfigRoot,
                      /*IsDirectory=*/true);
  if (!RunConfig) {
    llvm::errs() << "relcheck lsp: " << llvm::toString(RunConfig.takeError())
                 << "; every rule runs with its defaults\n";
    return runRules(Graph, Rules, RuleOptions());
  }
  std::vector<ToolError> Errors;
  std::vector<Finding> Out =
      runConfiguredRules(Graph, Configs, *RunConfig, Errors);
  FindingPolicy Policy;
  Policy.RunConfig = &*RunConfig;
  std::vector<const TuFacts *> Facts;
  for (const TuFacts &TU : Input) {
    Facts.push_back(&TU);
    Policy.MainFiles.push_back(TU.MainFile);
  }
  Policy.ModelFiles = modelFiles(Facts);
  PolicyStats Hidden;
  Out = applyFindingPolicy(std::move(Out), Configs, Policy, Hidden, Errors);
  for (const ToolError &E : Errors)
    llvm::errs() << "relcheck lsp: " << E.Message << '\n';
  return Out;
}

std::vector<FailedUnit>
ProjectFacts::failuresFor(const std::string &File) const {
  std::vector<FailedUnit> Out;
  for (const Unit &U : Units) {
    if (U.Compiled() || !reads(U.Result, File))
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
