//===- VocabularyTest.cpp - annotation argument checks --------------------===//
#include "GraphTestSupport.h"

#include "graph/ModelGraph.h"
#include "graph/Vocabulary.h"

#include "llvm/ADT/StringRef.h"

#include <gtest/gtest.h>

using namespace relcheck;
using relcheck::test::FactsBuilder;

namespace {

std::string issues(const ModelGraph &G) {
  std::string Out;
  for (const GraphIssue &I : G.issues())
    Out += std::to_string(I.Range.Line) + ":" + std::to_string(I.Range.Column) +
           ": " +
           (I.Severity == IssueSeverity::Error ? "error: " : "warning: ") +
           I.Message + (I.CaseId.empty() ? "" : " [" + I.CaseId + "]") + "\n";
  return Out;
}

FactsBuilder withRelationship(const std::string &RelArgs) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addRelationship("User", "addresses", RelArgs, "std::vector<Address*>");
  B.addModel("Address", "address");
  B.addColumn("Address", "id", "Integer, primary_key=True");
  B.addColumn("Address", "user_id", "Integer, ForeignKey(\"user.id\")");
  return B;
}

/// The single issue of a graph built from B (a gtest failure otherwise).
GraphIssue onlyIssue(const FactsBuilder &B) {
  ModelGraph G = ModelGraph::build({B.build()});
  EXPECT_EQ(G.issues().size(), 1u) << issues(G);
  if (G.issues().empty())
    return {};
  return G.issues().front();
}

void expectClean(const FactsBuilder &B) {
  ModelGraph G = ModelGraph::build({B.build()});
  EXPECT_TRUE(G.issues().empty()) << issues(G);
}

bool contains(const std::string &S, const std::string &Needle) {
  return S.find(Needle) != std::string::npos;
}

} // namespace

TEST(VocabularyNames, ClosestName) {
  EXPECT_EQ(closestName("lazzy", relationshipKeywords()), "lazy");
  EXPECT_EQ(closestName("backpopulates", relationshipKeywords()),
            "back_populates");
  EXPECT_EQ(closestName("viewolny", relationshipKeywords()), "viewonly");
  EXPECT_EQ(closestName("qqqqqq", relationshipKeywords()), "");
  EXPECT_EQ(closestName("integer", columnTypeNames()), "Integer");
  EXPECT_EQ(closestName("joinded", lazyStrategies()), "joined");
  EXPECT_EQ(didYouMean("delete-ophan", cascadeOptions()),
            "; did you mean 'delete-orphan'?");
  EXPECT_EQ(didYouMean("zzz", cascadeOptions()), "");
}

// Why typoDistance is not llvm::ComputeEditDistance: a swapped pair of
// letters is one typo (Levenshtein counts two), so short swapped names still
// get their did-you-mean.
TEST(VocabularyNames, TypoDistanceCountsASwapAsOneTypo) {
  EXPECT_EQ(typoDistance("adress", "adsress", false), 1u);
  EXPECT_EQ(typoDistance("usre", "user", false), 1u);
  EXPECT_EQ(llvm::StringRef("usre").edit_distance("user"), 2u);
  EXPECT_EQ(typoDistance("User", "user", true), 0u);
  EXPECT_EQ(typoDistance("User", "user", false), 1u);
  EXPECT_EQ(typoDistance("", "abc", false), 3u);
  EXPECT_EQ(closestName("usre", {"user", "users_table"}), "user");
}

TEST(VocabularyRelationship, ValidArgumentsAreClean) {
  // Not passive_deletes="all": with a delete cascade SQLAlchemy refuses it
  // (E14, fixtures/invalid-annotation/e14-*).
  expectClean(withRelationship(
      "\"Address\", lazy=\"selectin\", cascade=\"all, delete-orphan\", "
      "order_by=\"Address.id\", uselist=True, viewonly=False, "
      "passive_deletes=True, innerjoin=\"unnested\", join_depth=2, "
      "info={\"a\": 1}, doc=\"docs\", overlaps=\"x\", post_update=False, "
      "sync_backref=None, single_parent=True, collection_class=set, "
      "backref=backref(\"user\", lazy=\"joined\", uselist=False)"));
}

