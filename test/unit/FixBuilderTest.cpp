//===- FixBuilderTest.cpp - the fixes of the relationship rules -----------===//
//
// Each test builds a finding's fix from in-memory code, checks the edits
// (the §6 recipe), applies them and compiles the result again: it must
// compile and the finding must be gone.
//
//===----------------------------------------------------------------------===//
#include "RuleTestSupport.h"

#include "rules/FixBuilders.h"
#include "rules/Registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace relcheck {
namespace {

using test::describe;
using test::TestSource;

constexpr const char *Legacy = "relcheck-legacy-backref";
constexpr const char *OneWay = "relcheck-one-way-filtered-collection";
constexpr const char *Mismatch = "relcheck-back-populates-mismatch";

/// A project (main.cpp plus headers), its findings, and fixes applied to it.
class Project {
public:
  explicit Project(std::string Main, std::vector<TestSource> Headers = {})
      : Headers(std::move(Headers)) {
    Files[test::testPath("main.cpp")] = std::move(Main);
    for (const TestSource &H : this->Headers)
      Files[test::testPath(H.Path)] = H.Code;
    Run = analyze();
  }

  const std::vector<Finding> &findings() const { return Run.Findings; }
  const ModelGraph &graph() const { return Run.Graph; }

  /// The findings of one rule.
  std::vector<const Finding *> of(std::string_view Rule) const {
    std::vector<const Finding *> Out;
    for (const Finding &F : Run.Findings)
      if (F.RuleId == Rule)
        Out.push_back(&F);
    return Out;
  }

  /// The only finding of Rule, with a failure when there is not exactly one.
  const Finding &only(std::string_view Rule) const {
    std::vector<const Finding *> Found = of(Rule);
    if (Found.size() != 1) {
      ADD_FAILURE() << "expected one " << Rule << " finding:\n"
                    << describe(Run.Findings);
      static const Finding None;
      return None;
    }
    return *Found.front();
  }

  /// Applies Fix to the files (edits from the end, per file).
  void apply(const Fix &X) {
    std::vector<Replacement> Edits = X.Replacements;
    std::sort(Edits.begin(), Edits.end(),
              [](const Replacement &A, const Replacement &B) {
                return A.File != B.File ? A.File < B.File : A.Offset > B.Offset;
              });
    for (const Replacement &R : Edits) {
      ASSERT_TRUE(Files.count(R.File)) << R.File;
      std::string &Code = Files[R.File];
      ASSERT_LE(R.Offset + R.Length, Code.size());
      Code.replace(R.Offset, R.Length, R.Text);
    }
  }

  /// Re-analyzes the edited files; compile errors fail the test.
  test::RuleRun analyze() const {
    std::vector<TestSource> NewHeaders;
    for (const TestSource &H : Headers)
      NewHeaders.push_back({H.Path, Files.at(test::testPath(H.Path))});
    return test::runRulesOnProject(
        {{"main.cpp", Files.at(test::testPath("main.cpp"))}}, NewHeaders);
  }

  const std::string &file(std::string_view Name) const {
    return Files.at(test::testPath(Name));
  }

private:
  std::vector<TestSource> Headers;
  std::map<std::string, std::string> Files;
  test::RuleRun Run;
};

/// Line breaks and the indentation after them become single spaces.
std::string oneLine(std::string_view Text) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      while (I + 1 < Text.size() && Text[I + 1] == ' ')
        ++I;
      if (!Out.empty())
        Out += ' ';
      continue;
    }
    Out += Text[I];
  }
  return Out;
}

bool contains(std::string_view Haystack, std::string_view Needle) {
  return Haystack.find(Needle) != std::string_view::npos;
}

/// Applies the first fix of the only finding of Rule and checks that the
/// result compiles and no longer has findings of Rule (nor new findings).
void applyAndRecheck(Project &P, std::string_view Rule) {
  const Finding &F = P.only(Rule);
  ASSERT_FALSE(F.Fixes.empty()) << describe(F);
  P.apply(F.Fixes.front());
  test::RuleRun After = P.analyze();
  EXPECT_TRUE(After.CompileErrors.empty());
  for (const Finding &G : After.Findings)
    ADD_FAILURE() << "after the fix: " << describe(G) << "\n--- main.cpp\n"
                  << P.file("main.cpp");
}

