//===- Registry.cpp - the explicit list of rules --------------------------===//
#include "rules/Registry.h"

#include "findings/FindingKey.h"

#include <algorithm>

namespace relcheck {

// Each rule's factory lives in its own file; the list is rules/Rules.def.
#define RELCHECK_RULE(Factory) const Rule &Factory();
#include "rules/Rules.def"
const Rule &nolintRule();

const std::vector<const Rule *> &allRules() {
  static const std::vector<const Rule *> Rules = [] {
    std::vector<const Rule *> R = {
#define RELCHECK_RULE(Factory) &Factory(),
#include "rules/Rules.def"
    };
    std::sort(R.begin(), R.end(), [](const Rule *A, const Rule *B) {
      return A->info().Id < B->info().Id;
    });
    return R;
  }();
  return Rules;
}

const std::vector<const Rule *> &selectableRules() {
  static const std::vector<const Rule *> Rules = [] {
    std::vector<const Rule *> R = allRules();
    R.push_back(&nolintRule());
    std::sort(R.begin(), R.end(), [](const Rule *A, const Rule *B) {
      return A->info().Id < B->info().Id;
    });
    return R;
  }();
  return Rules;
}

std::vector<const RuleInfo *>
ruleInfos(const std::vector<const Rule *> &Rules) {
  std::vector<const RuleInfo *> Infos;
  Infos.reserve(Rules.size());
  for (const Rule *R : Rules)
    Infos.push_back(&R->info());
  return Infos;
}

const Rule *findRule(std::string_view Id) {
  for (const Rule *R : allRules())
    if (R->info().Id == Id)
      return R;
  return nullptr;
}

std::vector<Finding> runRules(const ModelGraph &Graph,
                              const std::vector<const Rule *> &Rules,
                              const RuleOptions &Options) {
  std::vector<Finding> Findings;
  for (const Rule *R : Rules)
    R->run(Graph, Options, Findings);
  // Here, once for every host (CLI and clang-tidy plugin): the identity
  // the baseline and SARIF fingerprints use.
  attachAnnotationKeys(Findings, Graph.facts());
  sortFindings(Findings);
  return Findings;
}

} // namespace relcheck
