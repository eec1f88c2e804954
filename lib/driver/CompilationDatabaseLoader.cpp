//===- CompilationDatabaseLoader.cpp --------------------------------------===//
#include "CompilationDatabaseLoader.h"

#include "facts/JsonNesting.h"

#include "clang/Driver/Types.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <utility>

namespace relcheck {

void ResponseFileErrors::add(std::string Message) {
  std::lock_guard<std::mutex> Guard(Lock);
  // Bounded: a language server asks again and again and may never take.
  if (Messages.size() < 1000)
    Messages.push_back(std::move(Message));
}

std::vector<std::string> ResponseFileErrors::take() {
  std::lock_guard<std::mutex> Guard(Lock);
  return std::exchange(Messages, {});
}

namespace {

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

/// The real file system, except that what Clang's response-file expansion
/// opens must be a regular file within what is left of one command's byte
/// and file budget: Clang reads whatever it is given until its end, and
/// /dev/zero never ends (LLVM ERROR: out of memory), a FIFO blocks.
class BoundedResponseFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  BoundedResponseFileSystem()
      : ProxyFileSystem(llvm::vfs::getRealFileSystem()) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    std::string P = Path.str();
    llvm::sys::fs::file_status Status;
    if (std::error_code EC = llvm::sys::fs::status(P, Status))
      return EC;
    if (Status.type() != llvm::sys::fs::file_type::regular_file)
      return refuse("response file '" + P +
                        "' is not a regular file (a FIFO or device); only "
                        "regular files are expanded",
                    std::errc::not_supported);
    if (++Opened > MaxResponseFiles)
      return refuse("more than " + std::to_string(MaxResponseFiles) +
                        " response files to expand (at '" + P + "')",
                    std::errc::too_many_files_open);
    if (Status.getSize() > MaxResponseFileBytes - Read)
      return refuse("response file '" + P +
                        "' is too large: the response "
                        "files of one command may hold " +
                        std::to_string(MaxResponseFileBytes >> 20) +
                        " MiB in all",
                    std::errc::file_too_large);
    Read += Status.getSize();
    return ProxyFileSystem::openFileForRead(Path);
  }

  /// Why the last file was refused ("" if none was).
  const std::string &refused() const { return Refused; }

private:
  std::error_code refuse(std::string Why, std::errc Code) {
    Refused = std::move(Why);
    return std::make_error_code(Code);
  }

  size_t Read = 0;
  unsigned Opened = 0;
  std::string Refused;
};

/// clang::tooling::expandResponseFiles, with the expansion bounded
/// (BoundedResponseFileSystem) and a command whose response files cannot
/// be expanded left out with an error naming the database, the entry and
/// the file, instead of a message on stderr and the command run anyway.
class BoundedResponseFilesDatabase : public CompilationDatabase {
public:
  BoundedResponseFilesDatabase(std::unique_ptr<CompilationDatabase> Base,
                               std::string DatabasePath,
                               std::shared_ptr<ResponseFileErrors> Errors)
      : Base(std::move(Base)), DatabasePath(std::move(DatabasePath)),
        Errors(std::move(Errors)) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override {
    return expand(Base->getCompileCommands(FilePath));
  }
  std::vector<std::string> getAllFiles() const override {
    return Base->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return expand(Base->getAllCompileCommands());
  }

private:
  std::vector<CompileCommand> expand(std::vector<CompileCommand> Cmds) const {
    std::vector<CompileCommand> Out;
    for (CompileCommand &Cmd : Cmds) {
      std::string Why = expandOne(Cmd);
      if (Why.empty()) {
        Out.push_back(std::move(Cmd));
        continue;
      }
      Errors->add(DatabasePath + ": the entry for '" + Cmd.Filename +
                  "' (directory '" + Cmd.Directory + "'): " + Why);
    }
    return Out;
  }

  /// "" when expanded (or nothing to expand), else why not.
  static std::string expandOne(CompileCommand &Cmd) {
    if (std::none_of(Cmd.CommandLine.begin(), Cmd.CommandLine.end(),
                     [](const std::string &A) {
                       return !A.empty() && A.front() == '@';
                     }))
      return "";
    llvm::SmallVector<const char *, 20> Argv;
    for (const std::string &A : Cmd.CommandLine)
      Argv.push_back(A.c_str());
    llvm::BumpPtrAllocator Alloc;
    llvm::cl::ExpansionContext Expansion(Alloc,
                                         llvm::cl::TokenizeGNUCommandLine);
    auto FS = llvm::makeIntrusiveRefCnt<BoundedResponseFileSystem>();
    if (llvm::Error Err = Expansion.setVFS(FS.get())
                              .setCurrentDir(Cmd.Directory)
                              .expandResponseFiles(Argv)) {
      std::string Message = llvm::toString(std::move(Err));
      if (!FS->refused().empty())
        return FS->refused();
      // "recursive expansion of: 'a.rsp'" (one that includes itself).
      return "cannot expand its response files: " + Message;
    }
    std::vector<std::string> Expanded(Argv.begin(), Argv.end());
    Cmd.CommandLine = std::move(Expanded);
    return "";
  }

