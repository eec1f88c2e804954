//===- RuleSelection.cpp --------------------------------------------------===//
#include "config/RuleSelection.h"

namespace relcheck {

std::string unknownRuleGlob(std::string_view Globs,
                            const std::vector<const RuleInfo *> &All) {
  GlobList List(Globs);
  for (const GlobList::Item &Item : List.items()) {
    if (Item.Glob.empty() || Item.Glob.find('*') != std::string::npos)
      continue;
    bool Matched = false;
    for (const RuleInfo *R : All)
      Matched |= Item.Glob == R->Id;
    if (!Matched)
      return Item.Glob;
  }
  return "";
}

llvm::Expected<std::vector<const RuleInfo *>>
selectRules(std::string_view Globs, const std::vector<const RuleInfo *> &All,
            std::string_view What) {
  std::string Unknown = unknownRuleGlob(Globs, All);
  if (!Unknown.empty())
    return llvm::createStringError("%s: unknown rule '%s' (see --list-rules)",
                                   std::string(What).c_str(), Unknown.c_str());
  // The default "*" first, then the list: the last matching glob decides.
  GlobList List("*," + std::string(Globs));
  std::vector<const RuleInfo *> Selected;
  for (const RuleInfo *R : All)
    if (List.contains(R->Id))
      Selected.push_back(R);
  if (Selected.empty())
    return llvm::createStringError("%s: '%s' enables no rule",
                                   std::string(What).c_str(),
                                   std::string(Globs).c_str());
  return Selected;
}

} // namespace relcheck
