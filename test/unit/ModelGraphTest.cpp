//===- ModelGraphTest.cpp - merge, resolution, backrefs, pairing ----------===//
#include "GraphTestSupport.h"

#include "graph/ModelGraph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using namespace relcheck;
using relcheck::test::FactsBuilder;

namespace {

ModelGraph build(const FactsBuilder &B) {
  return ModelGraph::build({B.build()});
}

const Relationship *rel(const ModelGraph &G, const std::string &Name) {
  for (const auto &R : G.relationships())
    if (R->displayName() == Name)
      return R.get();
  return nullptr;
}

const Model *model(const ModelGraph &G, const std::string &QualifiedName) {
  for (const auto &M : G.models())
    if (M->QualifiedName == QualifiedName)
      return M.get();
  return nullptr;
}

std::string describe(const SourceSpan &S) {
  return S.File + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

std::string issues(const ModelGraph &G) {
  std::string Out;
  for (const GraphIssue &I : G.issues())
    Out += describe(I.Range) + ": " +
           (I.Severity == IssueSeverity::Error ? "error: " : "warning: ") +
           I.Message + (I.CaseId.empty() ? "" : " [" + I.CaseId + "]") + "\n";
  return Out;
}

/// Issues whose message contains Needle.
std::vector<const GraphIssue *> issuesWith(const ModelGraph &G,
                                           const std::string &Needle) {
  std::vector<const GraphIssue *> Out;
  for (const GraphIssue &I : G.issues())
    if (I.Message.find(Needle) != std::string::npos)
      Out.push_back(&I);
  return Out;
}

using Args = std::vector<std::pair<std::string, std::string>>;

/// User(id) with `addresses` declared by RelArgs; Address(id, email,
/// user_id -> user.id).
FactsBuilder
userAddress(const std::string &RelArgs,
            const std::string &MemberType = "std::vector<Address*>") {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addRelationship("User", "addresses", RelArgs, MemberType);
  B.addModel("Address", "address");
  B.addColumn("Address", "id", "Integer, primary_key=True");
  B.addColumn("Address", "email", "String(50)");
  B.addColumn("Address", "user_id", "Integer, ForeignKey(\"user.id\")");
  return B;
}

/// Node(id, parent_id -> node.id) with `children` declared by RelArgs.
FactsBuilder adjacency(const std::string &RelArgs) {
  FactsBuilder B;
  B.addModel("Node", "node");
  B.addColumn("Node", "id", "Integer, primary_key=True");
  B.addColumn("Node", "parent_id", "Integer, ForeignKey(\"node.id\")");
  B.addRelationship("Node", "children", RelArgs, "std::vector<Node*>");
  return B;
}

/// Dumps everything observable, to compare graphs.
std::string dump(const ModelGraph &G) {
  std::ostringstream OS;
  for (const auto &M : G.models()) {
    OS << "model " << M->QualifiedName << " table=" << M->TableName << " at "
       << describe(M->Fact->NameRange);
    for (const Model *B : M->Bases)
      OS << " base=" << B->QualifiedName;
    for (const Model *S : M->Subclasses)
      OS << " sub=" << S->QualifiedName;
    OS << "\n";
    for (const Relationship *R : M->Relationships)
      OS << "  rel " << R->Attribute << "\n";
  }
  for (const auto &T : G.tables()) {
    OS << "table " << T->Name;
    for (const Column &C : T->Columns) {
      OS << " " << C.Name;
      for (const ColumnRef &F : C.ForeignKeys)
        OS << "->" << F.Table << "." << F.Column;
    }
    OS << "\n";
  }
  for (const auto &R : G.relationships()) {
    OS << "rel " << R->displayName() << " #" << R->ConfigOrder << " -> "
       << (R->Target ? R->Target->QualifiedName : "?") << " "
       << directionName(R->Dir) << " uselist=" << R->UseList
       << " bp=" << R->BackPopulates
       << " partner=" << (R->Partner ? R->Partner->displayName() : "")
       << " sync=" << R->EffectiveSync;
    for (const auto &[K, V] : R->ExplicitArgs)
      OS << " [" << K << "=" << V << "]";
    OS << "\n";
  }
  OS << issues(G);
  return OS.str();
}

} // namespace

//===----------------------------------------------------------------------===//
// Merge
//===----------------------------------------------------------------------===//

static FactsBuilder sharedHeaderTu(const std::string &Main,
                                   const std::string &UserTable = "user") {
  FactsBuilder B(Main);
  B.inFile("/src/models.hpp");
  B.addModel("User", UserTable);
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addRelationship("User", "addresses", "\"Address\", backref=\"user\"",
                    "std::vector<Address*>");
  B.addModel("Address", "address");
  B.addColumn("Address", "id", "Integer, primary_key=True");
  B.addColumn("Address", "user_id", "Integer, ForeignKey(\"user.id\")");
  B.inFile("");
  return B;
}

TEST(ModelGraphMerge, SameModelInManyTusCountsOnce) {
  ModelGraph G = ModelGraph::build({sharedHeaderTu("/src/a.cpp").build(),
                                    sharedHeaderTu("/src/b.cpp").build()});
  EXPECT_EQ(G.models().size(), 2u);
  EXPECT_EQ(G.tables().size(), 2u);
  EXPECT_EQ(G.relationships().size(), 2u) << dump(G);
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  ASSERT_EQ(G.facts().size(), 1u);
  EXPECT_EQ(G.facts()[0].Models.size(), 2u);
  // Pointers go into the merged facts.
  EXPECT_EQ(model(G, "User")->Fact, &G.facts()[0].Models[0]);
}

TEST(ModelGraphMerge, DifferentAnnotationOfOneKeyWarnsNamingBoth) {
  ModelGraph G =
      ModelGraph::build({sharedHeaderTu("/src/a.cpp").build(),
                         sharedHeaderTu("/src/b.cpp", "users").build()});
  EXPECT_EQ(G.models().size(), 2u);
  auto W = issuesWith(G, "annotated differently");
  ASSERT_EQ(W.size(), 1u) << issues(G);
  EXPECT_EQ(W[0]->Severity, IssueSeverity::Warning);
  EXPECT_NE(W[0]->Message.find("ORM_MODEL(\"user\")"), std::string::npos);
  EXPECT_NE(W[0]->Message.find("ORM_MODEL(\"users\")"), std::string::npos);
  // Both positions, the one used first.
  EXPECT_NE(W[0]->Message.find("/src/models.hpp:1:26 and /src/models.hpp:1:27"),
            std::string::npos)
      << W[0]->Message;
  EXPECT_EQ(W[0]->Notes.size(), 1u);
}

TEST(ModelGraphMerge, TwoModelsClaimingOneTableIsAnError) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addModel("Account", "user");
  B.addColumn("Account", "id", "Integer, primary_key=True");
  B.addTable("user", "Column(\"id\", Integer)");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "is already defined for this MetaData instance");
  ASSERT_EQ(E.size(), 2u) << issues(G);
  EXPECT_EQ(E[0]->Severity, IssueSeverity::Error);
  EXPECT_EQ(E[0]->CaseId, "R6");
  EXPECT_EQ(E[0]->Range, B.find("Account"));
  EXPECT_NE(E[0]->Message.find("Table 'user' is already defined for this "
                               "MetaData instance.  Specify "
                               "'extend_existing=True'"),
            std::string::npos);
  ASSERT_EQ(E[0]->Notes.size(), 1u);
  EXPECT_EQ(E[0]->Notes[0].first, B.find("User"));
  EXPECT_EQ(E[1]->Range, B.find("user", 2));
  EXPECT_EQ(G.tables().size(), 1u);
}

