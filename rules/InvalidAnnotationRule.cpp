//===- InvalidAnnotationRule.cpp - relcheck-invalid-annotation (stub) ---------------------------------===//
// See docs/rules/invalid-annotation.md.
#include "rules/Rule.h"

namespace relcheck {
namespace {

class InvalidAnnotationRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"relcheck-invalid-annotation", "TODO", Severity::Error,
                               "docs/rules/invalid-annotation.md", {}};
    return Info;
  }
  void run(const ModelGraph &, const RuleOptions &,
           std::vector<Finding> &) const override {}
};

} // namespace

const Rule &invalidAnnotationRule() {
  static const InvalidAnnotationRule Instance;
  return Instance;
}

} // namespace relcheck
