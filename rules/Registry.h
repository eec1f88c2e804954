//===- Registry.h - every rule, in one explicit list ------------*- C++ -*-===//
#pragma once

#include "rules/Rule.h"

#include <string_view>
#include <vector>

namespace relcheck {

/// Every rule, sorted by id: the explicit list of rules/Rules.def (no static
/// self-registration, which static libraries silently drop).
const std::vector<const Rule *> &allRules();

/// allRules() and relcheck-nolint (rules/NolintRule.cpp), sorted by id:
/// what --rules, .relcheck.yaml, --list-rules and the SARIF and rdjsonl
/// rule lists know.
const std::vector<const Rule *> &selectableRules();

/// Each rule's RuleInfo, in order: all the configuration (lib/config) needs
/// to know of rules, without depending on them.
std::vector<const RuleInfo *> ruleInfos(const std::vector<const Rule *> &Rules);

/// The rule with this id, or nullptr.
const Rule *findRule(std::string_view Id);

/// Runs the given rules on Graph and returns their findings, sorted.
std::vector<Finding> runRules(const ModelGraph &Graph,
                              const std::vector<const Rule *> &Rules,
                              const RuleOptions &Options);

} // namespace relcheck
