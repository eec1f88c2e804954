//===- OneWayFilteredCollectionRule.cpp - relcheck-one-way-filtered-collection (stub) ---------------------------------===//
// See docs/rules/one-way-filtered-collection.md.
#include "rules/Rule.h"

namespace relcheck {
namespace {

class OneWayFilteredCollectionRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"relcheck-one-way-filtered-collection", "TODO", Severity::Warning,
                               "docs/rules/one-way-filtered-collection.md", {}};
    return Info;
  }
  void run(const ModelGraph &, const RuleOptions &,
           std::vector<Finding> &) const override {}
};

} // namespace

const Rule &oneWayFilteredCollectionRule() {
  static const OneWayFilteredCollectionRule Instance;
  return Instance;
}

} // namespace relcheck
