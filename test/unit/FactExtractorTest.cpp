//===- FactExtractorTest.cpp - facts from in-memory code ------------------===//

#include "extract/FactExtractor.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

using namespace relcheck;

namespace {

const char *const MainPath = "/virtual/input.cc";

std::string readFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return {};
  return (*Buffer)->getBuffer().str();
}

const std::string &ormHeader() {
  static const std::string Header =
      readFile(RELCHECK_SOURCE_DIR "/lib/include/relcheck/orm.hpp");
  return Header;
}

/// Just enough of the standard library for member type classification.
const char *const StdMock = R"cpp(
namespace std {
template <class T> struct vector { using value_type = T; T *begin(); };
template <class T> struct list { using value_type = T; T *begin(); };
template <class T> struct set { using value_type = T; T *begin(); };
template <class T> struct shared_ptr { using element_type = T; };
template <class T> struct unique_ptr { using element_type = T; };
template <class T> struct optional { using value_type = T; };
template <class A, class B> struct pair { A first; B second; };
template <class K, class V> struct map {
  using value_type = pair<const K, V>;
  using mapped_type = V;
  value_type *begin();
};
}
)cpp";

/// Prefix of every test TU; tests count lines from the line after it.
const char *const Prelude = "#include <relcheck/orm.hpp>\n"
                            "#include <mock_std.h>\n";

struct Extraction {
  /// The AST's header buffers point into these strings (mapped files are
  /// not copied): declared first, so they outlive the AST, and on the heap,
  /// so that moving an Extraction moves no short string.
  std::unique_ptr<clang::tooling::FileContentMappings> Files;
  std::unique_ptr<clang::ASTUnit> AST;
  TuFacts Facts;
  std::string Code;

  /// Offset of the N-th occurrence of Needle in the TU text.
  unsigned offsetOf(llvm::StringRef Needle, unsigned N = 0) const {
    size_t Pos = 0;
    for (unsigned I = 0;; ++I) {
      Pos = Code.find(Needle.str(), Pos);
      EXPECT_NE(Pos, std::string::npos) << Needle.str();
      if (Pos == std::string::npos || I == N)
        return static_cast<unsigned>(Pos);
      ++Pos;
    }
  }
  /// The TU text of a span.
  std::string text(const SourceSpan &S) const {
    EXPECT_EQ(S.File, MainPath);
    return Code.substr(S.Begin, S.End - S.Begin);
  }
};

Extraction extract(
    const std::string &Body,
    const std::vector<std::pair<std::string, std::string>> &ExtraFiles = {}) {
  Extraction E;
  E.Code = Prelude + Body;
  std::vector<std::string> Args = {"-std=c++17",
                                   "-resource-dir=" RELCHECK_CLANG_RESOURCE_DIR,
                                   "-I/virtual/include", "-Wno-unused"};
  E.Files = std::make_unique<clang::tooling::FileContentMappings>(
      clang::tooling::FileContentMappings{
          {"/virtual/include/relcheck/orm.hpp", ormHeader()},
          {"/virtual/include/mock_std.h", StdMock}});
  E.Files->insert(E.Files->end(), ExtraFiles.begin(), ExtraFiles.end());
  E.AST = clang::tooling::buildASTFromCodeWithArgs(
      E.Code, Args, MainPath, "relcheck-unit-test",
      std::make_shared<clang::PCHContainerOperations>(),
      clang::tooling::getClangStripDependencyFileAdjuster(), *E.Files);
  EXPECT_TRUE(E.AST);
  if (!E.AST)
    return E;
  EXPECT_FALSE(E.AST->getDiagnostics().hasErrorOccurred());
  E.Facts = extractFacts(E.AST->getASTContext());
  return E;
}

const ModelFact *findModel(const TuFacts &Facts, llvm::StringRef Name) {
  for (const ModelFact &M : Facts.Models)
    if (M.QualifiedName == Name)
      return &M;
  return nullptr;
}

const RelationshipFact *findRelationship(const ModelFact &M,
                                         llvm::StringRef Attribute) {
  for (const RelationshipFact &R : M.Relationships)
    if (R.Attribute == Attribute)
      return &R;
  return nullptr;
}

// Line numbers below count the two prelude lines: body line 1 is line 3.

