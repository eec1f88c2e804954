//===- ModelVocabularyTest.cpp - ORM_MODEL keywords and bare ForeignKeys --===//
//
// The graph side of issue 19's vocabulary: ForeignKey(key) in the class
// body, __table_args__ constraints, base= registries, __mapper_args__.
//
//===----------------------------------------------------------------------===//
#include "GraphTestSupport.h"
#include "graph/ModelGraph.h"

#include <gtest/gtest.h>

using namespace relcheck;
using relcheck::test::FactsBuilder;

namespace {

const Model *model(const ModelGraph &G, const std::string &QualifiedName) {
  for (const auto &M : G.models())
    if (M->QualifiedName == QualifiedName)
      return M.get();
  return nullptr;
}

const Relationship *rel(const ModelGraph &G, const std::string &Name) {
  for (const auto &R : G.relationships())
    if (R->displayName() == Name)
      return R.get();
  return nullptr;
}

std::string errors(const ModelGraph &G) {
  std::string Out;
  for (const GraphIssue &I : G.issues())
    Out += I.Message + "\n";
  return Out;
}

TEST(BareForeignKey, NamesTheColumnAssignedAbove) {
  FactsBuilder B;
  B.addModel("Vault", "vault");
  B.addColumn("Vault", "key", "Text, primary_key=True");
  B.addColumn("Vault", "parent_key", "Text, ForeignKey(key)");
  B.addRelationship("Vault", "children",
                    "\"Vault\", backref=backref(\"parent\", remote_side=[key])",
                    "std::vector<Vault*>");
  ModelGraph G = ModelGraph::build({B.build()});
  EXPECT_TRUE(G.issues().empty()) << errors(G);
  const Model *V = model(G, "Vault");
  ASSERT_TRUE(V);
  ASSERT_EQ(V->Columns[1].ForeignKeys.size(), 1u);
  EXPECT_EQ(V->Columns[1].ForeignKeys[0], (ColumnRef{"vault", "key"}));
  ASSERT_TRUE(rel(G, "Vault.parent"));
  EXPECT_EQ(rel(G, "Vault.parent")->Dir, Direction::ManyToOne);
}

TEST(BareForeignKey, ColumnBelowIsAnError) {
  FactsBuilder B;
  B.addModel("Vault", "vault");
  B.addColumn("Vault", "parent_key", "Text, ForeignKey(key)");
  B.addColumn("Vault", "key", "Text, primary_key=True");
  ModelGraph G = ModelGraph::build({B.build()});
  ASSERT_EQ(G.issues().size(), 1u) << errors(G);
  EXPECT_EQ(G.issues()[0].CaseId, "R3");
  EXPECT_NE(G.issues()[0].Message.find("declared after 'parent_key'"),
            std::string::npos);
}

TEST(TableArgs, CompositeForeignKeyIsOnePath) {
  FactsBuilder B;
  B.addModelRaw("Release", "\"release\", __table_args__=("
                           "PrimaryKeyConstraint(\"product\", \"number\"),)");
  B.addColumn("Release", "product", "String");
  B.addColumn("Release", "number", "Integer");
  B.addRelationship("Release", "versions", "\"Version\"",
                    "std::vector<Version*>");
  B.addModelRaw("Version", "\"version\", __table_args__=(ForeignKeyConstraint("
                           "[\"product\", \"release_number\"], "
                           "[\"release.product\", \"release.number\"]),)");
  B.addColumn("Version", "id", "Integer, primary_key=True");
  B.addColumn("Version", "product", "String");
  B.addColumn("Version", "release_number", "Integer");
  ModelGraph G = ModelGraph::build({B.build()});
  EXPECT_TRUE(G.issues().empty()) << errors(G);
  EXPECT_TRUE(model(G, "Release")->Columns[0].PrimaryKey);
  const Relationship *R = rel(G, "Release.versions");
  ASSERT_TRUE(R);
  EXPECT_EQ(R->Dir, Direction::OneToMany);
  EXPECT_EQ(R->LocalRemotePairs.size(), 2u);
}

TEST(Registries, SameClassNameInTwoRegistriesIsNotAmbiguous) {
  FactsBuilder B;
  B.addModel("app::User", "user");
  B.addColumn("app::User", "id", "Integer, primary_key=True");
  B.addRelationship("app::User", "tags", "\"Tag\"", "std::vector<app::Tag*>");
  B.addModel("app::Tag", "tag");
  B.addColumn("app::Tag", "id", "Integer, primary_key=True");
  B.addColumn("app::Tag", "user_id", "Integer, ForeignKey(\"user.id\")");
  B.addModelRaw("api::Tag", "\"api_tag\", base=ApiBase");
  B.addColumn("api::Tag", "id", "Integer, primary_key=True");
  ModelGraph G = ModelGraph::build({B.build()});
  EXPECT_TRUE(G.issues().empty()) << errors(G);
  EXPECT_EQ(model(G, "api::Tag")->Registry, "ApiBase");
  ASSERT_TRUE(rel(G, "User.tags"));
  EXPECT_EQ(rel(G, "User.tags")->Target, model(G, "app::Tag"));
}

TEST(MapperArgs, InheritConditionSettlesSeveralForeignKeys) {
  auto Build = [](const std::string &ManagerArgs) {
    FactsBuilder B;
    B.addModel("Employee", "employee");
    B.addColumn("Employee", "id", "Integer, primary_key=True");
    B.addModelRaw("Manager", ManagerArgs, {"Employee"});
    B.addColumn("Manager", "id",
                "Integer, ForeignKey(\"employee.id\"), primary_key=True");
    B.addColumn("Manager", "boss_id", "Integer, ForeignKey(\"employee.id\")");
    return ModelGraph::build({B.build()});
  };
  ModelGraph Ambiguous = Build("\"manager\"");
  ASSERT_EQ(Ambiguous.issues().size(), 1u) << errors(Ambiguous);
  EXPECT_EQ(Ambiguous.issues()[0].CaseId, "R9");
  ModelGraph Settled = Build("\"manager\", __mapper_args__={"
                             "\"inherit_condition\": id == Employee.id}");
  EXPECT_TRUE(Settled.issues().empty()) << errors(Settled);
  EXPECT_TRUE(model(Settled, "Manager")->ExplicitInheritCondition);
}

} // namespace
