//===- ProjectManifest.cpp ------------------------------------------------===//
#include "ProjectManifest.h"

#include "FactCache.h"
#include "FileHashes.h"
#include "OutputFile.h"
#include "RegularFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <unistd.h>

namespace relcheck {
namespace {

constexpr llvm::StringLiteral Magic = "relcheck-project 1";

std::string pathIn(const std::string &CacheDir, llvm::StringRef Sub,
                   llvm::StringRef Name) {
  llvm::SmallString<256> Path(CacheDir);
  llvm::sys::path::append(Path, "projects", Sub, Name);
  return std::string(Path);
}

/// Regular files only: the cache directory is anyone's to write, and a FIFO
/// where a manifest belongs blocked every run (a device never ends).
std::optional<std::string> readText(const std::string &Path) {
  auto Buffer = readRegularFile(Path);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

/// A hash as contentHash writes it (lower-case hex), which every id and
/// cache key is. Anything else is not used as a file name: a manifest's
/// "../../x" key made the cache read an entry outside its directory.
bool isHash(llvm::StringRef S) {
  return !S.empty() &&
         S.find_first_not_of("0123456789abcdef") == llvm::StringRef::npos;
}

/// Writes Content unless the file already holds it: a warm run rewrites
/// nothing.
void writeIfChanged(const std::string &Path, const std::string &Content) {
  if (readText(Path) == Content)
    return;
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  // As FactCache::store: what is not a regular file is removed, not
  // written through (writeOutputFile would, and block on a FIFO).
  llvm::sys::fs::file_status Existing;
  if (!llvm::sys::fs::status(Path, Existing) &&
      !llvm::sys::fs::is_regular_file(Existing) &&
      !llvm::sys::fs::is_directory(Existing))
    (void)::unlink(Path.c_str());
  llvm::consumeError(writeOutputFile(Path, Content));
}

} // namespace

void writeProjectManifest(const std::string &CacheDir,
                          const std::vector<ManifestEntry> &Entries) {
  if (CacheDir.empty() || Entries.empty())
    return;
  std::string Text = Magic.str() + "\n";
  for (const ManifestEntry &E : Entries)
    Text += E.Key + "\t" + E.MainFile + "\n";
  std::string Id = contentHash(Text);
  writeIfChanged(pathIn(CacheDir, "", Id), Text);
  for (const ManifestEntry &E : Entries)
    writeIfChanged(pathIn(CacheDir, "by-file", contentHash(E.MainFile)),
                   Id + "\n");
}

std::optional<std::vector<ManifestEntry>>
readProjectManifest(const std::string &CacheDir, const std::string &MainFile) {
  std::optional<std::string> Id =
      readText(pathIn(CacheDir, "by-file", contentHash(MainFile)));
  if (!Id || !isHash(llvm::StringRef(*Id).trim()))
    return std::nullopt;
  std::optional<std::string> Text =
      readText(pathIn(CacheDir, "", llvm::StringRef(*Id).trim()));
  // The id is the text's hash: a torn or tampered manifest is not used.
  if (!Text || contentHash(*Text) != llvm::StringRef(*Id).trim())
    return std::nullopt;
  llvm::StringRef Rest(*Text);
  llvm::StringRef Header;
  std::tie(Header, Rest) = Rest.split('\n');
  if (Header != Magic)
    return std::nullopt;
  std::vector<ManifestEntry> Entries;
  while (!Rest.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    auto [Key, Main] = Line.split('\t');
    if (!isHash(Key) || Main.empty())
      return std::nullopt;
    Entries.push_back({Main.str(), Key.str()});
  }
  return Entries;
}

std::optional<std::vector<TuFacts>>
cachedProjectFacts(const std::string &CacheDir, const std::string &MainFile,
                   std::string &Why) {
  std::optional<std::vector<ManifestEntry>> Entries =
      readProjectManifest(CacheDir, MainFile);
  if (!Entries) {
    Why = "no project in the fact cache";
    return std::nullopt;
  }
  FactCache Cache(CacheDir);
  FileHashes Hashes;
  std::vector<TuFacts> Facts;
  for (const ManifestEntry &E : *Entries) {
    if (E.MainFile == MainFile)
      continue; // This TU's facts come from its AST.
    CacheEntry Entry;
    if (Cache.lookup(E.Key, Hashes, Entry) != FactCache::Status::Hit) {
      Why = "the cached facts of '" + E.MainFile + "' are missing or stale";
      return std::nullopt;
    }
    // A TU the cover left unparsed holds nothing another TU does not.
    if (Entry.Parsed)
      Facts.push_back(std::move(Entry.Facts));
  }
  return Facts;
}

} // namespace relcheck
