//===- FixApplierTest.cpp - planning, formatting, writing fixes -----------===//
#include "emit/TextEmitter.h"
#include "fixes/FixExport.h"
#include "fixes/FixJournal.h"
#include "fixes/FixPlanner.h"
#include "fixes/FixWriter.h"
#include "fixes/UnifiedDiff.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace relcheck {
namespace {

/// A scratch directory with files, removed at the end.
class FixApplierTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Path;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("relcheck-fixes", Path));
    Dir = std::string(Path);
    JournalDir = Dir + "-journal";
  }
  void TearDown() override {
    llvm::sys::fs::remove_directories(Dir);
    llvm::sys::fs::remove_directories(JournalDir);
  }

  std::string write(const std::string &Name, const std::string &Content) {
    std::string Path = Dir + "/" + Name;
    std::ofstream Out(Path, std::ios::binary);
    Out << Content;
    return Path;
  }

  std::string read(const std::string &Path) {
    return readFileBytes(Path).value_or("<unreadable>");
  }

  /// A finding whose fix is the given edits.
  static Finding finding(std::string Attribute,
                         std::vector<Replacement> Edits) {
    Finding F;
    F.RuleId = "relcheck-test";
    F.Model = "M";
    F.Attribute = std::move(Attribute);
    F.Message = "test";
    if (!Edits.empty())
      F.Range = {Edits.front().File,
                 Edits.front().Offset,
                 Edits.front().Offset,
                 1,
                 Edits.front().Offset + 1,
                 1,
                 1};
    Fix X;
    X.Description = "test fix";
    X.Replacements = std::move(Edits);
    F.Fixes.push_back(std::move(X));
    return F;
  }

  /// A plan without formatting (byte-exact expectations).
  FixPlan plan(const std::vector<Finding> &Findings,
               const SourceSnapshot &Sources = {}) {
    FixPlanOptions Options;
    Options.Format = false;
    return planFixes(Findings, Sources, Options);
  }

  std::string Dir;
  std::string JournalDir; ///< Beside Dir: Dir holds only the test's files.
};

TEST_F(FixApplierTest, OverlappingFixesAreRefusedBothAndTheRestApplied) {
  std::string F = write("a.hpp", "0123456789abcdefghij\n");
  std::vector<Finding> Findings = {
      finding("a", {{F, 2, 4, "AAAA"}}),
      finding("b", {{F, 4, 4, "BBBB"}}),
      finding("c", {{F, 12, 2, "CC"}}),
  };
  FixPlan P = plan(Findings);
  ASSERT_EQ(P.Refused.size(), 2u);
  EXPECT_EQ(P.Refused[0].Finding, 0u);
  EXPECT_EQ(P.Refused[1].Finding, 1u);
  // Each refusal names the other finding and where they overlap.
  EXPECT_NE(P.Refused[0].Reason.find("'M.b' [relcheck-test]"),
            std::string::npos)
      << P.Refused[0].Reason;
  EXPECT_NE(P.Refused[1].Reason.find("'M.a' [relcheck-test]"),
            std::string::npos)
      << P.Refused[1].Reason;
  EXPECT_NE(P.Refused[0].Reason.find(F + ":1:"), std::string::npos);
  EXPECT_EQ(P.Applied, std::vector<size_t>{2});
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed, "0123456789abCCefghij\n");
  EXPECT_EQ(P.Offered, 3u);
}

TEST_F(FixApplierTest, AMultiFileFixIsRefusedWhole) {
  std::string A = write("a.hpp", "aaaa\n");
  std::string B = write("b.hpp", "bbbb\n");
  std::vector<Finding> Findings = {
      finding("x", {{A, 0, 1, "X"}, {B, 0, 1, "X"}}),
      finding("y", {{B, 0, 2, "YY"}}),
  };
  FixPlan P = plan(Findings);
  EXPECT_TRUE(P.Applied.empty());
  EXPECT_TRUE(P.Files.empty()); // Not even a.hpp: half a fix is worse.
}

