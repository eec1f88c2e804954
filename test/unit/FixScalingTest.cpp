//===- FixScalingTest.cpp - fix output that stays linear (issue 12) -------===//
//
// --fix-dry-run on a file with thousands of fixes: clang-format runs per
// window of top-level declarations (FormatWindows.h) and the diff compares
// only the lines the edits touch. Both must give exactly what the whole-file
// forms give.
//
//===----------------------------------------------------------------------===//
#include "fixes/FixFormatter.h"
#include "fixes/FormatWindows.h"
#include "fixes/UnifiedDiff.h"

#include "clang/Tooling/Core/Replacement.h"
#include "gtest/gtest.h"

#include <string>

using namespace relcheck;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace {

void add(Replacements &Edits, unsigned Offset, unsigned Length,
         const std::string &Text) {
  llvm::cantFail(Edits.add(Replacement("f.hpp", Offset, Length, Text)));
}

/// Edits a fix of every struct makes: an argument changed in place, a
/// member appended after the last one, a forward declaration before it.
Replacements structEdits(const std::string &Code) {
  Replacements Edits;
  for (size_t At = Code.find("backref"); At != std::string::npos;
       At = Code.find("backref", At + 1))
    add(Edits, static_cast<unsigned>(At), 7, "back_populates");
  for (size_t At = Code.find("int last;"); At != std::string::npos;
       At = Code.find("int last;", At + 1))
    add(Edits, static_cast<unsigned>(At + 9), 0, "\n  Parent* parent;");
  return Edits;
}

std::string models(int N, bool Namespaces) {
  std::string Code = "#include <vector>\n\n";
  if (Namespaces)
    Code += "namespace shop {\ninline namespace v1 {\n\n";
  for (int I = 0; I < N; ++I)
    Code += "struct S" + std::to_string(I) +
            " {\n  X(backref=\"p\") int a;\n"
            "  int last;\n};\n\n// between\n";
  if (Namespaces)
    Code += "} // namespace v1\n} // namespace shop\n";
  return Code;
}

std::string applied(const std::string &Code, const Replacements &R) {
  return llvm::cantFail(clang::tooling::applyAllReplacements(Code, R));
}

} // namespace

TEST(FormatWindows, OneWindowPerTopLevelDeclarationWithItsNamespaces) {
  std::string Code = models(3, true);
  Replacements Edits = structEdits(Code);
  std::vector<clang::tooling::Range> Ranges;
  for (const Replacement &R : Edits)
    Ranges.emplace_back(R.getOffset(), R.getLength());
  auto Windows = formatWindows(Code, Ranges);
  ASSERT_TRUE(Windows);
  ASSERT_EQ(Windows->size(), 3u);
  for (const FormatWindow &W : *Windows) {
    EXPECT_EQ(W.Prefix, "namespace shop {\ninline namespace v1 {\n");
    EXPECT_EQ(W.Suffix, "}\n}\n");
    EXPECT_EQ(Code.compare(W.Begin, 7, "struct "), 0);
  }
}

TEST(FormatWindows, UnbalancedBracesFormatTheWholeFile) {
  std::string Code = "struct A {\n  int x;\n";
  EXPECT_FALSE(formatWindows(Code, {clang::tooling::Range(12, 0)}));
  // A conditional around declarations is never cut.
  std::string Guarded = "#if X\nstruct A {\n};\nstruct B {\n};\n#endif\n";
  auto Windows = formatWindows(Guarded, {clang::tooling::Range(20, 0)});
  ASSERT_TRUE(Windows);
  ASSERT_EQ(Windows->size(), 1u);
  EXPECT_EQ((*Windows)[0].Begin, 0u);
  EXPECT_EQ((*Windows)[0].End, Guarded.size());
}

TEST(FormatWindows, WindowedFormattingIsTheWholeFilesFormatting) {
  for (bool Namespaces : {false, true}) {
    std::string Code = models(40, Namespaces);
    Replacements Edits = structEdits(Code);
    // A single window is formatted as the whole file: compare with a file
    // that cannot be cut (an unbalanced brace at its end).
    std::string Uncut = Code + "struct Open {\n";
    auto Windowed = formatInsertedLines("f.hpp", Code, Edits, "LLVM");
    auto Whole = formatInsertedLines("f.hpp", Uncut, Edits, "LLVM");
    ASSERT_TRUE(static_cast<bool>(Windowed)) << toString(Windowed.takeError());
    ASSERT_TRUE(static_cast<bool>(Whole)) << toString(Whole.takeError());
    EXPECT_EQ(applied(Code, *Windowed) + "struct Open {\n",
              applied(Uncut, *Whole));
    EXPECT_NE(applied(Code, *Windowed).find("  Parent *parent;"),
              std::string::npos);
  }
}

TEST(UnifiedDiff, GuidedByTheEditsIsTheWholeFileDiff) {
  std::string Code = models(50, true);
  Replacements Edits = structEdits(Code);
  // Edits on neighbouring lines, at the file's start and at its end too.
  add(Edits, 0, 0, "// new first line\n");
  add(Edits, static_cast<unsigned>(Code.size()), 0, "// appended\n");
  std::string New = applied(Code, Edits);
  EXPECT_EQ(unifiedDiff("a/f", "b/f", Code, New, Edits),
            unifiedDiff("a/f", "b/f", Code, New));
  // An edit that joins two lines.
  Replacements Join;
  size_t Break = Code.find("int a;\n") + 6;
  add(Join, static_cast<unsigned>(Break), 1, " ");
  std::string Joined = applied(Code, Join);
  EXPECT_EQ(unifiedDiff("a/f", "b/f", Code, Joined, Join),
            unifiedDiff("a/f", "b/f", Code, Joined));
}
