//===- NolintRule.cpp - relcheck-nolint, about the NOLINT comments --------===//
//
// The findings of relcheck-nolint (an unmatched NOLINTBEGIN/NOLINTEND, an
// unused suppression) come from the suppression step, not from the graph,
// so run() finds nothing. It is a Rule all the same so that --rules,
// .relcheck.yaml, --list-rules and SARIF treat it like any other rule. Not
// in allRules(): the clang-tidy plugin registers those as checks, and
// clang-tidy reports its own NOLINT problems as clang-tidy-nolint.
//
//===----------------------------------------------------------------------===//
#include "findings/NolintSuppressions.h"
#include "rules/Rule.h"

namespace relcheck {
namespace {

class NolintRule : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        NolintRuleId,
        "Nolint",
        "NOLINT comments: an unmatched NOLINTBEGIN/NOLINTEND, or (with "
        "--report-unused-suppressions) a suppression that suppresses nothing",
        Severity::Error,
        "docs/rules/nolint.md",
        {}};
    return Info;
  }
  void run(const ModelGraph &, const RuleOptions &,
           std::vector<Finding> &) const override {}
};

} // namespace

const Rule &nolintRule() {
  static const NolintRule R;
  return R;
}

} // namespace relcheck
