//===- DependencyPrefilter.cpp --------------------------------------------===//
#include "DependencyPrefilter.h"

#include "extract/RegularFilesOnly.h"

#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace relcheck {

using namespace clang::tooling::dependencies;

DependencyScanner::DependencyScanner()
    : Service(std::make_unique<DependencyScanningService>(
          ScanningMode::DependencyDirectivesScan, ScanningOutputFormat::Full,
          ScanningOptimizations::None, /*EagerLoadModules=*/false)) {}

DependencyScanner::~DependencyScanner() = default;

std::optional<FileList>
DependencyScanner::scan(const std::vector<std::string> &CommandLine,
                        llvm::StringRef Directory, std::string &Error) {
  DependencyScanningTool Tool(*Service, createRegularFilesOnlyFileSystem());
  llvm::DenseSet<clang::tooling::dependencies::ModuleID> AlreadySeen;
  llvm::Expected<TranslationUnitDeps> Deps =
      Tool.getTranslationUnitDependencies(
          CommandLine, Directory, AlreadySeen,
          [](const ModuleID &, ModuleOutputKind) { return std::string(); });
  if (!Deps) {
    Error = llvm::toString(Deps.takeError());
    return std::nullopt;
  }
  FileList Files;
  for (const std::string &F : Deps->FileDeps) {
    llvm::SmallString<256> Path(F);
    if (!llvm::sys::path::is_absolute(Path)) {
      llvm::SmallString<256> Joined(Directory);
      llvm::sys::path::append(Joined, Path);
      Path = Joined;
    }
    // ".." kept: collapsing it across a symlink would name another file.
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    Files.emplace_back(std::string_view(Path.data(), Path.size()));
  }
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

std::string flagGroup(const std::vector<std::string> &CommandLine,
                      llvm::StringRef MainFileAsGiven,
                      llvm::StringRef Directory) {
  // The database's "file" may be absolute while the command names it
  // relative to the directory (CMake's "-c src/a.cpp"): both spell the
  // main file.
  auto Absolute = [&](llvm::StringRef Path) {
    llvm::SmallString<256> Abs(Path);
    if (!llvm::sys::path::is_absolute(Abs)) {
      Abs = Directory;
      llvm::sys::path::append(Abs, Path);
    }
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  };
  const std::string Main = Absolute(MainFileAsGiven);
  std::string Key = Directory.str();
  for (size_t I = 1; I < CommandLine.size(); ++I) { // argv[0]: the driver.
    if (CommandLine[I] == MainFileAsGiven ||
        (!llvm::StringRef(CommandLine[I]).starts_with("-") &&
         Absolute(CommandLine[I]) == Main))
      continue;
    Key += '\0';
    Key += CommandLine[I];
  }
  return Key;
}

std::vector<CoverDecision>
chooseCover(const std::vector<CoverCandidate> &Candidates, FileHashes &Hashes) {
  std::vector<CoverDecision> Decision(Candidates.size(), CoverDecision::Parse);
  // Per TU: its files that may hold annotations.
  std::vector<FileList> Annotated(Candidates.size());
  auto IsAnnotated = [&](const std::string &File) {
    std::optional<FileHashes::Info> Info = Hashes.get(File);
    // Unreadable now: let the parse find out (and report) what it is.
    return !Info || Info->MayHoldAnnotations;
  };
  std::map<std::string, std::vector<size_t>> Groups;
  for (size_t I = 0; I < Candidates.size(); ++I) {
    const CoverCandidate &C = Candidates[I];
    if (C.HasFacts) {
      Decision[I] = CoverDecision::Cached;
    } else if (!C.DepsKnown) {
      Decision[I] = CoverDecision::Parse;
      continue;
    }
    for (InternedString F : C.Files)
      if (IsAnnotated(F))
        Annotated[I].push_back(F);
    if (Annotated[I].empty()) {
      if (!C.HasFacts)
        Decision[I] = CoverDecision::NoAnnotations;
      continue;
    }
    Groups[C.Group].push_back(I);
  }

  for (auto &[Group, Members] : Groups) {
    (void)Group;
    llvm::StringSet<> Covered;
    std::vector<size_t> Open;
    // Cached facts cover their files for free; a main file with
    // annotations is only ever seen by its own TU.
    for (size_t I : Members) {
      const CoverCandidate &C = Candidates[I];
      bool MainAnnotated = std::find(Annotated[I].begin(), Annotated[I].end(),
                                     C.MainFile) != Annotated[I].end();
      if (C.HasFacts || MainAnnotated) {
        for (const std::string &F : Annotated[I])
          Covered.insert(F);
      } else {
        Open.push_back(I);
      }
    }
    for (;;) {
      size_t Best = 0, BestGain = 0;
      for (size_t I : Open) {
        size_t Gain = 0;
        for (const std::string &F : Annotated[I])
          Gain += !Covered.contains(F);
        if (Gain > BestGain) {
          BestGain = Gain;
          Best = I;
        }
      }
      if (BestGain == 0)
        break;
      for (const std::string &F : Annotated[Best])
        Covered.insert(F);
      Open.erase(std::find(Open.begin(), Open.end(), Best));
    }
    for (size_t I : Open)
      Decision[I] = CoverDecision::Covered;
  }
  return Decision;
}

} // namespace relcheck
