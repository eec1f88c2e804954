//===- RuleSelection.cpp --------------------------------------------------===//
#include "config/RuleSelection.h"

namespace relcheck {

std::string unknownRuleGlob(std::string_view Globs,
                            const std::vector<const Rule *> &All) {
  GlobList List(Globs);
  for (const GlobList::Item &Item : List.items()) {
    if (Item.Glob.empty() || Item.Glob.find('*') != std::string::npos)
      continue;
    bool Matched = false;
    for (const Rule *R : All)
      Matched |= Item.Glob == R->info().Id;
    if (!Matched)
      return Item.Glob;
  }
  return "";
}

llvm::Expected<std::vector<const Rule *>>
selectRules(std::string_view Globs, const std::vector<const Rule *> &All,
            std::string_view What) {
  std::string Unknown = unknownRuleGlob(Globs, All);
  if (!Unknown.empty())
    return llvm::createStringError("%s: unknown rule '%s' (see --list-rules)",
                                   std::string(What).c_str(), Unknown.c_str());
  // The default "*" first, then the list: the last matching glob decides.
  GlobList List("*," + std::string(Globs));
  std::vector<const Rule *> Selected;
  for (const Rule *R : All)
    if (List.contains(R->info().Id))
      Selected.push_back(R);
  if (Selected.empty())
    return llvm::createStringError("%s: '%s' enables no rule",
                                   std::string(What).c_str(),
                                   std::string(Globs).c_str());
  return Selected;
}

} // namespace relcheck
