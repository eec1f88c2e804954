//===- CompilationDatabaseFuzzer.cpp - libFuzzer: compile_commands.json ---===//
//
// compile_commands.json comes from any build system (or a checked-out
// repository): loadCompilationDatabase must take any bytes with a clear
// error or a database, never a crash (50,000 nested '[' overflowed
// llvm::json's stack: JsonNesting bounds it). A database that loads is
// asked for its commands as the driver asks.
//
//===----------------------------------------------------------------------===//
#include "driver/CompilationDatabaseLoader.h"
#include "facts/JsonNesting.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

const std::string &databaseDirectory() {
  static const std::string Dir = [] {
    char Template[] = "/tmp/relcheck-fuzz-compdb-XXXXXX";
    if (!::mkdtemp(Template))
      std::abort();
    return std::string(Template);
  }();
  return Dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  // The scan alone: what it accepts at a limit, it accepts above it.
  size_t At = relcheck::jsonNestedTooDeep(Text, 4);
  if (At != std::string_view::npos &&
      (At >= Size || (Text[At] != '[' && Text[At] != '{')))
    std::abort();
  if (At == std::string_view::npos &&
      relcheck::jsonNestedTooDeep(Text, 5) != std::string_view::npos)
    std::abort();

  const std::string &Dir = databaseDirectory();
  std::ofstream(Dir + "/compile_commands.json",
                std::ios::binary | std::ios::trunc)
      << Text;
  llvm::Expected<relcheck::LoadedDatabase> Loaded =
      relcheck::loadCompilationDatabase(Dir);
  if (!Loaded) {
    if (llvm::toString(Loaded.takeError()).empty())
      std::abort(); // An error must say what is wrong.
    return 0;
  }
  const clang::tooling::CompilationDatabase &Db = *Loaded->Database;
  for (const clang::tooling::CompileCommand &C : Db.getAllCompileCommands())
    (void)C.CommandLine.size();
  for (const std::string &File : Db.getAllFiles())
    (void)Db.getCompileCommands(File);
  // A file the database does not list: inferred from the closest one.
  (void)Db.getCompileCommands(Dir + "/src/unlisted.cpp");
  return 0;
}
