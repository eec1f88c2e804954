//===- BackPopulatesMismatch.h - the link checks, callable ------*- C++ -*-===//
//
// The checks of relcheck-back-populates-mismatch as a function: the rule
// runs it, and RefusalIndex reads SQLAlchemy's refusals from it, so no rule
// looks another up by id and runs it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "graph/ModelGraph.h"

#include <vector>

namespace relcheck {

/// Appends every back_populates / backref finding on Graph to Out
/// (unsorted): refusals (E1-E9) and silently broken pairs (S1-S11).
void checkBackPopulatesMismatch(const ModelGraph &Graph,
                                std::vector<Finding> &Out);

} // namespace relcheck
