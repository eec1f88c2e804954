//===- SourceSnapshot.h - file bytes as the analysis saw them ---*- C++ -*-===//
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

namespace relcheck {

/// The content of every file the analysis drew facts from, read right after
/// the translation unit that first saw it was parsed. Fix offsets are only
/// meaningful against these bytes: --fix writes a file only while it still
/// holds them, and a file that changed between two translation units (or
/// whose annotation text no longer matches what Clang parsed) gets no fix.
class SourceSnapshot {
public:
  /// Records Content for Path. A second recording of different bytes marks
  /// Path as changed during the analysis (the first bytes are kept).
  void record(const std::string &Path, std::string Content);
  /// Marks Path as changed during the analysis (e.g. its text disagrees
  /// with the facts extracted from it).
  void markChanged(const std::string &Path);

  /// The recorded bytes, or null when Path was never recorded.
  const std::string *content(const std::string &Path) const;
  bool changedDuringAnalysis(const std::string &Path) const;
  bool contains(const std::string &Path) const {
    return Contents.count(Path) != 0;
  }

private:
  std::map<std::string, std::string> Contents;
  std::set<std::string> Changed;
};

/// Reads a whole file as bytes; nullopt when it cannot be read.
std::optional<std::string> readFileBytes(const std::string &Path);

} // namespace relcheck