  std::unique_ptr<CompilationDatabase> Base;
  std::string DatabasePath;
  std::shared_ptr<ResponseFileErrors> Errors;
};

std::string lowerFirst(std::string S) {
  if (!S.empty() && S[0] >= 'A' && S[0] <= 'Z')
    S[0] = static_cast<char>(S[0] - 'A' + 'a');
  while (!S.empty() && (S.back() == '.' || S.back() == '\n'))
    S.pop_back();
  return S;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Parses the JSON with llvm::json first: JSONCompilationDatabase parses
/// with the YAML parser, which prints its own diagnostics to stderr and
/// reports only "Error while parsing YAML.".
llvm::Expected<llvm::json::Value> parseJson(llvm::StringRef Path,
                                            llvm::StringRef Content) {
  // A database nests three deep; 50,000 '[' overflowed llvm::json's stack.
  constexpr unsigned MaxDepth = 256;
  if (size_t At = jsonNestedTooDeep(Content, MaxDepth);
      At != std::string_view::npos) {
    size_t LineStart = Content.rfind('\n', At);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    return llvm::createStringError(
        Path + ":" + llvm::Twine(1 + Content.take_front(At).count('\n')) + ":" +
        llvm::Twine(At - LineStart + 1) +
        ": invalid JSON: nested deeper than " + llvm::Twine(MaxDepth) +
        " arrays and objects");
  }
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Content);
  if (Parsed)
    return Parsed;
  std::string Message = llvm::toString(Parsed.takeError());
  // llvm::json::ParseError logs "[line:col, byte=N]: message".
  llvm::SmallVector<llvm::StringRef, 4> Groups;
  llvm::Regex Pattern("^\\[([0-9]+):([0-9]+), byte=[0-9]+\\]: (.*)$");
  if (Pattern.match(Message, &Groups))
    return llvm::createStringError(
        Path + ":" + Groups[1] + ":" + Groups[2] +
        ": invalid JSON: " + lowerFirst(Groups[3].str()));
  return llvm::createStringError(Path +
                                 ": invalid JSON: " + lowerFirst(Message));
}

/// An entry that compiles no C or C++ source: `ninja -t compdb` lists every
/// rule's commands, link steps ("file": an object file) and phony targets
/// (an empty command) included.
bool compilesNoSource(const llvm::json::Object &Entry) {
  std::optional<llvm::StringRef> Command = Entry.getString("command");
  const llvm::json::Array *Arguments = Entry.getArray("arguments");
  if ((Command && Command->trim().empty() && !Arguments) ||
      (Arguments && Arguments->empty() && !Command))
    return true;
  std::optional<llvm::StringRef> File = Entry.getString("file");
  if (!File)
    return false; // Malformed: JSONCompilationDatabase says how.
  llvm::StringRef Extension = llvm::sys::path::extension(*File);
  if (Extension.empty())
    return false; // "-x c++" may make it one.
  clang::driver::types::ID Type =
      clang::driver::types::lookupTypeForExtension(Extension.drop_front());
  return Type == clang::driver::types::TY_INVALID ||
         !clang::driver::types::isSrcFile(Type);
}

/// The database as JSONCompilationDatabase should read it: a relative
/// "directory" is relative to the database's own directory (clangd's
/// reading; CMake and Bear write absolute ones, hand-written databases
/// often do not), and entries that compile no source are left out. Shapes
/// it does not expect are left for JSONCompilationDatabase to report.
std::string normalizedEntries(llvm::json::Value Root,
                              llvm::StringRef DatabaseDir) {
  if (llvm::json::Array *Entries = Root.getAsArray()) {
    llvm::json::Array Kept;
    for (llvm::json::Value &V : *Entries) {
      llvm::json::Object *Entry = V.getAsObject();
      if (Entry && compilesNoSource(*Entry))
        continue;
      if (std::optional<llvm::StringRef> Dir =
              Entry ? Entry->getString("directory") : std::nullopt;
          Dir && !llvm::sys::path::is_absolute(*Dir)) {
        llvm::SmallString<256> Abs(DatabaseDir);
        llvm::sys::path::append(Abs, *Dir);
        llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
        (*Entry)["directory"] = std::string(Abs);
      }
      Kept.push_back(std::move(V));
    }
    Root = std::move(Kept);
  }
  std::string Text;
  llvm::raw_string_ostream(Text) << Root;
  return Text;
}

