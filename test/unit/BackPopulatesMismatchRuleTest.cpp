//===- BackPopulatesMismatchRuleTest.cpp - relcheck-back-populates-mismatch
//===//
#include "RuleTestSupport.h"
#include "rules/PairingDiagnostics.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

using test::describe;
using test::findingsFor;

constexpr const char *Rule = "relcheck-back-populates-mismatch";

constexpr const char *Prelude = R"cpp(
#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct User;
)cpp";

/// User (UserRel on line 9) and Address (user_id on line 13, AddressRel on
/// line 14); the prelude starts with an empty line 1.
std::string userAddress(const std::string &UserRel,
                        const std::string &AddressRel) {
  return std::string(Prelude) +
         "struct ORM_MODEL(\"user\") User {\n"
         "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
         "  " +
         UserRel +
         "\n"
         "};\n"
         "struct ORM_MODEL(\"address\") Address {\n"
         "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
         "  ORM_COLUMN(Integer, ForeignKey(\"user.id\")) int user_id;\n"
         "  " +
         AddressRel +
         "\n"
         "};\n";
}

std::string nodeWith(const std::string &Members) {
  return std::string(Prelude) +
         "struct ORM_MODEL(\"node\") Node {\n"
         "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
         "  ORM_COLUMN(Integer, ForeignKey(\"node.id\")) int parent_id;\n" +
         Members + "};\n";
}

std::vector<std::string> caseIds(const std::vector<Finding> &F) {
  std::vector<std::string> Ids;
  for (const Finding &X : F)
    Ids.push_back(X.CaseId);
  return Ids;
}

using Ids = std::vector<std::string>;

TEST(PairingDiagnostics, ClearlyIntendedName) {
  using pairing::clearlyIntendedName;
  EXPECT_EQ(clearlyIntendedName("usr", {"user", "addresses"}), "user");
  EXPECT_EQ(clearlyIntendedName("adderss", {"address"}), "address");
  EXPECT_EQ(clearlyIntendedName("adresses", {"addresses", "id"}), "addresses");
  EXPECT_EQ(clearlyIntendedName("owner", {"user"}), std::nullopt);
  // Two equally close candidates: nothing is clearly meant.
  EXPECT_EQ(clearlyIntendedName("abx", {"abc", "abd"}), std::nullopt);
  // A one-letter name replaced entirely is a different name.
  EXPECT_EQ(clearlyIntendedName("a", {"b"}), std::nullopt);
  EXPECT_EQ(clearlyIntendedName("user", {"user"}), std::nullopt);
}

TEST(PairingDiagnostics, SqlalchemyTexts) {
  EXPECT_EQ(std::string(pairing::RefusedPrefix),
            "SQLAlchemy refuses this configuration: ");
  EXPECT_EQ(pairing::e7Reason(), "Can't assign 'secondaryjoin' on a backref "
                                 "against a non-secondary relationship");
}

TEST(BackPopulatesMismatchRule, ValidPairIsSilent) {
  std::vector<Finding> F = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"user\") "
                  "std::vector<Address*> addresses;",
                  "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
                  "User* user;"),
      Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(BackPopulatesMismatchRule, TypoSuggestsTheRelationshipPointingBack) {
  std::vector<Finding> F = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"usr\") "
                  "std::vector<Address*> addresses;",
                  "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
                  "User* user;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].RuleId, Rule);
  EXPECT_EQ(F[0].Sev, Severity::Error);
  EXPECT_EQ(F[0].CaseId, "E2");
  EXPECT_EQ(F[0].Model, "User");
  EXPECT_EQ(F[0].Attribute, "addresses");
  EXPECT_EQ(F[0].Message,
            "back_populates of 'User.addresses' names 'Address.usr', but "
            "'Address' maps no attribute 'usr'; SQLAlchemy refuses this "
            "configuration: Mapper 'mapped class Address->address' has no "
            "property 'usr'; did you mean 'user'?");
  // The value of back_populates: `  ORM_RELATIONSHIP("Address",
  // back_populates=`
  EXPECT_EQ(F[0].Range.Line, 9u);
  EXPECT_EQ(F[0].Range.Column, 46u);
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Message, "'Address.user' declared here");
  EXPECT_EQ(F[0].Notes[0].Range.Line, 14u);
  // Address.user names User.addresses back: the rename completes the pair.
  ASSERT_EQ(F[0].Fixes.size(), 1u);
  ASSERT_EQ(F[0].Fixes[0].Replacements.size(), 1u);
  EXPECT_EQ(F[0].Fixes[0].Replacements[0].Text, "\"user\"");
  EXPECT_EQ(F[0].Fixes[0].Replacements[0].Offset, F[0].Range.Begin);
  EXPECT_EQ(F[0].Fixes[0].Replacements[0].Length, 5u);
}

