//===- RuleSelection.cpp --------------------------------------------------===//
#include "RuleSelection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace relcheck {

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

llvm::Expected<std::vector<const Rule *>>
selectRules(std::string_view Globs, const std::vector<const Rule *> &All) {
  std::vector<bool> Enabled(All.size(), true);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Globs.data(), Globs.size()).split(Parts, ',');
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Enable = !Part.consume_front("-");
    Part = Part.trim();
    bool Matched = false;
    for (size_t I = 0; I < All.size(); ++I) {
      if (globMatches(std::string_view(Part.data(), Part.size()),
                      All[I]->info().Id)) {
        Enabled[I] = Enable;
        Matched = true;
      }
    }
    if (!Matched && !Part.contains('*'))
      return llvm::createStringError(
          "--rules: unknown rule '%s' (see --list-rules)", Part.str().c_str());
  }
  std::vector<const Rule *> Selected;
  for (size_t I = 0; I < All.size(); ++I)
    if (Enabled[I])
      Selected.push_back(All[I]);
  if (Selected.empty())
    return llvm::createStringError("--rules: '%s' enables no rule",
                                   std::string(Globs).c_str());
  return Selected;
}

} // namespace relcheck
