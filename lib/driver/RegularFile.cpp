//===- RegularFile.cpp ----------------------------------------------------===//
#include "RegularFile.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace relcheck {

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readRegularFile(const std::string &Path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. It does not
  // change how a regular file reads. fstat on the open descriptor, so the
  // file checked is the file read.
  int Fd = ::open(Path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (Fd < 0)
    return std::error_code(errno, std::generic_category());
  struct stat St;
  if (::fstat(Fd, &St) != 0 || !S_ISREG(St.st_mode)) {
    ::close(Fd);
    return std::make_error_code(std::errc::not_supported);
  }
  auto Buffer = llvm::MemoryBuffer::getOpenFile(
      Fd, Path, static_cast<uint64_t>(St.st_size),
      /*RequiresNullTerminator=*/false);
  ::close(Fd);
  return Buffer;
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
readBoundedFile(const std::string &Path, size_t MaxBytes) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return std::error_code(errno, std::generic_category());
  std::string Text;
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Chunk, sizeof Chunk);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      std::error_code EC(errno, std::generic_category());
      ::close(Fd);
      return EC;
    }
    if (N == 0)
      break;
    if (Text.size() + static_cast<size_t>(N) > MaxBytes) {
      ::close(Fd);
      return std::make_error_code(std::errc::file_too_large);
    }
    Text.append(Chunk, static_cast<size_t>(N));
  }
  ::close(Fd);
  return llvm::MemoryBuffer::getMemBufferCopy(Text, Path);
}

} // namespace relcheck
