//===- OverlayTuRunner.h - one TU with unsaved buffers ----------*- C++ -*-===//
//
// extractFactsFromCommand for an editor: files the editor holds unsaved are
// read from memory instead of disk, and the result names every file the TU
// read, so a server knows which TUs to re-extract when one of them changes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "extract/FactExtractor.h"
#include "extract/FileStamp.h"

#include <map>
#include <string>
#include <vector>

namespace relcheck {

/// What one overlay run produces.
struct OverlayTuResult {
  TuFacts Facts;
  /// Every file the TU read (main file, headers, system headers); sorted by
  /// path, each once. The main file is always listed.
  std::vector<FileStamp> Files;
};

/// Parses one TU like extractFactsFromCommand (same argument adjustments,
/// same captured diagnostics) with the files of \p Overlay (absolute,
/// normalized path -> content) shadowing the disk. With \p Preambles, the
/// TU's system headers come from a precompiled preamble kept there (the
/// same facts; the stamps list the preamble's files too). Thread-safe:
/// everything else is per call.
OverlayTuResult
extractFactsWithOverlay(const clang::tooling::CompileCommand &Command,
                        const ExtractOptions &Options,
                        const std::map<std::string, std::string> &Overlay,
                        PreambleStore *Preambles = nullptr);

} // namespace relcheck
