//===- CppTextScannerTest.cpp - bracket matching on clang's raw lexer -----===//
//
// The texts are string literals: NUL-terminated, as the raw lexer needs (a
// SourceManager buffer is).
//
//===----------------------------------------------------------------------===//
#include "extract/CppTextScanner.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

TEST(CppTextScanner, SkipsSpaceCommentsAndSplices) {
  llvm::StringRef Text = "  /* a ( */ // b (\n \\\n  x";
  EXPECT_EQ(skipSpaceAndComments(Text, 0), Text.find('x'));
  EXPECT_EQ(skipSpaceAndComments(Text, Text.size()), Text.size());
  EXPECT_EQ(skipSpaceAndComments("  // only a comment", 0), 19u);
}

TEST(CppTextScanner, TokensAreWholeLiterals) {
  llvm::StringRef Text = "R\"d()\")d\" 1'000'000 'x' u8\"s\" name";
  size_t Raw = skipToken(Text, 0);
  EXPECT_EQ(Text.substr(0, Raw), "R\"d()\")d\"");
  size_t Number = skipSpaceAndComments(Text, Raw);
  EXPECT_EQ(Text.slice(Number, skipToken(Text, Number)), "1'000'000");
  size_t Char = skipSpaceAndComments(Text, skipToken(Text, Number));
  EXPECT_EQ(Text.slice(Char, skipToken(Text, Char)), "'x'");
}

TEST(CppTextScanner, MatchesBracketsOutsideLiteralsAndComments) {
  llvm::StringRef Text =
      "ORM_COLUMN(f(\")\", ')'), R\"(\"))\" /* ) */ // )\n x) tail";
  std::optional<size_t> Close = findClosingBracket(Text, 10, '(', ')');
  ASSERT_TRUE(Close);
  EXPECT_EQ(Text.substr(*Close), ") tail");
  EXPECT_FALSE(findClosingBracket("f(a, (b)", 1, '(', ')'));
  EXPECT_FALSE(findClosingBracket("f(a)", 0, '(', ')'));
}

TEST(CppTextScanner, FindsTheBodyAfterInitializers) {
  llvm::StringRef Ctor = "() : a{1}, b(2), c<int>{} { body }";
  std::optional<size_t> Body = findFunctionBodyStart(Ctor, 0, true);
  ASSERT_TRUE(Body);
  EXPECT_EQ(Ctor.substr(*Body), "{ body }");
  llvm::StringRef Method = "() const -> std::vector<int> { x; }";
  Body = findFunctionBodyStart(Method, 0, false);
  ASSERT_TRUE(Body);
  EXPECT_EQ(Method.substr(*Body), "{ x; }");
  EXPECT_FALSE(findFunctionBodyStart("() = default;", 0, false));
  EXPECT_FALSE(findFunctionBodyStart("() : a::b", 0, true));
}

} // namespace
} // namespace relcheck
