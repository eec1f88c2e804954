//===- FixJournal.cpp -----------------------------------------------------===//
//
// Journal format, one record a line (paths hex-encoded: any byte may be in
// a path):
//   relcheck-fix-journal 1
//   <rename|inplace> <original xxh3, hex> <hex target> <hex temporary>
//   end          (every entry written: temporaries may exist from here)
//   commit       (every temporary complete and synced)
//
//===----------------------------------------------------------------------===//
#include "fixes/FixJournal.h"

#include "fixes/SourceSnapshot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <thread>
#include <unistd.h>

namespace relcheck {
namespace {

constexpr llvm::StringLiteral Header = "relcheck-fix-journal 1\n";

llvm::Error fail(const llvm::Twine &What, std::error_code EC) {
  return llvm::createStringError(EC, What + ": " + EC.message());
}

llvm::Error writeAll(int FD, llvm::StringRef Bytes) {
  while (!Bytes.empty()) {
    ssize_t N = ::write(FD, Bytes.data(), Bytes.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return llvm::errorCodeToError(
          std::error_code(errno, std::generic_category()));
    Bytes = Bytes.drop_front(N);
  }
  return ::fsync(FD) == 0 ? llvm::Error::success()
                          : llvm::errorCodeToError(std::error_code(
                                errno, std::generic_category()));
}

/// Same file as FD still at Path (a recovering run may have removed an
/// empty journal between our create and our lock).
bool stillAt(int FD, const std::string &Path) {
  llvm::sys::fs::file_status ByFD, ByPath;
  return !llvm::sys::fs::status(FD, ByFD) &&
         !llvm::sys::fs::status(Path, ByPath) &&
         ByFD.getUniqueID() == ByPath.getUniqueID();
}

std::string entryLine(const JournalEntry &E) {
  return std::string(E.Mode == WriteMode::Rename ? "rename " : "inplace ") +
         llvm::utohexstr(E.OriginalHash) + " " + llvm::toHex(E.Target) + " " +
         llvm::toHex(E.Temporary) + "\n";
}

struct ParsedJournal {
  std::vector<JournalEntry> Entries;
  bool Complete = false; ///< "end" read: the entries are all there.
  bool Committed = false;
};

ParsedJournal parseJournal(llvm::StringRef Text) {
  ParsedJournal Out;
  if (!Text.consume_front(Header))
    return Out;
  while (!Text.empty()) {
    size_t Newline = Text.find('\n');
    if (Newline == llvm::StringRef::npos)
      break; // A torn last line: as if not written.
    llvm::StringRef Line = Text.take_front(Newline);
    Text = Text.drop_front(Newline + 1);
    if (Line == "end") {
      Out.Complete = true;
    } else if (Line == "commit") {
      Out.Committed = Out.Complete;
    } else {
      llvm::SmallVector<llvm::StringRef, 4> F;
      Line.split(F, ' ');
      JournalEntry E;
      if (F.size() != 4 || F[1].getAsInteger(16, E.OriginalHash) ||
          !llvm::tryGetFromHex(F[2], E.Target) ||
          !llvm::tryGetFromHex(F[3], E.Temporary))
        return ParsedJournal();
      E.Mode = F[0] == "inplace" ? WriteMode::InPlace : WriteMode::Rename;
      Out.Entries.push_back(std::move(E));
    }
  }
  return Out;
}

} // namespace

std::string fixJournalDirectory(const std::string &CacheDir) {
  llvm::SmallString<256> Dir(CacheDir);
  llvm::sys::path::append(Dir, "fix-journal");
  return std::string(Dir);
}

void pauseForTests() {
  static const unsigned Ms = [] {
    unsigned N = 0;
    if (std::optional<std::string> V =
            llvm::sys::Process::GetEnv("RELCHECK_TEST_FIX_PAUSE_MS"))
      llvm::StringRef(*V).getAsInteger(10, N);
    return N;
  }();
  if (Ms)
    std::this_thread::sleep_for(std::chrono::milliseconds(Ms));
}

llvm::Expected<FixJournal>
FixJournal::begin(const std::string &Directory,
                  std::vector<JournalEntry> Entries) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return fail("cannot create the fix journal directory '" + Directory + "'",
                EC);
  FixJournal J;
  for (;;) {
    llvm::SmallString<256> Path;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(
            Directory + "/fix-%%%%%%%%%%%%.journal", J.FD, Path))
      return fail("cannot create a fix journal in '" + Directory + "'", EC);
    J.Path = std::string(Path);
    if (std::error_code EC = llvm::sys::fs::lockFile(J.FD))
      return fail("cannot lock the fix journal '" + J.Path + "'", EC);
    if (stillAt(J.FD, J.Path))
      break;
    ::close(J.FD);
    J.FD = -1;
  }
  std::string Id(llvm::sys::path::stem(J.Path));
  std::string Text(Header);
  for (JournalEntry &E : Entries) {
    E.Temporary = E.Target + ".relcheck-" + Id;
    Text += entryLine(E);
  }
  Text += "end\n";
  J.Entries = std::move(Entries);
  if (llvm::Error E = writeAll(J.FD, Text)) {
    J.finish();
    return fail("cannot write the fix journal '" + J.Path + "'",
                llvm::errorToErrorCode(std::move(E)));
  }
  return J;
}