TEST(FactExtractor, ModelNameBodyAndQualifiedName) {
  Extraction E = extract(R"cpp(namespace shop {
inline namespace v1 {
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
}
namespace {
struct ORM_MODEL("hidden") Hidden {};
}
}
)cpp");
  ASSERT_EQ(E.Facts.Models.size(), 2u);
  EXPECT_TRUE(E.Facts.Issues.empty());
  EXPECT_EQ(E.Facts.MainFile, MainPath);

  const ModelFact &User = E.Facts.Models[0];
  EXPECT_EQ(User.Name, "User");
  EXPECT_EQ(User.QualifiedName, "shop::User");
  EXPECT_EQ(User.Key, "c:@N@shop@N@v1@S@User");
  EXPECT_EQ(User.NameRange.Line, 5u);
  EXPECT_EQ(User.NameRange.Column, 26u);
  EXPECT_EQ(E.text(User.NameRange), "User");
  EXPECT_EQ(User.BodyRange.Begin, E.offsetOf("{\n  ORM_COLUMN"));
  EXPECT_EQ(E.text(User.BodyRange).back(), '}');
  EXPECT_EQ(User.BodyRange.EndLine, 7u);

  // The model annotation itself.
  EXPECT_TRUE(User.Annotation.ExactRanges);
  EXPECT_EQ(User.Annotation.Text, "\"user\"");
  EXPECT_EQ(E.text(User.Annotation.MacroRange), "ORM_MODEL(\"user\")");
  ASSERT_EQ(User.Annotation.Args.size(), 1u);
  EXPECT_EQ(User.Annotation.Args[0].Value.Text, "user");

  const ModelFact &Hidden = E.Facts.Models[1];
  EXPECT_EQ(Hidden.QualifiedName, "shop::Hidden");
  EXPECT_TRUE(Hidden.Columns.empty());

  ASSERT_EQ(User.Columns.size(), 1u);
  const ColumnFact &Id = User.Columns[0];
  EXPECT_EQ(Id.Attribute, "id");
  EXPECT_EQ(E.text(Id.NameRange), "id");
  EXPECT_EQ(E.text(Id.DeclRange),
            "ORM_COLUMN(Integer, primary_key=True) int id;");
  ASSERT_EQ(Id.Annotation.Args.size(), 2u);
  EXPECT_EQ(Id.Annotation.Args[0].Value.K, PyExpr::Kind::Name);
  EXPECT_EQ(Id.Annotation.Args[1].Keyword, "primary_key");
  EXPECT_EQ(Id.Annotation.Args[1].Value.Text, "True");
}

