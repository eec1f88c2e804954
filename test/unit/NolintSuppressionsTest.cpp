//===- NolintSuppressionsTest.cpp - NOLINT parsing and matching -----------===//
//
// clang-tidy 19's NOLINT rules on plain text. The same behaviour is checked
// end to end against the real clang-tidy-19 in test/config (parity tests).
//
//===----------------------------------------------------------------------===//
#include "findings/NolintSuppressions.h"
#include "findings/GlobList.h"

#include <gtest/gtest.h>

#include <map>

namespace relcheck {
namespace {

TEST(GlobListTest, LastMatchWinsAndNegativesCanBeDropped) {
  GlobList L(" relcheck-* , -relcheck-legacy-backref\nfoo");
  EXPECT_TRUE(L.contains("relcheck-invalid-annotation"));
  EXPECT_FALSE(L.contains("relcheck-legacy-backref"));
  EXPECT_TRUE(L.contains("foo"));
  EXPECT_FALSE(L.contains("bar"));
  GlobList Positive("-relcheck-*", /*KeepNegative=*/false);
  EXPECT_FALSE(Positive.contains("relcheck-legacy-backref"));
  EXPECT_FALSE(GlobList("").contains("relcheck-x"));
  EXPECT_TRUE(GlobList("*").contains(""));
}

TEST(NolintDirectivesTest, WordsListsAndNonDirectives) {
  std::vector<NolintDirective> D =
      findNolintDirectives("a; // NOLINT\n"
                           "// NOLINTNEXTLINE( a , b )\n"
                           "// NOLINTfoo NOLINT_x NOLINTBEGIN(x NOLINTEND()\n"
                           "// NOLINT (y)\n");
  ASSERT_EQ(D.size(), 5u); // The NOLINTEND inside the list is no directive.
  EXPECT_EQ(D[0].Kind, NolintKind::NoLint);
  EXPECT_FALSE(D[0].Checks);
  EXPECT_EQ(D[1].Kind, NolintKind::NextLine);
  EXPECT_EQ(*D[1].Checks, "a,b");
  EXPECT_EQ(D[1].Length, std::string("NOLINTNEXTLINE( a , b )").size());
  EXPECT_EQ(D[2].Kind, NolintKind::NoLint); // NOLINT_x: a bare NOLINT.
  EXPECT_FALSE(D[2].Checks);
  EXPECT_EQ(D[3].Kind, NolintKind::Begin); // "(x NOLINTEND()": no ')' yet...
  ASSERT_TRUE(D[3].Checks);                // ...but one later on the line.
  EXPECT_EQ(*D[3].Checks, "x NOLINTEND(");
  EXPECT_EQ(D[4].Kind, NolintKind::NoLint); // "NOLINT (y)": no list.
  EXPECT_FALSE(D[4].Checks);
}

Finding finding(const std::string &File, unsigned Offset, Severity Sev,
                const std::string &Rule = "relcheck-legacy-backref") {
  Finding F;
  F.RuleId = Rule;
  F.Sev = Sev;
  F.Message = "m";
  F.Range.File = File;
  F.Range.Begin = F.Range.End = Offset;
  F.Range.Line = 1;
  return F;
}

TEST(NolintSuppressionsTest, ErrorsAreNeverSuppressedAndBlocksAreStrict) {
  std::map<std::string, std::string> Files = {
      {"f",
       "x // NOLINT\n"                 // 0..11
       "// NOLINTBEGIN(relcheck-*)\n"  // 12..38
       "y\n"                           // 39
       "// NOLINTEND(relcheck-*)\n"}}; // 41
  FileTextFn Text = [&](const std::string &P) -> const std::string * {
    auto It = Files.find(P);
    return It == Files.end() ? nullptr : &It->second;
  };
  std::vector<Finding> In = {
      finding("f", 0, Severity::Warning),
      finding("f", 0, Severity::Error),
      finding("f", 39, Severity::Warning),
      finding("f", 39, Severity::Warning, "other-check"),
      finding("f", 15, Severity::Warning), // On "NOLINTBEGIN" itself.
      finding("missing", 0, Severity::Warning)};
  SuppressionResult R = applyNolintSuppressions(In, Text, {});
  EXPECT_EQ(R.Suppressed, 2u);
  ASSERT_EQ(R.Kept.size(), 4u);
  EXPECT_EQ(R.Kept[0].Sev, Severity::Error);
  EXPECT_EQ(R.Kept[1].RuleId, "other-check");
  EXPECT_EQ(R.Kept[2].Range.Begin, 15u);
  EXPECT_EQ(R.Kept[3].Range.File, "missing");
  EXPECT_TRUE(R.Problems.empty());
}

TEST(NolintSuppressionsTest, UnmatchedBlocksReportedOncePerFile) {
  std::string T = "// NOLINTBEGIN(a)\n"
                  "x\n"
                  "// NOLINTEND(b)\n";
  FileTextFn Text = [&](const std::string &) { return &T; };
  std::vector<Finding> In = {finding("f", 18, Severity::Warning),
                             finding("f", 18, Severity::Note)};
  SuppressionResult R = applyNolintSuppressions(In, Text, {});
  EXPECT_EQ(R.Kept.size(), 2u);
  ASSERT_EQ(R.Problems.size(), 2u);
  EXPECT_EQ(R.Problems[0].Range.Line, 3u); // The END, in file order...
  EXPECT_EQ(R.Problems[0].Range.Column, 4u);
  EXPECT_EQ(R.Problems[1].Range.Line, 1u); // ...then the BEGINs left open.
  EXPECT_EQ(R.Problems[1].Sev, Severity::Error);
  // An error finding does not consult the blocks (clang-tidy never
  // suppresses errors), so it reports nothing.
  R = applyNolintSuppressions({finding("f", 18, Severity::Error)}, Text, {});
  EXPECT_TRUE(R.Problems.empty());
}

} // namespace
} // namespace relcheck
