//===- SpanLocatorTest.cpp - the plugin's Clang-only helpers --------------===//
//
// SpanLocator and the host version check are the parts of the plugin that do
// not need a clang-tidy process; the end-to-end behaviour is tested through
// the real clang-tidy-19 (see CMakeLists.txt).
//
//===----------------------------------------------------------------------===//
#include "SpanLocator.h"
#include "HostVersion.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

#include <memory>

namespace relcheck::tidy {
namespace {

TEST(TidyHostVersion, ParsesDistributorStrings) {
  auto V = parseClangVersion("Debian clang version 19.1.7 (3~deb12u1)");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Major, 19u);
  EXPECT_EQ(V->Minor, 1u);
  V = parseClangVersion("Ubuntu clang version 14.0.6");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Major, 14u);
  EXPECT_FALSE(parseClangVersion("clang 19"));
  EXPECT_FALSE(parseClangVersion("version x.1"));
}

TEST(TidyHostVersion, MatchesTheClangWeLinkInTests) {
  // The test links the same libclang-cpp the plugin is compiled against.
  EXPECT_EQ(hostVersionMismatch(), "");
}

class SpanLocatorTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = clang::tooling::buildASTFromCodeWithArgs(
        "#include \"model.hpp\"\nint Main = 1;\n", {"-std=c++17"},
        "/virtual/main.cpp", "relcheck-test",
        std::make_shared<clang::PCHContainerOperations>(),
        clang::tooling::getClangStripDependencyFileAdjuster(), Headers);
    ASSERT_TRUE(AST);
  }
  const clang::SourceManager &sm() { return AST->getSourceManager(); }
  // The AST's buffers point into these strings (buildASTFromCodeWithArgs
  // does not copy mapped files): they must outlive it. A temporary here
  // left the header's text dangling, and the test failed about once in
  // fifty runs, whenever the freed memory was reused.
  const clang::tooling::FileContentMappings Headers = {
      {"/virtual/model.hpp", "#pragma once\nstruct Model { int Id; };\n"}};
  std::unique_ptr<clang::ASTUnit> AST;
};

TEST_F(SpanLocatorTest, MapsOffsetsInMainFileAndHeaders) {
  SpanLocator Locator(sm());
  clang::SourceLocation Main = Locator.location("/virtual/main.cpp", 21);
  ASSERT_TRUE(Main.isValid());
  EXPECT_EQ(sm().getSpellingLineNumber(Main), 2u);
  EXPECT_EQ(sm().getSpellingColumnNumber(Main), 1u);
  SourceSpan Span;
  Span.File = "/virtual/model.hpp";
  Span.Begin = 20; // "Model" on line 2.
  clang::SourceLocation Header = Locator.begin(Span);
  ASSERT_TRUE(Header.isValid());
  EXPECT_EQ(sm().getSpellingLineNumber(Header), 2u);
  EXPECT_EQ(sm().getSpellingColumnNumber(Header), 8u);
  // A second spelling of the same file finds the same entry.
  EXPECT_EQ(Locator.location("/virtual/../virtual/model.hpp", 20), Header);
}

TEST_F(SpanLocatorTest, InvalidOutsideTheTranslationUnit) {
  SpanLocator Locator(sm());
  EXPECT_TRUE(Locator.location("/virtual/other.hpp", 0).isInvalid());
  EXPECT_TRUE(Locator.location("/virtual/model.hpp", 10000).isInvalid());
  EXPECT_TRUE(Locator.begin(SourceSpan()).isInvalid());
  // End of file is a valid position (an insertion point).
  EXPECT_TRUE(Locator.location("/virtual/model.hpp", 39).isValid());
}

TEST_F(SpanLocatorTest, CharRangesForFixes) {
  SpanLocator Locator(sm());
  auto Range = Locator.charRange("/virtual/model.hpp", 20, 5);
  ASSERT_TRUE(Range);
  EXPECT_TRUE(Range->isCharRange());
  EXPECT_EQ(clang::Lexer::getSourceText(*Range, sm(), clang::LangOptions()),
            "Model");
  EXPECT_FALSE(Locator.charRange("/virtual/model.hpp", 38, 10));
  EXPECT_FALSE(Locator.charRange("/nowhere.hpp", 0, 1));
}

} // namespace
} // namespace relcheck::tidy
