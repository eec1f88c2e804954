//===- ReportPaths.h - file paths as CI uploads want them -------*- C++ -*-===//
//
// Findings carry absolute, normalized paths. Code-scanning uploads and
// review bots map results to the repository by a path relative to its root,
// so the SARIF and rdjsonl emitters express paths relative to a base
// directory (--base-dir) when the file is under it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>

namespace relcheck {

/// \p Path relative to \p BaseDir with '/' separators ("src/models.hpp"), or
/// nullopt when it is not under BaseDir (or BaseDir is ""). Both absolute
/// and normalized; BaseDir without a trailing separator (except "/").
std::optional<std::string> pathUnderBase(const std::string &Path,
                                         const std::string &BaseDir);

/// RFC 3986 percent-encoding of a path for a URI: unreserved characters and
/// '/' stay, every other byte becomes %XX.
std::string percentEncodePath(const std::string &Path);

/// "file:///abs/path" for an absolute path; a directory gets a trailing '/'
/// when \p Directory is set (SARIF requires it for base URIs).
std::string fileUri(const std::string &AbsolutePath, bool Directory = false);

} // namespace relcheck
