//===- FileHashes.h - content hashes of files, once per run -----*- C++ -*-===//
#pragma once

#include "facts/InternedString.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace relcheck {

/// The files a TU reads, interned: every TU of a project lists the same
/// system headers (about 200 paths per TU).
using FileList = std::vector<InternedString>;

/// The hex BLAKE3 digest of Bytes.
std::string contentHash(llvm::StringRef Bytes);

/// Content hashes of files, each file read at most once per run (a header
/// reached by a thousand TUs is hashed once). Thread-safe. Files are assumed
/// not to change during one run; --fix re-checks the bytes it edits anyway.
class FileHashes {
public:
  struct Info {
    std::string Hash;
    /// The text could hold relcheck annotations (see mayHoldAnnotations).
    bool MayHoldAnnotations = false;
  };

  /// The file's hash and annotation hint; nullopt when it cannot be read.
  std::optional<Info> get(const std::string &Path);

private:
  std::mutex Mutex;
  llvm::StringMap<std::optional<Info>> Known;
};

/// True when Text can declare relcheck annotations: it names one of the
/// <relcheck/orm.hpp> macros or the "relcheck." annotate strings. A file
/// without any of them contributes no facts, whatever includes it.
bool mayHoldAnnotations(llvm::StringRef Text);

/// True for the path of <relcheck/orm.hpp> itself (it defines the macros
/// but declares no model).
bool isAnnotationHeader(llvm::StringRef Path);

} // namespace relcheck
