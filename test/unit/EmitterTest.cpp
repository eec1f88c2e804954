//===- EmitterTest.cpp - text and JSON emitters on hand-built findings ----===//
#include "emit/JsonEmitter.h"
#include "emit/SourceFileCache.h"
#include "emit/TextEmitter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace relcheck;

namespace {

/// A source file on disk for the caret lines, removed at the end of the test.
class TempSource {
public:
  explicit TempSource(const std::string &Content) {
    static int Counter = 0;
    Path = testing::TempDir() + "relcheck-emitter-" +
           std::to_string(::getpid()) + "-" + std::to_string(Counter++) +
           ".hpp";
    std::ofstream(Path, std::ios::binary) << Content;
  }
  ~TempSource() { std::remove(Path.c_str()); }
  std::string Path;
};

SourceSpan span(const std::string &File, unsigned Begin, unsigned Line,
                unsigned Column, unsigned EndLine, unsigned EndColumn,
                unsigned Length) {
  SourceSpan S;
  S.File = File;
  S.Begin = Begin;
  S.End = Begin + Length;
  S.Line = Line;
  S.Column = Column;
  S.EndLine = EndLine;
  S.EndColumn = EndColumn;
  return S;
}

std::string text(const std::vector<Finding> &Findings) {
  SourceFileCache Sources;
  std::ostringstream OS;
  emitText(Findings, Sources, OS);
  return OS.str();
}

std::string json(const AnalysisReport &Report) {
  std::ostringstream OS;
  emitJson(Report, "9.9.9", OS);
  return OS.str();
}

const char *const Model = "struct User {\n"
                          "  ORM_RELATIONSHIP(\"Address\", backref=\"user\")\n"
                          "  std::vector<Address*> addresses;\n"
                          "};\n";

/// The backref= argument on line 2 (offset 44, columns 31..44).
Finding backrefFinding(const std::string &File) {
  Finding F;
  F.RuleId = "relcheck-legacy-backref";
  F.Sev = Severity::Warning;
  F.Message = "legacy backref 'Address.user'";
  F.Range = span(File, 44, 2, 31, 2, 45, 14);
  F.Model = "User";
  F.Attribute = "addresses";
  F.Notes.push_back({span(File, 0, 1, 8, 1, 12, 4), "'User' declared here"});
  return F;
}

} // namespace

TEST(EmitterText, WarningWithSourceCaretAndRange) {
  TempSource Src(Model);
  std::string Expected = Src.Path +
                         ":2:31: warning: legacy backref 'Address.user' "
                         "[relcheck-legacy-backref]\n"
                         "  ORM_RELATIONSHIP(\"Address\", backref=\"user\")\n"
                         "                              ^~~~~~~~~~~~~~\n" +
                         Src.Path +
                         ":1:8: note: 'User' declared here\n"
                         "struct User {\n"
                         "       ^~~~\n";
  EXPECT_EQ(text({backrefFinding(Src.Path)}), Expected);
}

TEST(EmitterText, ErrorSeverityAndMultiLineRangeHighlightsToEndOfLine) {
  TempSource Src("ab\n  xyz\nq\n");
  Finding F;
  F.RuleId = "relcheck-r";
  F.Sev = Severity::Error;
  F.Message = "m";
  F.Range = span(Src.Path, 5, 2, 3, 3, 2, 5);
  EXPECT_EQ(text({F}), Src.Path + ":2:3: error: m [relcheck-r]\n"
                                  "  xyz\n"
                                  "  ^~~\n");
}

TEST(EmitterText, TabsAreKeptInSourceAndCaretLines) {
  TempSource Src("\tint\tx;\n");
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "m";
  F.Range = span(Src.Path, 5, 1, 6, 1, 7, 1);
  EXPECT_EQ(text({F}), Src.Path + ":1:6: warning: m [relcheck-r]\n"
                                  "\tint\tx;\n"
                                  "\t   \t^\n");
}

TEST(EmitterText, ColumnsAreBytesAndUtf8CharactersTakeOneCell) {
  // "é" is two bytes: byte column 6 is the 'x' at display column 5.
  EXPECT_EQ(caretLine("// \xC3\xA9 xyz", 7, 10), "     ^~~");
  EXPECT_EQ(caretLine("a\xC3\xA9z", 2, 5), " ^~");
}

TEST(EmitterText, CrLfLineEndingsAreStripped) {
  TempSource Src("one\r\ntwo\r\n");
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "m";
  F.Range = span(Src.Path, 5, 2, 1, 2, 4, 3);
  EXPECT_EQ(text({F}), Src.Path + ":2:1: warning: m [relcheck-r]\n"
                                  "two\n"
                                  "^~~\n");
}

