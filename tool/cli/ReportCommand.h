//===- ReportCommand.h - `relcheck [options] [files...]` --------*- C++ -*-===//
#pragma once

namespace relcheck {

/// The report: analyzes, prints the findings, applies fixes, writes
/// baselines and facts. Returns the exit status (docs/cli.md).
int runReportCommand(int Argc, const char **Argv);

} // namespace relcheck