TEST(BackPopulatesMismatchRule, PlainMemberIsMissingForSqlalchemy) {
  std::vector<Finding> F = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"user\") "
                  "std::vector<Address*> addresses;",
                  "User* user = nullptr;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].CaseId, "E2");
  EXPECT_NE(F[0].Message.find("'Address::user' is a plain member"),
            std::string::npos)
      << F[0].Message;
}

TEST(BackPopulatesMismatchRule, ColumnIsNotARelationship) {
  std::vector<Finding> F = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"user_id\") "
                  "std::vector<Address*> addresses;",
                  ""),
      Rule);
  ASSERT_EQ(caseIds(F), Ids{"E3"}) << describe(F);
  EXPECT_NE(F[0].Message.find("refers to attribute 'Address.user_id' that is "
                              "not a relationship"),
            std::string::npos);
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Range.Line, 13u);
}

TEST(BackPopulatesMismatchRule, PartnerTargetingAnotherClass) {
  std::string Code = std::string(Prelude) + R"cpp(
struct Account;
struct ORM_MODEL("account") Account { ORM_COLUMN(Integer, primary_key=True) int id; };
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="account") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_COLUMN(Integer, ForeignKey("account.id")) int account_id;
  ORM_RELATIONSHIP("Account") Account* account;
};
)cpp";
  std::vector<Finding> F = findingsFor(Code, Rule);
  ASSERT_EQ(caseIds(F), Ids{"E4"}) << describe(F);
  EXPECT_NE(F[0].Message.find("reverse_property 'account' on relationship "
                              "User.addresses references relationship "
                              "Address.account, which does not reference "
                              "mapper mapped class User->user"),
            std::string::npos)
      << F[0].Message;
}

TEST(BackPopulatesMismatchRule, BackrefWithoutRemoteSideIsSameDirection) {
  std::vector<Finding> F =
      findingsFor(nodeWith("  ORM_RELATIONSHIP(\"Node\", backref=\"parent\") "
                           "std::vector<Node*> children;\n"),
                  Rule);
  ASSERT_EQ(caseIds(F), Ids{"E5"}) << describe(F);
  EXPECT_NE(F[0].Message.find("Node.children and back-reference Node.parent "
                              "are both of the same direction "
                              "symbol('ONETOMANY')"),
            std::string::npos)
      << F[0].Message;
  // At the backref argument; the note at the name that generates the side.
  EXPECT_EQ(F[0].Range.Column, 28u);
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Message,
            "'Node.parent' is generated by this backref of 'Node.children'");
}