TEST(ModelGraphMerge, AnnotationIssuesAreDeduplicated) {
  auto Tu = [](const std::string &Main) {
    FactsBuilder B(Main);
    B.inFile("/src/models.hpp");
    B.addModel("User", "user");
    B.addColumn("User", "id", "Integer, primary_key=True");
    B.addRelationship("User", "addresses", "\"Address\", lazy=", "");
    return B.build();
  };
  ModelGraph G = ModelGraph::build({Tu("/src/a.cpp"), Tu("/src/b.cpp")});
  auto E = issuesWith(G, "syntax error");
  EXPECT_EQ(E.size(), 1u) << issues(G);
}

TEST(ModelGraphMerge, ResultDoesNotDependOnTuOrder) {
  std::vector<TuFacts> Tus;
  Tus.push_back(sharedHeaderTu("/src/a.cpp").build());
  {
    FactsBuilder B = sharedHeaderTu("/src/b.cpp");
    B.addModel("Order", "order");
    B.addColumn("Order", "id", "Integer, primary_key=True");
    B.addColumn("Order", "user_id", "Integer, ForeignKey(\"user.id\")");
    B.addRelationship("Order", "user", "\"User\", backref=\"orders\"", "User*");
    Tus.push_back(B.build());
  }
  {
    FactsBuilder B = sharedHeaderTu("/src/c.cpp", "users");
    B.addModel("Tag", "tag");
    B.addColumn("Tag", "id", "Integer, primary_key=True");
    B.addRelationship("Tag", "owner", "\"Usr\"", "User*");
    Tus.push_back(B.build());
  }
  std::vector<int> Order{0, 1, 2};
  std::string First;
  do {
    std::vector<TuFacts> Permuted;
    for (int I : Order)
      Permuted.push_back(Tus[I]);
    std::string D = dump(ModelGraph::build(Permuted));
    if (First.empty())
      First = D;
    EXPECT_EQ(D, First);
  } while (std::next_permutation(Order.begin(), Order.end()));
  EXPECT_NE(First.find("rel User.orders"), std::string::npos) << First;
}

//===----------------------------------------------------------------------===//
// Models, tables, inheritance, lookup
//===----------------------------------------------------------------------===//

static FactsBuilder employees() {
  FactsBuilder B;
  B.addModel("Company", "company");
  B.addColumn("Company", "id", "Integer, primary_key=True");
  B.addModel("Employee", "employee");
  B.addColumn("Employee", "id", "Integer, primary_key=True");
  B.addColumn("Employee", "company_id", "Integer, ForeignKey(\"company.id\")");
  B.addColumn("Employee", "type", "String(20)");
  B.addModel("Manager", std::nullopt, {"Employee"});
  B.addColumn("Manager", "budget", "Integer");
  B.addModel("Engineer", std::nullopt, {"Employee"});
  B.addColumn("Engineer", "language", "String");
  B.addPlainMember("Engineer", "debug", true);
  return B;
}

TEST(ModelGraphModels, SingleTableInheritance) {
  FactsBuilder B = employees();
  ModelGraph G = build(B);
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Model *E = model(G, "Employee"), *M = model(G, "Manager"),
              *N = model(G, "Engineer");
  ASSERT_TRUE(E && M && N);
  EXPECT_EQ(M->TableName, "employee");
  EXPECT_TRUE(M->SingleTableInherited);
  EXPECT_FALSE(E->SingleTableInherited);
  EXPECT_EQ(M->MappedTable, E->MappedTable);
  ASSERT_EQ(M->Bases.size(), 1u);
  EXPECT_EQ(M->Bases[0], E);
  EXPECT_EQ(E->Subclasses, (std::vector<Model *>{const_cast<Model *>(M),
                                                 const_cast<Model *>(N)}));
  // Subclass columns land in the shared table.
  const Table *T = G.findTable("employee");
  ASSERT_TRUE(T);
  EXPECT_TRUE(T->findColumn("budget"));
  EXPECT_TRUE(T->findColumn("language"));
  EXPECT_EQ(T->MappedBy, E);
  ASSERT_EQ(T->findColumn("company_id")->ForeignKeys.size(), 1u);
  EXPECT_EQ(T->findColumn("company_id")->ForeignKeys[0],
            (ColumnRef{"company", "id"}));

  AttributeLookup L = M->lookup("company_id");
  EXPECT_EQ(L.K, AttributeLookup::Kind::Column);
  EXPECT_EQ(L.DeclaredOn, E);
  EXPECT_EQ(M->lookup("language").K, AttributeLookup::Kind::None);
  EXPECT_EQ(N->lookup("debug").K, AttributeLookup::Kind::PlainMember);
  EXPECT_EQ(M->mappedNames(),
            (std::vector<std::string>{"budget", "company_id", "id", "type"}));
  EXPECT_TRUE(E->isSameOrBaseOf(M));
  EXPECT_TRUE(M->isSameOrSubclassOf(E));
  EXPECT_TRUE(M->isSameOrSubclassOf(M));
  EXPECT_FALSE(M->isSameOrSubclassOf(N));
  EXPECT_FALSE(M->isSameOrBaseOf(E));
}

TEST(ModelGraphModels, ModelWithoutTableOrBaseIsAnError) {
  FactsBuilder B;
  B.addModel("User", std::nullopt);
  B.addColumn("User", "id", "Integer, primary_key=True");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "does not have a __table__ or __tablename__");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Range, B.find("User"));
}

TEST(ModelGraphModels, ModelWithoutPrimaryKeyIsAnError) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "could not assemble any primary key columns");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_NE(E[0]->Message.find("Mapper mapped class User->user could not "
                               "assemble any primary key columns for mapped "
                               "table 'user'"),
            std::string::npos);
}

