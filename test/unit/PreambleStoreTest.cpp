//===- PreambleStoreTest.cpp - reused preamble, cold parse's facts --------===//
#include "extract/PreambleStore.h"
#include "extract/OverlayTuRunner.h"

#include "facts/FactsJson.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

using namespace relcheck;

namespace {

class TempDir {
public:
  TempDir() {
    EXPECT_FALSE(
        llvm::sys::fs::createUniqueDirectory("relcheck-preamble", Path));
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string write(llvm::StringRef Name, llvm::StringRef Content) {
    llvm::SmallString<256> File(Path);
    llvm::sys::path::append(File, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    EXPECT_FALSE(EC);
    OS << Content;
    return std::string(File);
  }
  std::string path() const { return std::string(Path); }

private:
  llvm::SmallString<256> Path;
};

clang::tooling::CompileCommand commandFor(const TempDir &Dir,
                                          llvm::StringRef File) {
  clang::tooling::CompileCommand Command;
  Command.Directory = Dir.path();
  Command.Filename = File.str();
  Command.CommandLine = {"clang++", "-std=c++17",
                         "-I" RELCHECK_SOURCE_DIR "/lib/include", "-c",
                         File.str()};
  return Command;
}

ExtractOptions defaultOptions() {
  ExtractOptions Options;
  Options.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;
  return Options;
}

/// Models whose member types the classifier reads from the standard
/// library, which the preamble holds.
const char *const Models = R"cpp(#pragma once
#include <relcheck/orm.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Address", collection_class=attribute_mapped_collection("k"))
  std::map<std::string, Address*> by_key;
  int twice() const { return id * 2; }
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") std::shared_ptr<User> user;
};
)cpp";

const char *const Main = R"cpp(// The system headers first: the preamble.
#include <algorithm>
#include <map>
#include <string>
#include <vector>
#include "models.hpp"
int use(const User &U) { return U.twice(); }
)cpp";

std::vector<std::string> paths(const OverlayTuResult &R) {
  std::vector<std::string> Out;
  for (const FileStamp &S : R.Files)
    Out.push_back(S.Path);
  return Out;
}

TEST(PreambleStore, BoundsEndBeforeTheFirstQuotedInclude) {
  auto Buffer = llvm::MemoryBuffer::getMemBuffer(Main);
  clang::LangOptions Lang;
  Lang.CPlusPlus = true;
  clang::PreambleBounds Bounds = systemPreambleBounds(Lang, *Buffer);
  EXPECT_EQ(llvm::StringRef(Main).substr(Bounds.Size),
            llvm::StringRef(Main).substr(
                llvm::StringRef(Main).find("#include \"models.hpp\"")));
  EXPECT_TRUE(Bounds.PreambleEndsAtStartOfLine);
}

TEST(PreambleStore, ReusedPreambleGivesTheFactsOfAColdParse) {
  TempDir Dir;
  std::string Header = Dir.write("models.hpp", Models);
  Dir.write("main.cpp", Main);
  clang::tooling::CompileCommand Command = commandFor(Dir, "main.cpp");
  PreambleStore Store;

  // Built on the first parse, reused on the next one (an edited header,
  // as an editor's buffer), each time equal to a cold parse.
  std::map<std::string, std::string> Overlay;
  for (int Round = 0; Round < 2; ++Round) {
    SCOPED_TRACE(Round);
    OverlayTuResult Cold =
        extractFactsWithOverlay(Command, defaultOptions(), Overlay);
    OverlayTuResult Warm =
        extractFactsWithOverlay(Command, defaultOptions(), Overlay, &Store);
    ASSERT_TRUE(Cold.Facts.CompileErrors.empty())
        << Cold.Facts.CompileErrors[0].Message;
    ASSERT_EQ(Cold.Facts.Models.size(), 2u);
    EXPECT_EQ(factsToJson({Warm.Facts}), factsToJson({Cold.Facts}));
    EXPECT_EQ(paths(Warm), paths(Cold)); // The preamble's files included.
    Overlay[Header] = std::string(Models) + "// edited\n";
  }
  EXPECT_EQ(Store.builds(), 1u);
  EXPECT_EQ(Store.reuses(), 1u);
}

TEST(PreambleStore, CompileErrorsAfterThePreambleAreReported) {
  TempDir Dir;
  Dir.write("models.hpp", Models);
  std::string MainFile = Dir.write("main.cpp", Main);
  clang::tooling::CompileCommand Command = commandFor(Dir, "main.cpp");
  PreambleStore Store;
  std::map<std::string, std::string> Overlay;
  extractFactsWithOverlay(Command, defaultOptions(), Overlay, &Store);
  Overlay[MainFile] = std::string(Main) + "int broken(\n";
  OverlayTuResult Cold =
      extractFactsWithOverlay(Command, defaultOptions(), Overlay);
  OverlayTuResult Warm =
      extractFactsWithOverlay(Command, defaultOptions(), Overlay, &Store);
  EXPECT_EQ(Store.reuses(), 1u);
  ASSERT_FALSE(Cold.Facts.CompileErrors.empty());
  EXPECT_EQ(factsToJson({Warm.Facts}), factsToJson({Cold.Facts}));
}

TEST(PreambleStore, ProjectHeaderInTheLeadingIncludesMeansNoPreamble) {
  TempDir Dir;
  Dir.write("models.hpp", Models);
  // <relcheck/orm.hpp> is a project header (-I), included with <>.
  Dir.write("main.cpp", std::string("#include <relcheck/orm.hpp>\n") + Main);
  clang::tooling::CompileCommand Command = commandFor(Dir, "main.cpp");
  PreambleStore Store;
  std::map<std::string, std::string> Overlay;
  OverlayTuResult Cold =
      extractFactsWithOverlay(Command, defaultOptions(), Overlay);
  for (int Round = 0; Round < 2; ++Round) {
    OverlayTuResult Warm =
        extractFactsWithOverlay(Command, defaultOptions(), Overlay, &Store);
    EXPECT_EQ(factsToJson({Warm.Facts}), factsToJson({Cold.Facts}));
    EXPECT_EQ(paths(Warm), paths(Cold));
  }
  EXPECT_EQ(Store.builds(), 1u); // Once, to learn it; then remembered.
  EXPECT_EQ(Store.reuses(), 0u);
}

} // namespace
