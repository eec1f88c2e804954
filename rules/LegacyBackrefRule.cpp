//===- LegacyBackrefRule.cpp - relcheck-legacy-backref (stub) ---------------------------------===//
// See docs/rules/legacy-backref.md.
#include "rules/Rule.h"

namespace relcheck {
namespace {

class LegacyBackrefRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"relcheck-legacy-backref", "TODO", Severity::Warning,
                               "docs/rules/legacy-backref.md", {}};
    return Info;
  }
  void run(const ModelGraph &, const RuleOptions &,
           std::vector<Finding> &) const override {}
};

} // namespace

const Rule &legacyBackrefRule() {
  static const LegacyBackrefRule Instance;
  return Instance;
}

} // namespace relcheck