llvm::Error loadError(llvm::StringRef Where, const llvm::Twine &Reason) {
  return llvm::createStringError("cannot load compilation database from '" +
                                 Where + "': " + Reason);
}

llvm::Expected<LoadedDatabase> loadJson(llvm::StringRef Dir,
                                        llvm::StringRef JsonPath) {
  // A FIFO or a device would block or never end.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(JsonPath, Status) &&
      Status.type() != llvm::sys::fs::file_type::regular_file)
    return loadError(Dir, JsonPath + ": not a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(JsonPath, /*IsText=*/true);
  if (!Buffer)
    return loadError(Dir, JsonPath + ": " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Json =
      parseJson(JsonPath, (*Buffer)->getBuffer());
  if (!Json)
    return loadError(Dir, llvm::toString(Json.takeError()));

  std::string Error;
  std::unique_ptr<CompilationDatabase> Base =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          normalizedEntries(std::move(*Json),
                            llvm::sys::path::parent_path(JsonPath)),
          Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Base)
    return loadError(Dir, JsonPath + ": " + lowerFirst(Error));
  // The same wrapping as clang's JSON compilation database plugin, with
  // the response-file expansion bounded.
  LoadedDatabase Loaded;
  Loaded.Database = clang::tooling::inferTargetAndDriverMode(
      clang::tooling::inferMissingCompileCommands(
          std::make_unique<BoundedResponseFilesDatabase>(
              std::move(Base), JsonPath.str(), Loaded.ResponseFileProblems)));
  Loaded.Path = JsonPath.str();
  return Loaded;
}

llvm::Expected<LoadedDatabase> loadFlags(llvm::StringRef Dir,
                                         llvm::StringRef FlagsPath) {
  // Read to its end by Clang: a FIFO blocked, /dev/zero never ended.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(FlagsPath, Status) &&
      Status.type() != llvm::sys::fs::file_type::regular_file)
    return loadError(Dir, FlagsPath + ": not a regular file");
  std::string Error;
  std::unique_ptr<CompilationDatabase> Base =
      clang::tooling::FixedCompilationDatabase::loadFromFile(FlagsPath, Error);
  if (!Base)
    return loadError(Dir, FlagsPath + ": " + lowerFirst(Error));
  LoadedDatabase Loaded;
  Loaded.Database = std::move(Base);
  Loaded.Path = FlagsPath.str();
  return Loaded;
}

std::string joinPath(llvm::StringRef Dir, llvm::StringRef Name) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Name);
  return std::string(P);
}

} // namespace

llvm::Expected<LoadedDatabase>
loadCompilationDatabase(llvm::StringRef BuildPath) {
  std::string Dir = absolutePath(BuildPath);
  if (llvm::sys::fs::is_regular_file(Dir)) {
    // -p may name the database file itself.
    std::string File = Dir;
    Dir = std::string(llvm::sys::path::parent_path(File));
    if (llvm::sys::path::filename(File) == "compile_flags.txt")
      return loadFlags(BuildPath, File);
    return loadJson(BuildPath, File);
  }
  if (!llvm::sys::fs::is_directory(Dir))
    return loadError(BuildPath, "no such directory");
  std::string JsonPath = joinPath(Dir, "compile_commands.json");
  if (llvm::sys::fs::exists(JsonPath))
    return loadJson(BuildPath, JsonPath);
  std::string FlagsPath = joinPath(Dir, "compile_flags.txt");
  if (llvm::sys::fs::exists(FlagsPath))
    return loadFlags(BuildPath, FlagsPath);
  return loadError(BuildPath, "no compile_commands.json in '" + Dir + "'");
}

llvm::Expected<const LoadedDatabase *>
DatabaseFinder::find(llvm::StringRef AbsoluteFile) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(AbsoluteFile);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    auto [It, Inserted] = ByDirectory.try_emplace(Dir.str());
    Entry &E = It->second;
    if (Inserted) {
      bool HasJson =
          llvm::sys::fs::exists(joinPath(Dir, "compile_commands.json"));
      bool HasFlags = llvm::sys::fs::exists(joinPath(Dir, "compile_flags.txt"));
      if (!HasJson && !HasFlags)
        continue;
      llvm::Expected<LoadedDatabase> Loaded = loadCompilationDatabase(Dir);
      if (!Loaded) {
        E.Reported = true;
        return Loaded.takeError();
      }
      E.Loaded = std::make_unique<LoadedDatabase>(std::move(*Loaded));
      return E.Loaded.get();
    }
    if (E.Loaded)
      return E.Loaded.get();
    if (E.Reported)
      return llvm::createStringError(""); // Broken, already reported.
  }
  return llvm::createStringError(
      "no compilation database found for '" + AbsoluteFile +
      "' in its directory or any parent (use -p BUILD_DIR, or '--' followed "
      "by compiler arguments)");
}

} // namespace relcheck
