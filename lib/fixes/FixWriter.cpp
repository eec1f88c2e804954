//===- FixWriter.cpp ------------------------------------------------------===//
#include "fixes/FixWriter.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

std::vector<std::string> filesChangedOnDisk(const FixPlan &Plan) {
  std::vector<std::string> Changed;
  for (const PlannedFile &File : Plan.Files) {
    std::optional<std::string> Now = readFileBytes(File.Path);
    if (!Now || *Now != File.Original)
      Changed.push_back(File.Path);
  }
  return Changed;
}

llvm::Error writeFixedFiles(const FixPlan &Plan) {
  std::vector<llvm::sys::fs::TempFile> Temps;
  auto discardAll = [&] {
    for (llvm::sys::fs::TempFile &T : Temps)
      llvm::consumeError(T.discard());
  };
  for (const PlannedFile &File : Plan.Files) {
    llvm::sys::fs::file_status Status;
    unsigned Mode = llvm::sys::fs::all_read | llvm::sys::fs::owner_write;
    if (!llvm::sys::fs::status(File.Path, Status))
      Mode = Status.permissions();
    llvm::Expected<llvm::sys::fs::TempFile> Temp =
        llvm::sys::fs::TempFile::create(File.Path + ".relcheck-%%%%%%", Mode);
    if (!Temp) {
      discardAll();
      return llvm::createStringError("cannot write '" + File.Path +
                                     "': " + llvm::toString(Temp.takeError()));
    }
    {
      llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
      OS << File.Fixed;
      OS.flush();
      if (OS.has_error()) {
        std::string Reason = OS.error().message();
        OS.clear_error();
        llvm::consumeError(Temp->discard());
        discardAll();
        return llvm::createStringError("cannot write '" + File.Path +
                                       "': " + Reason);
      }
    }
    Temps.push_back(std::move(*Temp));
  }
  std::vector<std::string> Changed = filesChangedOnDisk(Plan);
  if (!Changed.empty()) {
    discardAll();
    return llvm::createStringError("'" + Changed.front() +
                                   "' changed while relcheck was fixing it; "
                                   "no file was written");
  }
  for (size_t I = 0; I < Temps.size(); ++I)
    if (llvm::Error E = Temps[I].keep(Plan.Files[I].Path)) {
      std::string Reason = llvm::toString(std::move(E));
      for (size_t J = I; J < Temps.size(); ++J)
        llvm::consumeError(Temps[J].discard());
      return llvm::createStringError(
          "cannot replace '" + Plan.Files[I].Path + "': " + Reason +
          (I ? " (the files before it were written)" : ""));
    }
  return llvm::Error::success();
}

} // namespace relcheck
