//===- FactCache.cpp ------------------------------------------------------===//
#include "FactCache.h"

#include "OutputFile.h"
#include "RegularFile.h"

#include "facts/ByteExactJson.h"
#include "facts/FactsJson.h"

#include "clang/Basic/Version.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

namespace relcheck {
namespace {

/// First line of every entry: magic, format version, checksum of the rest.
constexpr llvm::StringLiteral Magic = "relcheck-fact-cache";
constexpr int CacheFormat = 1;

/// This very relcheck binary (path, size, modification time): a rebuilt
/// extractor must not trust the facts its predecessor cached.
std::string binaryIdentity() {
  static const std::string Identity = [] {
    std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
    llvm::sys::fs::file_status Status;
    if (Exe.empty() || llvm::sys::fs::status(Exe, Status))
      return std::string("unknown");
    return Exe + "|" + std::to_string(Status.getSize()) + "|" +
           std::to_string(
               Status.getLastModificationTime().time_since_epoch().count());
  }();
  return Identity;
}

} // namespace

std::string FactCache::key(const std::vector<std::string> &CommandLine,
                           const std::string &WorkingDirectory) {
  // Length-prefixed fields: no two different inputs serialize alike.
  std::string Material;
  auto Add = [&](llvm::StringRef Field) {
    Material += std::to_string(Field.size());
    Material += ':';
    Material += Field;
  };
  Add(Magic);
  Add(std::to_string(CacheFormat));
  Add(RELCHECK_VERSION);
  Add(clang::getClangFullVersion());
  Add(std::to_string(FactsSchemaVersion));
  Add(binaryIdentity());
  // The environment variables Clang reads as extra include paths.
  for (const char *Var :
       {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH",
        "OBJCPLUS_INCLUDE_PATH", "SDKROOT"})
    Add(llvm::sys::Process::GetEnv(Var).value_or("\x01unset"));
  Add(WorkingDirectory);
  for (const std::string &Arg : CommandLine)
    Add(Arg);
  return contentHash(Material);
}

std::string FactCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.substr(0, 2), Key + ".json");
  return std::string(Path);
}

FactCache::Status FactCache::lookup(const std::string &Key, FileHashes &Hashes,
                                    CacheEntry &Out) {
  std::string Path = entryPath(Key);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      readRegularFile(Path);
  if (Buffer.getError() == std::errc::not_supported) {
    std::lock_guard<std::mutex> Lock(FailureMutex);
    if (FirstIgnored.empty())
      FirstIgnored = Path;
    return Status::Corrupt; // Replaced by the next store.
  }
  if (!Buffer)
    return Status::Miss;
  llvm::StringRef Text = (*Buffer)->getBuffer();
  auto [Header, Body] = Text.split('\n');
  llvm::SmallVector<llvm::StringRef, 3> Parts;
  Header.split(Parts, ' ');
  if (Parts.size() != 3 || Parts[0] != Magic ||
      Parts[1] != std::to_string(CacheFormat) || Parts[2] != contentHash(Body))
    return Status::Corrupt;

  CacheEntry Entry;
  try {
    nlohmann::json J = nlohmann::json::parse(Body.begin(), Body.end());
    unescapeInvalidUtf8(J);
    if (J.at("key").get<std::string>() != Key)
      return Status::Corrupt;
    Entry.Parsed = J.at("parsed").get<bool>();
    for (const nlohmann::json &F : J.at("files"))
      Entry.Files.emplace_back(F.at(0).get_ref<const std::string &>(),
                               F.at(1).get_ref<const std::string &>());
    from_json(J.at("facts"), Entry.Facts);
  } catch (const std::exception &) {
    return Status::Corrupt;
  }
  for (const auto &[Path, Hash] : Entry.Files) {
    std::optional<FileHashes::Info> Now = Hashes.get(Path);
    if (!Now || Now->Hash != Hash) {
      Out.Parsed = Entry.Parsed;
      return Status::Stale;
    }
  }
  Out = std::move(Entry);
  return Status::Hit;
}

bool FactCache::store(const std::string &Key, const CacheEntry &Entry) {
  nlohmann::json Files = nlohmann::json::array();
  for (const auto &[Path, Hash] : Entry.Files)
    Files.push_back({Path.str(), Hash.str()});
  nlohmann::json Facts;
  to_json(Facts, Entry.Facts);
  nlohmann::json J = {{"key", Key},
                      {"parsed", Entry.Parsed},
                      {"files", std::move(Files)},
                      {"facts", std::move(Facts)}};
  // Every byte kept: a warm run must see exactly what a cold one parsed.
  escapeInvalidUtf8(J);
  std::string Body = J.dump(-1, ' ', false);
  std::string Text = std::string(Magic) + " " + std::to_string(CacheFormat) +
                     " " + contentHash(Body) + "\n" + Body;
  std::string Path = entryPath(Key);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (std::error_code EC = llvm::sys::fs::create_directories(Parent)) {
    noteFailure("cannot create '" + Parent.str() + "': " + EC.message());
    return false;
  }
  // The cache is ours: a FIFO or device where an entry belongs is removed,
  // not written through (writeOutputFile would, and block on a FIFO).
  llvm::sys::fs::file_status Existing;
  if (!llvm::sys::fs::status(Path, Existing) &&
      !llvm::sys::fs::is_regular_file(Existing) &&
      !llvm::sys::fs::is_directory(Existing))
    (void)::unlink(Path.c_str()); // fs::remove refuses what is not a file.
  if (llvm::Error E = writeOutputFile(Path, Text)) {
    noteFailure(llvm::toString(std::move(E)));
    return false;
  }
  return true;
}

void FactCache::noteFailure(std::string Why) {
  std::lock_guard<std::mutex> Lock(FailureMutex);
  if (FirstFailure.empty())
    FirstFailure = std::move(Why);
}

std::string FactCache::writeFailure() const {
  std::lock_guard<std::mutex> Lock(FailureMutex);
  return FirstFailure;
}

std::string FactCache::ignoredEntry() const {
  std::lock_guard<std::mutex> Lock(FailureMutex);
  return FirstIgnored;
}

std::string FactCache::defaultDirectory() {
  if (std::optional<std::string> Dir =
          llvm::sys::Process::GetEnv("RELCHECK_CACHE_DIR"))
    if (!Dir->empty())
      return *Dir;
  llvm::SmallString<256> Path;
  std::optional<std::string> Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
  if (Xdg && !Xdg->empty() && llvm::sys::path::is_absolute(*Xdg)) {
    Path = *Xdg;
  } else {
    if (!llvm::sys::path::home_directory(Path))
      return "";
    llvm::sys::path::append(Path, ".cache");
  }
  llvm::sys::path::append(Path, "relcheck");
  return std::string(Path);
}

std::string defaultCacheDirectory() { return FactCache::defaultDirectory(); }

} // namespace relcheck
