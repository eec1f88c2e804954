//===- FixWriter.cpp ------------------------------------------------------===//
#include "fixes/FixWriter.h"

#include "fixes/FixJournal.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"

#include <unistd.h>

namespace relcheck {
namespace {

/// Where and how File's new bytes go: the symlink's final target (the link
/// stays a link); in place when a rename would lose something the file has
/// (another hard link, an owner this process cannot give a new file).
struct Destination {
  JournalEntry Entry;
  unsigned Permissions = 0644;
  uint32_t User = 0, Group = 0;
};

llvm::Expected<Destination> destinationOf(const PlannedFile &File) {
  Destination D;
  llvm::SmallString<256> Real;
  if (std::error_code EC = llvm::sys::fs::real_path(File.Path, Real))
    return llvm::createStringError(EC, "cannot resolve '" + File.Path +
                                           "': " + EC.message());
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Real, Status))
    return llvm::createStringError(EC, "cannot write '" + File.Path +
                                           "': " + EC.message());
  if (Status.type() != llvm::sys::fs::file_type::regular_file)
    return llvm::createStringError("cannot write '" + File.Path +
                                   "': not a regular file");
  D.Entry.Target = std::string(Real);
  D.Entry.OriginalHash = llvm::xxh3_64bits(File.Original);
  D.Permissions = Status.permissions();
  D.User = Status.getUser();
  D.Group = Status.getGroup();
  bool OtherOwner = ::geteuid() != 0 && D.User != ::geteuid();
  D.Entry.Mode = Status.getLinkCount() > 1 || OtherOwner ? WriteMode::InPlace
                                                         : WriteMode::Rename;
  return D;
}

/// Writes and syncs one complete temporary with the file's mode and owner.
llvm::Error writeTemporary(const JournalEntry &E, const Destination &D,
                           llvm::StringRef Bytes) {
  int FD;
  auto failed = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '" + E.Target +
                                           "': " + EC.message());
  };
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(
          E.Temporary, FD, llvm::sys::fs::CD_CreateNew, llvm::sys::fs::OF_None,
          D.Permissions & 0600))
    return failed(EC);
  // The owner first: chown clears set-id bits, the mode restores them. A
  // group this process is not in cannot be kept (the owner is, see above).
  (void)::fchown(FD, D.User, D.Group);
  std::error_code EC = llvm::sys::fs::setPermissions(
      FD, static_cast<llvm::sys::fs::perms>(D.Permissions));
  size_t Done = 0;
  while (!EC && Done < Bytes.size()) {
    ssize_t N = ::write(FD, Bytes.data() + Done, Bytes.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      EC = std::error_code(errno ? errno : EIO, std::generic_category());
    else
      Done += N;
  }
  if (!EC && ::fsync(FD) != 0)
    EC = std::error_code(errno, std::generic_category());
  ::close(FD);
  return EC ? failed(EC) : llvm::Error::success();
}

void removeTemporaries(const std::vector<JournalEntry> &Entries) {
  for (const JournalEntry &E : Entries)
    llvm::sys::fs::remove(E.Temporary);
}

} // namespace

std::vector<std::string> filesChangedOnDisk(const FixPlan &Plan) {
  std::vector<std::string> Changed;
  for (const PlannedFile &File : Plan.Files) {
    std::optional<std::string> Now = readFileBytes(File.Path);
    if (!Now || *Now != File.Original)
      Changed.push_back(File.Path);
  }
  return Changed;
}

llvm::Error writeFixedFiles(const FixPlan &Plan,
                            const std::string &JournalDir) {
  std::vector<Destination> Dests;
  std::vector<JournalEntry> Entries;
  for (const PlannedFile &File : Plan.Files) {
    llvm::Expected<Destination> D = destinationOf(File);
    if (!D)
      return D.takeError();
    Entries.push_back(D->Entry);
    Dests.push_back(std::move(*D));
  }
  llvm::Expected<FixJournal> Journal =
      FixJournal::begin(JournalDir, std::move(Entries));
  if (!Journal)
    return llvm::createStringError(llvm::toString(Journal.takeError()) +
                                   "; no file was written");
  const std::vector<JournalEntry> &Planned = Journal->entries();
  auto rollBack = [&](llvm::Error E) {
    removeTemporaries(Planned);
    Journal->finish();
    return E;
  };
  for (size_t I = 0; I < Planned.size(); ++I) {
    pauseForTests();
    if (llvm::Error E =
            writeTemporary(Planned[I], Dests[I], Plan.Files[I].Fixed))
      return rollBack(llvm::createStringError(llvm::toString(std::move(E)) +
                                              "; no file was written"));
  }
  std::vector<std::string> Changed = filesChangedOnDisk(Plan);
  if (!Changed.empty())
    return rollBack(llvm::createStringError(
        "'" + Changed.front() +
        "' changed while relcheck was fixing it; no file was written"));
  if (llvm::Error E = Journal->commit())
    return rollBack(llvm::createStringError(llvm::toString(std::move(E)) +
                                            "; no file was written"));
  for (const JournalEntry &E : Planned) {
    pauseForTests();
    // Past the commit, a failure leaves the journal: the next run
    // completes the set rather than leaving half of it.
    if (llvm::Error Err = installTemporary(E))
      return llvm::createStringError(
          llvm::toString(std::move(Err)) +
          "; the next relcheck run completes this --fix");
  }
  pauseForTests();
  Journal->finish();
  return llvm::Error::success();
}

} // namespace relcheck