constexpr const char *UserAddressSection65 = R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", order_by="Address.id", cascade="all, delete-orphan",
                   backref=backref("user", lazy="joined"))
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp";

TEST(FixBuilder, Section65Example) {
  Project P(UserAddressSection65);
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 2u);
  // On User: backref=... becomes back_populates, the rest stays.
  EXPECT_EQ(X.Replacements[0].Text, "back_populates=\"user\"");
  // On Address, after its last member, with its indentation.
  EXPECT_EQ(X.Replacements[1].Text,
            "\n  ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\", "
            "lazy=\"joined\") User* user;");
  EXPECT_EQ(X.Description, "declare 'Address.user' explicitly and link both "
                           "sides with back_populates");
  applyAndRecheck(P, Legacy);
  EXPECT_TRUE(contains(P.file("main.cpp"),
                       "ORM_RELATIONSHIP(\"Address\", order_by=\"Address.id\", "
                       "cascade=\"all, delete-orphan\",\n                   "
                       "back_populates=\"user\")\n"))
      << P.file("main.cpp");
  EXPECT_TRUE(contains(P.file("main.cpp"),
                       "int user_id;\n  ORM_RELATIONSHIP(\"User\", "
                       "back_populates=\"addresses\", lazy=\"joined\") User* "
                       "user;\n};"))
      << P.file("main.cpp");
}

TEST(FixBuilder, ManyToManySection65) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
ORM_TABLE(association_table,
          Column("left_id", ForeignKey("left.id"), primary_key=True),
          Column("right_id", ForeignKey("right.id"), primary_key=True));
struct Right;
struct ORM_MODEL("left") Left {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Right", secondary=association_table, backref="lefts")
  std::vector<Right*> rights;
};
struct ORM_MODEL("right") Right {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 2u);
  EXPECT_EQ(X.Replacements[0].Text, "back_populates=\"lefts\"");
  EXPECT_EQ(X.Replacements[1].Text,
            "\n  ORM_RELATIONSHIP(\"Left\", secondary=association_table, "
            "back_populates=\"rights\") std::vector<Left*> lefts;");
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, SelfReferentialRemoteSideIsQualified) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("node") Node {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("node.id")) int parent_id;
  ORM_RELATIONSHIP("Node", backref=backref("parent", remote_side=[id]))
  std::vector<Node*> children;
};
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 2u);
  EXPECT_EQ(X.Replacements[0].Text, "back_populates=\"parent\"");
  EXPECT_EQ(oneLine(X.Replacements[1].Text),
            "ORM_RELATIONSHIP(\"Node\", back_populates=\"children\", "
            "remote_side=\"Node.id\") Node* parent;");
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, SelfReferentialWithoutRemoteSideHasNoFix) {
  // E5: both sides one-to-many; adding remote_side is not a refactoring.
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("node") Node {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("node.id")) int parent_id;
  ORM_RELATIONSHIP("Node", backref="parent") std::vector<Node*> children;
};
)cpp");
  EXPECT_TRUE(P.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, OneToOneUselistFalseIsScalar) {
  // The documented one-to-one: a many-to-one whose backref(uselist=False)
  // makes the generated one-to-many scalar.
  Project P(R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("parent") Parent {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
struct ORM_MODEL("child") Child {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("parent.id")) int parent_id;
  ORM_RELATIONSHIP("Parent", backref=backref("child", uselist=False))
  Parent* parent;
};
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  // Child is declared after Parent: a forward declaration comes first.
  ASSERT_EQ(X.Replacements.size(), 3u);
  EXPECT_EQ(X.Replacements[1].Text, "struct Child;\n\n");
  EXPECT_EQ(X.Replacements[2].Text,
            "\n  ORM_RELATIONSHIP(\"Child\", back_populates=\"parent\", "
            "uselist=False) Child* child;");
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, OneToManyUselistFalseGeneratesScalar) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
struct Child;
struct ORM_MODEL("parent") Parent {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Child", uselist=False, backref="parent") Child* child;
};
struct ORM_MODEL("child") Child {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("parent.id")) int parent_id;
};
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  // uselist is not copied (§1.4): the generated many-to-one is scalar by
  // direction, and the explicit form must not say uselist.
  EXPECT_EQ(F.Fixes.front().Replacements.back().Text,
            "\n  ORM_RELATIONSHIP(\"Parent\", back_populates=\"child\") "
            "Parent* parent;");
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, DynamicBackrefOnGeneratedCollection) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  std::vector<Address*> cache;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", backref=backref("addresses", lazy="dynamic"))
  User* user;
};
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  EXPECT_EQ(oneLine(X.Replacements.back().Text),
            "ORM_RELATIONSHIP(\"Address\", back_populates=\"user\", "
            "lazy=\"dynamic\") std::vector<Address*> addresses;");
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, DynamicBackrefOnManyToOneIsRefused) {
  // E12: lazy="dynamic" on the generated many-to-one; SQLAlchemy refuses it.
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref=backref("user", lazy="dynamic"))
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp");
  EXPECT_TRUE(P.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, NoFixForCollisionOrPlainMember) {
  Project Collision(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user_id") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp");
  EXPECT_TRUE(Collision.only(Legacy).Fixes.empty());

  Project Plain(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  int user() const { return user_id; }
};
)cpp");
  EXPECT_TRUE(Plain.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, NoFixThroughAnotherMacro) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