TEST_F(FixApplierTest, IdenticalEditsApplyOnceAndInsertionsKeepFindingOrder) {
  std::string F = write("a.hpp", "struct A {\n  int id;\n};\n");
  unsigned End = 20; // After "int id;".
  std::vector<Finding> Findings = {
      finding("one", {{F, 0, 0, "struct B;\n"}, {F, End, 0, "\n  int one;"}}),
      finding("two", {{F, 0, 0, "struct B;\n"}, {F, End, 0, "\n  int two;"}}),
  };
  FixPlan P = plan(Findings);
  EXPECT_TRUE(P.Refused.empty());
  EXPECT_EQ(P.Applied, (std::vector<size_t>{0, 1}));
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed,
            "struct B;\nstruct A {\n  int id;\n  int one;\n  int two;\n};\n");
}

// The planner sweeps edits sorted by offset (issue 12, defect 12): a long
// replacement must still meet every edit it covers, however far after its
// start, and a yielding fix must still give way to one replacing the same
// bytes.
TEST_F(FixApplierTest, ALongReplacementMeetsEveryEditItCovers) {
  std::string F = write("a.hpp", std::string(100, 'x') + "\n");
  Finding Long = finding("long", {{F, 10, 80, "L"}});
  std::vector<Finding> Fs = {finding("before", {{F, 0, 2, "B"}}), Long,
                             finding("start", {{F, 10, 0, "S"}}),
                             finding("inside", {{F, 85, 0, "I"}}),
                             finding("end", {{F, 90, 0, "E"}})};
  FixPlan P = plan(Fs);
  EXPECT_EQ(P.Applied, (std::vector<size_t>{0, 2, 4}));
  ASSERT_EQ(P.Refused.size(), 2u);
  EXPECT_EQ(P.Refused[0].Finding, 1u);
  EXPECT_NE(P.Refused[0].Reason.find("'M.inside'"), std::string::npos);
  EXPECT_NE(P.Refused[1].Reason.find("'M.long'"), std::string::npos);

  Finding Yielding = finding("yields", {{F, 50, 5, "Y"}, {F, 95, 0, "y"}});
  Yielding.Fixes.front().YieldsOnOverlap = true;
  P = plan({Long, Yielding});
  EXPECT_EQ(P.Applied, std::vector<size_t>{0});
  EXPECT_TRUE(P.Refused.empty()) << "dropped quietly";
  EXPECT_EQ(P.Offered, 1u);
}

// Many fixes in one file: planned near-linearly (bench/fix-planning.py
// times it); here only what they give.
TEST_F(FixApplierTest, ThousandsOfInsertionsAtOneOffsetCombineInOrder) {
  std::string F = write("a.hpp", "struct A {\n};\n");
  std::vector<Finding> Fs;
  std::string Expected;
  for (int I = 0; I < 5000; ++I) {
    std::string Text = "\n  int m" + std::to_string(I) + ";";
    Fs.push_back(finding("m" + std::to_string(I),
                         {{F, 10, 0, Text}, {F, 0, 0, "// once\n"}}));
    Expected += Text;
  }
  FixPlan P = plan(Fs);
  ASSERT_EQ(P.Applied.size(), 5000u);
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed, "// once\nstruct A {" + Expected + "\n};\n");
}

TEST_F(FixApplierTest, InsertionGoesAfterATrailingComment) {
  std::string F = write("a.hpp", "struct A {\n  int id; // the key\n};\n");
  FixPlan P = plan({finding("x", {{F, 20, 0, "\n  int x;"}})});
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed,
            "struct A {\n  int id; // the key\n  int x;\n};\n");
}

TEST_F(FixApplierTest, InsertedLinesFollowCrlf) {
  std::string F = write("a.hpp", "struct A {\r\n  int id;\r\n};\r\n");
  FixPlan P = plan({finding("x", {{F, 21, 0, "\n  int x;"}})});
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed, "struct A {\r\n  int id;\r\n  int x;\r\n};\r\n");
}