TEST(FactExtractor, KeywordAndValueSpansAreExact) {
  Extraction E = extract(R"cpp(struct Address;
struct ORM_MODEL("user") User {
  ORM_RELATIONSHIP("Address", back_populates='user') std::vector<Address*> addresses;
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  const RelationshipFact *R = findRelationship(*User, "addresses");
  ASSERT_TRUE(R);
  const AnnotationFact &A = R->Annotation;
  EXPECT_TRUE(A.ExactRanges);
  EXPECT_FALSE(A.ParseFailed);
  EXPECT_EQ(A.Text, "\"Address\", back_populates='user'");
  // Line 5: `  ORM_RELATIONSHIP("Address", back_populates='user') ...`
  EXPECT_EQ(A.MacroRange.Line, 5u);
  EXPECT_EQ(A.MacroRange.Column, 3u);
  EXPECT_EQ(A.MacroRange.EndColumn, 53u);
  EXPECT_EQ(A.ArgsRange.Begin, E.offsetOf("\"Address\", back"));
  EXPECT_EQ(A.ArgsRange.Column, 20u);

  ASSERT_EQ(A.Args.size(), 2u);
  const ArgFact &Target = A.Args[0];
  EXPECT_TRUE(Target.Keyword.empty());
  EXPECT_FALSE(Target.KeywordRange.isValid());
  EXPECT_EQ(Target.Value.K, PyExpr::Kind::String);
  EXPECT_EQ(Target.Value.Text, "Address");
  EXPECT_EQ(E.text(Target.ValueRange), "\"Address\"");
  EXPECT_EQ(Target.ValueRange.Line, 5u);
  EXPECT_EQ(Target.ValueRange.Column, 20u);
  EXPECT_EQ(Target.ValueRange.EndColumn, 29u);

  const ArgFact &Back = A.Args[1];
  EXPECT_EQ(Back.Keyword, "back_populates");
  unsigned KeywordOffset = E.offsetOf("back_populates");
  EXPECT_EQ(Back.KeywordRange.Begin, KeywordOffset);
  EXPECT_EQ(Back.KeywordRange.End, KeywordOffset + 14);
  EXPECT_EQ(Back.KeywordRange.Line, 5u);
  EXPECT_EQ(Back.KeywordRange.Column, 31u);
  EXPECT_EQ(Back.KeywordRange.EndColumn, 45u);
  EXPECT_EQ(E.text(Back.ValueRange), "'user'");
  EXPECT_EQ(Back.ValueRange.Column, 46u);
  EXPECT_EQ(E.text(Back.Range), "back_populates='user'");
  // Value offsets count from the value itself.
  EXPECT_EQ(Back.Value.Text, "user");
  EXPECT_EQ(Back.Value.Begin, 0u);
  EXPECT_EQ(Back.Value.End, 6u);
  EXPECT_TRUE(Back.Value.Verbatim);
  EXPECT_EQ(Back.Value.ValueOffset, 1u);

  EXPECT_EQ(E.text(R->NameRange), "addresses");
  EXPECT_EQ(E.text(R->DeclRange),
            "ORM_RELATIONSHIP(\"Address\", back_populates='user') "
            "std::vector<Address*> addresses;");
}

TEST(FactExtractor, CommentsAndMultiLineArguments) {
  Extraction E = extract(R"cpp(struct Address;
struct ORM_MODEL("user") User {
  ORM_RELATIONSHIP("Address", // the target (see "docs")
                   /* inverse ) */ back_populates = "user",
                   primaryjoin="and_(User.id == Address.user_id, "
                               "Address.active)")
  std::vector<Address *> addresses;
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  const RelationshipFact *R = findRelationship(*User, "addresses");
  ASSERT_TRUE(R);
  const AnnotationFact &A = R->Annotation;
  EXPECT_TRUE(A.ExactRanges);
  EXPECT_FALSE(A.ParseFailed)
      << (E.Facts.Issues.empty() ? "" : E.Facts.Issues[0].Message);
  EXPECT_NE(A.Text.find("// the target"), std::string::npos);
  EXPECT_EQ(A.MacroRange.Line, 5u);
  EXPECT_EQ(A.MacroRange.EndLine, 8u);
  ASSERT_EQ(A.Args.size(), 3u);
  EXPECT_EQ(A.Args[1].Keyword, "back_populates");
  EXPECT_EQ(A.Args[1].KeywordRange.Line, 6u);
  EXPECT_EQ(A.Args[1].KeywordRange.Column, 36u);
  EXPECT_EQ(E.text(A.Args[1].ValueRange), "\"user\"");
  const ArgFact &Join = A.Args[2];
  EXPECT_EQ(Join.Keyword, "primaryjoin");
  EXPECT_EQ(Join.Value.Text,
            "and_(User.id == Address.user_id, Address.active)");
  EXPECT_FALSE(Join.Value.Verbatim); // two adjacent literals
  EXPECT_EQ(Join.ValueRange.Line, 7u);
  EXPECT_EQ(Join.ValueRange.EndLine, 8u);
  EXPECT_EQ(E.text(R->MemberType.Range), "std::vector<Address *>");
  EXPECT_EQ(R->DeclRange.Line, 5u);
  EXPECT_EQ(R->DeclRange.EndLine, 9u);
}

TEST(FactExtractor, MacroArgumentIsExactMacroBodyIsNot) {
  Extraction E = extract(R"cpp(#define WRAP(x) x
#define DECLARE_ID ORM_COLUMN(Integer, primary_key=True) int id;
struct ORM_MODEL("user") User {
  WRAP(ORM_COLUMN(String(50)) int name;)
  DECLARE_ID
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  ASSERT_EQ(User->Columns.size(), 2u);

  const ColumnFact &Name = User->Columns[0];
  EXPECT_EQ(Name.Attribute, "name");
  EXPECT_TRUE(Name.Annotation.ExactRanges);
  EXPECT_EQ(E.text(Name.Annotation.MacroRange), "ORM_COLUMN(String(50))");
  ASSERT_EQ(Name.Annotation.Args.size(), 1u);
  EXPECT_EQ(E.text(Name.Annotation.Args[0].ValueRange), "String(50)");

  const ColumnFact &Id = User->Columns[1];
  EXPECT_EQ(Id.Attribute, "id");
  EXPECT_FALSE(Id.Annotation.ExactRanges);
  EXPECT_EQ(Id.Annotation.Text, "Integer, primary_key=True");
  EXPECT_EQ(E.text(Id.Annotation.MacroRange), "DECLARE_ID");
  EXPECT_EQ(Id.Annotation.MacroRange.Line, 7u);
  EXPECT_EQ(Id.Annotation.ArgsRange, Id.Annotation.MacroRange);
  ASSERT_EQ(Id.Annotation.Args.size(), 2u);
  for (const ArgFact &Arg : Id.Annotation.Args) {
    EXPECT_EQ(Arg.Range, Id.Annotation.MacroRange);
    EXPECT_EQ(Arg.ValueRange, Id.Annotation.MacroRange);
  }
  EXPECT_EQ(Id.Annotation.Args[1].Keyword, "primary_key");
  EXPECT_EQ(Id.Annotation.Args[1].KeywordRange, Id.Annotation.MacroRange);
  EXPECT_EQ(E.text(Id.NameRange), "DECLARE_ID");
}

TEST(FactExtractor, AliasMacroIsNotExact) {
  Extraction E = extract(R"cpp(#define REL ORM_RELATIONSHIP
struct Address;
struct ORM_MODEL("user") User {
  REL("Address", primaryjoin="f(')') == 1" /* ) */) Address *a;
  ORM_RELATIONSHIP("Address", primaryjoin="g(')')" /* ) */) Address *b;
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  ASSERT_EQ(User->Relationships.size(), 2u);
  const AnnotationFact &A = User->Relationships[0].Annotation;
  EXPECT_FALSE(A.ExactRanges);
  EXPECT_EQ(A.Text, "\"Address\", primaryjoin=\"f(')') == 1\"");
  EXPECT_EQ(E.text(A.MacroRange),
            "REL(\"Address\", primaryjoin=\"f(')') == 1\" /* ) */)");
  ASSERT_EQ(A.Args.size(), 2u);
  EXPECT_EQ(A.Args[1].Value.Text, "f(')') == 1");

  // Parentheses in strings and comments do not end the invocation.
  const AnnotationFact &B = User->Relationships[1].Annotation;
  EXPECT_TRUE(B.ExactRanges);
  EXPECT_EQ(B.Text, "\"Address\", primaryjoin=\"g(')')\" /* ) */");
  EXPECT_TRUE(E.Facts.Issues.empty());
}

TEST(FactExtractor, MemberShapes) {
  Extraction E = extract(R"cpp(namespace shop {
struct ORM_MODEL("address") Address {};
struct Plain {};
struct Later;
struct ORM_MODEL("user") User {
  ORM_RELATIONSHIP() Address *raw;
  ORM_RELATIONSHIP() const Address *const_raw;
  ORM_RELATIONSHIP() std::shared_ptr<Address> shared;
  ORM_RELATIONSHIP() std::unique_ptr<Address> unique;
  ORM_RELATIONSHIP() std::optional<Address> maybe;
  ORM_RELATIONSHIP() std::vector<Address*> vec;
  ORM_RELATIONSHIP() std::vector<std::shared_ptr<Address>> vec_shared;
  ORM_RELATIONSHIP() std::list<Address> list;
  ORM_RELATIONSHIP() std::set<Later*> later;
  ORM_RELATIONSHIP() std::map<int, Address*> by_id;
  ORM_RELATIONSHIP() Plain plain;
  ORM_RELATIONSHIP() int number;
  ORM_RELATIONSHIP() std::vector<int> numbers;
  ORM_RELATIONSHIP() std::pair<Address*, Address*> pair;
};
struct ORM_MODEL("later") Later {};
}
)cpp");
  const ModelFact *User = findModel(E.Facts, "shop::User");
  const ModelFact *Address = findModel(E.Facts, "shop::Address");
  const ModelFact *Later = findModel(E.Facts, "shop::Later");
  ASSERT_TRUE(User && Address && Later);
  EXPECT_TRUE(E.Facts.Issues.empty());

  struct Expected {
    const char *Attribute;
    MemberShape Shape;
    const char *Element;
    const char *Spelling;
  };
  const Expected Cases[] = {
      {"raw", MemberShape::Scalar, "Address", "Address *"},
      {"const_raw", MemberShape::Scalar, "Address", "const Address *"},
      {"shared", MemberShape::Scalar, "Address", "std::shared_ptr<Address>"},
      {"unique", MemberShape::Scalar, "Address", "std::unique_ptr<Address>"},
      {"maybe", MemberShape::Scalar, "Address", "std::optional<Address>"},
      {"vec", MemberShape::Collection, "Address", "std::vector<Address*>"},
      {"vec_shared", MemberShape::Collection, "Address",
       "std::vector<std::shared_ptr<Address>>"},
      {"list", MemberShape::Collection, "Address", "std::list<Address>"},
      {"later", MemberShape::Collection, "Later", "std::set<Later*>"},
      {"by_id", MemberShape::Collection, "Address", "std::map<int, Address*>"},
      {"plain", MemberShape::Scalar, "Plain", "Plain"},
      {"number", MemberShape::Unknown, "", "int"},
      {"numbers", MemberShape::Unknown, "", "std::vector<int>"},
      {"pair", MemberShape::Unknown, "", "std::pair<Address*, Address*>"},
  };
  ASSERT_EQ(User->Relationships.size(), std::size(Cases));
  for (const Expected &C : Cases) {
    SCOPED_TRACE(C.Attribute);
    const RelationshipFact *R = findRelationship(*User, C.Attribute);
    ASSERT_TRUE(R);
    EXPECT_EQ(R->MemberType.Shape, C.Shape);
    EXPECT_EQ(R->MemberType.ElementName, C.Element);
    EXPECT_EQ(R->MemberType.Spelling, C.Spelling);
    EXPECT_EQ(E.text(R->MemberType.Range), C.Spelling);
    std::string Element = C.Element;
    if (Element == "Address") {
      EXPECT_EQ(R->MemberType.ElementQualifiedName, "shop::Address");
      EXPECT_EQ(R->MemberType.ElementKey, Address->Key);
    } else if (Element == "Later") {
      // Only forward-declared at the member: same USR as the definition.
      EXPECT_EQ(R->MemberType.ElementKey, Later->Key);
    } else {
      EXPECT_EQ(R->MemberType.ElementKey, ""); // not a model
    }
  }
}

TEST(FactExtractor, PlainMembersLastMemberAndIndent) {
  Extraction E = extract(R"cpp(struct ORM_MODEL("user") User {
    using Id = int;
    struct Nested {};
    enum Color { Red };
    static int count;
    int plain_field;
    union { int u1; float u2; };
    ORM_COLUMN(Integer) int id;
    User();
    int method() const;
    template <class T> void generic(T);
    void inline_body() {
      int unused = 0;
    }
};
struct ORM_MODEL("empty") Empty {
};
struct ORM_MODEL("semi") Semi { int x; public: };
struct ORM_MODEL("trailing") Trailing {
  int id ORM_COLUMN(Integer) ;
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  std::vector<std::pair<std::string, bool>> Plain;
  for (const PlainMemberFact &P : User->PlainMembers)
    Plain.emplace_back(P.Name, P.IsMethod);
  std::vector<std::pair<std::string, bool>> ExpectedPlain = {
      {"Id", false},        {"Nested", false},      {"Color", false},
      {"count", false},     {"plain_field", false}, {"u1", false},
      {"u2", false},        {"method", true},       {"generic", true},
      {"inline_body", true}};
  EXPECT_EQ(Plain, ExpectedPlain);
  const PlainMemberFact &Count = User->PlainMembers[3];
  EXPECT_EQ(E.text(Count.NameRange), "count");
  EXPECT_EQ(Count.NameRange.Line, 7u);

  // After the inline body's '}' (line 16), indented like that member.
  EXPECT_EQ(User->LastMemberEnd.Begin, E.offsetOf("}\n};") + 1);
  EXPECT_EQ(User->LastMemberEnd.End, User->LastMemberEnd.Begin);
  EXPECT_EQ(User->LastMemberEnd.Line, 16u);
  EXPECT_EQ(User->LastMemberEnd.Column, 6u);
  EXPECT_EQ(User->MemberIndent, "    ");

  const ModelFact *Empty = findModel(E.Facts, "Empty");
  ASSERT_TRUE(Empty);
  EXPECT_EQ(Empty->LastMemberEnd.Begin, Empty->BodyRange.Begin + 1);
  EXPECT_EQ(Empty->MemberIndent, "  ");

  const ModelFact *Semi = findModel(E.Facts, "Semi");
  ASSERT_TRUE(Semi);
  EXPECT_EQ(Semi->LastMemberEnd.Begin, E.offsetOf("int x;") + 6);
  EXPECT_EQ(Semi->MemberIndent, "");

  const ModelFact *Trailing = findModel(E.Facts, "Trailing");
  ASSERT_TRUE(Trailing);
  ASSERT_EQ(Trailing->Columns.size(), 1u);
  EXPECT_EQ(E.text(Trailing->Columns[0].DeclRange),
            "int id ORM_COLUMN(Integer) ;");
  EXPECT_EQ(E.text(Trailing->LastMemberEnd), "");
  EXPECT_EQ(Trailing->LastMemberEnd.Begin, E.offsetOf("(Integer) ;") + 11);
}

TEST(FactExtractor, ModelBasesAndForwardDeclaredAnnotation) {
  Extraction E = extract(R"cpp(struct Mixin {};
struct ORM_MODEL("person") Person {};
struct ORM_MODEL() Employee : Mixin, Person {};
namespace hr { struct ORM_MODEL() Manager : public ::Employee {}; }
struct ORM_MODEL("declared") Declared;
struct Declared {};
)cpp");
  ASSERT_EQ(E.Facts.Models.size(), 4u);
  const ModelFact *Person = findModel(E.Facts, "Person");
  const ModelFact *Employee = findModel(E.Facts, "Employee");
  const ModelFact *Manager = findModel(E.Facts, "hr::Manager");
  const ModelFact *Declared = findModel(E.Facts, "Declared");
  ASSERT_TRUE(Person && Employee && Manager && Declared);
  EXPECT_EQ(Employee->BaseKeys, std::vector<std::string>{Person->Key});
  EXPECT_EQ(Employee->BaseNames, std::vector<std::string>{"Person"});
  EXPECT_EQ(Manager->BaseKeys, std::vector<std::string>{Employee->Key});
  EXPECT_TRUE(Employee->Annotation.Args.empty());
  EXPECT_EQ(Employee->Annotation.Text, "");
  // The annotation on the forward declaration makes the definition a model.
  EXPECT_EQ(Declared->NameRange.Line, 8u);
  EXPECT_EQ(Declared->Annotation.MacroRange.Line, 7u);
  ASSERT_EQ(Declared->Annotation.Args.size(), 1u);
  EXPECT_EQ(Declared->Annotation.Args[0].Value.Text, "declared");
  // Sorted by position.
  EXPECT_EQ(E.Facts.Models[0].Name, "Person");
  EXPECT_EQ(E.Facts.Models[3].Name, "Declared");
}

TEST(FactExtractor, Table) {
  Extraction E = extract(R"cpp(ORM_TABLE(association,
          Column("left_id", ForeignKey("left.id"), primary_key=True),
          Column("right_id", ForeignKey("right.id")));
namespace ns { ORM_TABLE(bare); }
)cpp");
  ASSERT_EQ(E.Facts.Tables.size(), 2u);
  EXPECT_TRUE(E.Facts.Issues.empty());
  const TableFact &T = E.Facts.Tables[0];
  EXPECT_EQ(T.Name, "association");
  EXPECT_EQ(E.text(T.NameRange), "association");
  EXPECT_EQ(T.NameRange.Line, 3u);
  EXPECT_EQ(T.NameRange.Column, 11u);
  EXPECT_TRUE(T.Annotation.ExactRanges);
  EXPECT_EQ(T.Annotation.Text.substr(0, 12), "association,");
  ASSERT_EQ(T.Annotation.Args.size(), 2u);
  EXPECT_EQ(T.Annotation.Args[0].Value.K, PyExpr::Kind::Call);
  EXPECT_EQ(E.text(T.Annotation.Args[1].Range),
            "Column(\"right_id\", ForeignKey(\"right.id\"))");
  EXPECT_EQ(T.Annotation.Args[1].Range.Line, 5u);

  const TableFact &Bare = E.Facts.Tables[1];
  EXPECT_EQ(Bare.Name, "bare");
  EXPECT_TRUE(Bare.Annotation.Args.empty());
  EXPECT_EQ(E.text(Bare.NameRange), "bare");
}

TEST(FactExtractor, ParseErrorPosition) {
  Extraction E = extract(R"cpp(struct ORM_MODEL("user") User {
  ORM_RELATIONSHIP("Address", back_populates=) User *other;
  ORM_COLUMN(Integer) int id;
};
)cpp");
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  ASSERT_EQ(User->Relationships.size(), 1u);
  const AnnotationFact &A = User->Relationships[0].Annotation;
  EXPECT_TRUE(A.ParseFailed);
  EXPECT_TRUE(A.Args.empty());
  EXPECT_EQ(A.Text, "\"Address\", back_populates=");
  ASSERT_EQ(E.Facts.Issues.size(), 1u);
  const AnnotationIssue &Issue = E.Facts.Issues[0];
  EXPECT_EQ(Issue.Message.rfind("invalid ORM_RELATIONSHIP arguments: ", 0), 0u)
      << Issue.Message;
  // The parser stops at the end of the text: the ')' of the invocation.
  EXPECT_EQ(Issue.Range.Begin, E.offsetOf(") User *other"));
  EXPECT_EQ(Issue.Range.Line, 4u);
  EXPECT_EQ(Issue.Range.Column, 46u);
  // The rest of the model is still read.
  EXPECT_EQ(User->Columns.size(), 1u);
}

TEST(FactExtractor, MisuseIssues) {
  Extraction E = extract(R"cpp(struct NotModel {
  ORM_COLUMN(Integer) int id;
};
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer) static int count;
  ORM_COLUMN(Integer) int method();
  ORM_COLUMN(Integer) unsigned flags : 3;
  ORM_COLUMN(Integer) ORM_RELATIONSHIP("Address") int both;
  __attribute__((annotate("relcheck.colum", "Integer"))) int typo;
};
template <class T> struct ORM_MODEL("tmpl") Tmpl {
  ORM_COLUMN(Integer) T value;
};
template <class T> struct Holder {
  ORM_COLUMN(Integer) T value;
};
ORM_COLUMN(Integer) int global;
struct ORM_COLUMN(Integer) OnClass {};
template struct Tmpl<int>;
)cpp");
  std::vector<std::pair<unsigned, std::string>> Got;
  for (const AnnotationIssue &I : E.Facts.Issues)
    Got.emplace_back(I.Range.Line, I.Message);
  std::vector<std::pair<unsigned, std::string>> Expected = {
      {4, "annotation ignored: 'NotModel' is not declared with ORM_MODEL"},
      {7, "annotation ignored: ORM_COLUMN cannot be applied to static member "
          "'User.count'"},
      {8, "annotation ignored: ORM_COLUMN cannot be applied to method "
          "'User.method'"},
      {9, "annotation ignored: ORM_COLUMN cannot be applied to bit-field "
          "'User.flags'"},
      {10, "annotation ignored: 'User.both' already has ORM_COLUMN (one "
           "relcheck annotation per member)"},
      {11, "annotation ignored: unknown relcheck annotation 'relcheck.colum'"},
      {13, "annotation ignored: 'Tmpl' is a class template (templates are "
           "not supported by ORM_MODEL)"},
      {17, "annotation ignored: 'Holder.value' is a member of a template "
           "(templates are not supported)"},
      {19, "annotation ignored: ORM_COLUMN applies to data members of an "
           "ORM_MODEL class, not to 'global'"},
      {20, "annotation ignored: ORM_COLUMN applies to data members, not to "
           "class 'OnClass'"},
  };
  EXPECT_EQ(Got, Expected);

  // Issues point at the annotation itself.
  ASSERT_FALSE(E.Facts.Issues.empty());
  EXPECT_EQ(E.text(E.Facts.Issues[0].Range), "ORM_COLUMN(Integer)");
  EXPECT_EQ(E.Facts.Issues[0].Range.Column, 3u);
  const AnnotationIssue &Both = E.Facts.Issues[4];
  EXPECT_EQ(E.text(Both.Range), "ORM_RELATIONSHIP(\"Address\")");

  // What remains of User: 'both' is a column (first annotation wins), the
  // ignored members are plain members.
  const ModelFact *User = findModel(E.Facts, "User");
  ASSERT_TRUE(User);
  ASSERT_EQ(User->Columns.size(), 1u);
  EXPECT_EQ(User->Columns[0].Attribute, "both");
  EXPECT_TRUE(User->Relationships.empty());
  std::vector<std::string> Plain;
  for (const PlainMemberFact &P : User->PlainMembers)
    Plain.push_back(P.Name);
  EXPECT_EQ(Plain,
            (std::vector<std::string>{"count", "method", "flags", "typo"}));
  EXPECT_FALSE(findModel(E.Facts, "Tmpl"));
}

TEST(FactExtractor, ModelsInHeadersAreSortedByFile) {
  Extraction E = extract(R"cpp(#include "models.h"
struct ORM_MODEL("b") B {};
)cpp",
                         {{"/virtual/include/models.h",
                           "#pragma once\n#include <relcheck/orm.hpp>\n"
                           "struct ORM_MODEL(\"z\") Z {};\n"}});
  ASSERT_EQ(E.Facts.Models.size(), 2u);
  EXPECT_EQ(E.Facts.Models[0].Name, "Z");
  EXPECT_EQ(E.Facts.Models[0].NameRange.File, "/virtual/include/models.h");
  EXPECT_EQ(E.Facts.Models[0].NameRange.Line, 3u);
  EXPECT_TRUE(E.Facts.Models[0].Annotation.ExactRanges);
  EXPECT_EQ(E.Facts.Models[1].Name, "B");
}

/// A scratch directory removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::error_code EC =
        llvm::sys::fs::createUniqueDirectory("relcheck-extractor", Path);
    EXPECT_FALSE(EC);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string write(llvm::StringRef Name, llvm::StringRef Content) {
    llvm::SmallString<256> File(Path);
    llvm::sys::path::append(File, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    EXPECT_FALSE(EC);
    OS << Content;
    return std::string(File);
  }
  std::string path() const { return std::string(Path); }

private:
  llvm::SmallString<256> Path;
};

clang::tooling::CompileCommand commandFor(const TempDir &Dir,
                                          llvm::StringRef File) {
  clang::tooling::CompileCommand Command;
  Command.Directory = Dir.path();
  Command.Filename = File.str();
  Command.CommandLine = {
      "clang++", "-std=c++17", "-I" RELCHECK_SOURCE_DIR "/lib/include",
      "-c",      File.str(),   "-o",
      "out.o",   "-MD",        "-MF",
      "out.d"};
  return Command;
}

ExtractOptions defaultOptions() {
  ExtractOptions Options;
  Options.ResourceDir = RELCHECK_CLANG_RESOURCE_DIR;
  return Options;
}

TEST(FactExtractor, CommandSkipsBodiesAndKeepsFacts) {
  TempDir Dir;
  Dir.write("good.cpp", R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  int twice() const { return id * 2; }
};
)cpp");
  TuFacts Facts =
      extractFactsFromCommand(commandFor(Dir, "good.cpp"), defaultOptions());
  EXPECT_TRUE(Facts.CompileErrors.empty());
  llvm::SmallString<256> Expected(Dir.path());
  llvm::sys::path::append(Expected, "good.cpp");
  EXPECT_EQ(Facts.MainFile, std::string(Expected));
  ASSERT_EQ(Facts.Models.size(), 1u);
  const ModelFact &User = Facts.Models[0];
  EXPECT_EQ(User.NameRange.File, std::string(Expected));
  // The skipped body still counts: insert after its '}'.
  EXPECT_EQ(User.LastMemberEnd.Line, 4u);
  EXPECT_EQ(User.LastMemberEnd.Column, 39u);
  EXPECT_FALSE(llvm::sys::fs::exists(Dir.path() + "/out.d"));
}

TEST(FactExtractor, CommandFindsSkippedConstructorBody) {
  TempDir Dir;
  Dir.write("ctor.cpp", R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer) int id;
  int other;
  User() : id{1}, other(2) { id = 3; }
};
)cpp");
  TuFacts Facts =
      extractFactsFromCommand(commandFor(Dir, "ctor.cpp"), defaultOptions());
  EXPECT_TRUE(Facts.CompileErrors.empty());
  ASSERT_EQ(Facts.Models.size(), 1u);
  EXPECT_EQ(Facts.Models[0].LastMemberEnd.Line, 5u);
  EXPECT_EQ(Facts.Models[0].LastMemberEnd.Column, 39u);
}

