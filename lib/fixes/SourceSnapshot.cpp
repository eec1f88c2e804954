//===- SourceSnapshot.cpp -------------------------------------------------===//
#include "fixes/SourceSnapshot.h"

#include "llvm/Support/MemoryBuffer.h"

#include <sys/stat.h>

namespace relcheck {

void SourceSnapshot::record(const std::string &Path, std::string Content) {
  auto [It, Inserted] = Contents.try_emplace(Path, std::move(Content));
  if (!Inserted && It->second != Content)
    Changed.insert(Path);
}

void SourceSnapshot::markChanged(const std::string &Path) {
  Changed.insert(Path);
}

const std::string *SourceSnapshot::content(const std::string &Path) const {
  auto It = Contents.find(Path);
  return It == Contents.end() ? nullptr : &It->second;
}

bool SourceSnapshot::changedDuringAnalysis(const std::string &Path) const {
  return Changed.count(Path) != 0;
}

std::optional<std::string> readFileBytes(const std::string &Path) {
  // Regular files only: a path from cached or merged facts may name a FIFO
  // (blocks) or a device (never ends).
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
    return std::nullopt;
  // Not memory-mapped: the file may be rewritten while we hold it.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false,
                                  /*IsVolatile=*/true);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

} // namespace relcheck
