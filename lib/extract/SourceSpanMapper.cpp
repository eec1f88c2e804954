//===- SourceSpanMapper.cpp - Clang locations to SourceSpans --------------===//
#include "extract/SourceSpanMapper.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace relcheck {

const std::string &SourceSpanMapper::filePath(clang::FileID FID) {
  auto It = Paths.find(FID);
  if (It != Paths.end())
    return It->second;
  std::string Path;
  if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID)) {
    llvm::SmallString<256> Buf(Entry->getName());
    // FileManager resolves relative names against the compile command's
    // working directory (its VFS), never the process's.
    SM.getFileManager().makeAbsolutePath(Buf);
    llvm::sys::path::remove_dots(Buf, /*remove_dot_dot=*/true);
    llvm::sys::path::native(Buf);
    Path = std::string(Buf);
  }
  return Paths.try_emplace(FID, std::move(Path)).first->second;
}

llvm::StringRef SourceSpanMapper::buffer(clang::FileID FID) const {
  bool Invalid = false;
  llvm::StringRef Data = SM.getBufferData(FID, &Invalid);
  return Invalid ? llvm::StringRef() : Data;
}

SourceSpan SourceSpanMapper::span(clang::FileID FID, unsigned Begin,
                                  unsigned End) {
  SourceSpan S;
  if (FID.isInvalid())
    return S;
  const std::string &Path = filePath(FID);
  if (Path.empty())
    return S;
  unsigned Size = buffer(FID).size();
  Begin = std::min(Begin, Size);
  End = std::clamp(End, Begin, Size);
  S.File = Path;
  S.Begin = Begin;
  S.End = End;
  S.Line = SM.getLineNumber(FID, Begin);
  S.Column = SM.getColumnNumber(FID, Begin);
  S.EndLine = SM.getLineNumber(FID, End);
  S.EndColumn = SM.getColumnNumber(FID, End);
  return S;
}

SourceSpan SourceSpanMapper::point(clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  auto [FID, Offset] = SM.getDecomposedExpansionLoc(Loc);
  return span(FID, Offset, Offset);
}

unsigned SourceSpanMapper::tokenLength(clang::SourceLocation FileLoc) const {
  return clang::Lexer::MeasureTokenLength(FileLoc, SM, LangOpts);
}

bool SourceSpanMapper::expansionOffsets(clang::SourceLocation Loc,
                                        clang::FileID &FID, unsigned &Begin,
                                        unsigned &End) {
  if (Loc.isInvalid())
    return false;
  clang::CharSourceRange Range = SM.getExpansionRange(Loc);
  auto [BeginFID, BeginOffset] = SM.getDecomposedLoc(Range.getBegin());
  auto [EndFID, EndOffset] = SM.getDecomposedLoc(Range.getEnd());
  if (BeginFID.isInvalid() || BeginFID != EndFID)
    return false;
  if (Range.isTokenRange())
    EndOffset += tokenLength(Range.getEnd());
  FID = BeginFID;
  Begin = BeginOffset;
  End = std::max(EndOffset, BeginOffset);
  return true;
}

SourceSpan SourceSpanMapper::expansionSpan(clang::SourceLocation Loc) {
  clang::FileID FID;
  unsigned Begin = 0, End = 0;
  if (!expansionOffsets(Loc, FID, Begin, End))
    return point(Loc);
  return span(FID, Begin, End);
}

SourceSpan SourceSpanMapper::tokenSpan(clang::SourceLocation Loc) {
  return expansionSpan(Loc);
}

} // namespace relcheck
