//===- OneWayFilteredCollectionRuleTest.cpp -------------------------------===//
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

using test::describe;
using test::findingsFor;

constexpr const char *Rule = "relcheck-one-way-filtered-collection";

constexpr const char *TonyJoin =
    "primaryjoin=\"and_(User.id == Address.user_id, "
    "Address.email.startswith('tony'))\"";

/// User.addresses (filtered, with CollectionExtra) and Address.user (with
/// PartnerDecl, or nothing when empty).
std::string tony(const std::string &CollectionExtra,
                 const std::string &PartnerDecl) {
  return std::string(R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", )cpp") +
         TonyJoin + CollectionExtra + R"cpp()
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  )cpp" + PartnerDecl +
         R"cpp(
};
)cpp";
}

TEST(OneWayFilteredCollectionRule, BackrefOnFilteredCollection) {
  std::vector<Finding> F = findingsFor(tony(", backref=\"user\"", ""), Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Sev, Severity::Warning);
  EXPECT_EQ(F[0].CaseId, "S7");
  EXPECT_EQ(F[0].Model, "User");
  EXPECT_EQ(F[0].Attribute, "addresses");
  EXPECT_EQ(F[0].Message,
            "filtered collection 'User.addresses' is populated back by "
            "'Address.user': setting 'Address.user' puts the 'Address' into "
            "'User.addresses' even when it fails the filter, until the next "
            "load; the backref also copies the filter onto 'Address.user', "
            "which then loads None for rows that fail the filter and cannot "
            "use the identity map; make the link one-way: use "
            "back_populates=\"user\" on 'User.addresses' instead of backref= "
            "and declare 'Address.user' without back_populates and without "
            "the filter; this changes behaviour: 'Address.user' then loads "
            "the 'User' for rows outside the filter too, instead of None, and "
            "setting 'Address.user' no longer adds the 'Address' to "
            "'User.addresses'");
  // At primaryjoin=, line 7: "  ORM_RELATIONSHIP("Address", primaryjoin=".
  EXPECT_EQ(F[0].Range.Line, 7u);
  EXPECT_EQ(F[0].Range.Column, 31u);
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Message, "this backref generates 'Address.user', "
                                   "which populates 'User.addresses' back");
  EXPECT_EQ(F[0].Notes[0].Range.Line, 7u);
}

TEST(OneWayFilteredCollectionRule, BackPopulatesOnBothSides) {
  std::vector<Finding> F = findingsFor(
      tony(", back_populates=\"user\"",
           "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") User* "
           "user;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_NE(F[0].Message.find("make the link one-way: remove back_populates "
                              "from 'Address.user' and keep it on "
                              "'User.addresses'"),
            std::string::npos)
      << F[0].Message;
  EXPECT_EQ(F[0].Message.find("backref"), std::string::npos) << F[0].Message;
  // The behaviour change of the one-way form, without a backref's filter.
  EXPECT_NE(F[0].Message.find(
                "; this changes behaviour: setting 'Address.user' no longer "
                "adds the 'Address' to 'User.addresses' (it appears there "
                "after the next load, if it matches the filter)"),
            std::string::npos)
      << F[0].Message;
  ASSERT_EQ(F[0].Notes.size(), 1u);
  EXPECT_EQ(F[0].Notes[0].Message,
            "'Address.user' populates 'User.addresses' back here");
  EXPECT_EQ(F[0].Notes[0].Range.Line, 14u);
}

