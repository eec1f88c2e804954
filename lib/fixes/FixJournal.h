//===- FixJournal.h - all-or-nothing multi-file fixes -----------*- C++ -*-===//
//
// --fix writes several files; no OS renames several files at once. The
// journal makes the set all-or-nothing across a crash (kill -9, power loss
// after fsync): it names every file and its temporary before any temporary
// exists, and is marked committed once every temporary holds its complete
// new bytes. The next relcheck run finds an unlocked journal and rolls it
// back (not committed: only temporaries to remove) or forward (committed:
// the remaining temporaries are moved into place). The writer holds a lock
// on its journal, so a concurrent run never "recovers" a live --fix.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace relcheck {

/// How one file receives its new bytes.
enum class WriteMode {
  Rename, ///< Temporary beside the file, renamed over it (atomic).
  InPlace ///< Copied from the complete temporary into the file (keeps the
          ///< inode: hard links, an owner the temporary cannot take).
};

struct JournalEntry {
  std::string Target;    ///< The real file (symlinks resolved).
  std::string Temporary; ///< Beside Target, named after the journal.
  WriteMode Mode = WriteMode::Rename;
  uint64_t OriginalHash = 0; ///< Of the bytes the fix was planned on.
};

/// An open journal, locked by this process until finish() or destruction.
class FixJournal {
public:
  /// Creates and syncs a journal in Directory for files to be written with
  /// the given modes (Temporary is filled in here). Nothing is written
  /// before this succeeds.
  static llvm::Expected<FixJournal> begin(const std::string &Directory,
                                          std::vector<JournalEntry> Entries);
  FixJournal(FixJournal &&O);
  FixJournal &operator=(FixJournal &&) = delete;
  ~FixJournal();

  const std::vector<JournalEntry> &entries() const { return Entries; }
  /// Every temporary is complete and synced: from now on the next run
  /// completes the fix rather than rolling it back.
  llvm::Error commit();
  /// Removes the journal (every entry done, or every temporary removed).
  void finish();

private:
  FixJournal() = default;
  std::string Path;
  int FD = -1;
  std::vector<JournalEntry> Entries;
};

/// The directory holding the journals of --fix runs using this cache
/// directory.
std::string fixJournalDirectory(const std::string &CacheDir);

/// Moves Entry's complete temporary to its target (rename, or copy in place
/// then remove the temporary).
llvm::Error installTemporary(const JournalEntry &Entry);

/// Completes or rolls back every journal in Directory left by a --fix that
/// did not finish; returns one message per journal for the user.
std::vector<std::string> recoverInterruptedFixes(const std::string &Directory);

/// Test hook: RELCHECK_TEST_FIX_PAUSE_MS=<n> sleeps n ms between the steps
/// of writing fixes, so that a test can kill -9 --fix in every phase.
void pauseForTests();

} // namespace relcheck
