//===- RuleSelection.h - --rules globs --------------------------*- C++ -*-===//
#pragma once

#include "rules/Rule.h"

#include "llvm/Support/Error.h"

#include <string_view>
#include <vector>

namespace relcheck {

/// Selects rules from a clang-tidy style glob list, "-*,relcheck-legacy-
/// backref": comma-separated globs ('*' matches any text), a leading '-'
/// disables, and later globs override earlier ones. As with clang-tidy's
/// -checks, the list applies on top of the default "*" (every rule), so
/// running only some rules starts with "-*". Errors: a glob without '*' that
/// names no rule (a typo), and a list that leaves no rule enabled.
llvm::Expected<std::vector<const Rule *>>
selectRules(std::string_view Globs, const std::vector<const Rule *> &All);

/// Whether Text matches Glob, where '*' matches any (possibly empty) text.
bool globMatches(std::string_view Glob, std::string_view Text);

} // namespace relcheck
