//===- OverlayTuRunner.h - one TU with unsaved buffers ----------*- C++ -*-===//
//
// extractFactsFromCommand for an editor: files the editor holds unsaved are
// read from memory instead of disk, and the result names every file the TU
// read, so a server knows which TUs to re-extract when one of them changes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "extract/FactExtractor.h"

#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace relcheck {

/// One file a TU read, as it was read: enough to tell later whether the
/// file changed since.
struct FileStamp {
  std::string Path; ///< Absolute, normalized as SourceSpan::File is.
  /// Absolute, as Clang opened it: ".." removed lexically may name another
  /// file when a directory on the way is a symlink (GCC's include paths).
  std::string OpenedAs;
  bool FromOverlay = false;
  std::time_t ModificationTime = 0; ///< On disk (0 for overlay files).
  uint64_t Size = 0;
  /// Hash of the bytes Clang read (std::hash); valid when HashKnown.
  size_t Hash = 0;
  bool HashKnown = false;
};

/// What one overlay run produces.
struct OverlayTuResult {
  TuFacts Facts;
  /// Every file the TU read (main file, headers, system headers); sorted by
  /// path, each once. The main file is always listed.
  std::vector<FileStamp> Files;
};

/// Parses one TU like extractFactsFromCommand (same argument adjustments,
/// same captured diagnostics) with the files of \p Overlay (absolute,
/// normalized path -> content) shadowing the disk. Thread-safe: everything
/// is per call.
OverlayTuResult
extractFactsWithOverlay(const clang::tooling::CompileCommand &Command,
                        const ExtractOptions &Options,
                        const std::map<std::string, std::string> &Overlay);

} // namespace relcheck