#define REL(...) ORM_RELATIONSHIP(__VA_ARGS__)
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  REL("Address", backref="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp");
  EXPECT_TRUE(P.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, UnresolvedTargetHasNoFix) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Adress", backref="user") std::vector<Address*> addresses;
};
)cpp");
  EXPECT_TRUE(P.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, MemberTypeFollowsTheTargetClass) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <list>
#include <memory>
struct Post;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Post", foreign_keys="Post.user_id", backref="author")
  std::list<Post*> posts;
};
struct ORM_MODEL("post") Post {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int editor_id;
  ORM_RELATIONSHIP(foreign_keys=[editor_id]) std::shared_ptr<User> editor;
};
struct ORM_MODEL("tag") Tag {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", backref="tags") User* user;
};
)cpp");
  std::vector<const Finding *> Found = P.of(Legacy);
  ASSERT_EQ(Found.size(), 2u) << describe(P.findings());
  for (const Finding *F : Found) {
    ASSERT_FALSE(F->Fixes.empty()) << describe(*F);
    std::string Inserted = F->Fixes.front().Replacements.back().Text;
    if (F->Attribute == "posts") // Post's scalars are shared_ptrs.
      EXPECT_TRUE(contains(Inserted, ") std::shared_ptr<User> author;"))
          << Inserted;
    else // User's collections are lists.
      EXPECT_TRUE(contains(Inserted, ") std::list<Tag*> tags;")) << Inserted;
  }
}

TEST(FixBuilder, MemberTypeOptions) {
  Project P(UserAddressSection65);
  RuleOptions Options;
  Options.set("relcheck-legacy-backref.ScalarTemplate", "std::shared_ptr<T>");
  std::vector<Finding> Findings;
  findRule(Legacy)->run(P.graph(), Options, Findings);
  ASSERT_EQ(Findings.size(), 1u);
  ASSERT_EQ(Findings[0].Fixes.size(), 1u);
  EXPECT_TRUE(contains(Findings[0].Fixes[0].Replacements.back().Text,
                       ") std::shared_ptr<User> user;"));
}

TEST(FixBuilder, ForwardDeclarationAcrossNamespaces) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct ORM_MODEL("author") Author {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
namespace shop {
namespace books {
struct ORM_MODEL("book") Book {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("author.id")) int author_id;
  ORM_RELATIONSHIP("Author", backref="books") Author* author;
};
} // namespace books
} // namespace shop
)cpp");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 3u);
  EXPECT_EQ(X.Replacements[1].Text,
            "namespace shop { namespace books { struct Book; } }\n\n");
  EXPECT_TRUE(contains(X.Replacements[2].Text,
                       ") std::vector<shop::books::Book*> books;"));
  applyAndRecheck(P, Legacy);
}

TEST(FixBuilder, NoForwardDeclarationIntoAnotherNamespace) {
  // Author lives in 'a' and precedes 'b::Book': nothing inside 'a' can
  // declare b::Book.
  Project P(R"cpp(#include <relcheck/orm.hpp>
namespace a {
struct ORM_MODEL("author") Author {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
}
namespace b {
struct ORM_MODEL("book") Book {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("author.id")) int author_id;
  ORM_RELATIONSHIP("Author", backref="books") a::Author* author;
};
}
)cpp");
  EXPECT_TRUE(P.only(Legacy).Fixes.empty());
}

