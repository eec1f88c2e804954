//===- CompilationDatabaseLoader.h - compile commands with clear errors -*- C++
//-*-===//
#pragma once

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace relcheck {

/// Commands whose response files could not be expanded: the database
/// leaves them out of what it returns, and says why here.
class ResponseFileErrors {
public:
  void add(std::string Message);
  /// The messages added since the last call.
  std::vector<std::string> take();

private:
  std::mutex Lock;
  std::vector<std::string> Messages;
};

/// A loaded compilation database and where it came from.
struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The file it was read from (compile_commands.json or compile_flags.txt).
  std::string Path;
  /// Filled by Database->getCompileCommands: "<database>: the entry for
  /// '<file>' (directory '<dir>'): response file '<path>' ..." for each
  /// command left out because an @file argument is not a regular file, is
  /// too large, or includes itself. Never null.
  std::shared_ptr<ResponseFileErrors> ResponseFileProblems =
      std::make_shared<ResponseFileErrors>();
};

/// Response files are expanded only when they are regular files, at most
/// this many bytes for all those of one command together (a huge one, or
/// one that includes another many times over, ran relcheck out of memory).
constexpr size_t MaxResponseFileBytes = 64u << 20;
/// And at most this many response files opened for one command.
constexpr unsigned MaxResponseFiles = 1000;

/// Loads the compilation database of build directory \p BuildPath (a
/// directory holding compile_commands.json or compile_flags.txt, or the
/// compile_commands.json file itself), wrapped the way clang tools wrap it:
/// response files expanded (only regular files of bounded size: see
/// ResponseFileProblems), commands for files it does not list inferred
/// from the closest listed file (as clang-tidy does), target and driver mode
/// inferred.
///
/// The error is "cannot load compilation database from '<dir>': <reason>";
/// a JSON syntax error names the file and position
/// ("/b/compile_commands.json:3:5: expected ',' or ']' after array element").
llvm::Expected<LoadedDatabase>
loadCompilationDatabase(llvm::StringRef BuildPath);

/// Finds the database for a source file given without -p, like clang tools
/// do: the first directory from the file's upwards that holds
/// compile_commands.json or compile_flags.txt. Results are cached per
/// directory.
class DatabaseFinder {
public:
  /// The database for \p AbsoluteFile, or an error (none found, or the one
  /// found is broken). A broken database is reported once: later lookups
  /// that reach it get an error whose message is empty.
  llvm::Expected<const LoadedDatabase *> find(llvm::StringRef AbsoluteFile);

private:
  struct Entry {
    std::unique_ptr<LoadedDatabase> Loaded; ///< Null when broken or absent.
    bool Reported = false;
  };
  std::map<std::string, Entry> ByDirectory;
};

} // namespace relcheck
