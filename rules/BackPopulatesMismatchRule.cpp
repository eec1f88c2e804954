//===- BackPopulatesMismatchRule.cpp - relcheck-back-populates-mismatch (stub) ---------------------------------===//
// See docs/rules/back-populates-mismatch.md.
#include "rules/Rule.h"

namespace relcheck {
namespace {

class BackPopulatesMismatchRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"relcheck-back-populates-mismatch", "TODO", Severity::Error,
                               "docs/rules/back-populates-mismatch.md", {}};
    return Info;
  }
  void run(const ModelGraph &, const RuleOptions &,
           std::vector<Finding> &) const override {}
};

} // namespace

const Rule &backPopulatesMismatchRule() {
  static const BackPopulatesMismatchRule Instance;
  return Instance;
}

} // namespace relcheck
