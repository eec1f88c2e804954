//===- RelcheckMain.cpp - the relcheck binary: one front end per subcommand
//===//
//
// relcheck [options] [files...]: the report (tool/cli, docs/cli.md).
// relcheck graph ...: the model graph (tool/cli, docs/graph.md).
// relcheck merge ...: the shards' report (tool/cli, docs/performance.md).
// relcheck lsp ...: the language server (tool/lsp, docs/editor.md).
// Each front end calls lib/driver; none includes another.
//
//===----------------------------------------------------------------------===//
#include "cli/GraphCommand.h"
#include "cli/ReportCommand.h"
#include "lsp/LspCommand.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  if (relcheck::isGraphCommand(Argc, Argv))
    return relcheck::runGraphCommand(Argc, Argv);
  if (Argc > 1 && llvm::StringRef(Argv[1]) == "lsp")
    return relcheck::runLspCommand(Argc, Argv);
  return relcheck::runReportCommand(Argc, Argv);
}
