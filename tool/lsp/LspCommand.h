//===- LspCommand.h - `relcheck lsp` ----------------------------*- C++ -*-===//
#pragma once

namespace relcheck {

/// Runs `relcheck lsp [-p <build-dir>] [--extra-arg=<arg>]...`: the Language
/// Server on stdin/stdout (docs/editor.md). \p Argv[1] is "lsp". Returns the
/// exit status: 0 after shutdown + exit, 1 when the input ended otherwise,
/// 2 for a usage error.
int runLspCommand(int Argc, const char **Argv);

} // namespace relcheck