TEST(ModelGraphModels, OrmTableColumnsAndForeignKeys) {
  FactsBuilder B;
  B.addModel("Left", "left");
  B.addColumn("Left", "id", "Integer, primary_key=True");
  B.addModel("Right", "right");
  B.addColumn("Right", "id", "Integer, primary_key=True");
  B.addTable("assoc", "Column(\"left_id\", ForeignKey(\"left.id\"), "
                      "primary_key=True), Column(\"right_id\", Integer, "
                      "ForeignKey(\"right.id\"), primary_key=True)");
  ModelGraph G = build(B);
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Table *T = G.findTable("assoc");
  ASSERT_TRUE(T);
  EXPECT_EQ(T->MappedBy, nullptr);
  EXPECT_TRUE(T->Fact);
  ASSERT_EQ(T->Columns.size(), 2u);
  EXPECT_EQ(T->Columns[0].Name, "left_id");
  EXPECT_TRUE(T->Columns[0].PrimaryKey);
  EXPECT_EQ(T->Columns[1].ForeignKeys,
            (std::vector<ColumnRef>{{"right", "id"}}));
  EXPECT_EQ(G.findTable("nope"), nullptr);
}

TEST(ModelGraphModels, UnknownForeignKeyTargetsWarn) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addModel("Address", "address");
  B.addColumn("Address", "id", "Integer, primary_key=True");
  B.addColumn("Address", "user_id", "Integer, ForeignKey(\"usr.id\")");
  B.addColumn("Address", "user_id2", "Integer, ForeignKey(\"user.idd\")");
  ModelGraph G = build(B);
  auto T = issuesWith(G, "could not find table 'usr'");
  ASSERT_EQ(T.size(), 1u) << issues(G);
  EXPECT_EQ(T[0]->Severity, IssueSeverity::Warning);
  EXPECT_EQ(T[0]->Range, B.find("\"usr.id\""));
  EXPECT_NE(T[0]->Message.find("did you mean 'user'?"), std::string::npos);
  auto C = issuesWith(G, "has no column named 'idd'");
  ASSERT_EQ(C.size(), 1u) << issues(G);
  EXPECT_NE(C[0]->Message.find("did you mean 'id'?"), std::string::npos);
}

TEST(ModelGraphModels, FindModelsUsesRegistryNames) {
  FactsBuilder B;
  B.addModel("shop::Address", "shop_address");
  B.addColumn("shop::Address", "id", "Integer, primary_key=True");
  B.addModel("billing::Address", "billing_address");
  B.addColumn("billing::Address", "id", "Integer, primary_key=True");
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  ModelGraph G = build(B);
  EXPECT_EQ(G.findModels("Address").size(), 2u);
  ASSERT_EQ(G.findModels("shop.Address").size(), 1u);
  EXPECT_EQ(G.findModels("shop.Address")[0]->QualifiedName, "shop::Address");
  ASSERT_EQ(G.findModels("shop::Address").size(), 1u);
  EXPECT_EQ(G.findModels("User").size(), 1u);
  EXPECT_TRUE(G.findModels("Usr").empty());
  EXPECT_TRUE(G.findModels("billing.User").empty());
}

//===----------------------------------------------------------------------===//
// Relationship targets
//===----------------------------------------------------------------------===//

TEST(ModelGraphTargets, UnknownTargetQuotesSqlalchemyWithSuggestion) {
  FactsBuilder B = userAddress("\"Adress\"", "");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "failed to locate a name");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Severity, IssueSeverity::Error);
  EXPECT_EQ(E[0]->Range, B.find("\"Adress\""));
  EXPECT_NE(E[0]->Message.find("When initializing mapper mapped class "
                               "User->user, expression 'Adress' failed to "
                               "locate a name ('Adress')"),
            std::string::npos);
  EXPECT_NE(E[0]->Message.find("did you mean 'Address'?"), std::string::npos);
  EXPECT_EQ(E[0]->ModelName, "User");
  EXPECT_EQ(E[0]->Attribute, "addresses");
  EXPECT_EQ(E[0]->CaseId, "R3");
  EXPECT_NE(E[0]->Message.find("<class '__main__.User'>"), std::string::npos);
  EXPECT_EQ(rel(G, "User.addresses")->Target, nullptr);
  EXPECT_EQ(rel(G, "User.addresses")->TargetName, "Adress");
}

static FactsBuilder twoAddresses(const std::string &RelArgs,
                                 const std::string &MemberType) {
  FactsBuilder B;
  B.addModel("User", "user");
  B.addColumn("User", "id", "Integer, primary_key=True");
  B.addRelationship("User", "addresses", RelArgs, MemberType);
  B.addModel("shop::Address", "shop_address");
  B.addColumn("shop::Address", "id", "Integer, primary_key=True");
  B.addColumn("shop::Address", "user_id", "Integer, ForeignKey(\"user.id\")");
  B.addModel("billing::Address", "billing_address");
  B.addColumn("billing::Address", "id", "Integer, primary_key=True");
  B.addColumn("billing::Address", "user_id",
              "Integer, ForeignKey(\"user.id\")");
  return B;
}

TEST(ModelGraphTargets, AmbiguousNameIsAnErrorWithCandidates) {
  FactsBuilder B = twoAddresses("\"Address\"", "std::vector<shop::Address*>");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "Multiple classes found for path");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_NE(E[0]->Message.find("Multiple classes found for path \"Address\" "
                               "in the registry of this declarative base. "
                               "Please use a fully module-qualified path."),
            std::string::npos);
  EXPECT_NE(E[0]->Message.find("'shop.Address'"), std::string::npos);
  EXPECT_EQ(E[0]->CaseId, "R4");
  ASSERT_EQ(E[0]->Notes.size(), 2u);
  EXPECT_EQ(E[0]->Notes[0].first.Line, 4u);
  EXPECT_EQ(E[0]->Notes[1].first.Line, 7u);
  EXPECT_EQ(E[0]->Range, B.find("\"Address\""));
  EXPECT_EQ(rel(G, "User.addresses")->Target, nullptr);
}

TEST(ModelGraphTargets, ModulePathResolves) {
  ModelGraph G = build(
      twoAddresses("\"billing.Address\"", "std::vector<billing::Address*>"));
  EXPECT_TRUE(issuesWith(G, "Multiple").empty()) << issues(G);
  ASSERT_TRUE(rel(G, "User.addresses")->Target);
  EXPECT_EQ(rel(G, "User.addresses")->Target->QualifiedName,
            "billing::Address");
}

TEST(ModelGraphTargets, MemberTypeDeducesTheExactClass) {
  ModelGraph G = build(twoAddresses("", "std::vector<billing::Address*>"));
  EXPECT_TRUE(issuesWith(G, "Multiple").empty()) << issues(G);
  const Relationship *R = rel(G, "User.addresses");
  ASSERT_TRUE(R->Target);
  EXPECT_EQ(R->Target->QualifiedName, "billing::Address");
  EXPECT_EQ(R->TargetName, "billing.Address");
}

