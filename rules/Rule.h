//===- Rule.h - the uniform rule interface ----------------------*- C++ -*-===//
//
// A rule is a stateless function from the model graph to findings. Rules
// never see Clang types, so the CLI (after merging every TU) and the
// clang-tidy plugin (one TU) run exactly the same code. What is known of a
// rule without running it (RuleInfo, RuleOptions) is in findings/RuleInfo.h,
// where the emitters read it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "findings/RuleInfo.h"
#include "graph/ModelGraph.h"

#include <vector>

namespace relcheck {

class Rule {
public:
  virtual ~Rule() = default;
  virtual const RuleInfo &info() const = 0;
  /// Appends this rule's findings (unsorted) to Out.
  virtual void run(const ModelGraph &Graph, const RuleOptions &Options,
                   std::vector<Finding> &Out) const = 0;
};

} // namespace relcheck
