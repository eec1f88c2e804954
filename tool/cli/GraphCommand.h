//===- GraphCommand.h - relcheck graph --------------------------*- C++ -*-===//
//
// relcheck graph [--format=dot|mermaid] [-o <file>] [options] [<source> ...]
//                [-- <compiler arguments>]
//
// Runs the normal analysis (same options, same translation units, same
// rules) and writes the model graph with the findings marked instead of the
// report. See docs/graph.md.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace relcheck {

/// Argv[1] is the "graph" subcommand.
bool isGraphCommand(int Argc, const char **Argv);

/// Runs `relcheck graph`. Returns the exit status: 0 when the graph was
/// written (findings are drawn in it, they do not change the status), 2 on
/// a usage or input error (the graph of what could be analyzed is still
/// written, like the report of the main command).
int runGraphCommand(int Argc, const char **Argv);

} // namespace relcheck
