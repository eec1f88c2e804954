//===- ProjectManifest.h - which cache entries form a project ---*- C++ -*-===//
//
// Every run through the fact cache (the CLI's, the language server's)
// records which entries hold the facts of each of its TUs. A host that
// sees one TU (the clang-tidy plugin) finds there the other TUs of its
// project and, when every one of their entries is present and fresh by its
// files' hashes, merges their facts with its own: it then reports what the
// CLI reports. Layout, under the cache directory:
//
//   projects/<id>               "relcheck-project 1", then "<key>\t<main>"
//                               per TU (id: the hash of that text);
//   projects/by-file/<hash>     <id> of the last run that had this main
//                               file (hash of its absolute path).
//
// Plain C++ and LLVMSupport only: the plugin links it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

struct ManifestEntry {
  std::string MainFile; ///< Absolute, normalized.
  std::string Key;      ///< Its FactCache key.
};

/// Records Entries as one project (best effort: a cache is optional).
void writeProjectManifest(const std::string &CacheDir,
                          const std::vector<ManifestEntry> &Entries);

/// The project of the last run that analyzed MainFile; nullopt when none
/// was recorded or it cannot be read.
std::optional<std::vector<ManifestEntry>>
readProjectManifest(const std::string &CacheDir, const std::string &MainFile);

/// The facts of every TU of MainFile's project except MainFile's own, from
/// the cache, when every entry is present and fresh; otherwise nullopt and
/// \p Why says what is missing (for traces).
std::optional<std::vector<TuFacts>>
cachedProjectFacts(const std::string &CacheDir, const std::string &MainFile,
                   std::string &Why);

} // namespace relcheck