TEST_F(FixApplierTest, EditsOutsideTheFileAreRefused) {
  std::string F = write("a.hpp", "short\n");
  FixPlan P = plan({finding("x", {{F, 4, 10, ""}}),
                    finding("y", {{Dir + "/missing.hpp", 0, 0, "x"}})});
  ASSERT_EQ(P.Refused.size(), 2u);
  EXPECT_NE(P.Refused[0].Reason.find("outside"), std::string::npos);
  EXPECT_NE(P.Refused[1].Reason.find("cannot be read"), std::string::npos);
}

TEST_F(FixApplierTest, PlansAgainstTheBytesTheAnalysisSaw) {
  std::string F = write("a.hpp", "changed on disk\n");
  SourceSnapshot Seen;
  Seen.record(F, "as analyzed\n");
  FixPlan P = plan({finding("x", {{F, 0, 2, "AS"}})}, Seen);
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Original, "as analyzed\n");
  EXPECT_EQ(P.Files[0].Fixed, "AS analyzed\n");
  // The file no longer holds those bytes: --fix must not write it.
  EXPECT_EQ(filesChangedOnDisk(P), std::vector<std::string>{F});
  llvm::Error E = writeFixedFiles(P, JournalDir);
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("changed"), std::string::npos);
  EXPECT_EQ(read(F), "changed on disk\n");
}

TEST_F(FixApplierTest, FilesChangedDuringTheAnalysisGetNoFix) {
  std::string F = write("a.hpp", "text\n");
  SourceSnapshot Seen;
  Seen.record(F, "text\n");
  Seen.record(F, "other text\n"); // A second TU saw other bytes.
  EXPECT_TRUE(Seen.changedDuringAnalysis(F));
  FixPlan P = plan({finding("x", {{F, 0, 1, "T"}})}, Seen);
  ASSERT_EQ(P.Refused.size(), 1u);
  EXPECT_NE(P.Refused[0].Reason.find("changed while relcheck analyzed it"),
            std::string::npos);
  EXPECT_TRUE(P.Files.empty());
}