TEST(OneWayFilteredCollectionRule, OneWayFromTheCollectionIsSilent) {
  std::vector<Finding> F =
      findingsFor(tony(", back_populates=\"user\"",
                       "ORM_RELATIONSHIP(\"User\") User* user;"),
                  Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, OneWayFromTheScalarSideFires) {
  std::vector<Finding> F = findingsFor(
      tony("", "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
               "User* user;"),
      Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
}

TEST(OneWayFilteredCollectionRule, ViewonlyCollectionIsSilent) {
  std::vector<Finding> F = findingsFor(
      tony(", viewonly=True, back_populates=\"user\"",
           "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") User* "
           "user;"),
      Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, ViewonlyBackrefIsSilent) {
  // A viewonly parent makes its backref viewonly too (§1.2).
  std::vector<Finding> F =
      findingsFor(tony(", viewonly=True, backref=\"user\"", ""), Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, ViewonlyPartnerIsSilent) {
  std::vector<Finding> F =
      findingsFor(tony(", back_populates=\"user\"",
                       "ORM_RELATIONSHIP(\"User\", viewonly=True, "
                       "back_populates=\"addresses\") User* user;"),
                  Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, SyncBackrefFalsePartnerIsSilent) {
  std::vector<Finding> F = findingsFor(
      tony(", back_populates=\"user\"",
           "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\", "
           "sync_backref=False) User* user;"),
      Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, SyncBackrefFalseInBackrefIsSilent) {
  std::vector<Finding> F = findingsFor(
      tony(", backref=backref(\"user\", sync_backref=False)", ""), Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, UnfilteredBackrefIsSilent) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", primaryjoin="User.id == Address.user_id",
                   order_by="Address.id", backref="user")
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp",
                                       Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

TEST(OneWayFilteredCollectionRule, FilteredScalarWithBackrefReportsGenerated) {
  std::vector<Finding> F = findingsFor(R"cpp(
#include <relcheck/orm.hpp>
#include <string>
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))", backref="addresses")
  User* user;
};
)cpp",
                                       Rule);
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Model, "User");
  EXPECT_EQ(F[0].Attribute, "addresses");
  // The filter is written on Address.user: the finding points there.
  EXPECT_EQ(F[0].Range.Line, 11u);
  EXPECT_EQ(F[0].Range.Column, 28u);
  EXPECT_NE(F[0].Message.find("the filter written on 'Address.user' is "
                              "copied by its backref"),
            std::string::npos)
      << F[0].Message;
}

constexpr const char *PostKeywords = R"cpp(
#include <relcheck/orm.hpp>
#include <vector>
ORM_TABLE(post_keywords,
          Column("post_id", ForeignKey("post.id"), primary_key=True),
          Column("keyword_id", ForeignKey("keyword.id"), primary_key=True));
struct Keyword;
struct Post;
struct ORM_MODEL("post") Post {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Keyword", secondary=post_keywords, secondaryjoin="and_(Keyword.id == post_keywords.c.keyword_id, Keyword.active == True)", LINK)
  std::vector<Keyword*> keywords;
};
struct ORM_MODEL("keyword") Keyword {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Boolean) bool active;
  PARTNER
};
)cpp";

std::string postKeywords(const std::string &Link, const std::string &Partner) {
  std::string Code = PostKeywords;
  Code.replace(Code.find("LINK"), 4, Link);
  Code.replace(Code.find("PARTNER"), 7, Partner);
  return Code;
}

TEST(OneWayFilteredCollectionRule, ManyToManySecondaryjoinFilterWithBackref) {
  std::vector<Finding> F =
      findingsFor(postKeywords("backref=\"posts\"", ""), Rule);
  // One root cause: both sides are filtered collections, reported once.
  ASSERT_EQ(F.size(), 1u) << describe(F);
  EXPECT_EQ(F[0].Attribute, "keywords");
  EXPECT_EQ(F[0].Range.Line, 11u);
  EXPECT_EQ(F[0].Range.Column, 56u); // secondaryjoin=
  EXPECT_NE(F[0].Message.find("the backref also moves the filter into the "
                              "primaryjoin of 'Keyword.posts', which then "
                              "loads an empty collection"),
            std::string::npos)
      << F[0].Message;
  EXPECT_NE(F[0].Message.find("appending to 'Keyword.posts' puts the "
                              "'Keyword' into 'Post.keywords'"),
            std::string::npos)
      << F[0].Message;
}

TEST(OneWayFilteredCollectionRule, ManyToManyOneWayIsSilent) {
  std::vector<Finding> F = findingsFor(
      postKeywords("back_populates=\"posts\"",
                   "ORM_RELATIONSHIP(\"Post\", secondary=post_keywords) "
                   "std::vector<Post*> posts;"),
      Rule);
  EXPECT_TRUE(F.empty()) << describe(F);
}

} // namespace
} // namespace relcheck
