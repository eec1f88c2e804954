//===- OverlayTuRunner.cpp - one TU with unsaved buffers ------------------===//
//
// The TU runs through extractFactsFromCommand (same argument adjustments,
// same captured diagnostics); this file only stamps the files it read.
//
//===----------------------------------------------------------------------===//
#include "extract/OverlayTuRunner.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace relcheck {
namespace {

/// Every file the source manager loaded, stamped, sorted by path.
std::vector<FileStamp>
stampFiles(const clang::SourceManager &SM,
           const std::map<std::string, std::string> &Overlay) {
  std::map<std::string, FileStamp> Files;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    FileStamp Stamp;
    Stamp.OpenedAs = std::string(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    llvm::sys::path::native(Path);
    Stamp.Path = std::string(Path);
    Stamp.FromOverlay = Overlay.count(Stamp.Path) != 0;
    Stamp.ModificationTime = It->first.getModificationTime();
    Stamp.Size = static_cast<uint64_t>(It->first.getSize());
    if (std::optional<llvm::MemoryBufferRef> Buffer =
            It->second->getBufferIfLoaded()) {
      Stamp.Hash = std::hash<std::string_view>()(std::string_view(
          Buffer->getBufferStart(), Buffer->getBufferSize()));
      Stamp.HashKnown = true;
    }
    Files.emplace(Stamp.Path, std::move(Stamp));
  }
  std::vector<FileStamp> Sorted;
  for (auto &[Path, Stamp] : Files)
    Sorted.push_back(std::move(Stamp));
  return Sorted;
}

} // namespace

OverlayTuResult
extractFactsWithOverlay(const clang::tooling::CompileCommand &Command,
                        const ExtractOptions &Options,
                        const std::map<std::string, std::string> &Overlay) {
  OverlayTuResult Result;
  Result.Facts = extractFactsFromCommand(
      Command, Options, &Overlay, [&](const clang::SourceManager &SM) {
        Result.Files = stampFiles(SM, Overlay);
      });
  // Without an AST (the driver failed) the main file is still what the TU
  // depends on: a stamp that never matches makes it re-extracted next time.
  const std::string &MainFile = Result.Facts.MainFile;
  auto At = std::lower_bound(
      Result.Files.begin(), Result.Files.end(), MainFile,
      [](const FileStamp &S, const std::string &P) { return S.Path < P; });
  if (At == Result.Files.end() || At->Path != MainFile) {
    FileStamp Stamp;
    Stamp.Path = Stamp.OpenedAs = MainFile;
    Stamp.FromOverlay = Overlay.count(MainFile) != 0;
    Result.Files.insert(At, std::move(Stamp));
  }
  return Result;
}

} // namespace relcheck