TEST(FixBuilder, TargetInAnotherHeader) {
  Project P(R"cpp(#include "address.hpp"
#include "user.hpp"
)cpp",
            {{"user.hpp", R"cpp(#pragma once
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
)cpp"}});
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 3u);
  EXPECT_EQ(X.Replacements[0].File, test::testPath("user.hpp"));
  EXPECT_EQ(X.Replacements[1].File, test::testPath("address.hpp"));
  EXPECT_EQ(X.Replacements[1].Text, "struct User;\n\n");
  applyAndRecheck(P, Legacy);
}

// user.hpp: a `class` model whose backref makes 'Address' declare 'User'.
constexpr const char *ClassUserHeader = R"cpp(#pragma once
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
class ORM_MODEL("user") User {
public:
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
)cpp";

/// main.cpp includes address.hpp (Above, then Address) and user.hpp.
Project addressBeforeUser(const std::string &Above) {
  return Project(
      "#include \"address.hpp\"\n#include \"user.hpp\"\n",
      {{"user.hpp", ClassUserHeader},
       {"user_fwd.hpp", "#pragma once\nclass User;\n"},
       {"address.hpp",
        "#pragma once\n#include <relcheck/orm.hpp>\n" + Above + R"cpp(
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp"}});
}

// A forward declaration is written only where none is visible: not after a
// `class User;` above the class (18 of 44 fixes on SQLAlchemy's own test
// configurations repeated one), not when a header included above declares
// it; and with the class key the class was defined with.
TEST(FixBuilder, NoForwardDeclarationWhenOneIsVisible) {
  for (const char *Above : {"class User;\n", "#include \"user_fwd.hpp\"\n"}) {
    Project P = addressBeforeUser(Above);
    const Finding &F = P.only(Legacy);
    ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
    for (const Replacement &R : F.Fixes.front().Replacements)
      EXPECT_EQ(R.Text.find("class User;"), std::string::npos)
          << Above << ": " << R.Text;
    applyAndRecheck(P, Legacy);
  }
}

TEST(FixBuilder, ForwardDeclarationRepeatsTheClassKey) {
  Project P = addressBeforeUser("");
  const Finding &F = P.only(Legacy);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  bool Declared = false;
  for (const Replacement &R : F.Fixes.front().Replacements)
    Declared |= R.Text == "class User;\n\n";
  EXPECT_TRUE(Declared);
  applyAndRecheck(P, Legacy);
}

constexpr const char *TonyBackref = R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address",
                   primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))",
                   backref=backref("user", lazy="joined"))
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
)cpp";

/// A filtered backref: the legacy finding's exact rewrite yields to the
/// one-way fix, and is dropped once both findings are shown.
void expectExactRewriteYields(const Project &P) {
  const Finding &L = P.only(Legacy);
  ASSERT_EQ(L.Fixes.size(), 1u) << describe(L);
  EXPECT_TRUE(L.Fixes.front().YieldsOnOverlap);
  std::vector<Finding> Shown = P.findings();
  dropYieldingFixes(Shown);
  for (const Finding &F : Shown) {
    if (F.RuleId == Legacy) {
      EXPECT_TRUE(F.Fixes.empty()) << describe(F);
    }
  }
}

TEST(FixBuilder, OneWayFromFilteredCollectionWithBackref) {
  Project P(TonyBackref);
  // The one-way fix first; the exact two-way rewrite as its alternative,
  // and as the legacy finding's fix, which yields to the one-way one.
  expectExactRewriteYields(P);
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 2u) << describe(F);
  EXPECT_TRUE(F.Fixes[0].ChangesBehaviour);
  EXPECT_FALSE(F.Fixes[1].ChangesBehaviour);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 2u);
  EXPECT_EQ(X.Replacements[0].Text, "back_populates=\"user\"");
  // No back_populates, no filter (inference gives the key equality), the
  // backref(...) options stay.
  EXPECT_EQ(X.Replacements[1].Text,
            "\n  ORM_RELATIONSHIP(\"User\", lazy=\"joined\") User* user;");
  EXPECT_TRUE(contains(X.Description, "setting 'Address.user' no longer adds "
                                      "the object to 'User.addresses'"))
      << X.Description;
  EXPECT_TRUE(contains(X.Description, "'Address.user' now loads regardless "
                                      "of the filter"))
      << X.Description;
  applyAndRecheck(P, OneWay);
}

