//===- InvalidAnnotationRuleTest.cpp - relcheck-invalid-annotation --------===//
#include "RuleTestSupport.h"

#include "rules/Registry.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

using test::describe;

constexpr const char *Rule = "relcheck-invalid-annotation";

std::string
userAddress(const std::string &UserRelationship,
            const std::string &AddressFk = "ForeignKey(\"user.id\")") {
  return R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  )cpp" + UserRelationship +
         R"cpp(
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, )cpp" +
         AddressFk + R"cpp() int user_id;
};
)cpp";
}

/// Every graph issue becomes exactly one finding with the issue's data.
void expectMirrorsIssues(const test::RuleRun &Run) {
  const std::vector<GraphIssue> &Issues = Run.Graph.issues();
  ASSERT_EQ(Run.Findings.size(), Issues.size()) << describe(Run.Findings);
  for (const GraphIssue &I : Issues) {
    bool Found = false;
    for (const Finding &F : Run.Findings)
      if (F.Range == I.Range && F.Message == I.Message) {
        Found = true;
        EXPECT_EQ(F.RuleId, Rule);
        EXPECT_EQ(F.Sev, I.Severity == IssueSeverity::Warning
                             ? Severity::Warning
                             : Severity::Error);
        EXPECT_EQ(F.CaseId, I.CaseId);
        EXPECT_EQ(F.Model, I.ModelName);
        EXPECT_EQ(F.Attribute, I.Attribute);
        ASSERT_EQ(F.Notes.size(), I.Notes.size());
        for (size_t N = 0; N < I.Notes.size(); ++N) {
          EXPECT_EQ(F.Notes[N].Range, I.Notes[N].first);
          EXPECT_EQ(F.Notes[N].Message, I.Notes[N].second);
        }
      }
    EXPECT_TRUE(Found) << "no finding for issue: " << I.Message;
  }
}

TEST(InvalidAnnotationRule, CleanModelsHaveNoFindings) {
  test::RuleRun Run = test::runRulesOnCode(
      userAddress("ORM_RELATIONSHIP(\"Address\") std::vector<Address*> "
                  "addresses;"),
      Rule);
  EXPECT_TRUE(Run.Findings.empty()) << describe(Run.Findings);
}

TEST(InvalidAnnotationRule, UnknownKeywordWithDidYouMean) {
  test::RuleRun Run = test::runRulesOnCode(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populate=\"user\") "
                  "std::vector<Address*> addresses;"),
      Rule);
  expectMirrorsIssues(Run);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  const Finding &F = Run.Findings[0];
  EXPECT_EQ(F.Sev, Severity::Error);
  EXPECT_NE(F.Message.find("'back_populate'"), std::string::npos) << F.Message;
  EXPECT_NE(F.Message.find("did you mean 'back_populates'"), std::string::npos)
      << F.Message;
  // At the keyword: line 6, "  ORM_RELATIONSHIP("Address", back_populate".
  EXPECT_EQ(F.Range.Line, 6u);
  EXPECT_EQ(F.Range.Column, 31u);
}

TEST(InvalidAnnotationRule, MissingForeignKeyIsJ1) {
  test::RuleRun Run = test::runRulesOnCode(
      userAddress("ORM_RELATIONSHIP(\"Address\") std::vector<Address*> "
                  "addresses;",
                  "nullable=False"),
      Rule);
  expectMirrorsIssues(Run);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  EXPECT_EQ(Run.Findings[0].CaseId, "J1");
  EXPECT_EQ(Run.Findings[0].Sev, Severity::Error);
  EXPECT_EQ(Run.Findings[0].Model, "User");
  EXPECT_EQ(Run.Findings[0].Attribute, "addresses");
}

TEST(InvalidAnnotationRule, SyntaxErrorReportedOnceWithExactColumn) {
  // The join string's unterminated 'tony starts at column 104.
  test::RuleRun Run = test::runRulesOnCode(
      userAddress("ORM_RELATIONSHIP(\"Address\", primaryjoin=\"and_(User.id "
                  "== Address.user_id, Address.user_id.startswith('tony))\") "
                  "std::vector<Address*> addresses;"),
      Rule);
  expectMirrorsIssues(Run);
  ASSERT_GE(Run.Findings.size(), 1u);
  const Finding &F = Run.Findings[0];
  EXPECT_EQ(F.Sev, Severity::Error);
  EXPECT_EQ(F.Range.Line, 6u);
  EXPECT_EQ(F.Range.Column, 104u) << describe(F);
}

TEST(InvalidAnnotationRule, UnresolvedTargetAtTheString) {
  test::RuleRun Run = test::runRulesOnCode(
      userAddress("ORM_RELATIONSHIP(\"Adress\") std::vector<Address*> "
                  "addresses;"),
      Rule);
  expectMirrorsIssues(Run);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  EXPECT_EQ(Run.Findings[0].Range.Line, 6u);
  EXPECT_EQ(Run.Findings[0].Range.Column, 20u);
  EXPECT_NE(Run.Findings[0].Message.find("'Adress'"), std::string::npos);
}

TEST(InvalidAnnotationRule, DuplicateIssuesAcrossTusAreReportedOnce) {
  std::vector<test::TestSource> Headers = {
      {"models.hpp",
       "#pragma once\n" + userAddress("ORM_RELATIONSHIP(\"Address\", "
                                      "back_populate=\"user\") "
                                      "std::vector<Address*> addresses;")}};
  test::RuleRun Run =
      test::runRulesOnProject({{"a.cpp", "#include \"models.hpp\"\n"},
                               {"b.cpp", "#include \"models.hpp\"\n"}},
                              Headers, Rule);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  EXPECT_EQ(Run.Findings[0].Range.File, test::testPath("models.hpp"));
}

TEST(InvalidAnnotationRule, RuleInfo) {
  const relcheck::Rule *R = findRule(Rule);
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->info().DefaultSeverity, Severity::Error);
  EXPECT_EQ(R->info().DocPath, "docs/rules/invalid-annotation.md");
  EXPECT_FALSE(R->info().Summary.empty());
}

} // namespace
} // namespace relcheck
