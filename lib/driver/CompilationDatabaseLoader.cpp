//===- CompilationDatabaseLoader.cpp --------------------------------------===//
#include "CompilationDatabaseLoader.h"

#include "facts/JsonNesting.h"

#include "clang/Driver/Types.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace relcheck {
namespace {

using clang::tooling::CompilationDatabase;

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
        Path + ":" + llvm::Twine(1 + Content.take_front(At).count('\n')) +
        ":" + llvm::Twine(At - LineStart + 1) +
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
    return llvm::createStringError(Path + ":" + Groups[1] + ":" + Groups[2] +
                                   ": invalid JSON: " +
                                   lowerFirst(Groups[3].str()));
  return llvm::createStringError(Path + ": invalid JSON: " +
                                 lowerFirst(Message));
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
  // The same wrapping as clang's JSON compilation database plugin.
  LoadedDatabase Loaded;
  Loaded.Database = clang::tooling::inferTargetAndDriverMode(
      clang::tooling::inferMissingCompileCommands(
          clang::tooling::expandResponseFiles(std::move(Base),
                                              llvm::vfs::getRealFileSystem())));
  Loaded.Path = JsonPath.str();
  return Loaded;
}

llvm::Expected<LoadedDatabase> loadFlags(llvm::StringRef Dir,
                                         llvm::StringRef FlagsPath) {
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