TEST(FactExtractor, CommandsRunInParallel) {
  TempDir Dir;
  Dir.write("par.cpp", R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("user") User { ORM_COLUMN(Integer) int id; };
)cpp");
  std::vector<TuFacts> Results(4);
  std::vector<std::thread> Threads;
  for (TuFacts &Result : Results)
    Threads.emplace_back([&] {
      Result =
          extractFactsFromCommand(commandFor(Dir, "par.cpp"), defaultOptions());
    });
  for (std::thread &T : Threads)
    T.join();
  for (const TuFacts &Result : Results) {
    EXPECT_TRUE(Result.CompileErrors.empty());
    ASSERT_EQ(Result.Models.size(), 1u);
    EXPECT_EQ(Result.Models[0].Columns.size(), 1u);
  }
}

TEST(FactExtractor, CommandWithRealStandardLibrary) {
  TempDir Dir;
  Dir.write("stl.cpp", R"cpp(#include <relcheck/orm.hpp>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_RELATIONSHIP() std::vector<Address*> vec;
  ORM_RELATIONSHIP() std::list<std::shared_ptr<Address>> list;
  ORM_RELATIONSHIP() std::deque<std::unique_ptr<Address>> deque;
  ORM_RELATIONSHIP() std::set<Address*> set;
  ORM_RELATIONSHIP() std::multiset<Address*> multiset;
  ORM_RELATIONSHIP() std::unordered_set<Address*> uset;
  ORM_RELATIONSHIP() std::forward_list<Address*> flist;
  ORM_RELATIONSHIP() std::map<std::string, Address*> map;
  ORM_RELATIONSHIP() std::unordered_map<int, std::weak_ptr<Address>> umap;
  ORM_RELATIONSHIP() std::shared_ptr<Address> shared;
  ORM_RELATIONSHIP() std::unique_ptr<Address> unique;
  ORM_RELATIONSHIP() std::weak_ptr<Address> weak;
  ORM_RELATIONSHIP() std::optional<Address*> opt;
  ORM_RELATIONSHIP() std::vector<Address*> &ref;
  ORM_RELATIONSHIP() std::string text;
};
struct ORM_MODEL("address") Address {};
)cpp");
  TuFacts Facts =
      extractFactsFromCommand(commandFor(Dir, "stl.cpp"), defaultOptions());
  ASSERT_TRUE(Facts.CompileErrors.empty()) << Facts.CompileErrors[0].Message;
  ASSERT_EQ(Facts.Models.size(), 2u);
  const ModelFact &User = Facts.Models[0];
  const ModelFact &Address = Facts.Models[1];
  ASSERT_EQ(User.Relationships.size(), 15u);
  for (const RelationshipFact &R : User.Relationships) {
    SCOPED_TRACE(R.Attribute);
    if (R.Attribute == "text") {
      EXPECT_EQ(R.MemberType.Shape, MemberShape::Unknown);
      continue;
    }
    bool Scalar = R.Attribute == "shared" || R.Attribute == "unique" ||
                  R.Attribute == "weak" || R.Attribute == "opt";
    EXPECT_EQ(R.MemberType.Shape,
              Scalar ? MemberShape::Scalar : MemberShape::Collection);
    EXPECT_EQ(R.MemberType.ElementName, "Address");
    EXPECT_EQ(R.MemberType.ElementKey, Address.Key);
  }
}