TEST(BackPopulatesMismatchRule, BackrefWithRemoteSideIsSilent) {
  std::vector<Finding> F = findingsFor(
      nodeWith("  ORM_RELATIONSHIP(\"Node\", backref=backref(\"parent\", "
               "remote_side=[id])) std::vector<Node*> children;\n"),
      Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(BackPopulatesMismatchRule, TwoWaySameDirectionReportedOnce) {
  std::vector<Finding> F = findingsFor(
      nodeWith("  ORM_RELATIONSHIP(\"Node\", back_populates=\"parent\") "
               "std::vector<Node*> children;\n"
               "  ORM_RELATIONSHIP(\"Node\", back_populates=\"children\") "
               "std::vector<Node*> parent;\n"),
      Rule);
  ASSERT_EQ(caseIds(F), Ids{"E5"}) << describe(F);
  EXPECT_EQ(F[0].Attribute, "children");
}

TEST(BackPopulatesMismatchRule, OneWaySameDirectionDependsOnOrder) {
  std::vector<Finding> Accepted = findingsFor(
      nodeWith("  ORM_RELATIONSHIP(\"Node\", back_populates=\"parent\") "
               "std::vector<Node*> children;\n"
               "  ORM_RELATIONSHIP(\"Node\") std::vector<Node*> parent;\n"),
      Rule);
  ASSERT_EQ(caseIds(Accepted), Ids{"S9"}) << describe(Accepted);
  EXPECT_EQ(Accepted[0].Sev, Severity::Error);

  std::vector<Finding> Refused = findingsFor(
      nodeWith("  ORM_RELATIONSHIP(\"Node\") std::vector<Node*> parent;\n"
               "  ORM_RELATIONSHIP(\"Node\", back_populates=\"parent\") "
               "std::vector<Node*> children;\n"),
      Rule);
  ASSERT_EQ(caseIds(Refused), Ids{"E5"}) << describe(Refused);
  EXPECT_NE(Refused[0].Message.find("Node.parent and back-reference "
                                    "Node.children"),
            std::string::npos);
}

TEST(BackPopulatesMismatchRule, OneSidedUnfilteredWarnsFilteredIsSilent) {
  std::vector<Finding> F = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"user\") "
                  "std::vector<Address*> addresses;",
                  "ORM_RELATIONSHIP(\"User\") User* user;"),
      Rule);
  ASSERT_EQ(caseIds(F), Ids{"S1"}) << describe(F);
  EXPECT_EQ(F[0].Sev, Severity::Warning);

  std::vector<Finding> Filtered = findingsFor(
      userAddress(
          "ORM_RELATIONSHIP(\"Address\", primaryjoin=\"and_(User.id == "
          "Address.user_id, Address.id > 10)\", back_populates=\"user\") "
          "std::vector<Address*> addresses;",
          "ORM_RELATIONSHIP(\"User\") User* user;"),
      Rule);
  EXPECT_TRUE(Filtered.empty()) << describe(Filtered);
}

TEST(BackPopulatesMismatchRule, PartnerPairedElsewhereAndPointingElsewhere) {
  std::vector<Finding> S10 = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", back_populates=\"user\") "
                  "std::vector<Address*> addresses;",
                  "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
                  "User* user;\n"
                  "  ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
                  "User* owner;"),
      Rule);
  ASSERT_EQ(caseIds(S10), Ids{"S10"}) << describe(S10);
  EXPECT_EQ(S10[0].Attribute, "owner");

  std::vector<Finding> S2 = findingsFor(
      userAddress(
          "ORM_RELATIONSHIP(\"Address\", back_populates=\"user\") "
          "std::vector<Address*> addresses;\n"
          "  ORM_RELATIONSHIP(\"Address\") std::vector<Address*> others;",
          "ORM_RELATIONSHIP(\"User\", back_populates=\"others\") "
          "User* user;"),
      Rule);
  ASSERT_EQ(caseIds(S2), Ids{"S2"}) << describe(S2);
  EXPECT_EQ(S2[0].Attribute, "addresses");
}

