//===- AnnotationExpansions.cpp -------------------------------------------===//
#include "extract/AnnotationExpansions.h"

#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"

#include <cstring>

namespace relcheck {

namespace {

/// The relcheck macro whose name starts at \p Text, or "".
llvm::StringRef macroAt(const char *Text) {
  static constexpr llvm::StringLiteral Macros[] = {
      "ORM_MODEL", "ORM_COLUMN", "ORM_RELATIONSHIP", "ORM_TABLE", "ORM_KEY"};
  if (!Text || std::strncmp(Text, "ORM_", 4) != 0)
    return "";
  for (llvm::StringRef M : Macros)
    if (std::strncmp(Text, M.data(), M.size()) == 0 &&
        !clang::isAsciiIdentifierContinue(Text[M.size()]))
      return M;
  return "";
}

} // namespace

std::vector<AnnotationExpansion>
annotationExpansions(const clang::SourceManager &SM) {
  std::vector<AnnotationExpansion> Out;
  // One pass over the entries: a TU has many expansions, few of them ours,
  // and the first four bytes of each name tell.
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const clang::SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isExpansion())
      continue;
    const clang::SrcMgr::ExpansionInfo &Info = Entry.getExpansion();
    if (!Info.isMacroBodyExpansion()) // Arguments are expanded separately.
      continue;
    clang::SourceLocation Name = Info.getExpansionLocStart();
    bool Invalid = false;
    const char *Text = SM.getCharacterData(SM.getSpellingLoc(Name), &Invalid);
    llvm::StringRef Macro = Invalid ? "" : macroAt(Text);
    if (Macro.empty() || SM.isInSystemHeader(SM.getExpansionLoc(Name)))
      continue;
    Out.push_back({Macro, Name});
  }
  return Out;
}

} // namespace relcheck
