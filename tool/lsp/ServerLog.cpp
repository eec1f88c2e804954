//===- ServerLog.cpp - the language server's log on stderr ----------------===//
#include "ServerLog.h"

#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <string>

namespace relcheck::lsp {

void logLine(const llvm::Twine &Line) {
  static std::mutex Writing;
  std::string Text = Line.str();
  Text.push_back('\n');
  std::lock_guard<std::mutex> Lock(Writing);
  llvm::errs() << Text;
}

} // namespace relcheck::lsp