TEST_F(FixApplierTest, WritesEveryFileAndKeepsPermissions) {
  std::string A = write("a.hpp", "aaaa\n");
  std::string B = write("b.hpp", "bbbb\n");
  llvm::sys::fs::setPermissions(A, llvm::sys::fs::perms(0640));
  FixPlan P = plan({finding("x", {{A, 0, 1, "X"}, {B, 0, 1, "Y"}})});
  ASSERT_TRUE(filesChangedOnDisk(P).empty());
  ASSERT_FALSE(static_cast<bool>(writeFixedFiles(P, JournalDir)));
  EXPECT_EQ(read(A), "Xaaa\n");
  EXPECT_EQ(read(B), "Ybbb\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(A, Status));
  EXPECT_EQ(Status.permissions(), llvm::sys::fs::perms(0640));
  // No temporary is left behind.
  std::error_code EC;
  int Files = 0;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    ++Files;
  EXPECT_EQ(Files, 2);
}

TEST_F(FixApplierTest, WritesTheTargetOfASymlinkAndKeepsTheLink) {
  std::string Real = write("real.hpp", "aaaa\n");
  std::string Link = Dir + "/link.hpp";
  ASSERT_FALSE(llvm::sys::fs::create_link("real.hpp", Link));
  FixPlan P = plan({finding("x", {{Link, 0, 1, "X"}})});
  ASSERT_FALSE(static_cast<bool>(writeFixedFiles(P, JournalDir)));
  EXPECT_EQ(read(Real), "Xaaa\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(Link, Status, /*follow=*/false));
  EXPECT_EQ(Status.type(), llvm::sys::fs::file_type::symlink_file);
}

TEST_F(FixApplierTest, KeepsHardLinks) {
  std::string A = write("a.hpp", "aaaa\n");
  std::string B = Dir + "/b.hpp";
  ASSERT_FALSE(llvm::sys::fs::create_hard_link(A, B));
  FixPlan P = plan({finding("x", {{A, 0, 1, "X"}})});
  ASSERT_FALSE(static_cast<bool>(writeFixedFiles(P, JournalDir)));
  EXPECT_EQ(read(A), "Xaaa\n");
  EXPECT_EQ(read(B), "Xaaa\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(A, Status));
  EXPECT_EQ(Status.getLinkCount(), 2u);
}

/// A journal as a --fix killed at some step leaves it.
std::string journalText(const std::vector<JournalEntry> &Entries,
                        bool Committed) {
  std::string Text = "relcheck-fix-journal 1\n";
  for (const JournalEntry &E : Entries)
    Text += std::string(E.Mode == WriteMode::Rename ? "rename " : "inplace ") +
            llvm::utohexstr(E.OriginalHash) + " " + llvm::toHex(E.Target) +
            " " + llvm::toHex(E.Temporary) + "\n";
  return Text + "end\n" + (Committed ? "commit\n" : "");
}

TEST_F(FixApplierTest, TheNextRunCompletesACommittedFix) {
  std::string A = write("a.hpp", "new a\n"); // Renamed before the kill.
  std::string B = write("b.hpp", "old b\n");
  std::string TempB = write("b.hpp.relcheck-fix-1", "new b\n");
  llvm::sys::fs::create_directories(JournalDir);
  std::ofstream(JournalDir + "/fix-1.journal")
      << journalText({{A, A + ".relcheck-fix-1", WriteMode::Rename,
                       llvm::xxh3_64bits(llvm::StringRef("old a\n"))},
                      {B, TempB, WriteMode::Rename,
                       llvm::xxh3_64bits(llvm::StringRef("old b\n"))}},
                     /*Committed=*/true);
  std::vector<std::string> Said = recoverInterruptedFixes(JournalDir);
  ASSERT_EQ(Said.size(), 1u);
  EXPECT_NE(Said[0].find("completed an interrupted"), std::string::npos);
  EXPECT_EQ(read(A), "new a\n");
  EXPECT_EQ(read(B), "new b\n");
  EXPECT_FALSE(llvm::sys::fs::exists(TempB));
  EXPECT_FALSE(llvm::sys::fs::exists(JournalDir + "/fix-1.journal"));
}

TEST_F(FixApplierTest, TheNextRunRollsBackAnUncommittedFix) {
  std::string A = write("a.hpp", "old a\n");
  std::string TempA = write("a.hpp.relcheck-fix-1", "new"); // Torn.
  llvm::sys::fs::create_directories(JournalDir);
  std::ofstream(JournalDir + "/fix-1.journal")
      << journalText({{A, TempA, WriteMode::Rename,
                       llvm::xxh3_64bits(llvm::StringRef("old a\n"))}},
                     /*Committed=*/false);
  std::vector<std::string> Said = recoverInterruptedFixes(JournalDir);
  ASSERT_EQ(Said.size(), 1u);
  EXPECT_NE(Said[0].find("rolled back"), std::string::npos);
  EXPECT_EQ(read(A), "old a\n");
  EXPECT_FALSE(llvm::sys::fs::exists(TempA));
  EXPECT_FALSE(llvm::sys::fs::exists(JournalDir + "/fix-1.journal"));
}

TEST_F(FixApplierTest, FormatsOnlyTheInsertedLines) {
  std::string Code = "struct A {\n"
                     "  std::vector<B*>   bs;\n"
                     "  ORM_RELATIONSHIP(\"B\", backref=\"a\") B* b;\n"
                     "};\n";
  std::string F = write("a.hpp", Code);
  unsigned Backref = static_cast<unsigned>(Code.find("backref=\"a\""));
  unsigned End = static_cast<unsigned>(Code.find("B* b;") + 5);
  FixPlanOptions Options; // Formatting on; no .clang-format: `B* b` rules.
  FixPlan P = planFixes(
      {finding("x", {{F, Backref, 11, "back_populates=\"a\""},
                     {F, End, 0,
                      "\n     ORM_RELATIONSHIP(\"A\", back_populates=\"b\")   "
                      "A* a;"}})},
      SourceSnapshot(), Options);
  ASSERT_EQ(P.Files.size(), 1u) << (P.Warnings.empty() ? "" : P.Warnings[0]);
  // The user's lines keep their layout; the new one follows the style, its
  // (Python) macro arguments untouched.
  EXPECT_EQ(P.Files[0].Fixed,
            "struct A {\n"
            "  std::vector<B*>   bs;\n"
            "  ORM_RELATIONSHIP(\"B\", back_populates=\"a\") B* b;\n"
            "  ORM_RELATIONSHIP(\"A\", back_populates=\"b\") A* a;\n"
            "};\n");
}

TEST_F(FixApplierTest, LongInsertedDeclarationsBreakAfterTheAnnotation) {
  std::string Code = "struct A {\n  int id;\n};\n";
  std::string F = write("a.hpp", Code);
  std::string Long = "\n  ORM_RELATIONSHIP(\"Parent\", "
                     "secondary=association_table, back_populates=\"children\""
                     ") std::vector<Parent*> parents;";
  FixPlan P = planFixes({finding("x", {{F, 20, 0, Long}})}, SourceSnapshot(),
                        FixPlanOptions());
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(P.Files[0].Fixed,
            "struct A {\n  int id;\n"
            "  ORM_RELATIONSHIP(\"Parent\", secondary=association_table,\n"
            "                   back_populates=\"children\")\n"
            "  std::vector<Parent *> parents;\n};\n");
}

TEST_F(FixApplierTest, LongAnnotationsWrapTheirArguments) {
  std::string Code = "struct A {\n  int id;\n};\n";
  std::string F = write("a.hpp", Code);
  std::string Long =
      "\n  ORM_RELATIONSHIP(\"Address\", back_populates=\"user\", "
      "foreign_keys=\"Address.user_id\", post_update=True, "
      "order_by=[Address.id, desc(Address.email)]) Address* a;";
  FixPlan P = planFixes({finding("x", {{F, 20, 0, Long}})}, SourceSnapshot(),
                        FixPlanOptions());
  ASSERT_EQ(P.Files.size(), 1u);
  EXPECT_EQ(
      P.Files[0].Fixed,
      "struct A {\n  int id;\n"
      "  ORM_RELATIONSHIP(\"Address\", back_populates=\"user\",\n"
      "                   foreign_keys=\"Address.user_id\", post_update=True,\n"
      "                   order_by=[Address.id, desc(Address.email)])\n"
      "  Address *a;\n};\n");
}

TEST_F(FixApplierTest, ExportedFixesReproduceTheFixedFiles) {
  std::string Code = "struct A {\n  int id;\n};\nstruct B {\n  int id;\n};\n";
  std::string F = write("a.hpp", Code);
  std::vector<Finding> Findings = {
      finding("x", {{F, 20, 0, "\n      B*   b;"}}),
      finding("y", {{F, 44, 0, "\n  A* a;"}, {F, 0, 0, "struct  C;\n"}}),
  };
  FixPlan P = planFixes(Findings, SourceSnapshot(), FixPlanOptions());
  ASSERT_EQ(P.Files.size(), 1u);
  std::string Yaml = exportFixesYaml(Findings, P);

  clang::tooling::TranslationUnitDiagnostics TU;
  llvm::yaml::Input In(Yaml);
  In >> TU;
  ASSERT_FALSE(In.error()) << Yaml;
  ASSERT_EQ(TU.Diagnostics.size(), 2u) << Yaml;
  EXPECT_EQ(TU.Diagnostics[0].DiagnosticName, "relcheck-test");
  clang::tooling::Replacements All;
  for (const clang::tooling::Diagnostic &D : TU.Diagnostics)
    for (const auto &Entry : D.Message.Fix)
      for (const clang::tooling::Replacement &R : Entry.second)
        ASSERT_FALSE(static_cast<bool>(All.add(R)));
  llvm::Expected<std::string> Applied =
      clang::tooling::applyAllReplacements(Code, All);
  ASSERT_TRUE(static_cast<bool>(Applied));
  EXPECT_EQ(*Applied, P.Files[0].Fixed);
  EXPECT_EQ(P.Files[0].Fixed, "struct C;\nstruct A {\n  int id;\n  B *b;\n};\n"
                              "struct B {\n  int id;\n  A *a;\n};\n");
}

TEST(UnifiedDiff, HunksWithContext) {
  std::string Old;
  for (int I = 1; I <= 20; ++I)
    Old += "line " + std::to_string(I) + "\n";
  std::string New = Old;
  New.replace(New.find("line 2\n"), 7, "line two\n");
  New.replace(New.find("line 18\n"), 8, "line 18\nline 18b\n");
  EXPECT_EQ(unifiedDiff("a/f.hpp", "b/f.hpp", Old, New), "--- a/f.hpp\n"
                                                         "+++ b/f.hpp\n"
                                                         "@@ -1,5 +1,5 @@\n"
                                                         " line 1\n"
                                                         "-line 2\n"
                                                         "+line two\n"
                                                         " line 3\n"
                                                         " line 4\n"
                                                         " line 5\n"
                                                         "@@ -16,5 +16,6 @@\n"
                                                         " line 16\n"
                                                         " line 17\n"
                                                         " line 18\n"
                                                         "+line 18b\n"
                                                         " line 19\n"
                                                         " line 20\n");
}

TEST(UnifiedDiff, CloseChangesShareAHunk) {
  EXPECT_EQ(unifiedDiff("f", "f", "a\nb\nc\nd\n", "A\nb\nc\nD\n", 1),
            "--- f\n+++ f\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n");
}

TEST(UnifiedDiff, MissingFinalNewlineAndEmptySides) {
  EXPECT_EQ(unifiedDiff("f", "f", "a\nb", "a\nb\n"),
            "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of "
            "file\n+b\n");
  EXPECT_EQ(unifiedDiff("f", "f", "", "x\n"),
            "--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n");
  EXPECT_EQ(unifiedDiff("f", "f", "same\n", "same\n"), "");
}

TEST(FixItText, HintLineUnderTheCaret) {
  // Tabs are reproduced so the hint lines up with the replaced text.
  EXPECT_EQ(
      fixItHintLine("\tfoo(backref=\"x\")", {{6, "back_populates=\"x\""}}),
      "\t    back_populates=\"x\"");
  // A hint overlapping the previous one is left out, as clang does.
  EXPECT_EQ(fixItHintLine("abcdef", {{1, "XYZ"}, {2, "Q"}, {5, "W"}}), "XYZ W");
}

TEST(FixItText, EscapesLikeClang) {
  EXPECT_EQ(escapeFixItText("a\"b\\c\nd\te\x01"), "a\\\"b\\\\c\\nd\\te\\001");
}

TEST(FixItText, ParseableFixitsAndHints) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("relcheck-text", Dir));
  std::string Path = std::string(Dir) + "/m.hpp";
  {
    std::ofstream Out(Path, std::ios::binary);
    Out << "struct A {\n  REL(backref=\"a\") B* b;\n};\n";
  }
  Finding F;
  F.RuleId = "relcheck-legacy-backref";
  F.Message = "legacy";
  F.Range = {Path, 17, 24, 2, 7, 2, 14};
  Fix X;
  X.Replacements = {{Path, 17, 11, "back_populates=\"a\""},
                    {Path, 35, 0, "\n  REL() A* a;"}};
  F.Fixes.push_back(X);
  SourceFileCache Sources;
  std::ostringstream Plain, Parseable;
  emitText({F}, Sources, Plain);
  TextOptions Options;
  Options.ParseableFixits = true;
  emitText({F}, Sources, Parseable, Options);
  std::string Head = Path + ":2:7: warning: legacy [relcheck-legacy-backref]\n"
                            "  REL(backref=\"a\") B* b;\n"
                            "      ^~~~~~~\n"
                            "      back_populates=\"a\"\n";
  EXPECT_EQ(Plain.str(), Head);
  EXPECT_EQ(Parseable.str(),
            Head + "fix-it:\"" + Path +
                "\":{2:7-2:18}:\"back_populates=\\\"a\\\"\"\n" + "fix-it:\"" +
                Path + "\":{2:25-2:25}:\"\\n  REL() A* a;\"\n");
  llvm::sys::fs::remove_directories(Dir);
}

} // namespace
} // namespace relcheck
