//===- LspCommand.cpp -----------------------------------------------------===//
//
// Parsed by hand: the CLI's llvm::cl options are global and would accept
// (and mean something else for) options this subcommand does not have.
//
//===----------------------------------------------------------------------===//
#include "LspCommand.h"

#include "CrashSignals.h"
#include "JsonRpcTransport.h"
#include "LanguageServer.h"

#include "driver/FactCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace relcheck {
namespace {

const char Usage[] =
    "USAGE: relcheck lsp [-p <build-dir>] [--extra-arg=<arg>]...\n"
    "                    [--cache-dir=<dir> | --no-cache]\n"
    "\n"
    "Runs relcheck as a Language Server (JSON-RPC on stdin/stdout) for\n"
    "editors, beside clangd. Without -p, the compilation database is looked\n"
    "for in the workspace root and its build/ directory. The fact cache is\n"
    "the CLI's (default: $RELCHECK_CACHE_DIR, else ~/.cache/relcheck). See "
    "docs/editor.md.\n";

/// The directory holding rules/<id>.md: installed next to the binary
/// (<prefix>/share/doc/relcheck), else the source tree it was built from.
std::string findDocsRoot(const char *Argv0) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  std::vector<std::string> Candidates;
  if (!Exe.empty()) {
    llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Exe));
    llvm::sys::path::append(Installed, "..", "share", "doc", "relcheck");
    llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
    Candidates.push_back(std::string(Installed));
  }
  Candidates.push_back(std::string(RELCHECK_SOURCE_DIR) + "/docs");
  for (const std::string &Dir : Candidates)
    if (llvm::sys::fs::is_directory(Dir + "/rules"))
      return Dir;
  return "";
}

} // namespace

int runLspCommand(int Argc, const char **Argv) {
  lsp::ServerOptions Options;
  Options.CacheDir = FactCache::defaultDirectory();
  for (int I = 2; I < Argc; ++I) {
    llvm::StringRef Arg(Argv[I]);
    if (Arg == "--help" || Arg == "-help" || Arg == "-h") {
      llvm::outs() << Usage;
      return 0;
    }
    if (Arg == "-p" || Arg == "--p") {
      if (I + 1 == Argc) {
        llvm::errs() << "relcheck: error: -p needs a build directory\n";
        return 2;
      }
      Options.BuildPath = Argv[++I];
    } else if (Arg.consume_front("-p=") || Arg.consume_front("--p=")) {
      Options.BuildPath = Arg.str();
    } else if (Arg == "--no-cache") {
      Options.CacheDir.clear();
    } else if (Arg.consume_front("--cache-dir=")) {
      Options.CacheDir = Arg.str();
    } else if (Arg == "--cache-dir") {
      if (I + 1 == Argc) {
        llvm::errs() << "relcheck: error: --cache-dir needs a directory\n";
        return 2;
      }
      Options.CacheDir = Argv[++I];
    } else if (Arg.consume_front("--extra-arg=") ||
               Arg.consume_front("-extra-arg=")) {
      Options.ExtraArgs.push_back(Arg.str());
    } else {
      llvm::errs() << "relcheck: error: unknown argument for 'relcheck lsp': '"
                   << Arg << "'\n"
                   << Usage;
      return 2;
    }
  }
  Options.DocsRoot = findDocsRoot(Argv[0]);

  // stdout carries only JSON-RPC: the transport gets its own descriptor and
  // file descriptor 1 becomes stderr, so a stray print cannot corrupt the
  // stream. A client that goes away must not kill us with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  lsp::installCrashSignalHandlers("relcheck lsp: fatal signal, exiting");
  std::fflush(stdout);
  int Out = ::dup(STDOUT_FILENO);
  std::FILE *OutFile = Out >= 0 ? ::fdopen(Out, "w") : nullptr;
  if (!OutFile) {
    llvm::errs() << "relcheck: error: cannot duplicate stdout\n";
    return 2;
  }
  ::dup2(STDERR_FILENO, STDOUT_FILENO);

  int Status;
  {
    lsp::JsonRpcTransport Transport(STDIN_FILENO, OutFile);
    // Gone (its indexing thread joined) before the stream is closed.
    lsp::LanguageServer Server(Transport, std::move(Options));
    Status = Server.run();
  }
  std::fclose(OutFile);
  return Status;
}

} // namespace relcheck