TEST(FixBuilder, OneWayWithoutForeignKeyWritesTheKeyEquality) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address",
                   primaryjoin="and_(User.id == foreign(Address.user_id), Address.email.startswith('tony'))",
                   backref="user")
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer) int user_id;
};
)cpp");
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 2u) << describe(F);
  EXPECT_EQ(oneLine(F.Fixes.front().Replacements.back().Text),
            "ORM_RELATIONSHIP(\"User\", primaryjoin=\"foreign(Address.user_id) "
            "== User.id\") User* user;");
  applyAndRecheck(P, OneWay);
}

TEST(FixBuilder, OneWayFromScalarWithBackref) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User",
                   primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))",
                   backref="addresses")
  User* user;
};
)cpp");
  expectExactRewriteYields(P);
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 2u) << describe(F);
  applyAndRecheck(P, OneWay);
  const std::string &Fixed = P.file("main.cpp");
  // The scalar side loses backref= and its filter...
  EXPECT_TRUE(contains(Fixed, "ORM_RELATIONSHIP(\"User\")\n  User* user;"))
      << Fixed;
  // ...and the collection is declared with the filter and back_populates.
  EXPECT_TRUE(contains(oneLine(Fixed),
                       "ORM_RELATIONSHIP(\"Address\", back_populates=\"user\", "
                       "primaryjoin=\"and_(User.id == Address.user_id, "
                       "Address.email.startswith('tony'))\") "
                       "std::vector<Address*> addresses;"))
      << Fixed;
  EXPECT_TRUE(contains(Fixed, "struct Address;\n\nstruct ORM_MODEL(\"user\")"))
      << Fixed;
}

TEST(FixBuilder, OneWayRemovesBackPopulatesFromExplicitPartner) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address",
                   primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))",
                   back_populates="user")
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses", lazy="joined") User* user;
};
)cpp");
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  ASSERT_EQ(F.Fixes.front().Replacements.size(), 1u);
  EXPECT_EQ(F.Fixes.front().Replacements[0].Text, "");
  applyAndRecheck(P, OneWay);
  EXPECT_TRUE(
      contains(P.file("main.cpp"),
               "ORM_RELATIONSHIP(\"User\", lazy=\"joined\") User* user;"))
      << P.file("main.cpp");
}

TEST(FixBuilder, OneWayMovesBackPopulatesToTheCollection) {
  // Only the partner names the other side: the one-way form has the
  // collection name the partner instead (§5.3).
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address",
                   primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))")
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") User* user;
};
)cpp");
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 2u);
  EXPECT_EQ(X.Replacements[0].Text, ", back_populates=\"user\"");
  EXPECT_EQ(X.Replacements[1].Text, "");
  EXPECT_NE(X.Description.find("appending to 'User.addresses' now sets "
                               "'Address.user'"),
            std::string::npos)
      << X.Description;
  P.apply(X);
  test::RuleRun After = P.analyze();
  EXPECT_TRUE(After.Findings.empty()) << describe(After.Findings);
  EXPECT_TRUE(contains(P.file("main.cpp"),
                       "startswith('tony'))\", back_populates=\"user\")"))
      << P.file("main.cpp");
}

TEST(FixBuilder, OneWayManyToMany) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
ORM_TABLE(post_keywords,
          Column("post_id", ForeignKey("post.id"), primary_key=True),
          Column("keyword_id", ForeignKey("keyword.id"), primary_key=True));
struct Keyword;
struct ORM_MODEL("post") Post {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Keyword", secondary=post_keywords,
                   secondaryjoin="and_(Keyword.id == post_keywords.c.keyword_id, Keyword.active == True)",
                   backref="posts")
  std::vector<Keyword*> active_keywords;
};
struct ORM_MODEL("keyword") Keyword {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Boolean) bool active;
};
)cpp");
  const Finding &F = P.only(OneWay);
  ASSERT_EQ(F.Fixes.size(), 2u) << describe(F);
  EXPECT_EQ(F.Fixes.front().Replacements.back().Text,
            "\n  ORM_RELATIONSHIP(\"Post\", secondary=post_keywords) "
            "std::vector<Post*> posts;");
  applyAndRecheck(P, OneWay);
}