TEST(FactExtractor, CommandCapturesCompileErrors) {
  TempDir Dir;
  Dir.write("bad.cpp", R"cpp(#include <relcheck/orm.hpp>
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer) int id;
  undeclared_type broken;
};
)cpp");
  TuFacts Facts =
      extractFactsFromCommand(commandFor(Dir, "bad.cpp"), defaultOptions());
  ASSERT_FALSE(Facts.CompileErrors.empty());
  const CompileError &Error = Facts.CompileErrors[0];
  EXPECT_NE(Error.Message.find("undeclared_type"), std::string::npos)
      << Error.Message;
  EXPECT_EQ(Error.Range.Line, 4u);
  EXPECT_EQ(Error.Range.Column, 3u);
  EXPECT_EQ(llvm::sys::path::filename(Error.Range.File.str()), "bad.cpp");
  // Partial facts survive.
  ASSERT_EQ(Facts.Models.size(), 1u);
  EXPECT_EQ(Facts.Models[0].Columns.size(), 1u);
}

TEST(FactExtractor, CommandOnMissingFile) {
  TempDir Dir;
  TuFacts Facts =
      extractFactsFromCommand(commandFor(Dir, "missing.cpp"), defaultOptions());
  ASSERT_FALSE(Facts.CompileErrors.empty());
  EXPECT_NE(Facts.CompileErrors[0].Message.find("missing.cpp"),
            std::string::npos)
      << Facts.CompileErrors[0].Message;
  EXPECT_EQ(llvm::sys::path::filename(Facts.MainFile), "missing.cpp");
  EXPECT_TRUE(Facts.Models.empty());
}

} // namespace
