//===- LegacyBackrefRuleTest.cpp - relcheck-legacy-backref ----------------===//
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

using test::describe;
using test::findingsFor;

constexpr const char *Rule = "relcheck-legacy-backref";

constexpr const char *UserAddressPrefix = R"cpp(
#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
)cpp";

constexpr const char *AddressModel = R"cpp(
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp";

std::string userWith(const std::string &Relationship) {
  return std::string(UserAddressPrefix) +
         "struct ORM_MODEL(\"user\") User {\n"
         "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
         "  " +
         Relationship +
         "\n"
         "};\n" +
         AddressModel;
}

TEST(LegacyBackrefRule, PlainStringNamesGeneratedSideAndExplicitForm) {
  std::vector<Finding> F =
      findingsFor(userWith("ORM_RELATIONSHIP(\"Address\", backref=\"user\") "
                           "std::vector<Address*> addresses;"),
                  Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].RuleId, Rule);
  EXPECT_EQ(F[0].Sev, Severity::Warning);
  EXPECT_EQ(F[0].CaseId, "");
  EXPECT_EQ(F[0].Model, "User");
  EXPECT_EQ(F[0].Attribute, "addresses");
  EXPECT_EQ(F[0].Message,
            "'User.addresses' uses the legacy backref= parameter, which "
            "implicitly generates the many-to-one 'Address.user' "
            "(uselist=False); use back_populates=\"user\" here and declare "
            "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") User* "
            "user; on 'Address'");
  // At the backref keyword: line 8 ("  ORM_RELATIONSHIP(\"Address\", ").
  EXPECT_EQ(F[0].Range.File, test::testPath("main.cpp"));
  EXPECT_EQ(F[0].Range.Line, 8u);
  EXPECT_EQ(F[0].Range.Column, 31u);
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Message, "target class 'Address' declared here");
  EXPECT_EQ(F[0].Notes[0].Range.Line, 11u);
  EXPECT_EQ(F[0].Fixes.size(), 1u);
}

TEST(LegacyBackrefRule, BackrefCallOptionsGoToTheGeneratedSide) {
  std::vector<Finding> F = findingsFor(
      userWith("ORM_RELATIONSHIP(\"Address\", order_by=\"Address.id\", "
               "backref=backref(\"user\", lazy=\"joined\")) "
               "std::vector<Address*> addresses;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_NE(F[0].Message.find("declare ORM_RELATIONSHIP(\"User\", "
                              "back_populates=\"addresses\", lazy=\"joined\") "
                              "User* user; on 'Address'"),
            std::string::npos)
      << F[0].Message;
  // order_by is not copied (§1.2).
  EXPECT_EQ(F[0].Message.find("order_by"), std::string::npos) << F[0].Message;
}

TEST(LegacyBackrefRule, ManyToOneBackrefGeneratesCollection) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("author") Author {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
struct ORM_MODEL("book") Book {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("author.id")) int author_id;
  ORM_RELATIONSHIP("Author", backref="books") Author* author;
};
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_NE(F[0].Message.find("generates the one-to-many 'Author.books' "
                              "(uselist=True)"),
            std::string::npos)
      << F[0].Message;
  EXPECT_NE(F[0].Message.find("std::vector<Book*> books; on 'Author'"),
            std::string::npos)
      << F[0].Message;
}

TEST(LegacyBackrefRule, SelfReferentialRemoteSideInBackref) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("node") Node {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("node.id")) int parent_id;
  ORM_RELATIONSHIP("Node", backref=backref("parent", remote_side=[id]))
  std::vector<Node*> children;
};
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_NE(F[0].Message.find("the many-to-one 'Node.parent' (uselist=False)"),
            std::string::npos)
      << F[0].Message;
  EXPECT_NE(F[0].Message.find("ORM_RELATIONSHIP(\"Node\", "
                              "back_populates=\"children\", remote_side=[id]) "
                              "Node* parent;"),
            std::string::npos)
      << F[0].Message;
}