TEST(BackPopulatesMismatchRule, ViewOnlyAndSync) {
  EXPECT_EQ(
      caseIds(findingsFor(
          userAddress("ORM_RELATIONSHIP(\"Address\", viewonly=True, "
                      "sync_backref=True) std::vector<Address*> addresses;",
                      ""),
          Rule)),
      Ids{"E8"});
  EXPECT_EQ(caseIds(findingsFor(
                userAddress("ORM_RELATIONSHIP(\"Address\", viewonly=True, "
                            "back_populates=\"user\") std::vector<Address*> "
                            "addresses;",
                            "ORM_RELATIONSHIP(\"User\", sync_backref=True, "
                            "back_populates=\"addresses\") User* user;"),
                Rule)),
            Ids{"E9"});
  std::vector<Finding> S11 =
      findingsFor(userAddress("ORM_RELATIONSHIP(\"Address\", viewonly=True, "
                              "back_populates=\"user\") std::vector<Address*> "
                              "addresses;",
                              "ORM_RELATIONSHIP(\"User\", back_populates="
                              "\"addresses\") User* user;"),
                  Rule);
  ASSERT_EQ(caseIds(S11), Ids{"S11"}) << describe(S11);
  // SQLAlchemy accepts it and documents the effect (sync_backref): a
  // warning, not an error.
  EXPECT_EQ(S11[0].Sev, Severity::Warning);
  // The form SQLAlchemy's ViewOnlyHistoryTest uses: a viewonly side whose
  // backref is explicitly writable, and the reverse.
  for (const char *Rel :
       {"ORM_RELATIONSHIP(\"Address\", viewonly=True, backref=backref("
        "\"user\", viewonly=False)) std::vector<Address*> addresses;",
        "ORM_RELATIONSHIP(\"Address\", backref=backref(\"user\", "
        "viewonly=True)) std::vector<Address*> addresses;"}) {
    std::vector<Finding> Mixed = findingsFor(userAddress(Rel, ""), Rule);
    ASSERT_EQ(caseIds(Mixed), Ids{"S11"}) << describe(Mixed);
    EXPECT_EQ(Mixed[0].Sev, Severity::Warning);
    EXPECT_NE(Mixed[0].Message.find("neither sides of a relationship is "
                                    "viewonly"),
              std::string::npos)
        << Mixed[0].Message;
  }
  EXPECT_EQ(caseIds(findingsFor(
                userAddress("ORM_RELATIONSHIP(\"Address\", viewonly=True, "
                            "back_populates=\"user\") std::vector<Address*> "
                            "addresses;",
                            "ORM_RELATIONSHIP(\"User\", viewonly=True, "
                            "back_populates=\"addresses\") User* user;"),
                Rule)),
            Ids{});
}

TEST(BackPopulatesMismatchRule, BackrefArgumentProblems) {
  EXPECT_EQ(caseIds(findingsFor(
                userAddress("ORM_RELATIONSHIP(\"Address\", backref=\"user\", "
                            "back_populates=\"user\") std::vector<Address*> "
                            "addresses;",
                            ""),
                Rule)),
            Ids{"E1"});
  EXPECT_EQ(caseIds(findingsFor(
                userAddress("ORM_RELATIONSHIP(\"Address\", backref=\"user\", "
                            "back_populates=None) std::vector<Address*> "
                            "addresses;",
                            ""),
                Rule)),
            Ids{});
  EXPECT_EQ(caseIds(findingsFor(
                userAddress("ORM_RELATIONSHIP(\"Address\", backref=backref("
                            "\"user\", secondaryjoin=\"User.id == "
                            "Address.user_id\")) std::vector<Address*> "
                            "addresses;",
                            ""),
                Rule)),
            Ids{"E7"});
  std::vector<Finding> E6 = findingsFor(
      userAddress("ORM_RELATIONSHIP(\"Address\", backref=\"user_id\") "
                  "std::vector<Address*> addresses;",
                  ""),
      Rule);
  ASSERT_EQ(caseIds(E6), Ids{"E6"}) << describe(E6);
  // At the backref's name.
  EXPECT_EQ(E6[0].Range.Column, 39u);
  std::vector<Finding> S8 =
      findingsFor(userAddress("ORM_RELATIONSHIP(\"Address\", backref=\"user\") "
                              "std::vector<Address*> addresses;",
                              "User* user = nullptr;"),
                  Rule);
  ASSERT_EQ(caseIds(S8), Ids{"S8"}) << describe(S8);
  EXPECT_EQ(S8[0].Sev, Severity::Warning);
}

