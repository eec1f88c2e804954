//===- SpeedCommands.h - -j, cache, prefilter, shards, merge ----*- C++ -*-===//
#pragma once

#include "AnalysisDriver.h"
#include "CliOptions.h"
#include "config/RelcheckConfig.h"

#include "llvm/Support/Error.h"

namespace relcheck {

/// The AnalysisOptions the command line asks for (SnapshotSources aside).
AnalysisOptions speedOptionsFor(const CliOptions &Options);

/// What the command line sets over .relcheck.yaml (docs/config.md), for
/// the report and `relcheck graph` alike.
ConfigOverrides configOverrides(const CliOptions &Options);

/// `relcheck merge FILE...`: the report one full run would produce, from
/// the --facts-out files of every shard.
/// Analysis supplies the rule runner (per-file configurations) and what to
/// keep; its extraction settings do not apply.
llvm::Expected<AnalysisResult> runMerge(const CliOptions &Options,
                                        const std::vector<const Rule *> &Rules,
                                        const AnalysisOptions &Analysis);

/// Writes --facts-out for this run.
llvm::Error writeFactsOut(const CliOptions &Options,
                          const TranslationUnitPlan &Plan,
                          const AnalysisResult &Result);

/// The --tu-stats line: "relcheck: parsed 1 of 5 TUs (4 from cache, ...)".
void printStats(const AnalysisStats &Stats);

} // namespace relcheck