TEST(VocabularyRelationship, UnknownKeywordSuggests) {
  FactsBuilder B = withRelationship(R"("Address", lazzy="joined")");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message, "relationship() got an unexpected keyword argument "
                       "'lazzy'; did you mean 'lazy'?");
  EXPECT_EQ(I.Range, B.find("lazzy"));
  EXPECT_EQ(I.Severity, IssueSeverity::Error);
  EXPECT_EQ(I.ModelName, "User");
  EXPECT_EQ(I.Attribute, "addresses");
}

TEST(VocabularyRelationship, BooleanKeywordsNeedBooleans) {
  FactsBuilder B = withRelationship(R"("Address", uselist="yes")");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message, "'uselist' expects True or False, not a string");
  EXPECT_EQ(I.Range, B.find("\"yes\""));
  expectClean(withRelationship("\"Address\", viewonly=1, post_update=None"));
}

TEST(VocabularyRelationship, LazyMustBeAStrategy) {
  FactsBuilder B = withRelationship(R"("Address", lazy="joinded")");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "unknown loader strategy lazy='joinded'; "
                                  "did you mean 'joined'?"))
      << I.Message;
  EXPECT_TRUE(contains(I.Message, "Can't find strategy (('lazy', "
                                  "'joinded'),) for User.addresses"));
  EXPECT_EQ(I.Range, B.find("\"joinded\""));
  expectClean(withRelationship("\"Address\", lazy=False"));
  expectClean(withRelationship(R"("Address", lazy="dynamic")"));
}

TEST(VocabularyRelationship, CascadeQuotesSqlalchemy) {
  FactsBuilder B =
      withRelationship(R"("Address", cascade="all, delete-orphan, foo, bar")");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message, "Invalid cascade option(s): 'bar', 'foo'");
  EXPECT_EQ(I.Range, B.find("foo"));
  FactsBuilder C =
      withRelationship(R"("Address", cascade="all, delete-ophan")");
  EXPECT_EQ(onlyIssue(C).Message, "Invalid cascade option(s): 'delete-ophan'; "
                                  "did you mean 'delete-orphan'?");
  expectClean(withRelationship(R"("Address", cascade="save-update,merge")"));
  expectClean(withRelationship(R"("Address", cascade=["all"])"));
}

TEST(VocabularyRelationship, BackPopulatesMustBeAString) {
  FactsBuilder B = withRelationship("\"Address\", back_populates=user");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "'back_populates' expects a string"));
  EXPECT_EQ(I.Range.Begin, B.find("back_populates=user").Begin + 15);
}

TEST(VocabularyRelationship, BackrefShapes) {
  FactsBuilder B = withRelationship("\"Address\", backref=3");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "'backref' expects a string"));
  EXPECT_EQ(I.Range, B.find("3"));
  EXPECT_TRUE(contains(
      onlyIssue(withRelationship("\"Address\", backref=backref()")).Message,
      "backref() missing 1 required positional argument"));
  FactsBuilder C = withRelationship(R"("Address", backref=backref("a", "b"))");
  I = onlyIssue(C);
  EXPECT_EQ(I.Message,
            "backref() takes 1 positional argument but 2 were given");
  EXPECT_EQ(I.Range, C.find("\"b\""));
  EXPECT_TRUE(contains(
      onlyIssue(withRelationship("\"Address\", backref=backref(user)")).Message,
      "the backref name must be a string"));
}

