//===- PreambleStore.h - preambles kept between parses ----------*- C++ -*-===//
//
// An editor re-parses the same TU at every edit of a header it includes.
// Most of that parse is the system headers the main file includes first
// (<string>, <vector>, ...), which did not change. Clang's
// PrecompiledPreamble (what clangd uses) compiles that leading part of the
// main file once; a later parse loads it instead of re-parsing it, as long
// as those bytes of the main file and every file the preamble read are
// unchanged (PrecompiledPreamble::CanReuse).
//
// relcheck's preamble ends before the main file's first `#include "..."`
// and must read system headers only: project headers are the ones being
// edited (a preamble holding them would be rebuilt at every edit), and the
// extractor records facts of project files from the main parse. A preamble
// that reads a project header anyway is not used. The AST is the one a
// cold parse builds (test PreambleStoreTest: equal facts).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "extract/FileStamp.h"

#include "clang/Frontend/PrecompiledPreamble.h"

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace clang {
class CompilerInvocation;
class PCHContainerOperations;
} // namespace clang

namespace relcheck {

/// A preamble built for one TU, or the record that none is usable for it.
struct StoredPreamble {
  /// Empty when the leading part of the main file reads a project header.
  std::optional<clang::PrecompiledPreamble> Preamble;
  /// The bytes of the main file it covers.
  std::string Bytes;
  /// Every file the preamble read except the main file, stamped.
  std::vector<FileStamp> Files;
};

/// Thread-safe; keeps the preambles of the last Capacity TUs it served.
class PreambleStore {
public:
  explicit PreambleStore(size_t Capacity = 8) : Capacity(Capacity) {}

  /// The preamble for a parse of \p Invocation's main file, whose content
  /// is \p MainBuffer, through \p VFS: the stored one when it still fits,
  /// else a new one (stored). Null when the main file has no system-header
  /// preamble, or it does not compile (the cold parse then reports it).
  std::shared_ptr<const StoredPreamble>
  get(const clang::CompilerInvocation &Invocation,
      const llvm::MemoryBuffer &MainBuffer,
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
      std::shared_ptr<clang::PCHContainerOperations> PCHOps,
      const std::map<std::string, std::string> &Overlay);

  /// For logs and tests: preambles built and reused so far.
  size_t builds() const { return Builds; }
  size_t reuses() const { return Reuses; }
  /// Memory the stored preambles take (they are kept in memory).
  size_t storedBytes() const { return StoredBytes; }

private:
  using Entry = std::pair<std::string, std::shared_ptr<const StoredPreamble>>;
  size_t Capacity;
  std::mutex Mutex;
  std::list<Entry> Recent; ///< Most recently used first.
  std::atomic<size_t> Builds{0};
  std::atomic<size_t> Reuses{0};
  std::atomic<size_t> StoredBytes{0};

  std::shared_ptr<const StoredPreamble> find(const std::string &Key);
  void put(const std::string &Key, std::shared_ptr<const StoredPreamble> P);
};

/// Bounds of the preamble relcheck builds for \p Buffer: Clang's preamble
/// region cut before its first `#include "..."` (size 0: none).
clang::PreambleBounds systemPreambleBounds(const clang::LangOptions &Lang,
                                           const llvm::MemoryBuffer &Buffer);

} // namespace relcheck