//===-- Pieces ------------------------------------------------------------===//

//===-- back-populates-mismatch -------------------------------------------===//

TEST(FixBuilder, DidYouMeanRenameCompletesThePair) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates='usr') std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="addresses") User* user;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  EXPECT_EQ(F.CaseId, "E2");
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  const Fix &X = F.Fixes.front();
  ASSERT_EQ(X.Replacements.size(), 1u);
  EXPECT_EQ(X.Replacements[0].Text, "'user'"); // the quotes stay
  EXPECT_EQ(X.Description,
            "rename back_populates of 'User.addresses' to 'user'");
  applyAndRecheck(P, Mismatch);
}

TEST(FixBuilder, DidYouMeanAddsBackPopulatesToAPartnerNamingNothing) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="usr") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User") User* user;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  ASSERT_EQ(F.Fixes.front().Replacements.size(), 2u);
  applyAndRecheck(P, Mismatch);
  EXPECT_TRUE(
      contains(P.file("main.cpp"),
               "ORM_RELATIONSHIP(\"User\", back_populates=\"addresses\") "
               "User* user;"))
      << P.file("main.cpp");
}

TEST(FixBuilder, DidYouMeanWithoutFixWhenPartnerIsPairedElsewhere) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="usr", viewonly=True) std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> home;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", back_populates="home") User* user;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  EXPECT_TRUE(contains(F.Message, "did you mean 'user'?")) << describe(F);
  EXPECT_TRUE(F.Fixes.empty()) << describe(F);
}

TEST(FixBuilder, DidYouMeanWithoutFixWhenThePairWouldMismatch) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
ORM_TABLE(user_address, Column("user_id", ForeignKey("user.id")),
          Column("address_id", ForeignKey("address.id")));
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int owner_id;
  ORM_RELATIONSHIP("User", secondary=user_address) std::vector<User*> users;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  EXPECT_TRUE(contains(F.Message, "did you mean 'users'?")) << describe(F);
  EXPECT_TRUE(F.Fixes.empty()) << describe(F);
}

TEST(FixBuilder, OneSidedPartnerGetsBackPopulates) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP('User',
                   lazy='joined')
  User* user;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  EXPECT_EQ(F.CaseId, "S1");
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  ASSERT_EQ(F.Fixes.front().Replacements.size(), 1u);
  // One argument per line, single quotes: a line of its own.
  EXPECT_EQ(F.Fixes.front().Replacements[0].Text,
            ",\n                   back_populates='addresses'");
  applyAndRecheck(P, Mismatch);
}

TEST(FixBuilder, OneSidedPartnerLongLineBreaks) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", back_populates="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_RELATIONSHIP("User", lazy="joined", innerjoin=True) User* user;
};
)cpp");
  const Finding &F = P.only(Mismatch);
  ASSERT_EQ(F.Fixes.size(), 1u) << describe(F);
  // 80 columns exceeded on the line: aligned after the '('.
  EXPECT_EQ(F.Fixes.front().Replacements[0].Text,
            ",\n                   back_populates=\"addresses\"");
  applyAndRecheck(P, Mismatch);
}

TEST(FixBuilder, CollisionsOfferNoFixAndSaySo) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user;
};
)cpp");
  for (const Finding *F : P.of(Mismatch)) {
    EXPECT_TRUE(F->Fixes.empty()) << describe(*F);
    EXPECT_TRUE(contains(F->Message, "rename one of them (no automatic fix: "
                                     "the name is part of the model's API)"))
        << describe(*F);
  }
  EXPECT_EQ(P.of(Mismatch).size(), 1u) << describe(P.findings());
}

TEST(FixBuilderPieces, RenderArgsPositionalFirst) {
  EXPECT_EQ(renderRelationshipArgs({{"back_populates", "\"a\""},
                                    {"", "\"User\""},
                                    {"lazy", "\"joined\""}}),
            "\"User\", back_populates=\"a\", lazy=\"joined\"");
}

