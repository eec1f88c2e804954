//===- SpanLocator.cpp ----------------------------------------------------===//
#include "SpanLocator.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

namespace relcheck::tidy {

clang::FileID SpanLocator::fileId(const std::string &File) {
  auto [It, Inserted] = FileIds.try_emplace(File);
  if (!Inserted)
    return It->second;
  // The extractor wrote the path FileManager knows the file by, made
  // absolute; FileManager de-duplicates by inode, so any spelling of the
  // path finds the entry the TU already has. translateFile gives the first
  // inclusion, which is where a #pragma once header's text is.
  if (clang::OptionalFileEntryRef Entry =
          SM.getFileManager().getOptionalFileRef(File, /*OpenFile=*/false))
    It->second = SM.translateFile(*Entry);
  return It->second;
}

clang::SourceLocation SpanLocator::location(const std::string &File,
                                            unsigned Offset) {
  clang::FileID FID = fileId(File);
  if (FID.isInvalid())
    return {};
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  // Offset == size is the end-of-file position, still a valid location.
  if (Invalid || Offset > Buffer.size())
    return {};
  return SM.getLocForStartOfFile(FID).getLocWithOffset(Offset);
}

std::optional<clang::CharSourceRange>
SpanLocator::charRange(const std::string &File, unsigned Offset,
                       unsigned Length) {
  clang::SourceLocation Begin = location(File, Offset);
  clang::SourceLocation End = location(File, Offset + Length);
  if (Begin.isInvalid() || End.isInvalid())
    return std::nullopt;
  return clang::CharSourceRange::getCharRange(Begin, End);
}

std::optional<char> SpanLocator::byteAt(const std::string &File,
                                        unsigned Offset) {
  clang::FileID FID = fileId(File);
  if (FID.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid || Offset >= Buffer.size())
    return std::nullopt;
  return Buffer[Offset];
}

} // namespace relcheck::tidy
