//===- FileHashes.cpp -----------------------------------------------------===//
#include "FileHashes.h"

#include "RegularFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace relcheck {

std::string contentHash(llvm::StringRef Bytes) {
  auto Digest = llvm::BLAKE3::hash<16>(
      llvm::ArrayRef<uint8_t>(Bytes.bytes_begin(), Bytes.size()));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

bool mayHoldAnnotations(llvm::StringRef Text) {
  return Text.contains("ORM_MODEL") || Text.contains("ORM_COLUMN") ||
         Text.contains("ORM_RELATIONSHIP") || Text.contains("ORM_TABLE") ||
         Text.contains("relcheck.");
}

bool isAnnotationHeader(llvm::StringRef Path) {
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  llvm::StringRef Dir =
      llvm::sys::path::filename(llvm::sys::path::parent_path(Path));
  return Name == "orm.hpp" && Dir == "relcheck";
}

std::optional<FileHashes::Info> FileHashes::get(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  // Read outside the lock: two threads may hash the same file once each,
  // which is cheaper than serializing every read.
  std::optional<Info> Result;
  // Not a regular file (a FIFO, a device): no hash, as if it had vanished.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      readRegularFile(Path);
  if (Buffer) {
    llvm::StringRef Text = (*Buffer)->getBuffer();
    Result = Info{contentHash(Text),
                  !isAnnotationHeader(Path) && mayHoldAnnotations(Text)};
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  return Known.try_emplace(Path, Result).first->second;
}

} // namespace relcheck