TEST(ModelGraphTargets, MemberTypeWithoutModelIsAnError) {
  FactsBuilder B = userAddress("", "std::vector<int>");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "cannot determine the target class");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Range, B.find("std::vector<int>"));
}

TEST(ModelGraphTargets, WrittenTargetDisagreeingWithMemberTypeWarns) {
  FactsBuilder B = userAddress("\"Address\"", "std::vector<Order*>");
  B.addModel("Order", "order");
  B.addColumn("Order", "id", "Integer, primary_key=True");
  ModelGraph G = build(B);
  auto W = issuesWith(G, "but its member type");
  ASSERT_EQ(W.size(), 1u) << issues(G);
  EXPECT_EQ(W[0]->Severity, IssueSeverity::Warning);
  ASSERT_TRUE(rel(G, "User.addresses")->Target);
  EXPECT_EQ(rel(G, "User.addresses")->Target->Name, "Address");
}

TEST(ModelGraphTargets, MemberTypeHoldingABaseOfTheTargetIsFine) {
  FactsBuilder B = employees();
  B.addRelationship("Company", "managers", "\"Manager\"",
                    "std::vector<Employee*>");
  ModelGraph G = build(B);
  EXPECT_TRUE(issuesWith(G, "member type").empty()) << issues(G);
}

TEST(ModelGraphTargets, ExplicitUselistContradictingMemberShapeWarns) {
  FactsBuilder B = userAddress("\"Address\", uselist=False");
  ModelGraph G = build(B);
  auto W = issuesWith(G, "member type 'std::vector<Address*>' is a collection");
  ASSERT_EQ(W.size(), 1u) << issues(G);
  EXPECT_EQ(W[0]->Range, B.find("std::vector<Address*>"));
  EXPECT_FALSE(rel(G, "User.addresses")->UseList);
  EXPECT_TRUE(rel(G, "User.addresses")->UseListExplicit);
}

//===----------------------------------------------------------------------===//
// Joins
//===----------------------------------------------------------------------===//

TEST(ModelGraphJoins, UnknownSecondaryIsAnError) {
  FactsBuilder B = userAddress("\"Address\", secondary=\"asoc\"");
  B.addTable("assoc", "Column(\"a\", Integer)");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "secondary table 'asoc'");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Range, B.find("\"asoc\""));
  EXPECT_NE(E[0]->Message.find("did you mean 'assoc'?"), std::string::npos);
  EXPECT_EQ(rel(G, "User.addresses")->Secondary, "asoc");
}

TEST(ModelGraphJoins, SecondaryNamingAModelIsJ11) {
  FactsBuilder B = userAddress("\"Address\", secondary=\"Address\"");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "must be a Table object or other FROM clause");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->CaseId, "J11");
}

TEST(ModelGraphJoins, SyntaxErrorInJoinStringPointsInsideTheString) {
  FactsBuilder B = userAddress("\"Address\", primaryjoin=\"User.id == )\"");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "syntax error in 'primaryjoin'");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  SourceSpan Paren = B.find(")\"");
  EXPECT_EQ(E[0]->Range.File, Paren.File);
  EXPECT_EQ(E[0]->Range.Line, Paren.Line);
  EXPECT_EQ(E[0]->Range.Column, Paren.Column) << issues(G);
}

TEST(ModelGraphJoins, WrittenJoinIsRecordedAndAnalysed) {
  FactsBuilder B =
      userAddress("\"Address\", primaryjoin=\"and_(User.id == Address.user_id, "
                  "Address.email.startswith('tony'))\"");
  ModelGraph G = build(B);
  const Relationship *R = rel(G, "User.addresses");
  ASSERT_TRUE(R->PrimaryJoin.Written);
  EXPECT_EQ(
      R->PrimaryJoin.WrittenText,
      "and_(User.id == Address.user_id, Address.email.startswith('tony'))");
  EXPECT_EQ(R->PrimaryJoin.Range.Begin, B.find("\"and_(").Begin);
  EXPECT_EQ(R->Dir, Direction::OneToMany) << issues(G);
  EXPECT_TRUE(R->Filtered);
  EXPECT_FALSE(R->FilterTerms.empty());
  EXPECT_EQ(R->ForeignCols, (std::vector<ColumnRef>{{"address", "user_id"}}));
}

TEST(ModelGraphJoins, UnresolvedColumnInJoinIsAnError) {
  FactsBuilder B =
      userAddress("\"Address\", primaryjoin=\"User.id == Address.userid\"");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "'Address.userid'");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Range, B.find("Address.userid"));
  EXPECT_NE(E[0]->Message.find("did you mean 'user_id'?"), std::string::npos);
}

TEST(ModelGraphJoins, DirectionsAndUselistDefaults) {
  FactsBuilder B = userAddress("\"Address\"");
  B.addRelationship("Address", "user", "\"User\"", "User*");
  ModelGraph G = build(B);
  const Relationship *A = rel(G, "User.addresses"), *U = rel(G, "Address.user");
  EXPECT_EQ(A->Dir, Direction::OneToMany) << issues(G);
  EXPECT_TRUE(A->UseList);
  EXPECT_EQ(U->Dir, Direction::ManyToOne);
  EXPECT_FALSE(U->UseList);
  EXPECT_FALSE(U->UseListExplicit);
  EXPECT_TRUE(issuesWith(G, "member type").empty()) << issues(G);
}

TEST(ModelGraphJoins, RemoteSideGivesManyToOneOnAdjacencyList) {
  FactsBuilder B;
  B.addModel("Node", "node");
  B.addColumn("Node", "id", "Integer, primary_key=True");
  B.addColumn("Node", "parent_id", "Integer, ForeignKey(\"node.id\")");
  B.addRelationship("Node", "parent", "\"Node\", remote_side=[id]", "Node*");
  B.addRelationship("Node", "parent2", "\"Node\", remote_side=\"Node.id\"",
                    "Node*");
  B.addRelationship("Node", "children", "\"Node\"", "std::vector<Node*>");
  ModelGraph G = build(B);
  EXPECT_EQ(rel(G, "Node.parent")->Dir, Direction::ManyToOne) << issues(G);
  EXPECT_EQ(rel(G, "Node.parent2")->Dir, Direction::ManyToOne);
  EXPECT_EQ(rel(G, "Node.children")->Dir, Direction::OneToMany);
}

//===----------------------------------------------------------------------===//
// Backrefs
//===----------------------------------------------------------------------===//