TEST(EmitterText, UnreadableFileOrLinePrintsOnlyTheDiagnostic) {
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "m";
  F.Range = span("/nonexistent/relcheck/x.hpp", 0, 3, 1, 3, 2, 1);
  EXPECT_EQ(text({F}), "/nonexistent/relcheck/x.hpp:3:1: warning: m "
                       "[relcheck-r]\n");
  TempSource Src("only one line\n");
  F.Range = span(Src.Path, 0, 7, 1, 7, 2, 1);
  EXPECT_EQ(text({F}), Src.Path + ":7:1: warning: m [relcheck-r]\n");
}

TEST(EmitterText, FindingWithoutLocationHasNoPrefix) {
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "m";
  F.Notes.push_back({SourceSpan(), "n"});
  EXPECT_EQ(text({F}), "warning: m [relcheck-r]\nnote: n\n");
}

TEST(EmitterText, CaretPastEndOfLineAndEmptyRange) {
  EXPECT_EQ(caretLine("ab", 3, 3), "  ^");
  EXPECT_EQ(caretLine("ab", 5, 0), "    ^");
  EXPECT_EQ(caretLine("abcdef", 2, 2), " ^");
  EXPECT_EQ(caretLine("abcdef", 2, 3), " ^");
  EXPECT_EQ(caretLine("abcdef", 2, 5), " ^~~");
  EXPECT_EQ(caretLine("abcdef", 2, 99), " ^~~~~");
}

TEST(EmitterText, SummaryLineMatchesClang) {
  EXPECT_EQ(summaryLine(0, 0), "");
  EXPECT_EQ(summaryLine(1, 0), "1 warning generated.");
  EXPECT_EQ(summaryLine(2, 0), "2 warnings generated.");
  EXPECT_EQ(summaryLine(0, 1), "1 error generated.");
  EXPECT_EQ(summaryLine(0, 3), "3 errors generated.");
  EXPECT_EQ(summaryLine(3, 1), "3 warnings and 1 error generated.");
  EXPECT_EQ(summaryLine(1, 2), "1 warning and 2 errors generated.");
}

TEST(EmitterOrdering, SortedOutputDoesNotDependOnInputOrder) {
  TempSource A(Model);
  TempSource B("struct ORM_MODEL(\"b\") B {};\n");
  std::vector<Finding> Findings;
  Findings.push_back(backrefFinding(B.Path));
  Findings.back().Range = span(B.Path, 7, 1, 8, 1, 17, 9);
  Findings.push_back(backrefFinding(A.Path));
  Finding Other = backrefFinding(A.Path);
  Other.RuleId = "relcheck-back-populates-mismatch";
  Findings.push_back(Other);
  Finding Earlier = backrefFinding(A.Path);
  Earlier.Range = span(A.Path, 0, 1, 1, 1, 7, 6);
  Findings.push_back(Earlier);

  std::vector<Finding> Reversed(Findings.rbegin(), Findings.rend());
  sortFindings(Findings);
  sortFindings(Reversed);
  AnalysisReport R1, R2;
  R1.Findings = Findings;
  R2.Findings = Reversed;
  EXPECT_EQ(text(Findings), text(Reversed));
  EXPECT_EQ(json(R1), json(R2));
  // File first, then offset, then rule id.
  std::string Bpath = B.Path, Apath = A.Path;
  bool AFirst = Apath < Bpath;
  EXPECT_EQ(Findings[AFirst ? 0 : 1].Range.Begin, 0u);
  EXPECT_EQ(Findings[AFirst ? 1 : 2].RuleId,
            "relcheck-back-populates-mismatch");
  EXPECT_EQ(Findings[AFirst ? 2 : 3].RuleId, "relcheck-legacy-backref");
}