TEST(VocabularyRelationship, ForbiddenBackrefOptionsAreE13) {
  FactsBuilder B = withRelationship(
      R"("Address", backref=backref("user", back_populates="addresses"))");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.CaseId, "E13");
  EXPECT_EQ(I.Range, B.find("back_populates"));
  EXPECT_TRUE(contains(I.Message, "got multiple values for keyword argument "
                                  "'back_populates'"));

  FactsBuilder C = withRelationship(
      R"("Address", backref=backref("user", secondary="assoc"))");
  I = onlyIssue(C);
  EXPECT_EQ(I.CaseId, "E13");
  EXPECT_TRUE(contains(I.Message, "RelationshipProperty.__init__() got "
                                  "multiple values for argument 'secondary'"));

  FactsBuilder D =
      withRelationship(R"("Address", backref=backref("user", lazzy="joined"))");
  I = onlyIssue(D);
  EXPECT_EQ(I.CaseId, "E13");
  EXPECT_EQ(I.Range, D.find("lazzy"));
  EXPECT_TRUE(
      contains(I.Message, "got an unexpected keyword argument 'lazzy'"));
  EXPECT_TRUE(contains(I.Message, "did you mean 'lazy'?"));

  FactsBuilder E =
      withRelationship(R"("Address", backref=("user", {"lazzy": "joined"}))");
  I = onlyIssue(E);
  EXPECT_EQ(I.CaseId, "E13");
  EXPECT_EQ(I.Range, E.find("\"lazzy\""));

  FactsBuilder F =
      withRelationship(R"("Address", backref=backref("user", backref="x"))");
  I = onlyIssue(F);
  EXPECT_EQ(I.CaseId, "E1");
  EXPECT_TRUE(contains(I.Message, "backref and back_populates keyword "
                                  "arguments are mutually exclusive"));
}

TEST(VocabularyRelationship, BackrefOptionValuesAreChecked) {
  FactsBuilder B =
      withRelationship(R"("Address", backref=backref("user", lazy="bogus"))");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "unknown loader strategy lazy='bogus'"));
  EXPECT_EQ(I.Range, B.find("\"bogus\""));
}

TEST(VocabularyRelationship, Positionals) {
  FactsBuilder B =
      withRelationship(R"("Address", "assoc", "User.id == Address.user_id")");
  B.addTable("assoc", "Column(\"a\", Integer)");
  ModelGraph G = ModelGraph::build({B.build()});
  bool Found = false;
  for (const GraphIssue &I : G.issues())
    if (contains(I.Message, "too many positional arguments")) {
      Found = true;
      EXPECT_EQ(I.Range, B.find("\"User.id == Address.user_id\""));
    }
  EXPECT_TRUE(Found) << issues(G);

  FactsBuilder C = withRelationship(R"("Address", argument="Address")");
  GraphIssue I = onlyIssue(C);
  EXPECT_EQ(I.Message, "relationship() got multiple values for argument "
                       "'argument'");
  EXPECT_EQ(I.Range, C.find("argument"));
}

TEST(VocabularyRelationship, ValueKinds) {
  EXPECT_TRUE(contains(onlyIssue(withRelationship("3")).Message,
                       "the relationship() target must be a class name"));
  EXPECT_TRUE(contains(
      onlyIssue(withRelationship("\"Address\", primaryjoin=3")).Message,
      "'primaryjoin' expects a join condition"));
  EXPECT_TRUE(contains(
      onlyIssue(withRelationship("\"Address\", remote_side=3")).Message,
      "'remote_side' expects a column"));
  EXPECT_TRUE(contains(
      onlyIssue(withRelationship("\"Address\", remote_side=\"[Address.id\""))
          .Message,
      "syntax error in 'remote_side'"));
  EXPECT_TRUE(
      contains(onlyIssue(withRelationship("\"Address\", secondary=3")).Message,
               "'secondary' expects a table name"));
}

TEST(VocabularyModel, TableNameArgument) {
  FactsBuilder B;
  B.addModelRaw("User", R"("user", "extra")");
  B.addColumn("User", "id", "Integer, primary_key=True");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "ORM_MODEL() takes at most one argument"));
  EXPECT_EQ(I.Range, B.find("\"extra\""));

  FactsBuilder C;
  C.addModelRaw("User", "tablename=\"user\"");
  C.addColumn("User", "id", "Integer, primary_key=True");
  ModelGraph G = ModelGraph::build({C.build()});
  bool Found = false;
  for (const GraphIssue &I2 : G.issues())
    Found |= contains(I2.Message, "unexpected keyword argument 'tablename'");
  EXPECT_TRUE(Found) << issues(G);

  FactsBuilder D;
  D.addModelRaw("User", "user");
  D.addColumn("User", "id", "Integer, primary_key=True");
  G = ModelGraph::build({D.build()});
  Found = false;
  for (const GraphIssue &I2 : G.issues())
    Found |= contains(I2.Message, "the table name must be a string");
  EXPECT_TRUE(Found) << issues(G);
}

