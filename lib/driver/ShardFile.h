//===- ShardFile.h - --facts-out files and `relcheck merge` -----*- C++ -*-===//
//
// A shard file holds everything one run needs to contribute to the report
// of the whole project: its TUs' facts with their plan positions and
// "does not compile" errors, the planning errors, and which slice it is.
//
//   {"relcheckShardFile": 1, "shard": {"index": I, "count": N},
//    "translationUnits": <TUs in the whole plan>,
//    "planErrors": [{"file", "message"}],
//    "units": [{"index", "compiled", "errors": [...], "facts": {TuFacts}}]}
//
//===----------------------------------------------------------------------===//
#pragma once

#include "AnalysisDriver.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace relcheck {

size_t countPlannedUnits(const TranslationUnitPlan &Plan);

std::string writeShardFile(const std::vector<ToolError> &PlanErrors,
                           const std::vector<TuOutcome> &Units,
                           unsigned ShardIndex, unsigned ShardCount,
                           size_t TotalUnits);

/// Reads shard files, checking they are the complete set of slices of one
/// plan (every index once, same count and TU total). On success fills
/// PlanErrors (as the plan reported them) and Units (every TU once).
llvm::Error readShardFiles(const std::vector<std::string> &Paths,
                           std::vector<ToolError> &PlanErrors,
                           std::vector<TuOutcome> &Units);

} // namespace relcheck
