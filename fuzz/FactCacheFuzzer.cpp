//===- FactCacheFuzzer.cpp - libFuzzer: a cache entry read as a whole -----===//
//
// A cache directory is anyone's to write (a shared CI cache, a restored
// artifact): FactCache::lookup must take any bytes as an entry without
// crashing. The input is looked up twice: as written (header, checksum),
// and with its first line's checksum made right for the rest, so that
// mutations of real entries get past the checksum into the JSON and facts
// readers. An entry that is a hit must store and read back as the same
// facts (every byte: issue 12, item 10).
//
//===----------------------------------------------------------------------===//
#include "driver/FactCache.h"
#include "driver/FileHashes.h"

#include "facts/FactsJson.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

/// The key the seeds carry (run_fuzzer.py rewrites them to it).
const std::string FuzzKey(64, 'f');

const std::string &cacheDirectory() {
  static const std::string Dir = [] {
    char Template[] = "/tmp/relcheck-fuzz-cache-XXXXXX";
    if (!::mkdtemp(Template))
      std::abort();
    return std::string(Template);
  }();
  return Dir;
}

void writeEntry(relcheck::FactCache &Cache, const std::string &Text) {
  std::string Path = Cache.entryPath(FuzzKey);
  std::string Parent = Path.substr(0, Path.rfind('/'));
  (void)::mkdir(Parent.c_str(), 0700);
  std::ofstream(Path, std::ios::binary | std::ios::trunc) << Text;
}

std::string factsText(const relcheck::TuFacts &Facts) {
  return relcheck::factsToJson({Facts}, -1);
}

/// One for the whole fuzzing run, as one relcheck run has one: the files an
/// entry lists (some 200 headers per TU) are hashed once, not per input.
relcheck::FileHashes &hashes() {
  static relcheck::FileHashes Hashes;
  return Hashes;
}

void lookUp(const std::string &Text) {
  relcheck::FactCache Cache(cacheDirectory());
  writeEntry(Cache, Text);
  relcheck::FileHashes &Hashes = hashes();
  relcheck::CacheEntry Entry;
  if (Cache.lookup(FuzzKey, Hashes, Entry) != relcheck::FactCache::Status::Hit)
    return;
  // What was read must be written and read back the same.
  if (!Cache.store(FuzzKey, Entry))
    return; // A full /tmp is not the reader's fault.
  relcheck::CacheEntry Back;
  if (Cache.lookup(FuzzKey, Hashes, Back) != relcheck::FactCache::Status::Hit ||
      Back.Parsed != Entry.Parsed || Back.Files != Entry.Files ||
      factsText(Back.Facts) != factsText(Entry.Facts))
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  lookUp(Text);
  size_t Newline = Text.find('\n');
  size_t LastSpace = Text.rfind(' ', Newline);
  if (Newline != std::string::npos && LastSpace != std::string::npos)
    lookUp(Text.substr(0, LastSpace + 1) +
           relcheck::contentHash(llvm::StringRef(Text).substr(Newline + 1)) +
           Text.substr(Newline));
  return 0;
}