TEST(VocabularyColumn, Keywords) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True, nulable=False");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message,
            "Column() got an unexpected keyword argument 'nulable'; did you "
            "mean 'nullable'? (SQLAlchemy: TypeError: Additional arguments "
            "should be named <dialectname>_<argument>, got 'nulable')");
  EXPECT_EQ(I.Range, B.find("nulable"));

  FactsBuilder C;
  C.addModel("User", "user");
  C.addColumn("User", "id",
              "\"user_id\", Integer, primary_key=True, mysql_charset=\"utf8\", "
              "autoincrement=\"auto\", index=True, comment=\"c\"");
  expectClean(C);

  FactsBuilder D;
  D.addModel("User", "user");
  D.addColumn("User", "id", "Integer, primary_key=\"yes\"");
  EXPECT_EQ(onlyIssue(D).Message,
            "'primary_key' expects True or False, not a string");
}

TEST(VocabularyColumn, TypesAndPositionals) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integr, primary_key=True");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message, "unknown column type 'Integr'; did you mean 'Integer'?");
  EXPECT_EQ(I.Severity, IssueSeverity::Error);
  EXPECT_EQ(I.Range, B.find("Integr"));

  FactsBuilder C;
  C.addModel("User", "user");
  C.addColumn("User", "id", "Integer, primary_key=True");
  C.addColumn("User", "data", "MyCustomType");
  I = onlyIssue(C);
  EXPECT_EQ(I.Severity, IssueSeverity::Warning);
  EXPECT_TRUE(contains(I.Message, "unknown column type 'MyCustomType'"));

  FactsBuilder D;
  D.addModel("User", "user");
  D.addColumn("User", "id", "Integer, \"id\", primary_key=True");
  EXPECT_TRUE(contains(onlyIssue(D).Message,
                       "takes the column name only as its first argument"));

  FactsBuilder E;
  E.addModel("User", "user");
  E.addColumn("User", "id", "Integer, primary_key=True");
  E.addColumn("User", "ok", "String(50), nullable=False");
  E.addColumn("User", "dialect", "postgresql.UUID");
  expectClean(E);
}

TEST(VocabularyColumn, ForeignKeys) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addColumn("User", "parent_id", "Integer, ForeignKey(\"userid\")");
  GraphIssue I = onlyIssue(B);
  EXPECT_TRUE(contains(I.Message, "ForeignKey target 'userid' must name a "
                                  "column as \"table.column\""));
  EXPECT_EQ(I.Range, B.find("\"userid\""));

  FactsBuilder C;
  C.addModel("User", "user");
  C.addColumn("User", "id", "Integer, primary_key=True");
  C.addColumn("User", "parent_id",
              R"(Integer, ForeignKey("user.id", on_delete="CASCADE"))");
  I = onlyIssue(C);
  EXPECT_TRUE(contains(I.Message, "ForeignKey() got an unexpected keyword "
                                  "argument 'on_delete'; did you mean "
                                  "'ondelete'?"));

  FactsBuilder D;
  D.addModel("User", "user");
  D.addColumn("User", "id", "Integer, primary_key=True");
  D.addColumn("User", "parent_id",
              R"(Integer, ForeignKey("user.id", ondelete="CASCADE"))");
  expectClean(D);
}

TEST(VocabularyTable, ColumnsNeedNames) {
  FactsBuilder B;
  B.addTable("assoc", "Column(Integer), Column(\"b\", Integer)");
  GraphIssue I = onlyIssue(B);
  EXPECT_EQ(I.Message, "Column must be constructed with a non-blank name or "
                       "assign a non-blank .name before adding to a Table.");
  EXPECT_EQ(I.Range, B.find("Column(Integer)"));

  FactsBuilder C;
  C.addTable("assoc", "Column(\"a\", Integer), 3");
  EXPECT_TRUE(contains(onlyIssue(C).Message,
                       "ORM_TABLE() takes Column(...) and constraint"));

  FactsBuilder D;
  D.addTable("assoc", "Column(\"a\", Integer), UniqueConstraint(\"a\"), "
                      "schema=\"s\"");
  expectClean(D);

  FactsBuilder E;
  E.addTable("assoc", R"(Column("a", Integer), shema="s")");
  EXPECT_TRUE(contains(onlyIssue(E).Message, "did you mean 'schema'?"));
}
