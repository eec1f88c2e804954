//===- OverlayTuRunner.cpp - one TU with unsaved buffers ------------------===//
//
// The TU runs through extractFactsFromCommand (same argument adjustments,
// same captured diagnostics); this file only stamps the files it read,
// its preamble's included.
//
//===----------------------------------------------------------------------===//
#include "extract/OverlayTuRunner.h"

#include <algorithm>

namespace relcheck {

OverlayTuResult
extractFactsWithOverlay(const clang::tooling::CompileCommand &Command,
                        const ExtractOptions &Options,
                        const std::map<std::string, std::string> &Overlay,
                        PreambleStore *Preambles) {
  OverlayTuResult Result;
  std::vector<FileStamp> PreambleFiles;
  Result.Facts = extractFactsFromCommand(
      Command, Options, &Overlay,
      [&](const clang::SourceManager &SM) {
        Result.Files = stampFiles(SM, Overlay);
      },
      Preambles, &PreambleFiles);
  mergeStamps(Result.Files, PreambleFiles);
  // Without an AST (the driver failed) the main file is still what the TU
  // depends on: a stamp that never matches makes it re-extracted next time.
  const std::string &MainFile = Result.Facts.MainFile;
  auto At = std::lower_bound(Result.Files.begin(), Result.Files.end(), MainFile,
                             [](const FileStamp &S, const std::string &P) {
                               return S.Path.str() < P;
                             });
  if (At == Result.Files.end() || At->Path != MainFile) {
    FileStamp Stamp;
    Stamp.Path = Stamp.OpenedAs = MainFile;
    Stamp.FromOverlay = Overlay.count(MainFile) != 0;
    Result.Files.insert(At, std::move(Stamp));
  }
  return Result;
}

} // namespace relcheck
