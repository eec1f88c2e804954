//===- RegistryTest.cpp - every rule is complete --------------------------===//
//
// clang-tidy's add_new_check.py discipline as a test: each registered rule
// has a well-formed id, a summary, a doc page and fixtures.
//
//===----------------------------------------------------------------------===//
#include "rules/Registry.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <regex>
#include <set>

namespace relcheck {
namespace {

namespace fs = std::filesystem;

TEST(Registry, IdsAreUniqueKebabCaseAndSorted) {
  const std::regex IdPattern("relcheck(-[a-z0-9]+)+");
  std::set<std::string> Seen;
  std::string Previous;
  for (const Rule *R : allRules()) {
    std::string Id(R->info().Id);
    EXPECT_TRUE(std::regex_match(Id, IdPattern)) << Id;
    EXPECT_TRUE(Seen.insert(Id).second) << "duplicate rule id " << Id;
    EXPECT_LT(Previous, Id) << "registry must be sorted by id";
    Previous = Id;
    EXPECT_EQ(findRule(Id), R);
  }
  EXPECT_EQ(findRule("relcheck-no-such-rule"), nullptr);
}

TEST(Registry, EveryRuleHasSummaryDocAndFixtures) {
  const fs::path Root(RELCHECK_SOURCE_DIR);
  for (const Rule *R : allRules()) {
    const RuleInfo &Info = R->info();
    std::string Id(Info.Id);
    std::string Short = Id.substr(std::string("relcheck-").size());
    EXPECT_FALSE(Info.Summary.empty()) << Id;
    EXPECT_NE(Info.Summary, "TODO") << Id;
    EXPECT_EQ(Info.DocPath, "docs/rules/" + Short + ".md") << Id;
    EXPECT_TRUE(fs::is_regular_file(Root / std::string(Info.DocPath))) << Id;
    fs::path FixtureDir = Root / "fixtures" / Short;
    ASSERT_TRUE(fs::is_directory(FixtureDir)) << Id;
    unsigned Count = 0;
    for (const auto &Entry : fs::directory_iterator(FixtureDir)) {
      (void)Entry;
      ++Count;
    }
    // At least one positive and one negative case.
    EXPECT_GE(Count, 2u) << Id;
  }
}

// SARIF's rule name is RuleInfo::Name (not derived from the id by the
// emitter): each selectable rule states it, CamelCase of its short name.
TEST(Registry, EveryRuleNamesItselfForSarif) {
  for (const Rule *R : selectableRules()) {
    const RuleInfo &Info = R->info();
    std::string Short(Info.Id.substr(std::string("relcheck-").size()));
    std::string Camel;
    bool Upper = true;
    for (char C : Short) {
      if (C == '-') {
        Upper = true;
        continue;
      }
      Camel += Upper ? static_cast<char>(std::toupper(C)) : C;
      Upper = false;
    }
    EXPECT_EQ(Info.Name, Camel) << Info.Id;
  }
}

} // namespace
} // namespace relcheck