TEST(BackPopulatesMismatchRule, ManyToManyStorage) {
  std::string Tables = R"cpp(
struct Course;
ORM_TABLE(enrollment,
          Column("student_id", Integer, ForeignKey("student.id"), primary_key=True),
          Column("course_id", Integer, ForeignKey("course.id"), primary_key=True));
ORM_TABLE(registration,
          Column("student_id", Integer, ForeignKey("student.id"), primary_key=True),
          Column("course_id", Integer, ForeignKey("course.id"), primary_key=True));
struct ORM_MODEL("student") Student {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Course", secondary=enrollment, back_populates="students")
  std::vector<Course*> courses;
};
)cpp";
  std::vector<Finding> S3 = findingsFor(std::string(Prelude) + Tables + R"cpp(
struct ORM_MODEL("course") Course {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Student", secondary=registration, back_populates="courses")
  std::vector<Student*> students;
};
)cpp",
                                        Rule);
  EXPECT_EQ(caseIds(S3), Ids{"S3"}) << describe(S3);
  std::vector<Finding> S4 = findingsFor(std::string(Prelude) + Tables + R"cpp(
struct ORM_MODEL("course") Course {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("student.id")) int student_id;
  ORM_RELATIONSHIP("Student", back_populates="courses") Student* students;
};
)cpp",
                                        Rule);
  EXPECT_EQ(caseIds(S4), Ids{"S4"}) << describe(S4);
}

TEST(BackPopulatesMismatchRule, SelfReferentialManyToManyJoins) {
  std::string Table = std::string(Prelude) + R"cpp(
ORM_TABLE(n2n,
          Column("l", Integer, ForeignKey("node.id"), primary_key=True),
          Column("r", Integer, ForeignKey("node.id"), primary_key=True));
struct ORM_MODEL("node") Node {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Node", secondary=n2n, primaryjoin="Node.id == n2n.c.l",
                   secondaryjoin="Node.id == n2n.c.r", back_populates="lefts")
  std::vector<Node*> rights;
)cpp";
  std::vector<Finding> S6 = findingsFor(Table + R"cpp(
  ORM_RELATIONSHIP("Node", secondary=n2n, primaryjoin="Node.id == n2n.c.l",
                   secondaryjoin="Node.id == n2n.c.r", back_populates="rights")
  std::vector<Node*> lefts;
};
)cpp",
                                        Rule);
  EXPECT_EQ(caseIds(S6), Ids{"S6"}) << describe(S6);
  std::vector<Finding> Swapped = findingsFor(Table + R"cpp(
  ORM_RELATIONSHIP("Node", secondary=n2n, primaryjoin="n2n.c.r == Node.id",
                   secondaryjoin="n2n.c.l == Node.id", back_populates="rights")
  std::vector<Node*> lefts;
};
)cpp",
                                             Rule);
  EXPECT_TRUE(Swapped.empty()) << describe(Swapped);
}

TEST(BackPopulatesMismatchRule, SubclassTargetNamingInheritedRelationship) {
  std::string Code = std::string(Prelude) + R"cpp(
struct Team;
struct Lead;
struct ORM_MODEL("staff") Staff {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("team.id")) int team_id;
  ORM_RELATIONSHIP("Team", back_populates="leads") Team* team;
};
struct ORM_MODEL() Lead : Staff {};
struct ORM_MODEL("team") Team {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Lead", back_populates="team") std::vector<Lead*> leads;
};
)cpp";
  std::vector<Finding> F = findingsFor(Code, Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(BackPopulatesMismatchRule, PairSplitOverHeadersReportedOnce) {
  test::TestSource UserH{"user.hpp", R"cpp(#pragma once
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="usr") std::vector<Address*> addresses;
};
)cpp"};
  test::TestSource AddressH{"address.hpp", R"cpp(#pragma once
#include <relcheck/orm.hpp>
struct User;
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") User* user;
};
)cpp"};
  test::RuleRun Run = test::runRulesOnProject(
      {{"a.cpp", "#include \"user.hpp\"\n#include \"address.hpp\"\n"},
       {"b.cpp", "#include \"address.hpp\"\n#include \"user.hpp\"\n"}},
      {UserH, AddressH}, Rule);
  ASSERT_EQ(caseIds(Run.Findings), Ids{"E2"}) << describe(Run.Findings);
  EXPECT_EQ(Run.Findings[0].Range.File, test::testPath("user.hpp"));
  ASSERT_EQ(Run.Findings[0].Notes.size(), 1u);
  EXPECT_EQ(Run.Findings[0].Notes[0].Range.File, test::testPath("address.hpp"));
}

} // namespace
} // namespace relcheck