TEST(ModelGraphBackref, OneToManyGeneratesManyToOne) {
  // The notes' §6.5 example.
  FactsBuilder B = userAddress(
      "\"Address\", order_by=\"Address.id\", cascade=\"all, delete-orphan\", "
      "backref=backref(\"user\", lazy=\"joined\")");
  ModelGraph G = build(B);
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Relationship *A = rel(G, "User.addresses"), *U = rel(G, "Address.user");
  ASSERT_TRUE(A && U) << dump(G);
  EXPECT_TRUE(U->isGenerated());
  EXPECT_EQ(U->GeneratedBy, A);
  EXPECT_EQ(U->Fact, nullptr);
  EXPECT_EQ(U->Owner, model(G, "Address"));
  EXPECT_EQ(U->Target, model(G, "User"));
  EXPECT_EQ(U->TargetName, "User");
  EXPECT_EQ(A->Dir, Direction::OneToMany);
  EXPECT_EQ(U->Dir, Direction::ManyToOne);
  EXPECT_FALSE(U->UseList);
  EXPECT_EQ(U->Lazy, "joined");
  EXPECT_EQ(A->BackPopulates, "user");
  EXPECT_EQ(A->BackPopulatesArg, nullptr);
  EXPECT_EQ(U->BackPopulates, "addresses");
  EXPECT_EQ(A->Partner, U);
  EXPECT_EQ(U->Partner, A);
  EXPECT_EQ(A->LinkedFrom,
            (std::vector<Relationship *>{const_cast<Relationship *>(U)}));
  ASSERT_TRUE(A->Backref);
  EXPECT_EQ(A->Backref->Name, "user");
  EXPECT_EQ(A->Backref->Generated, U);
  EXPECT_EQ(A->Backref->CollisionOn, nullptr);
  EXPECT_EQ(A->Backref->Arg, A->arg("backref"));
  ASSERT_EQ(A->Backref->Options.size(), 1u);
  EXPECT_EQ(A->Backref->Options[0]->Keyword, "lazy");
  EXPECT_EQ(A->Backref->Options[0]->Value.Text, "joined");
  EXPECT_EQ(A->Backref->Options[0]->KeywordRange, B.find("lazy"));
  EXPECT_EQ(A->Backref->Options[0]->ValueRange, B.find("\"joined\""));
  EXPECT_EQ(A->Backref->NameRange, B.find("\"user\"", 1));
  EXPECT_EQ(U->Range, B.find("\"user\"", 1));
  EXPECT_EQ(U->option("lazy"), A->Backref->Options[0]);
  EXPECT_EQ(U->option("cascade"), nullptr);
  EXPECT_EQ(U->ExplicitArgs, (Args{{"", "\"User\""},
                                   {"back_populates", "\"addresses\""},
                                   {"lazy", "\"joined\""}}));
  EXPECT_EQ(U->ExplicitArgsCaveat, "");
  EXPECT_TRUE(A->ExplicitArgs.empty());
  // Generated sides are full graph members, right after their declaring
  // relationship.
  EXPECT_EQ(A->ConfigOrder + 1, U->ConfigOrder);
  EXPECT_EQ(model(G, "Address")->Relationships,
            (std::vector<Relationship *>{const_cast<Relationship *>(U)}));
  EXPECT_EQ(model(G, "Address")->lookup("user").Rel, U);
  EXPECT_EQ(G.relationships().size(), 2u);
  EXPECT_TRUE(A->EffectiveSync);
  EXPECT_TRUE(U->EffectiveSync);
}

TEST(ModelGraphBackref, ManyToOneGeneratesOneToMany) {
  FactsBuilder B = userAddress("\"Address\", back_populates=\"user\"");
  B.addRelationship("Address", "owner", "\"User\", backref=\"owned\"", "User*");
  ModelGraph G = build(B);
  const Relationship *O = rel(G, "Address.owner"), *D = rel(G, "User.owned");
  ASSERT_TRUE(O && D) << dump(G);
  EXPECT_EQ(O->Dir, Direction::ManyToOne);
  EXPECT_EQ(D->Dir, Direction::OneToMany);
  EXPECT_TRUE(D->UseList);
  EXPECT_EQ(D->ExplicitArgs,
            (Args{{"", "\"Address\""}, {"back_populates", "\"owner\""}}));
}

TEST(ModelGraphBackref, BackrefUselistOptionWins) {
  FactsBuilder B = userAddress("\"Address\"");
  B.addRelationship("Address", "user",
                    "\"User\", backref=backref(\"address\", uselist=False)",
                    "User*");
  ModelGraph G = build(B);
  const Relationship *D = rel(G, "User.address");
  ASSERT_TRUE(D) << dump(G);
  EXPECT_EQ(D->Dir, Direction::OneToMany);
  EXPECT_FALSE(D->UseList);
  EXPECT_TRUE(D->UseListExplicit);
}

static FactsBuilder leftRight(const std::string &RelArgs) {
  FactsBuilder B;
  B.addTable(
      "association_table",
      "Column(\"left_id\", ForeignKey(\"left.id\"), primary_key=True), "
      "Column(\"right_id\", ForeignKey(\"right.id\"), primary_key=True)");
  B.addModel("Left", "left");
  B.addColumn("Left", "id", "Integer, primary_key=True");
  B.addRelationship("Left", "rights", RelArgs, "std::vector<Right*>");
  B.addModel("Right", "right");
  B.addColumn("Right", "id", "Integer, primary_key=True");
  return B;
}

TEST(ModelGraphBackref, ManyToManyExample) {
  ModelGraph G = build(
      leftRight("\"Right\", secondary=association_table, backref=\"lefts\""));
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Relationship *R = rel(G, "Left.rights"), *L = rel(G, "Right.lefts");
  ASSERT_TRUE(R && L) << dump(G);
  EXPECT_EQ(R->Dir, Direction::ManyToMany);
  EXPECT_EQ(L->Dir, Direction::ManyToMany);
  EXPECT_EQ(L->Secondary, "association_table");
  EXPECT_TRUE(L->UseList);
  EXPECT_EQ(L->ExplicitArgs, (Args{{"", "\"Left\""},
                                   {"secondary", "association_table"},
                                   {"back_populates", "\"rights\""}}));
  EXPECT_EQ(L->option("secondary"), R->arg("secondary"));
}

TEST(ModelGraphBackref, ManyToManyUselistIsNotCopied) {
  ModelGraph G = build(leftRight("\"Right\", secondary=association_table, "
                                 "uselist=False, backref=\"lefts\""));
  EXPECT_FALSE(rel(G, "Left.rights")->UseList);
  EXPECT_TRUE(rel(G, "Right.lefts")->UseList);
}

