//===- RegularFile.h - read a file only if it is a regular one --*- C++ -*-===//
//
// MemoryBuffer::getFile reads until the end of input: on a FIFO it blocks
// (already at open(), waiting for a writer), on /dev/zero it never ends
// (7.3 GB after 10 s). relcheck's inputs of its own (cache entries, the
// files they list) are read through this instead.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/Support/ErrorOr.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace relcheck {

/// The contents of \p Path; std::errc::not_supported when it exists but is
/// not a regular file (after following symlinks), without blocking.
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readRegularFile(const std::string &Path);

/// The contents of \p Path, any kind of file (a FIFO from `<(...)` is a
/// fair way to pass a baseline), but at most \p MaxBytes of it:
/// std::errc::file_too_large beyond (a symlink to /dev/zero, checked in
/// as .relcheck.yaml or baseline.json, ran relcheck out of memory).
llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readBoundedFile(const std::string &Path, size_t MaxBytes);

} // namespace relcheck
