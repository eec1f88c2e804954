//===- FileStamp.cpp ------------------------------------------------------===//
#include "extract/FileStamp.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace relcheck {

std::vector<FileStamp>
stampFiles(const clang::SourceManager &SM,
           const std::map<std::string, std::string> &Overlay) {
  std::map<std::string, FileStamp> Files;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    FileStamp Stamp;
    Stamp.OpenedAs = std::string(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    llvm::sys::path::native(Path);
    Stamp.Path = std::string(Path);
    Stamp.FromOverlay = Overlay.count(Stamp.Path) != 0;
    Stamp.ModificationTime = It->first.getModificationTime();
    Stamp.Size = static_cast<uint64_t>(It->first.getSize());
    if (std::optional<llvm::MemoryBufferRef> Buffer =
            It->second->getBufferIfLoaded()) {
      Stamp.Hash = std::hash<std::string_view>()(
          std::string_view(Buffer->getBufferStart(), Buffer->getBufferSize()));
      Stamp.HashKnown = true;
    }
    Files.emplace(Stamp.Path, std::move(Stamp));
  }
  std::vector<FileStamp> Sorted;
  for (auto &[Path, Stamp] : Files)
    Sorted.push_back(std::move(Stamp));
  return Sorted;
}

void mergeStamps(std::vector<FileStamp> &Into,
                 const std::vector<FileStamp> &More) {
  auto ByPath = [](const FileStamp &A, const FileStamp &B) {
    return A.Path < B.Path;
  };
  size_t Own = Into.size();
  for (const FileStamp &S : More)
    if (!std::binary_search(Into.begin(), Into.begin() + Own, S, ByPath))
      Into.push_back(S);
  std::inplace_merge(Into.begin(), Into.begin() + Own, Into.end(), ByPath);
}

} // namespace relcheck
