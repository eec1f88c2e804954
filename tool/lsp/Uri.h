//===- Uri.h - file:// URIs <-> paths ---------------------------*- C++ -*-===//
#pragma once

#include "emit/ReportPaths.h"

#include <optional>
#include <string>

namespace relcheck::lsp {

/// "file:///abs/path" with every byte outside RFC 3986's unreserved set and
/// '/' percent-encoded (as VS Code and clangd spell them): SARIF's encoding.
inline std::string pathToUri(const std::string &AbsolutePath) {
  return fileUri(AbsolutePath);
}

/// The normalized absolute path of a file:// URI (percent-decoded, "." and
/// ".." removed, as SourceSpan::File is); nullopt for other schemes, a
/// non-local authority or a bad escape.
std::optional<std::string> uriToPath(const std::string &Uri);

} // namespace relcheck::lsp