TEST(FixBuilderPieces, MemberTypeTemplates) {
  auto templateOf = [](std::string Spelling, std::string Name,
                       std::string Qualified) {
    MemberTypeFact T;
    T.Spelling = std::move(Spelling);
    T.ElementName = std::move(Name);
    T.ElementQualifiedName = std::move(Qualified);
    return memberTypeTemplate(T).value_or("<none>");
  };
  EXPECT_EQ(templateOf("std::list<Address*>", "Address", "Address"),
            "std::list<T*>");
  EXPECT_EQ(templateOf("std::vector<std::shared_ptr<shop::Address>>", "Address",
                       "shop::Address"),
            "std::vector<std::shared_ptr<T>>");
  EXPECT_EQ(
      templateOf("std::vector<::shop::Address *>", "Address", "shop::Address"),
      "std::vector<T *>");
  EXPECT_EQ(templateOf("const Address*", "Address", "Address"), "const T*");
  // A key carries meaning a copy would not.
  EXPECT_EQ(templateOf("std::map<int, Address*>", "Address", "Address"),
            "<none>");
  // AddressBook is not Address.
  EXPECT_EQ(templateOf("std::vector<AddressBook*>", "Address", "Address"),
            "<none>");
}

TEST(FixBuilderPieces, RemoveArgumentsKeepsLayoutAndComments) {
  AnnotationFact A;
  // ORM_RELATIONSHIP("User",  // owner\n   backref="x", lazy="joined")
  A.Text = "\"User\",  // owner\n   backref=\"x\", lazy=\"joined\"";
  A.ArgsRange = {
      "/f.cpp", 100, 100 + static_cast<unsigned>(A.Text.size()), 1, 1, 2, 1};
  auto arg = [&](std::string_view Text) {
    ArgFact F;
    size_t At = A.Text.find(Text);
    F.Range = {"/f.cpp",
               100 + static_cast<unsigned>(At),
               100 + static_cast<unsigned>(At + Text.size()),
               1,
               1,
               1,
               1};
    return F;
  };
  A.Args = {arg("\"User\""), arg("backref=\"x\""), arg("lazy=\"joined\"")};
  auto removed = [&](std::vector<size_t> Indices) {
    std::vector<Replacement> R = removeArguments(A, Indices);
    std::string Out = A.Text;
    for (auto It = R.rbegin(); It != R.rend(); ++It)
      Out.replace(It->Offset - 100, It->Length, It->Text);
    return Out;
  };
  // The comment after "User" stays with it.
  EXPECT_EQ(removed({1}), "\"User\",  // owner\n   lazy=\"joined\"");
  EXPECT_EQ(removed({2}), "\"User\",  // owner\n   backref=\"x\"");
  EXPECT_EQ(removed({1, 2}), "\"User\"  // owner\n   ");
  EXPECT_EQ(removed({0}), "backref=\"x\", lazy=\"joined\"");
  EXPECT_EQ(removed({0, 1, 2}), "");
}

TEST(FixBuilderPieces, CppNamesFromAnotherScope) {
  Project P(R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("a") A { ORM_COLUMN(Integer, primary_key=True) int id; };
namespace shop {
struct ORM_MODEL("b") B { ORM_COLUMN(Integer, primary_key=True) int id; };
namespace sub {
struct ORM_MODEL("c") C { ORM_COLUMN(Integer, primary_key=True) int id; };
struct ORM_MODEL("a2") A { ORM_COLUMN(Integer, primary_key=True) int id; };
}
}
namespace other {
struct ORM_MODEL("d") D { ORM_COLUMN(Integer, primary_key=True) int id; };
}
)cpp");
  auto model = [&](std::string_view Q) -> const Model & {
    for (const auto &M : P.graph().models())
      if (M->QualifiedName == Q)
        return *M;
    ADD_FAILURE() << "no model " << Q;
    return *P.graph().models().front();
  };
  const ModelGraph &G = P.graph();
  EXPECT_EQ(cppNameIn(G, model("shop::B"), model("shop::sub::C")), "B");
  EXPECT_EQ(cppNameIn(G, model("shop::sub::C"), model("shop::B")),
            "shop::sub::C");
  EXPECT_EQ(cppNameIn(G, model("other::D"), model("shop::B")), "other::D");
  // shop::sub::A hides ::A inside shop::sub.
  EXPECT_EQ(cppNameIn(G, model("A"), model("shop::sub::C")), "::A");
  EXPECT_EQ(cppNameIn(G, model("A"), model("shop::B")), "A");
}

} // namespace
} // namespace relcheck
