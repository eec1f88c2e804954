//===- FactsJsonTest.cpp - facts to and from JSON -------------------------===//

#include "facts/FactsJson.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace relcheck;

namespace {

SourceSpan span(unsigned Begin, unsigned End, unsigned Line = 3) {
  SourceSpan S;
  S.File = "/src/models.hpp";
  S.Begin = Begin;
  S.End = End;
  S.Line = Line;
  S.Column = 5;
  S.EndLine = Line + 1;
  S.EndColumn = 2;
  return S;
}

PyExpr node(PyExpr::Kind K, std::string Text, unsigned Begin, unsigned End,
            std::vector<PyExpr> Children = {}) {
  PyExpr E;
  E.K = K;
  E.Text = std::move(Text);
  E.Begin = Begin;
  E.End = End;
  E.Children = std::move(Children);
  return E;
}

/// One of everything, with no field left at its default.
TuFacts richFacts() {
  TuFacts T;
  T.MainFile = "/src/main.cpp";

  PyExpr Name = node(PyExpr::Kind::String, "user", 0, 6);
  Name.Verbatim = true;
  Name.ValueOffset = 1;
  PyExpr Backref = node(PyExpr::Kind::Call, "", 0, 30,
                        {node(PyExpr::Kind::Name, "backref", 0, 7), Name,
                         node(PyExpr::Kind::Keyword, "lazy", 16, 29,
                              {node(PyExpr::Kind::String, "joined", 21, 29)})});

  ArgFact Target;
  Target.Value = node(PyExpr::Kind::String, "Address", 0, 9);
  Target.ValueRange = span(100, 109);
  Target.Range = span(100, 109);
  ArgFact Keyword;
  Keyword.Keyword = "backref";
  Keyword.Value = Backref;
  Keyword.KeywordRange = span(111, 118);
  Keyword.ValueRange = span(119, 149);
  Keyword.Range = span(111, 149);

  RelationshipFact R;
  R.Attribute = "addresses";
  R.NameRange = span(170, 179, 4);
  R.DeclRange = span(83, 180);
  R.MemberType.Spelling = "std::vector<Address*>";
  R.MemberType.Shape = MemberShape::Collection;
  R.MemberType.ElementName = "Address";
  R.MemberType.ElementQualifiedName = "shop::Address";
  R.MemberType.ElementKey = "c:@N@shop@S@Address";
  R.MemberType.Range = span(150, 169, 4);
  R.Annotation.Text = "\"Address\", backref=backref('user', lazy=\"joined\")";
  R.Annotation.MacroRange = span(83, 150);
  R.Annotation.ArgsRange = span(100, 149);
  R.Annotation.Args = {Target, Keyword};

  ColumnFact C;
  C.Attribute = "id";
  C.NameRange = span(60, 62);
  C.DeclRange = span(30, 63);
  C.Annotation.Text = "Integer, primary_key=True";
  C.Annotation.ExactRanges = false;
  C.Annotation.MacroRange = span(30, 40);
  C.Annotation.ArgsRange = span(30, 40);
  C.Annotation.ParseFailed = true;

  PlainMemberFact P;
  P.Name = "name";
  P.NameRange = span(190, 194, 5);
  P.IsMethod = true;

  ModelFact M;
  M.Key = "c:@N@shop@S@User";
  M.Name = "User";
  M.QualifiedName = "shop::User";
  M.BaseKeys = {"c:@N@shop@S@Base"};
  M.BaseNames = {"shop::Base"};
  M.NameRange = span(20, 24, 2);
  M.BodyRange = span(25, 200, 2);
  M.LastMemberEnd = span(195, 195, 5);
  M.MemberIndent = "\t  ";
  M.Annotation.Text = "\"user\"";
  M.Annotation.MacroRange = span(7, 24, 2);
  M.Annotation.ArgsRange = span(17, 23, 2);
  M.Annotation.Args = {Target};
  M.Columns = {C};
  M.Relationships = {R};
  M.PlainMembers = {P};
  T.Models = {M};

  TableFact Table;
  Table.Name = "assoc";
  Table.NameRange = span(300, 305, 9);
  Table.Annotation.Text = "assoc, Column(\"a\")";
  Table.Annotation.Args = {Target};
  T.Tables = {Table};

  AnnotationIssue Issue;
  Issue.Range = span(40, 41);
  Issue.Message = "invalid ORM_COLUMN arguments: expected an expression";
  T.Issues = {Issue};

  CompileError Error;
  Error.Range = span(400, 400, 12);
  Error.Message = "unknown type name 'Foo'";
  T.CompileErrors = {Error, CompileError()};
  return T;
}

/// Field-by-field equality through the JSON form, which writes every field.
void expectSame(const TuFacts &A, const TuFacts &B) {
  EXPECT_EQ(nlohmann::json(A).dump(2), nlohmann::json(B).dump(2));
}

TEST(FactsJson, RoundTripKeepsEveryField) {
  std::vector<TuFacts> Units = {richFacts(), TuFacts()};
  std::string Text = factsToJson(Units);
  std::vector<TuFacts> Read;
  std::string Error;
  ASSERT_TRUE(factsFromJson(Text, Read, Error)) << Error;
  ASSERT_EQ(Read.size(), 2u);
  expectSame(Read[0], Units[0]);
  expectSame(Read[1], Units[1]);
  EXPECT_EQ(factsToJson(Read), Text);

  // Spot checks that the JSON did not just echo defaults.
  const ModelFact &M = Read[0].Models.at(0);
  EXPECT_EQ(M.MemberIndent, "\t  ");
  EXPECT_EQ(M.BaseNames, std::vector<std::string>{"shop::Base"});
  EXPECT_EQ(M.LastMemberEnd.EndColumn, 2u);
  const RelationshipFact &R = M.Relationships.at(0);
  EXPECT_EQ(R.MemberType.Shape, MemberShape::Collection);
  const PyExpr &Backref = R.Annotation.Args.at(1).Value;
  EXPECT_EQ(Backref.K, PyExpr::Kind::Call);
  ASSERT_EQ(Backref.Children.size(), 3u);
  EXPECT_TRUE(Backref.Children[1].Verbatim);
  EXPECT_EQ(Backref.Children[1].ValueOffset, 1u);
  EXPECT_EQ(Backref.Children[2].Children.at(0).Text, "joined");
  EXPECT_TRUE(M.Columns.at(0).Annotation.ParseFailed);
  EXPECT_FALSE(M.Columns.at(0).Annotation.ExactRanges);
  EXPECT_TRUE(M.PlainMembers.at(0).IsMethod);
  EXPECT_EQ(Read[0].CompileErrors.size(), 2u);
}

TEST(FactsJson, DocumentShape) {
  nlohmann::json J = nlohmann::json::parse(factsToJson({richFacts()}, -1));
  EXPECT_EQ(J["schemaVersion"], FactsSchemaVersion);
  const nlohmann::json &Tu = J["translationUnits"][0];
  EXPECT_EQ(Tu["schemaVersion"], FactsSchemaVersion);
  EXPECT_EQ(Tu["mainFile"], "/src/main.cpp");
  const nlohmann::json &Model = Tu["models"][0];
  EXPECT_EQ(Model["nameRange"]["line"], 2);
  EXPECT_EQ(Model["relationships"][0]["memberType"]["shape"], "Collection");
  EXPECT_EQ(Model["relationships"][0]["annotation"]["args"][1]["value"]["kind"],
            "Call");
  // Defaults of expression nodes are left out.
  EXPECT_FALSE(
      Model["relationships"][0]["annotation"]["args"][0]["value"].contains(
          "children"));
}

TEST(FactsJson, AllPyExprKindsRoundTrip) {
  for (auto K :
       {PyExpr::Kind::Name, PyExpr::Kind::String, PyExpr::Kind::Number,
        PyExpr::Kind::Constant, PyExpr::Kind::Attribute,
        PyExpr::Kind::Subscript, PyExpr::Kind::Call, PyExpr::Kind::Keyword,
        PyExpr::Kind::List, PyExpr::Kind::Tuple, PyExpr::Kind::Dict,
        PyExpr::Kind::Compare, PyExpr::Kind::BoolOp, PyExpr::Kind::UnaryOp,
        PyExpr::Kind::BinOp}) {
    PyExpr E = node(K, "x", 1, 2);
    PyExpr Back = nlohmann::json(E).get<PyExpr>();
    EXPECT_EQ(Back.K, K);
  }
}

TEST(FactsJson, RejectsOtherSchemaVersion) {
  std::vector<TuFacts> Units = {richFacts()};
  std::string Error;
  EXPECT_FALSE(factsFromJson(R"({"schemaVersion": 99, "translationUnits": []})",
                             Units, Error));
  EXPECT_NE(Error.find("unsupported schema version 99"), std::string::npos)
      << Error;
  EXPECT_EQ(Units.size(), 1u); // untouched

  // A TU claiming another version inside a current document.
  nlohmann::json J = nlohmann::json::parse(factsToJson({TuFacts()}));
  J["translationUnits"][0]["schemaVersion"] = 0;
  EXPECT_FALSE(factsFromJson(J.dump(), Units, Error));
  EXPECT_NE(Error.find("translationUnits[0].schemaVersion"), std::string::npos)
      << Error;

  EXPECT_FALSE(factsFromJson(R"({"translationUnits": []})", Units, Error));
  EXPECT_NE(Error.find("missing key 'schemaVersion'"), std::string::npos)
      << Error;
}

TEST(FactsJson, RejectsMalformedInputWithPath) {
  std::vector<TuFacts> Units;
  std::string Error;
  EXPECT_FALSE(factsFromJson("{\"schemaVersion\": 1,", Units, Error));
  EXPECT_NE(Error.find("not valid JSON"), std::string::npos) << Error;

  EXPECT_FALSE(factsFromJson("[1, 2]", Units, Error));
  EXPECT_NE(Error.find("expected an object"), std::string::npos) << Error;

  nlohmann::json J = nlohmann::json::parse(factsToJson({richFacts()}));
  nlohmann::json Missing = J;
  Missing["translationUnits"][0]["models"][0]["nameRange"].erase("file");
  EXPECT_FALSE(factsFromJson(Missing.dump(), Units, Error));
  EXPECT_EQ(Error, "facts JSON: translationUnits[0].models[0].nameRange: "
                   "missing key 'file'");

  nlohmann::json WrongType = J;
  WrongType["translationUnits"][0]["models"][0]["relationships"][0]
           ["annotation"]["args"][1]["value"]["children"][0]["begin"] = -1;
  EXPECT_FALSE(factsFromJson(WrongType.dump(), Units, Error));
  EXPECT_NE(Error.find("args[1].value.children[0].begin: expected an "
                       "unsigned integer"),
            std::string::npos)
      << Error;

  nlohmann::json BadKind = J;
  BadKind["translationUnits"][0]["models"][0]["relationships"][0]["memberType"]
         ["shape"] = "Bag";
  EXPECT_FALSE(factsFromJson(BadKind.dump(), Units, Error));
  EXPECT_NE(Error.find("unknown member shape 'Bag'"), std::string::npos)
      << Error;

  nlohmann::json NotParallel = J;
  NotParallel["translationUnits"][0]["models"][0]["baseNames"] =
      nlohmann::json::array();
  EXPECT_FALSE(factsFromJson(NotParallel.dump(), Units, Error));
  EXPECT_TRUE(Units.empty());
}

TEST(FactsJson, DeepNestingIsRejectedNotCrashing) {
  nlohmann::json J = nlohmann::json::parse(factsToJson({richFacts()}));
  nlohmann::json Deep = {
      {"kind", "Name"}, {"text", "x"}, {"begin", 0}, {"end", 1}};
  for (int I = 0; I < 500; ++I)
    Deep = {{"kind", "UnaryOp"},
            {"text", "-"},
            {"begin", 0},
            {"end", 1},
            {"children", {Deep}}};
  J["translationUnits"][0]["models"][0]["annotation"]["args"][0]["value"] =
      Deep;
  std::vector<TuFacts> Units;
  std::string Error;
  EXPECT_FALSE(factsFromJson(J.dump(), Units, Error));
  EXPECT_NE(Error.find("nested too deeply"), std::string::npos) << Error;
}

TEST(FactsJson, InvalidUtf8IsReplacedNotThrown) {
  TuFacts T;
  T.MainFile = "/src/caf\xe9.cpp"; // Latin-1
  std::string Text = factsToJson({T});
  std::vector<TuFacts> Read;
  std::string Error;
  ASSERT_TRUE(factsFromJson(Text, Read, Error)) << Error;
  EXPECT_EQ(Read.at(0).MainFile, "/src/caf\xef\xbf\xbd.cpp");
}

} // namespace
