//===- GlobList.cpp -------------------------------------------------------===//
#include "findings/GlobList.h"

namespace relcheck {
namespace {

std::string_view trim(std::string_view S) {
  const char *Space = " \t\n\v\f\r";
  size_t B = S.find_first_not_of(Space);
  if (B == std::string_view::npos)
    return {};
  size_t E = S.find_last_not_of(Space);
  return S.substr(B, E - B + 1);
}

} // namespace

bool globMatches(std::string_view Glob, std::string_view Text) {
  // Iterative wildcard matching with backtracking to the last '*'.
  size_t G = 0, T = 0, StarG = std::string_view::npos, StarT = 0;
  while (T < Text.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      StarG = G++;
      StarT = T;
    } else if (G < Glob.size() && Glob[G] == Text[T]) {
      ++G;
      ++T;
    } else if (StarG != std::string_view::npos) {
      G = StarG + 1;
      T = ++StarT;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

GlobList::GlobList(std::string_view Globs, bool KeepNegative) {
  // As clang-tidy: always at least one item, so "" is one empty glob that
  // matches nothing ("NOLINT()" suppresses nothing).
  do {
    size_t Sep = Globs.find_first_of(",\n");
    std::string_view Part = Globs.substr(0, Sep);
    Globs = Sep == std::string_view::npos ? std::string_view()
                                          : Globs.substr(Sep + 1);
    Item I;
    Part = trim(Part);
    if (!Part.empty() && Part.front() == '-') {
      I.Positive = false;
      Part = trim(Part.substr(1));
    }
    I.Glob = std::string(Part);
    if (I.Positive || KeepNegative)
      Items.push_back(std::move(I));
  } while (!Globs.empty());
}

bool GlobList::contains(std::string_view Name) const {
  for (auto It = Items.rbegin(); It != Items.rend(); ++It)
    if (globMatches(It->Glob, Name))
      return It->Positive;
  return false;
}

} // namespace relcheck
