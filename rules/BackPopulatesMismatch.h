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

/// Why R and P, each naming the other in back_populates, would not be a
/// pair that SQLAlchemy and this rule accept without a finding, or "": the
/// rule's own pair checks, run on the would-be link (what a fix that links
/// two relationships must ask first).
std::string backPopulatesLinkProblem(const ModelGraph &Graph,
                                     const Relationship &R,
                                     const Relationship &P);

} // namespace relcheck
