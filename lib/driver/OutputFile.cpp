//===- OutputFile.cpp -----------------------------------------------------===//
#include "OutputFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace relcheck {
namespace {

namespace fs = llvm::sys::fs;

llvm::Error cannotWrite(const std::string &Path, const std::string &Reason) {
  return llvm::createStringError("cannot write '" + Path + "': " + Reason);
}

/// The descriptor of this process that \p Path names, if any. Opening
/// /dev/stdout anew would start a second file description (at offset 0 of
/// a redirected file, or a fresh pipe end on some systems); writing to the
/// descriptor itself is what `cmd -o /dev/stdout > f` means.
std::optional<int> ownDescriptor(llvm::StringRef Path) {
  if (Path == "-" || Path == "/dev/stdout")
    return STDOUT_FILENO;
  if (Path == "/dev/stderr")
    return STDERR_FILENO;
  for (llvm::StringRef Prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    unsigned FD;
    if (Path.consume_front(Prefix) && !Path.getAsInteger(10, FD))
      return static_cast<int>(FD);
  }
  return std::nullopt;
}

llvm::Error writeToDescriptor(const std::string &Path, int FD,
                              const std::string &Content) {
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/false, /*unbuffered=*/false);
  if (FD == STDOUT_FILENO)
    llvm::outs().flush(); // Keep the order of what was printed before.
  OS << Content;
  OS.flush();
  if (OS.has_error()) {
    std::string Reason = OS.error().message();
    OS.clear_error();
    return cannotWrite(Path, Reason);
  }
  return llvm::Error::success();
}

/// Devices, FIFOs and sockets are written as they are: they have no
/// contents to replace, and a rename would put a regular file in their
/// place.
llvm::Error writeThrough(const std::string &Path, const std::string &Content) {
  int FD;
  if (std::error_code EC =
          fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_None))
    return cannotWrite(Path, EC.message());
  llvm::Error Written = writeToDescriptor(Path, FD, Content);
  ::close(FD);
  return Written;
}

/// Where a symlink chain ends, even when its last link dangles (then the
/// file is created there). Relative link texts are resolved against the
/// link's directory, as the kernel does.
llvm::Expected<std::string> finalTarget(const std::string &Path) {
  std::string Current = Path;
  for (int Hops = 0; Hops < 40; ++Hops) {
    fs::file_status Status;
    if (fs::status(Current, Status, /*follow=*/false) ||
        Status.type() != fs::file_type::symlink_file)
      return Current;
    llvm::SmallString<256> Text;
    Text.resize(4096);
    ssize_t N = ::readlink(Current.c_str(), Text.data(), Text.size());
    if (N < 0)
      return llvm::errorCodeToError(
          std::error_code(errno, std::generic_category()));
    Text.resize(N);
    if (llvm::sys::path::is_relative(Text)) {
      llvm::SmallString<256> Resolved(llvm::sys::path::parent_path(Current));
      llvm::sys::path::append(Resolved, Text);
      Current = std::string(Resolved);
    } else {
      Current = std::string(Text);
    }
  }
  return llvm::createStringError("too many levels of symbolic links");
}

/// Temporary beside the target, renamed over it: atomic for readers.
llvm::Error replaceAtomically(const std::string &Path,
                              const std::string &Target,
                              const std::string &Content) {
  fs::file_status Old;
  bool Exists = !fs::status(Target, Old);
  fs::perms Mode = Exists ? Old.permissions() : fs::all_read | fs::owner_write;
  llvm::Expected<fs::TempFile> Temp =
      fs::TempFile::create(Target + ".tmp-%%%%%%", Mode);
  if (!Temp)
    return cannotWrite(Path, "cannot create a temporary file beside '" +
                                 Target + "' to replace it atomically: " +
                                 llvm::toString(Temp.takeError()));
  if (Exists) {
    // TempFile::create applies the umask; an existing report keeps its mode
    // and, when run as root, its owner.
    (void)fs::setPermissions(Temp->FD, Mode);
    if (::fchown(Temp->FD, Old.getUser(), Old.getGroup()) != 0) {
      // Only root may give a file away; anyone else keeps their own.
    }
  }
  if (llvm::Error E = writeToDescriptor(Path, Temp->FD, Content)) {
    llvm::consumeError(Temp->discard());
    return E;
  }
  if (llvm::Error E = Temp->keep(Target)) {
    std::string Reason = llvm::toString(std::move(E));
    llvm::consumeError(Temp->discard());
    return cannotWrite(Path, Reason);
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error writeOutputFile(const std::string &Path,
                            const std::string &Content) {
  if (std::optional<int> FD = ownDescriptor(Path))
    return writeToDescriptor(Path, *FD, Content);

  fs::file_status Status; // Follows symlinks.
  if (!fs::status(Path, Status)) {
    switch (Status.type()) {
    case fs::file_type::regular_file:
      break;
    case fs::file_type::directory_file:
      return cannotWrite(Path, "is a directory");
    default: // Character or block device, FIFO, socket.
      return writeThrough(Path, Content);
    }
  }
  llvm::Expected<std::string> Target = finalTarget(Path);
  if (!Target)
    return cannotWrite(Path, llvm::toString(Target.takeError()));
  return replaceAtomically(Path, *Target, Content);
}

} // namespace relcheck