TEST(ModelGraphBackref, SelfReferentialManyToManySwapsJoins) {
  FactsBuilder B;
  B.addTable("n2n", "Column(\"left_id\", ForeignKey(\"node.id\"), "
                    "primary_key=True), Column(\"right_id\", "
                    "ForeignKey(\"node.id\"), primary_key=True)");
  B.addModel("Node", "node");
  B.addColumn("Node", "id", "Integer, primary_key=True");
  B.addRelationship("Node", "rights",
                    "\"Node\", secondary=\"n2n\", "
                    "primaryjoin=\"Node.id == n2n.c.left_id\", "
                    "secondaryjoin=\"Node.id == n2n.c.right_id\", "
                    "backref=\"lefts\"",
                    "std::vector<Node*>");
  ModelGraph G = build(B);
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Relationship *L = rel(G, "Node.lefts");
  ASSERT_TRUE(L) << dump(G);
  EXPECT_EQ(L->Dir, Direction::ManyToMany);
  EXPECT_EQ(L->PrimaryJoin.WrittenText, "Node.id == n2n.c.right_id");
  EXPECT_EQ(L->SecondaryJoin.WrittenText, "Node.id == n2n.c.left_id");
  EXPECT_EQ(L->ExplicitArgs,
            (Args{{"", "\"Node\""},
                  {"secondary", "\"n2n\""},
                  {"back_populates", "\"rights\""},
                  {"primaryjoin", "\"Node.id == n2n.c.right_id\""},
                  {"secondaryjoin", "\"Node.id == n2n.c.left_id\""}}));
}

TEST(ModelGraphBackref, SelfReferentialRemoteSideInBackref) {
  ModelGraph G = build(
      adjacency("\"Node\", backref=backref(\"parent\", remote_side=[id])"));
  EXPECT_TRUE(G.issues().empty()) << issues(G);
  const Relationship *C = rel(G, "Node.children"), *P = rel(G, "Node.parent");
  ASSERT_TRUE(C && P) << dump(G);
  EXPECT_EQ(C->Dir, Direction::OneToMany);
  EXPECT_EQ(P->Dir, Direction::ManyToOne);
  EXPECT_FALSE(P->UseList);
  EXPECT_EQ(P->RemoteSide, (std::vector<ColumnRef>{{"node", "id"}}));
  // Same class: the bare name stays valid.
  EXPECT_EQ(P->ExplicitArgs, (Args{{"", "\"Node\""},
                                   {"back_populates", "\"children\""},
                                   {"remote_side", "[id]"}}));
  EXPECT_EQ(P->ExplicitArgsCaveat, "");
}

TEST(ModelGraphBackref, SelfReferentialWithoutRemoteSideHasNoExplicitForm) {
  ModelGraph G = build(adjacency("\"Node\", backref=\"parent\""));
  const Relationship *P = rel(G, "Node.parent");
  ASSERT_TRUE(P) << dump(G);
  EXPECT_EQ(P->Dir, Direction::OneToMany);
  EXPECT_TRUE(P->UseList);
  EXPECT_NE(P->ExplicitArgsCaveat.find("E5"), std::string::npos);
}

TEST(ModelGraphBackref, DeclaringRemoteSideIsNotMirrored) {
  ModelGraph G =
      build(adjacency("\"Node\", remote_side=[parent_id], backref=\"parent\""));
  EXPECT_EQ(rel(G, "Node.children")->Dir, Direction::OneToMany);
  EXPECT_EQ(rel(G, "Node.parent")->Dir, Direction::OneToMany);
}

TEST(ModelGraphBackref, RemoteMarksAreMirrored) {
  ModelGraph G = build(adjacency(
      "\"Node\", primaryjoin=\"remote(foreign(Node.parent_id)) == Node.id\", "
      "backref=\"parent\""));
  const Relationship *C = rel(G, "Node.children"), *P = rel(G, "Node.parent");
  ASSERT_TRUE(C && P) << dump(G);
  EXPECT_EQ(C->Dir, Direction::OneToMany) << issues(G);
  EXPECT_EQ(P->Dir, Direction::ManyToOne) << issues(G);
  EXPECT_EQ(P->PrimaryJoin.WrittenText,
            "foreign(Node.parent_id) == remote(Node.id)");
  EXPECT_EQ(P->ExplicitArgs,
            (Args{{"", "\"Node\""},
                  {"back_populates", "\"children\""},
                  {"primaryjoin",
                   "\"foreign(Node.parent_id) == remote(Node.id)\""}}));
}

TEST(ModelGraphBackref, FilteredJoinIsCopiedToTheGeneratedSide) {
  ModelGraph G = build(
      userAddress("\"Address\", primaryjoin=\"and_(User.id == Address.user_id, "
                  "Address.email.startswith('tony'))\", backref=\"user\""));
  const Relationship *U = rel(G, "Address.user");
  ASSERT_TRUE(U) << dump(G);
  EXPECT_EQ(U->Dir, Direction::ManyToOne) << issues(G);
  EXPECT_TRUE(U->Filtered);
  EXPECT_EQ(
      U->PrimaryJoin.WrittenText,
      "and_(User.id == Address.user_id, Address.email.startswith('tony'))");
  ASSERT_GE(U->ExplicitArgs.size(), 3u);
  EXPECT_EQ(U->ExplicitArgs[2],
            (std::pair<std::string, std::string>{
                "primaryjoin", "\"and_(User.id == Address.user_id, "
                               "Address.email.startswith('tony'))\""}));
}

TEST(ModelGraphBackref, CarriedArgumentsAndBareNamesQualified) {
  FactsBuilder B = userAddress("\"Address\", back_populates=\"user\"");
  B.addRelationship("Address", "user",
                    "\"User\", foreign_keys=[user_id], post_update=True, "
                    "lazy=\"joined\", backref=backref(\"mine\", "
                    "passive_updates=False, order_by=id)",
                    "User*");
  ModelGraph G = build(B);
  const Relationship *M = rel(G, "User.mine");
  ASSERT_TRUE(M) << dump(G);
  EXPECT_EQ(M->Dir, Direction::OneToMany) << issues(G);
  EXPECT_EQ(M->Lazy, "select");
  EXPECT_EQ(M->ExplicitArgs, (Args{{"", "\"Address\""},
                                   {"back_populates", "\"user\""},
                                   {"foreign_keys", "\"Address.user_id\""},
                                   {"post_update", "True"},
                                   {"passive_updates", "False"},
                                   {"order_by", "\"Address.id\""}}));
  EXPECT_EQ(M->option("post_update"),
            rel(G, "Address.user")->arg("post_update"));
}

TEST(ModelGraphBackref, ViewonlyIsCarriedAndOptionsOverride) {
  FactsBuilder B = userAddress(
      "\"Address\", viewonly=True, backref=backref(\"user\", lazy=\"joined\")");
  B.addRelationship("Address", "owner",
                    "\"User\", viewonly=True, "
                    "backref=backref(\"owned\", viewonly=False)",
                    "User*");
  ModelGraph G = build(B);
  EXPECT_TRUE(rel(G, "Address.user")->ViewOnly);
  EXPECT_FALSE(rel(G, "Address.user")->EffectiveSync);
  EXPECT_FALSE(rel(G, "User.addresses")->EffectiveSync);
  EXPECT_FALSE(rel(G, "User.owned")->ViewOnly);
  // S11: the writable side linked to a viewonly one loses its sync.
  EXPECT_FALSE(rel(G, "User.owned")->EffectiveSync);
  EXPECT_EQ(rel(G, "Address.user")->ExplicitArgs,
            (Args{{"", "\"User\""},
                  {"back_populates", "\"addresses\""},
                  {"viewonly", "True"},
                  {"lazy", "\"joined\""}}));
}

