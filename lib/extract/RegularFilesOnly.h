//===- RegularFilesOnly.h - a file system that opens no FIFO or device -*- C++
//-*-===//
//
// Clang reads every file it opens to its end: `#include "/dev/zero"` (or
// -include /dev/zero, --config=/dev/zero in a compile command) ran relcheck
// out of memory, and an #include of a FIFO blocked the run, in the
// dependency scan and in the parse. Under this layer such a file cannot be
// opened; Clang reports it in the TU that includes it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/Support/VirtualFileSystem.h"

#include <system_error>

namespace relcheck {

class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
public:
  explicit RegularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS)
      : ProxyFileSystem(std::move(FS)) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    llvm::ErrorOr<llvm::vfs::Status> Status = getUnderlyingFS().status(Path);
    if (Status && Status->getType() != llvm::sys::fs::file_type::regular_file &&
        Status->getType() != llvm::sys::fs::file_type::directory_file)
      return std::make_error_code(std::errc::not_supported);
    return ProxyFileSystem::openFileForRead(Path);
  }
};

/// The disk, as llvm::vfs::createPhysicalFileSystem() (a working directory
/// of its own), opening regular files only.
inline llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
createRegularFilesOnlyFileSystem() {
  return llvm::makeIntrusiveRefCnt<RegularFilesOnly>(
      llvm::vfs::createPhysicalFileSystem());
}

} // namespace relcheck
