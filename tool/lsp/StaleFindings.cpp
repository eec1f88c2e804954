//===- StaleFindings.cpp --------------------------------------------------===//
#include "StaleFindings.h"

#include <algorithm>

namespace relcheck::lsp {
namespace {

/// The one region where two texts differ: equal before Prefix, and equal
/// from OldEnd in the old text and NewEnd in the new one to their ends.
struct ChangedRegion {
  size_t Prefix = 0, OldEnd = 0, NewEnd = 0;

  ChangedRegion(llvm::StringRef Old, llvm::StringRef New) {
    size_t Limit = std::min(Old.size(), New.size());
    while (Prefix < Limit && Old[Prefix] == New[Prefix])
      ++Prefix;
    size_t Suffix = 0;
    while (Suffix < Limit - Prefix &&
           Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
      ++Suffix;
    OldEnd = Old.size() - Suffix;
    NewEnd = New.size() - Suffix;
  }

  /// An offset at an insertion point is the text after the insertion.
  unsigned shift(unsigned Offset) const {
    if (Offset < Prefix)
      return Offset;
    if (Offset >= OldEnd)
      return static_cast<unsigned>(Offset - OldEnd + NewEnd);
    return static_cast<unsigned>(Prefix);
  }
};

} // namespace

unsigned shiftOffset(llvm::StringRef Old, llvm::StringRef New,
                     unsigned Offset) {
  return ChangedRegion(Old, New).shift(
      std::min<unsigned>(Offset, static_cast<unsigned>(Old.size())));
}

std::vector<Finding>
shiftStaleFindings(std::vector<Finding> Findings,
                   const std::map<std::string, StaleText> &Texts) {
  std::map<std::string, ChangedRegion> Regions;
  for (const auto &[Path, T] : Texts)
    if (T.Now)
      Regions.emplace(Path, ChangedRegion(T.Then, *T.Now));
  auto Shift = [&](SourceSpan &S) {
    auto It = Regions.find(S.File.str());
    if (It == Regions.end())
      return;
    S.Begin = It->second.shift(S.Begin);
    S.End = std::max(S.Begin, It->second.shift(S.End));
  };
  for (Finding &F : Findings) {
    Shift(F.Range);
    for (FindingNote &N : F.Notes)
      Shift(N.Range);
  }
  return Findings;
}

} // namespace relcheck::lsp