TEST(ModelGraphBackref, TupleSpellingIsEquivalent) {
  ModelGraph G = build(
      userAddress("\"Address\", backref=(\"user\", {\"lazy\": \"joined\"})"));
  const Relationship *U = rel(G, "Address.user");
  ASSERT_TRUE(U) << dump(G) << issues(G);
  EXPECT_EQ(U->Lazy, "joined");
  EXPECT_EQ(U->ExplicitArgs, (Args{{"", "\"User\""},
                                   {"back_populates", "\"addresses\""},
                                   {"lazy", "\"joined\""}}));
}

TEST(ModelGraphBackref, CollisionWithTargetColumn) {
  ModelGraph G = build(userAddress("\"Address\", backref=\"email\""));
  const Relationship *A = rel(G, "User.addresses");
  ASSERT_TRUE(A->Backref);
  EXPECT_EQ(A->Backref->CollisionOn, model(G, "Address"));
  EXPECT_EQ(A->Backref->Generated, nullptr);
  EXPECT_EQ(A->BackPopulates, "");
  EXPECT_EQ(G.relationships().size(), 1u);
}

TEST(ModelGraphBackref, CollisionOnBaseAndSubclassButNotSibling) {
  FactsBuilder B = employees();
  // Target Manager; its base Employee maps 'type'.
  B.addRelationship("Company", "managers", "\"Manager\", backref=\"type\"",
                    "std::vector<Manager*>");
  // Target Employee; its subclass Engineer maps 'language'.
  B.addRelationship("Company", "employees",
                    "\"Employee\", backref=\"language\"",
                    "std::vector<Employee*>");
  // Siblings may each get 'company'.
  B.addRelationship("Company", "managers2", "\"Manager\", backref=\"company\"",
                    "std::vector<Manager*>");
  B.addRelationship("Company", "engineers", "\"Engineer\", backref=\"company\"",
                    "std::vector<Engineer*>");
  // The same name twice on one target: the second collides.
  B.addRelationship("Company", "engineers2",
                    "\"Engineer\", backref=\"company\"",
                    "std::vector<Engineer*>");
  ModelGraph G = build(B);
  EXPECT_EQ(rel(G, "Company.managers")->Backref->CollisionOn,
            model(G, "Employee"));
  EXPECT_EQ(rel(G, "Company.employees")->Backref->CollisionOn,
            model(G, "Engineer"));
  EXPECT_TRUE(rel(G, "Manager.company")) << dump(G);
  EXPECT_TRUE(rel(G, "Engineer.company"));
  EXPECT_EQ(rel(G, "Company.engineers2")->Backref->CollisionOn,
            model(G, "Engineer"));
  EXPECT_EQ(rel(G, "Engineer.company")->GeneratedBy,
            rel(G, "Company.engineers"));
}

TEST(ModelGraphBackref, UnmappedMemberIsReplaced) {
  FactsBuilder B = userAddress("\"Address\", backref=\"user\"");
  B.addPlainMember("Address", "user", true);
  ModelGraph G = build(B);
  const Relationship *A = rel(G, "User.addresses");
  ASSERT_TRUE(A->Backref->Generated);
  ASSERT_TRUE(A->Backref->Replaces);
  EXPECT_EQ(A->Backref->Replaces->Name, "user");
  EXPECT_EQ(A->Backref->ReplacesOn, model(G, "Address"));
  EXPECT_EQ(model(G, "Address")->lookup("user").K,
            AttributeLookup::Kind::Relationship);
}

TEST(ModelGraphBackref, InheritedRelationshipTargetsTheDeclaringBase) {
  FactsBuilder B = employees();
  B.addModel("Laptop", "laptop");
  B.addColumn("Laptop", "id", "Integer, primary_key=True");
  B.addColumn("Laptop", "owner_id", "Integer, ForeignKey(\"employee.id\")");
  B.addRelationship("Employee", "laptops", "\"Laptop\", backref=\"owner\"",
                    "std::vector<Laptop*>");
  ModelGraph G = build(B);
  const Relationship *O = rel(G, "Laptop.owner");
  ASSERT_TRUE(O) << dump(G);
  EXPECT_EQ(O->Target, model(G, "Employee"));
  EXPECT_EQ(model(G, "Manager")->lookup("laptops").DeclaredOn,
            model(G, "Employee"));
}

TEST(ModelGraphBackref, BothBackrefAndBackPopulatesGenerateNothing) {
  FactsBuilder B =
      userAddress("\"Address\", backref=\"user\", back_populates=\"user\"");
  B.addRelationship("Address", "user", "\"User\"", "User*");
  ModelGraph G = build(B);
  const Relationship *A = rel(G, "User.addresses");
  ASSERT_TRUE(A->Backref);
  EXPECT_EQ(A->Backref->Generated, nullptr);
  EXPECT_EQ(A->BackPopulates, "user");
  EXPECT_EQ(A->Partner, rel(G, "Address.user"));
  EXPECT_EQ(G.relationships().size(), 2u);
}

//===----------------------------------------------------------------------===//
// Pairing
//===----------------------------------------------------------------------===//

TEST(ModelGraphPairing, TwoWayAndOneWay) {
  FactsBuilder B = userAddress("\"Address\", back_populates=\"user\"");
  B.addRelationship("Address", "user", "\"User\", back_populates=\"addresses\"",
                    "User*");
  B.addRelationship("Address", "owner", "\"User\"", "User*");
  B.addRelationship("User", "owned", "\"Address\", back_populates=\"owner\"",
                    "std::vector<Address*>");
  ModelGraph G = build(B);
  const Relationship *A = rel(G, "User.addresses"), *U = rel(G, "Address.user"),
                     *O = rel(G, "Address.owner"), *D = rel(G, "User.owned");
  EXPECT_EQ(A->Partner, U);
  EXPECT_EQ(U->Partner, A);
  EXPECT_EQ(D->Partner, O);
  EXPECT_EQ(O->Partner, nullptr);
  EXPECT_EQ(O->LinkedFrom,
            (std::vector<Relationship *>{const_cast<Relationship *>(D)}));
  EXPECT_EQ(A->BackPopulatesArg, A->arg("back_populates"));
  EXPECT_TRUE(A->EffectiveSync && U->EffectiveSync && O->EffectiveSync &&
              D->EffectiveSync);
  // Configuration order: class definition order, then body order.
  EXPECT_LT(A->ConfigOrder, D->ConfigOrder);
  EXPECT_LT(D->ConfigOrder, U->ConfigOrder);
  EXPECT_LT(U->ConfigOrder, O->ConfigOrder);
}

