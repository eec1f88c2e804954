//===- OutputFile.cpp -----------------------------------------------------===//
#include "OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

llvm::Error writeOutputFile(const std::string &Path,
                            const std::string &Content) {
  auto Fail = [&](const std::string &Reason) {
    return llvm::createStringError("cannot write '" + Path + "': " + Reason);
  };
  if (Path == "-") {
    llvm::outs() << Content;
    llvm::outs().flush();
    if (llvm::outs().has_error())
      return Fail(llvm::outs().error().message());
    return llvm::Error::success();
  }
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".tmp-%%%%%%",
                                      llvm::sys::fs::all_read |
                                          llvm::sys::fs::owner_write);
  if (!Temp)
    return Fail(llvm::toString(Temp.takeError()));
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Content;
    OS.flush();
    if (OS.has_error()) {
      std::string Reason = OS.error().message();
      OS.clear_error();
      llvm::consumeError(Temp->discard());
      return Fail(Reason);
    }
  }
  if (llvm::Error E = Temp->keep(Path)) {
    std::string Reason = llvm::toString(std::move(E));
    llvm::consumeError(Temp->discard());
    return Fail(Reason);
  }
  return llvm::Error::success();
}

} // namespace relcheck
