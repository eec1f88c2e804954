//===- FactCache.h - per-TU facts cached on disk ----------------*- C++ -*-===//
//
// One file per translation unit command, named by its key: a hash of what
// decides the TU's facts besides file contents (relcheck and Clang versions,
// the facts schema, the exact command line Clang runs, the directory). The
// entry lists every file the TU read with its content hash; a lookup
// re-hashes those files, so touching a header invalidates exactly the TUs
// that read it. Entries carry a checksum of their body: a corrupt or
// truncated entry is detected, ignored and rewritten, never trusted.
// See docs/performance.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "FileHashes.h"

#include "facts/Facts.h"

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace clang::tooling {
struct CompileCommand;
} // namespace clang::tooling

namespace relcheck {

struct CacheEntry {
  /// True: Facts are the TU's full facts. False: the TU was only scanned
  /// (its dependencies are known, it was not parsed).
  bool Parsed = false;
  TuFacts Facts;
  /// (absolute path, content hash) of every file the TU read, sorted.
  std::vector<std::pair<InternedString, InternedString>> Files;
};

class FactCache {
public:
  enum class Status { Miss, Hit, Stale, Corrupt };

  explicit FactCache(std::string Directory) : Directory(std::move(Directory)) {}

  /// The key of a TU run with this exact Clang command line in Directory.
  static std::string key(const std::vector<std::string> &CommandLine,
                         const std::string &WorkingDirectory);

  /// Hit: Out holds the entry and every listed file still has its hash.
  /// Stale: a listed file changed or vanished; only Out.Parsed is set (the
  /// stale entry held full facts). Corrupt: the entry is unreadable,
  /// truncated or fails its checksum (it will be overwritten).
  Status lookup(const std::string &Key, FileHashes &Hashes, CacheEntry &Out);

  /// Writes the entry atomically; false when it cannot be written. A cache
  /// is optional, so the run goes on, but the first reason is kept for
  /// writeFailure(): a full disk must not silently make every run cold.
  bool store(const std::string &Key, const CacheEntry &Entry);

  /// "" or why the first failed store failed (thread-safe).
  std::string writeFailure() const;
  /// "" or the first entry that was not a regular file (a FIFO, a device:
  /// never read, they would block or never end), ignored as corrupt.
  std::string ignoredEntry() const;

  /// The entry's path (for tests and docs).
  std::string entryPath(const std::string &Key) const;

  /// The default directory: $RELCHECK_CACHE_DIR, else
  /// $XDG_CACHE_HOME/relcheck, else ~/.cache/relcheck.
  static std::string defaultDirectory();

  const std::string &directory() const { return Directory; }

private:
  std::string Directory;
  mutable std::mutex FailureMutex;
  std::string FirstFailure;
  std::string FirstIgnored;

  void noteFailure(std::string Why);
};

} // namespace relcheck
