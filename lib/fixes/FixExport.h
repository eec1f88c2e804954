//===- FixExport.h - fixes for clang-apply-replacements ---------*- C++ -*-===//
#pragma once

#include "findings/Finding.h"
#include "fixes/FixPlanner.h"

#include <string>
#include <vector>

namespace relcheck {

/// The planned edits as clang-tidy's --export-fixes YAML
/// (clang::tooling::TranslationUnitDiagnostics): one diagnostic per applied
/// finding, carrying the final (formatted) edits it caused, so that
/// `clang-apply-replacements <dir>` produces exactly the bytes --fix writes.
/// Every final edit is exported once, attributed to the finding whose own
/// edit it overlaps (formatting-only edits: the nearest one).
std::string exportFixesYaml(const std::vector<Finding> &Findings,
                            const FixPlan &Plan);

} // namespace relcheck
