//===- ProjectManifestTest.cpp - the cache's project manifests ------------===//
#include "driver/ProjectManifest.h"
#include "driver/FileHashes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace relcheck;

namespace {

class ProjectManifestTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Path;
    ASSERT_FALSE(
        llvm::sys::fs::createUniqueDirectory("relcheck-manifest", Path));
    Dir = std::string(Path);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  /// Stores Text as a run stores a manifest (under its hash) and records
  /// it as the project of Main.
  void store(const std::string &Main, const std::string &Text) {
    std::string Id = contentHash(Text);
    write("projects/" + Id, Text);
    write("projects/by-file/" + contentHash(Main), Id + "\n");
  }

  void write(const std::string &Rel, const std::string &Text) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    std::ofstream(std::string(Path), std::ios::binary) << Text;
  }

  std::string Dir;
};

TEST_F(ProjectManifestTest, WrittenManifestReadsBack) {
  std::string Key(32, 'a');
  writeProjectManifest(Dir, {{"/src/a.cpp", Key}, {"/src/b.cpp", "0f"}});
  auto Entries = readProjectManifest(Dir, "/src/b.cpp");
  ASSERT_TRUE(Entries);
  ASSERT_EQ(Entries->size(), 2u);
  EXPECT_EQ((*Entries)[0].Key, Key);
  EXPECT_EQ((*Entries)[1].MainFile, "/src/b.cpp");
}

// Found by fuzz_project_manifest: a key is a file name in the cache
// (<cache>/<key[0:2]>/<key>.json); a manifest naming "../../x" made the
// cache read outside its directory. Keys are hashes, nothing else is used.
TEST_F(ProjectManifestTest, KeyThatIsNotAHashRefusesTheManifest) {
  for (std::string Key : {"../../../etc/passwd", "AB12", "ab/../cd", "a b"}) {
    store("/src/a.cpp", "relcheck-project 1\n" + Key + "\t/src/a.cpp\n");
    EXPECT_FALSE(readProjectManifest(Dir, "/src/a.cpp")) << Key;
  }
  store("/src/a.cpp", "relcheck-project 1\n0123abcd\t/src/a.cpp\n");
  EXPECT_TRUE(readProjectManifest(Dir, "/src/a.cpp"));
}

} // namespace
