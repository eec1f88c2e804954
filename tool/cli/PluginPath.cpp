//===- PluginPath.cpp -----------------------------------------------------===//
//
// The plugin is found relative to the running binary, as clang finds its
// resource directory: an installed relcheck moved with its prefix (or
// unpacked anywhere from the .deb) still finds its own plugin.
//
//===----------------------------------------------------------------------===//
#include "PluginPath.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

std::vector<std::string> pluginCandidates(const char *Argv0) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  if (Exe.empty())
    return {};
  llvm::StringRef BinDir = llvm::sys::path::parent_path(Exe);
  llvm::SmallString<256> Installed(BinDir);
  llvm::sys::path::append(Installed, "..", RELCHECK_PLUGIN_INSTALL_DIR,
                          RELCHECK_PLUGIN_FILE_NAME);
  llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
  llvm::SmallString<256> BuildTree(BinDir);
  llvm::sys::path::append(BuildTree, RELCHECK_PLUGIN_FILE_NAME);
  return {std::string(Installed), std::string(BuildTree)};
}

int printPluginPath(const char *Argv0) {
  std::vector<std::string> Candidates = pluginCandidates(Argv0);
  for (const std::string &Path : Candidates) {
    if (llvm::sys::fs::is_regular_file(Path)) {
      llvm::outs() << Path << '\n';
      return 0;
    }
  }
  llvm::errs() << "relcheck: error: the clang-tidy plugin "
               << RELCHECK_PLUGIN_FILE_NAME << " is not installed";
  if (!Candidates.empty()) {
    llvm::errs() << " (looked for ";
    for (size_t I = 0; I < Candidates.size(); ++I)
      llvm::errs() << (I ? " and " : "") << "'" << Candidates[I] << "'";
    llvm::errs() << ")";
  }
  llvm::errs() << '\n';
  return 2;
}

} // namespace relcheck