TEST(LegacyBackrefRule, RefusedGeneratedSideGetsNoExplicitForm) {
  // No remote_side: both sides one-to-many, SQLAlchemy refuses (E5, §6.2).
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("node") Node {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("node.id")) int parent_id;
  ORM_RELATIONSHIP("Node", backref="parent") std::vector<Node*> children;
};
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_NE(F[0].Message.find("generates the one-to-many 'Node.parent' "
                              "(uselist=True); no explicit equivalent can be "
                              "derived: "),
            std::string::npos)
      << F[0].Message;
  EXPECT_EQ(F[0].Message.find("declare ORM_RELATIONSHIP"), std::string::npos)
      << F[0].Message;
}

TEST(LegacyBackrefRule, CrossNamespaceMemberTypeIsQualified) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
namespace billing { struct Invoice; }
namespace crm {
struct ORM_MODEL("customer") Customer {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("billing.Invoice", backref="customer")
  std::vector<billing::Invoice*> invoices;
};
}
namespace billing {
struct ORM_MODEL("invoice") Invoice {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("customer.id")) int customer_id;
};
}
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Model, "crm::Customer");
  EXPECT_NE(F[0].Message.find(") crm::Customer* customer; on 'Invoice'"),
            std::string::npos)
      << F[0].Message;
}

TEST(LegacyBackrefRule, InheritedRelationshipReportedOnceOnTheBase) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("person") Person {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="person") std::vector<Address*> addresses;
};
struct ORM_MODEL() Engineer : Person {
  ORM_COLUMN(Integer) int level;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("person.id")) int person_id;
};
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Model, "Person");
  EXPECT_NE(F[0].Message.find("ORM_RELATIONSHIP(\"Person\", "
                              "back_populates=\"addresses\") Person* person;"),
            std::string::npos)
      << F[0].Message;
}

TEST(LegacyBackrefRule, CollisionIsReportedWithoutClaims) {
  std::vector<Finding> F =
      findingsFor(userWith("ORM_RELATIONSHIP(\"Address\", backref=\"user_id\") "
                           "std::vector<Address*> addresses;"),
                  Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Message,
            "'User.addresses' uses the legacy backref= parameter to create "
            "'user_id' on its target; declare both sides explicitly and link "
            "them with back_populates");
}

TEST(LegacyBackrefRule, RefusedBackrefOptionIsReportedWithoutClaims) {
  // backref(..., foo=1) is refused at configure time (E13): no generated
  // side, and the unknown option must not be proposed in a declaration.
  std::vector<Finding> F = findingsFor(
      userWith("ORM_RELATIONSHIP(\"Address\", backref=backref(\"user\", "
               "foo=1)) std::vector<Address*> addresses;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Message,
            "'User.addresses' uses the legacy backref= parameter to create "
            "'user' on its target; declare both sides explicitly and link "
            "them with back_populates");
}

TEST(LegacyBackrefRule, UnresolvedTargetIsReportedWithoutClaims) {
  test::RuleRun Run = test::runRulesOnCode(
      userWith("ORM_RELATIONSHIP(\"Adress\", backref=\"user\") "
               "std::vector<Address*> addresses;"),
      Rule);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  EXPECT_NE(Run.Findings[0].Message.find("to create 'user' on its target"),
            std::string::npos);
  EXPECT_TRUE(Run.Findings[0].Notes.empty());
}

TEST(LegacyBackrefRule, BackPopulatesIsSilent) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String, doc="backref") std::string backref_note;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") User* user;
};
)cpp",
                                       Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(LegacyBackrefRule, SplitOverHeadersAndTusReportedOnce) {
  std::vector<test::TestSource> Headers = {{"user.hpp", R"cpp(#pragma once
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
)cpp"},
                                           {"address.hpp", R"cpp(#pragma once
#include <relcheck/orm.hpp>
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp"}};
  test::RuleRun Run = test::runRulesOnProject(
      {{"a.cpp", "#include \"user.hpp\"\n#include \"address.hpp\"\n"},
       {"b.cpp", "#include \"address.hpp\"\n#include \"user.hpp\"\n"}},
      Headers, Rule);
  ASSERT_EQ(Run.Findings.size(), 1u) << describe(Run.Findings);
  EXPECT_EQ(Run.Findings[0].Range.File, test::testPath("user.hpp"));
  EXPECT_EQ(Run.Findings[0].Range.Line, 7u);
  ASSERT_EQ(Run.Findings[0].Notes.size(), 1u);
  EXPECT_EQ(Run.Findings[0].Notes[0].Range.File, test::testPath("address.hpp"));
}

} // namespace
} // namespace relcheck