TEST(ModelGraphPairing, SyncBackrefFalseAndViewonly) {
  FactsBuilder B =
      userAddress("\"Address\", back_populates=\"user\", sync_backref=False");
  B.addRelationship("Address", "user", "\"User\", back_populates=\"addresses\"",
                    "User*");
  B.addRelationship("User", "ro",
                    "\"Address\", viewonly=True, "
                    "back_populates=\"owner\"",
                    "std::vector<Address*>");
  B.addRelationship("Address", "owner", "\"User\", back_populates=\"ro\"",
                    "User*");
  ModelGraph G = build(B);
  EXPECT_FALSE(rel(G, "User.addresses")->EffectiveSync);
  EXPECT_EQ(rel(G, "User.addresses")->SyncBackref, std::optional<bool>(false));
  EXPECT_TRUE(rel(G, "Address.user")->EffectiveSync);
  EXPECT_FALSE(rel(G, "User.ro")->EffectiveSync);
  EXPECT_FALSE(rel(G, "Address.owner")->EffectiveSync); // S11
}

TEST(ModelGraphPairing, BackPopulatesOnSubclassTargetFindsBaseRelationship) {
  FactsBuilder B = employees();
  B.addRelationship("Employee", "company",
                    "\"Company\", back_populates=\"managers\"", "Company*");
  B.addRelationship("Company", "managers",
                    "\"Manager\", back_populates=\"company\"",
                    "std::vector<Manager*>");
  ModelGraph G = build(B);
  EXPECT_EQ(rel(G, "Company.managers")->Partner, rel(G, "Employee.company"));
}

//===----------------------------------------------------------------------===//
// Refused options (E10-E12) and unreadable annotations
//===----------------------------------------------------------------------===//

TEST(ModelGraphRefused, DynamicOnGeneratedManyToOneIsE12) {
  FactsBuilder B =
      userAddress("\"Address\", backref=backref(\"user\", lazy=\"dynamic\")");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "'dynamic' loaders cannot be used");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->CaseId, "E12");
  EXPECT_EQ(E[0]->Severity, IssueSeverity::Error);
  EXPECT_EQ(E[0]->Message,
            "On relationship Address.user, 'dynamic' loaders cannot be used "
            "with many-to-one/one-to-one relationships and/or uselist=False.");
  EXPECT_EQ(E[0]->Range, B.find("lazy"));
  // On the collection side it is fine.
  EXPECT_TRUE(
      issuesWith(build(userAddress("\"Address\", lazy=\"dynamic\"")), "dynamic")
          .empty());
}

TEST(ModelGraphRefused, DynamicOnForcedCollectionManyToOneWarns) {
  FactsBuilder B = userAddress("\"Address\"");
  B.addRelationship("Address", "user",
                    "\"User\", uselist=True, lazy=\"dynamic\"", "User*");
  ModelGraph G = build(B);
  auto W = issuesWith(G, "This warning will be an exception");
  ASSERT_EQ(W.size(), 1u) << issues(G);
  EXPECT_EQ(W[0]->Severity, IssueSeverity::Warning);
}

TEST(ModelGraphRefused, PersistenceCascadeOnViewonlyIsE10) {
  FactsBuilder B = userAddress(
      "\"Address\", viewonly=True, backref=backref(\"user\", cascade=\"all\")");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "apply to persistence operations");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->Message,
            "Cascade settings \"delete, save-update\" apply to persistence "
            "operations and should not be combined with a viewonly=True "
            "relationship.");
  EXPECT_EQ(E[0]->CaseId, "E10");
  EXPECT_EQ(E[0]->Attribute, "user");
  EXPECT_TRUE(issuesWith(build(userAddress("\"Address\", viewonly=True, "
                                           "cascade=\"merge, expunge\"")),
                         "persistence")
                  .empty());
}

TEST(ModelGraphRefused, DeleteOrphanOnManySideIsE11) {
  FactsBuilder B = userAddress(
      "\"Address\", backref=backref(\"user\", cascade=\"all, delete-orphan\")");
  ModelGraph G = build(B);
  auto E = issuesWith(G, "delete-orphan cascade is normally");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->CaseId, "E11");
  EXPECT_EQ(E[0]->Message.substr(0, 49),
            "For many-to-one relationship Address.user, delete");
  EXPECT_NE(E[0]->Message.find("a particular \"User\" object to be referred "
                               "towards by only a single \"Address\" object"),
            std::string::npos);
  EXPECT_TRUE(
      issuesWith(build(userAddress("\"Address\", backref=backref(\"user\", "
                                   "cascade=\"all, delete-orphan\", "
                                   "single_parent=True)")),
                 "delete-orphan")
          .empty());
  EXPECT_TRUE(issuesWith(build(userAddress(
                             "\"Address\", cascade=\"all, delete-orphan\"")),
                         "delete-orphan")
                  .empty());
}

TEST(ModelGraphRefused, UnparsedAnnotationAddsNoFollowUps) {
  FactsBuilder B;
  B.addModel("Node", "node");
  B.addColumn("Node", "id", "Integer, primary_key=True");
  B.addColumn("Node", "parent_id", "Integer, ForeignKey(\"node.id\")");
  B.addRelationship("Node", "parent", "\"Node\", remote_side=[id", "Node*");
  ModelGraph G = build(B);
  ASSERT_EQ(G.issues().size(), 1u) << issues(G);
  EXPECT_NE(G.issues()[0].Message.find("syntax error"), std::string::npos);
  const Relationship *R = rel(G, "Node.parent");
  ASSERT_TRUE(R);
  EXPECT_EQ(R->Target, nullptr);
}

TEST(ModelGraphModels, JoinedInheritanceNeedsForeignKeyToBase) {
  FactsBuilder B;
  B.addModel("Employee", "employee");
  B.addColumn("Employee", "id", "Integer, primary_key=True");
  B.addModel("Engineer", "engineer", {"Employee"});
  B.addColumn("Engineer", "id", "Integer, primary_key=True");
  B.addModel("Manager", "manager", {"Employee"});
  B.addColumn("Manager", "id",
              "Integer, ForeignKey(\"employee.id\"), primary_key=True");
  ModelGraph G = build(B);
  auto E =
      issuesWith(G, "Can't determine the inherit condition between inherited "
                    "table 'employee' and inheriting table 'engineer'");
  ASSERT_EQ(E.size(), 1u) << issues(G);
  EXPECT_EQ(E[0]->ModelName, "Engineer");
  EXPECT_EQ(E[0]->CaseId, "R9");
  const Model *M = model(G, "Manager");
  EXPECT_FALSE(M->SingleTableInherited);
  EXPECT_EQ(M->TableName, "manager");
  EXPECT_EQ(M->lookup("id").DeclaredOn, M);
}
