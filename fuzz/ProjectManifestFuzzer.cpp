//===- ProjectManifestFuzzer.cpp - libFuzzer: the cache's project manifests
//===//
//
// projects/<id> and projects/by-file/<hash> in the cache directory (which
// is anyone's to write) say which cache entries form the project of a main
// file; the clang-tidy plugin and every cached run read them. The input is
// a manifest text, stored under its own id with the by-file record of a
// main file naming it, and read with readProjectManifest and
// cachedProjectFacts; then stored under an id that is not its hash (it
// must be refused). A manifest that reads must name only keys that stay
// inside the cache directory, and write back and read again as the same
// entries.
//
//===----------------------------------------------------------------------===//
#include "driver/FileHashes.h"
#include "driver/ProjectManifest.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

/// The input being run, for fail().
std::string Current;

/// Says which check failed and on what before aborting.
[[noreturn]] void fail(const char *Check) {
  std::fprintf(stderr, "fuzz_project_manifest: %s; input:", Check);
  for (unsigned char C : Current)
    std::fprintf(stderr, " %02x", C);
  std::fprintf(stderr, "\n");
  std::abort();
}

const std::string MainFile = "/fuzz/src/main.cpp";

std::string temporaryDirectory() {
  char Template[] = "/tmp/relcheck-fuzz-manifest-XXXXXX";
  if (!::mkdtemp(Template))
    std::abort();
  std::string Dir(Template);
  (void)::mkdir((Dir + "/projects").c_str(), 0700);
  (void)::mkdir((Dir + "/projects/by-file").c_str(), 0700);
  return Dir;
}

const std::string &readDirectory() {
  static const std::string Dir = temporaryDirectory();
  return Dir;
}

const std::string &writeDirectory() {
  static const std::string Dir = temporaryDirectory();
  return Dir;
}

void writeFile(const std::string &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary | std::ios::trunc) << Text;
}

/// A cache key as FactCache makes them: a hash in lower-case hex. Anything
/// else could name a file outside the cache directory ("../../x").
bool isCacheKey(const std::string &Key) {
  if (Key.empty())
    return false;
  for (char C : Key)
    if (!((C >= '0' && C <= '9') || (C >= 'a' && C <= 'f')))
      return false;
  return true;
}

void roundTrip(const std::vector<relcheck::ManifestEntry> &Entries) {
  if (Entries.empty())
    return; // writeProjectManifest records no empty project.
  const std::string &Dir = writeDirectory();
  relcheck::writeProjectManifest(Dir, Entries);
  for (const relcheck::ManifestEntry &E : Entries) {
    std::optional<std::vector<relcheck::ManifestEntry>> Back =
        relcheck::readProjectManifest(Dir, E.MainFile);
    if (!Back || Back->size() != Entries.size())
      fail("written back, the manifest does not read as many entries");
    for (size_t I = 0; I < Entries.size(); ++I)
      if ((*Back)[I].Key != Entries[I].Key ||
          (*Back)[I].MainFile != Entries[I].MainFile)
        fail("written back, the manifest reads other entries");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  Current = Text;
  const std::string &Dir = readDirectory();
  std::string ById =
      Dir + "/projects/by-file/" + relcheck::contentHash(MainFile);

  // Stored as a run stores it: under its own hash.
  std::string Id = relcheck::contentHash(Text);
  writeFile(Dir + "/projects/" + Id, Text);
  writeFile(ById, Id + "\n");
  std::optional<std::vector<relcheck::ManifestEntry>> Entries =
      relcheck::readProjectManifest(Dir, MainFile);
  if (Entries) {
    for (const relcheck::ManifestEntry &E : *Entries)
      if (!isCacheKey(E.Key) || E.MainFile.empty())
        fail("a key that is not a cache key, or an empty main file");
    std::string Why;
    (void)relcheck::cachedProjectFacts(Dir, MainFile, Why);
    roundTrip(*Entries);
  }
  (void)::unlink((Dir + "/projects/" + Id).c_str());

  // Under a name that is not its hash: a torn or tampered manifest.
  std::string Wrong = relcheck::contentHash(Text + "x");
  writeFile(Dir + "/projects/" + Wrong, Text);
  writeFile(ById, Wrong + "\n");
  if (relcheck::readProjectManifest(Dir, MainFile))
    fail("a manifest whose name is not its hash is read");
  (void)::unlink((Dir + "/projects/" + Wrong).c_str());

  // The by-file record is the input itself: whatever id it names.
  writeFile(ById, Text);
  (void)relcheck::readProjectManifest(Dir, MainFile);
  return 0;
}