FixJournal::FixJournal(FixJournal &&O)
    : Path(std::move(O.Path)), FD(O.FD), Entries(std::move(O.Entries)) {
  O.FD = -1;
}

FixJournal::~FixJournal() {
  if (FD >= 0)
    ::close(FD); // Left for the next run: it completes or rolls back.
}

llvm::Error FixJournal::commit() {
  if (llvm::Error E = writeAll(FD, "commit\n"))
    return fail("cannot write the fix journal '" + Path + "'",
                llvm::errorToErrorCode(std::move(E)));
  return llvm::Error::success();
}

void FixJournal::finish() {
  llvm::sys::fs::remove(Path);
  ::close(FD);
  FD = -1;
}

llvm::Error installTemporary(const JournalEntry &Entry) {
  if (Entry.Mode == WriteMode::Rename) {
    if (std::error_code EC =
            llvm::sys::fs::rename(Entry.Temporary, Entry.Target))
      return fail("cannot replace '" + Entry.Target + "'", EC);
    return llvm::Error::success();
  }
  std::optional<std::string> Bytes = readFileBytes(Entry.Temporary);
  if (!Bytes)
    return llvm::createStringError("cannot read '" + Entry.Temporary + "'");
  int FD;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(
          Entry.Target, FD, llvm::sys::fs::CD_OpenExisting))
    return fail("cannot write '" + Entry.Target + "'", EC);
  // Write, then cut: a crash in between leaves the temporary, and the next
  // run writes it again.
  llvm::Error E = writeAll(FD, *Bytes);
  std::error_code Cut = llvm::sys::fs::resize_file(FD, Bytes->size());
  ::close(FD);
  if (E)
    return fail("cannot write '" + Entry.Target + "'",
                llvm::errorToErrorCode(std::move(E)));
  if (Cut)
    return fail("cannot write '" + Entry.Target + "'", Cut);
  llvm::sys::fs::remove(Entry.Temporary);
  return llvm::Error::success();
}

namespace {

/// Rolls back or completes one unlocked journal; "" when there was nothing
/// to say (an empty journal: its run died before writing anything).
std::string recoverJournal(const std::string &Path, const ParsedJournal &J) {
  std::vector<std::string> Written, Skipped, Failed;
  for (const JournalEntry &E : J.Entries) {
    if (!llvm::sys::fs::exists(E.Temporary))
      continue; // Not created yet, or already installed.
    std::optional<std::string> Now = readFileBytes(E.Target);
    bool Untouched = Now && llvm::xxh3_64bits(*Now) == E.OriginalHash;
    // In place, a torn copy is neither old nor new: write it again.
    if (J.Committed && (Untouched || E.Mode == WriteMode::InPlace)) {
      if (llvm::Error Err = installTemporary(E)) {
        Failed.push_back(llvm::toString(std::move(Err)));
        continue;
      }
      Written.push_back(E.Target);
      continue;
    }
    if (J.Committed)
      Skipped.push_back(E.Target);
    llvm::sys::fs::remove(E.Temporary);
  }
  if (!Failed.empty())
    return "cannot complete the interrupted 'relcheck --fix' of journal '" +
           Path + "' (kept for the next run): " + Failed.front();
  llvm::sys::fs::remove(Path);
  auto list = [](const std::vector<std::string> &Files) {
    std::string Out;
    for (const std::string &F : Files)
      Out += (Out.empty() ? "'" : ", '") + F + "'";
    return Out;
  };
  if (!J.Committed)
    return J.Complete ? "an interrupted 'relcheck --fix' had written no "
                        "file; it was rolled back (nothing changed)"
                      : "";
  std::string Message =
      "completed an interrupted 'relcheck --fix': " +
      (Written.empty() ? std::string("its files were already written")
                       : "wrote " + list(Written));
  if (!Skipped.empty())
    Message += "; left " + list(Skipped) +
               " as they are: they changed after the interruption (their "
               "fixes are not applied)";
  return Message;
}

} // namespace

std::vector<std::string> recoverInterruptedFixes(const std::string &Directory) {
  std::vector<std::string> Messages;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End;
       !EC && It != End; It.increment(EC)) {
    const std::string &Path = It->path();
    if (!llvm::StringRef(Path).ends_with(".journal"))
      continue;
    int FD;
    if (llvm::sys::fs::openFileForReadWrite(
            Path, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_None))
      continue;
    // Locked: a --fix is running now. Gone after the lock: another run
    // recovered it meanwhile.
    if (llvm::sys::fs::tryLockFile(FD) || !stillAt(FD, Path)) {
      ::close(FD);
      continue;
    }
    std::optional<std::string> Text = readFileBytes(Path);
    std::string Message =
        Text ? recoverJournal(Path, parseJournal(*Text)) : std::string();
    if (!Message.empty())
      Messages.push_back(std::move(Message));
    ::close(FD);
  }
  return Messages;
}

} // namespace relcheck
