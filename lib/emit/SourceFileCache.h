//===- SourceFileCache.h - source lines for diagnostics ---------*- C++ -*-===//
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relcheck {

/// Reads each source file once and hands out its lines, so the text emitter
/// can print the line under a diagnostic like clang does. The ASTs are gone by
/// the time findings are printed, hence this re-read from disk.
class SourceFileCache {
public:
  /// Line \p Line (1-based) of \p Path without its line terminator ("\n" or
  /// "\r\n"), or nullopt when the file cannot be read or is shorter.
  std::optional<std::string_view> line(const std::string &Path, unsigned Line);

  /// 1-based line and byte column of byte \p Offset of \p Path (Offset may
  /// be the file's size), or nullopt when the file cannot be read or is
  /// shorter. For fix edits, which carry offsets only.
  std::optional<std::pair<unsigned, unsigned>>
  lineAndColumn(const std::string &Path, unsigned Offset);

private:
  struct File {
    bool Readable = false;
    std::string Content;
    std::vector<size_t> LineStarts; ///< Byte offset of each line.
  };
  const File &load(const std::string &Path);

  std::map<std::string, File> Files;
};

} // namespace relcheck