TEST(EmitterJson, GoldenReport) {
  AnalysisReport Report;
  Finding F;
  F.RuleId = "relcheck-back-populates-mismatch";
  F.Sev = Severity::Error;
  F.Message = "'User.addresses' back_populates 'owner' which does not exist";
  F.Range = span("/src/model.hpp", 100, 4, 3, 4, 20, 17);
  F.Model = "shop::User";
  F.Attribute = "addresses";
  F.CaseId = "E2";
  F.Notes.push_back(
      {span("/src/model.hpp", 200, 9, 8, 9, 15, 7), "'Address' declared here"});
  Fix X;
  X.Description = "use 'user'";
  X.Replacements.push_back({"/src/model.hpp", 120, 7, "\"user\""});
  F.Fixes.push_back(X);
  Report.Findings.push_back(F);
  Finding W;
  W.RuleId = "relcheck-legacy-backref";
  W.Message = "legacy";
  W.Range = span("/src/model.hpp", 300, 12, 5, 12, 6, 1);
  Report.Findings.push_back(W);
  Report.Errors.push_back({"/src/z.cpp", "'/src/z.cpp' does not compile: x"});
  Report.Errors.push_back({"", "no input files"});
  Report.Errors.push_back({"/src/a.cpp", "no such file: 'a.cpp'"});
  Report.TranslationUnits = 3;

  const char *Expected = R"({
  "schemaVersion": 1,
  "tool": {
    "name": "relcheck",
    "version": "9.9.9"
  },
  "findings": [
    {
      "rule": "relcheck-back-populates-mismatch",
      "severity": "error",
      "message": "'User.addresses' back_populates 'owner' which does not exist",
      "file": "/src/model.hpp",
      "line": 4,
      "column": 3,
      "endLine": 4,
      "endColumn": 20,
      "model": "shop::User",
      "attribute": "addresses",
      "sqlalchemyCase": "E2",
      "related": [
        {
          "file": "/src/model.hpp",
          "line": 9,
          "column": 8,
          "endLine": 9,
          "endColumn": 15,
          "message": "'Address' declared here"
        }
      ],
      "fixes": [
        {
          "description": "use 'user'",
          "replacements": [
            {
              "file": "/src/model.hpp",
              "offset": 120,
              "length": 7,
              "text": "\"user\""
            }
          ]
        }
      ]
    },
    {
      "rule": "relcheck-legacy-backref",
      "severity": "warning",
      "message": "legacy",
      "file": "/src/model.hpp",
      "line": 12,
      "column": 5,
      "endLine": 12,
      "endColumn": 6,
      "model": null,
      "attribute": null,
      "sqlalchemyCase": null,
      "related": [],
      "fixes": []
    }
  ],
  "errors": [
    {
      "file": null,
      "message": "no input files"
    },
    {
      "file": "/src/a.cpp",
      "message": "no such file: 'a.cpp'"
    },
    {
      "file": "/src/z.cpp",
      "message": "'/src/z.cpp' does not compile: x"
    }
  ],
  "summary": {
    "translationUnits": 3,
    "findings": 2,
    "errors": 1,
    "warnings": 1,
    "notes": 0,
    "toolErrors": 3
  }
}
)";
  EXPECT_EQ(json(Report), Expected);
}

TEST(EmitterJson, EmptyReportIsValid) {
  nlohmann::json J = nlohmann::json::parse(json(AnalysisReport()));
  EXPECT_EQ(J["schemaVersion"], 1);
  EXPECT_TRUE(J["findings"].is_array() && J["findings"].empty());
  EXPECT_TRUE(J["errors"].is_array() && J["errors"].empty());
  EXPECT_EQ(J["summary"]["findings"], 0);
  EXPECT_EQ(J["summary"]["translationUnits"], 0);
}

TEST(EmitterJson, EscapesAndInvalidUtf8StayValidJson) {
  AnalysisReport Report;
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "quote \" backslash \\ tab \t newline \n bad \xFF byte";
  F.Range = span("/src/\xC3\xA9.hpp", 0, 1, 1, 1, 2, 1);
  Report.Findings.push_back(F);
  std::string Out = json(Report);
  nlohmann::json J = nlohmann::json::parse(Out, nullptr,
                                           /*allow_exceptions=*/false);
  ASSERT_FALSE(J.is_discarded()) << Out;
  EXPECT_EQ(J["findings"][0]["message"],
            "quote \" backslash \\ tab \t newline \n bad \xEF\xBF\xBD byte");
  EXPECT_EQ(J["findings"][0]["file"], "/src/\xC3\xA9.hpp");
}

TEST(EmitterJson, UnknownLocationIsNullWithZeroPositions) {
  AnalysisReport Report;
  Finding F;
  F.RuleId = "relcheck-r";
  F.Message = "m";
  F.Notes.push_back({SourceSpan(), "n"});
  Report.Findings.push_back(F);
  nlohmann::json J = nlohmann::json::parse(json(Report));
  EXPECT_TRUE(J["findings"][0]["file"].is_null());
  EXPECT_EQ(J["findings"][0]["line"], 0);
  EXPECT_EQ(J["findings"][0]["endColumn"], 0);
  EXPECT_TRUE(J["findings"][0]["related"][0]["file"].is_null());
}
