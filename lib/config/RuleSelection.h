//===- RuleSelection.h - --rules / Rules globs ------------------*- C++ -*-===//
#pragma once

#include "findings/GlobList.h"
#include "findings/RuleInfo.h"

#include "llvm/Support/Error.h"

#include <string_view>
#include <vector>

namespace relcheck {

/// Selects rules from a clang-tidy style glob list, "-*,relcheck-legacy-
/// backref": comma-separated globs ('*' matches any text), a leading '-'
/// disables, and later globs override earlier ones. As with clang-tidy's
/// -checks, the list applies on top of the default "*" (every rule), so
/// running only some rules starts with "-*". Errors: a glob without '*' that
/// names no rule (a typo), and a list that leaves no rule enabled. Messages
/// start with \p What ("--rules").
llvm::Expected<std::vector<const RuleInfo *>>
selectRules(std::string_view Globs, const std::vector<const RuleInfo *> &All,
            std::string_view What = "--rules");

/// The first glob of Globs without '*' that names no rule in All, or "".
std::string unknownRuleGlob(std::string_view Globs,
                            const std::vector<const RuleInfo *> &All);

} // namespace relcheck
