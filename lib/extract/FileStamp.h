//===- FileStamp.h - what a TU read, as it read it --------------*- C++ -*-===//
//
// A server keeps, for each TU it extracted, a stamp of every file the TU
// read, to tell later which TUs an edit can change.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/InternedString.h"

#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace relcheck {

/// One file a TU read, as it was read: enough to tell later whether the
/// file changed since.
/// Paths are interned: a server holds a stamp of every file of every TU
/// (300,000 at 2,000 TUs) and looks each one up at every edit.
struct FileStamp {
  InternedString Path; ///< Absolute, normalized as SourceSpan::File is.
  /// Absolute, as Clang opened it: ".." removed lexically may name another
  /// file when a directory on the way is a symlink (GCC's include paths).
  InternedString OpenedAs;
  bool FromOverlay = false;
  std::time_t ModificationTime = 0; ///< On disk (0 for overlay files).
  uint64_t Size = 0;
  /// Hash of the bytes Clang read (std::hash); valid when HashKnown.
  size_t Hash = 0;
  bool HashKnown = false;
};

/// Every file \p SM loaded, stamped, sorted by path, each once. Files of
/// \p Overlay (absolute, normalized path -> content) are marked FromOverlay.
std::vector<FileStamp>
stampFiles(const clang::SourceManager &SM,
           const std::map<std::string, std::string> &Overlay);

/// \p Into plus the stamps of \p More for paths it does not list; sorted.
void mergeStamps(std::vector<FileStamp> &Into,
                 const std::vector<FileStamp> &More);

} // namespace relcheck
