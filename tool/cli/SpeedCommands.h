//===- SpeedCommands.h - -j, cache, prefilter, shards -----------*- C++ -*-===//
#pragma once

#include "CliOptions.h"

#include "config/RelcheckConfig.h"
#include "driver/AnalysisDriver.h"

#include "llvm/Support/Error.h"

namespace relcheck {

/// The AnalysisOptions the command line asks for (SnapshotSources aside).
AnalysisOptions speedOptionsFor(const CliOptions &Options);

/// What the command line sets over .relcheck.yaml (docs/config.md), for
/// the report and `relcheck graph` alike.
ConfigOverrides configOverrides(const CliOptions &Options);

/// Writes --facts-out for this run.
llvm::Error writeFactsOut(const CliOptions &Options,
                          const TranslationUnitPlan &Plan,
                          const AnalysisResult &Result);

/// The --tu-stats line: "relcheck: parsed 1 of 5 TUs (4 from cache, ...)".
void printStats(const AnalysisStats &Stats);

} // namespace relcheck
