//===- ReportFormatsTest.cpp - fingerprints, baseline, SARIF helpers ------===//
#include "emit/Baseline.h"
#include "emit/ReportPaths.h"
#include "emit/SarifEmitter.h"
#include "emit/SourceFileCache.h"
#include "emit/Utf16Columns.h"
#include "findings/FindingKey.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace relcheck;

namespace {

Finding finding(std::string Rule, std::string Model, std::string Attribute,
                std::string Key) {
  Finding F;
  F.RuleId = std::move(Rule);
  F.Model = std::move(Model);
  F.Attribute = std::move(Attribute);
  F.AnnotationKey = std::make_shared<const std::string>(std::move(Key));
  F.Message = "message";
  return F;
}

TEST(FindingKeyTest, NormalizationIgnoresFormattingOutsideStrings) {
  EXPECT_EQ(normalizeAnnotationText("\"Address\" ,\n   backref = \"user\" "),
            "\"Address\",backref=\"user\"");
  EXPECT_EQ(normalizeAnnotationText("\"A\", /* why */ lazy='joined' // x\n"),
            "\"A\",lazy='joined'");
  // Inside a string, white space is collapsed, not dropped.
  EXPECT_EQ(normalizeAnnotationText("primaryjoin=\"and_(A.id ==\n   B.a_id)\""),
            "primaryjoin=\"and_(A.id == B.a_id)\"");
  EXPECT_EQ(normalizeAnnotationText("\"a\\\" b\""), "\"a\\\" b\"");
  // Different arguments stay different.
  EXPECT_NE(normalizeAnnotationText("\"A\", backref=\"u\""),
            normalizeAnnotationText("\"A\", backref=\"v\""));
}

// Fingerprints are persisted (baselines, SARIF partialFingerprints, GitLab
// Code Quality): the hash must not change, whatever hash library comes
// along. The value is FNV-1a 64 of the parts (FindingKey.cpp).
TEST(FindingKeyTest, FingerprintIsStableAcrossVersions) {
  EXPECT_EQ(
      findingFingerprint(finding("relcheck-legacy-backref", "User", "addresses",
                                 "\"Address\",backref=\"user\"")),
      "4e44e8f455316396");
}

TEST(FindingKeyTest, FingerprintDependsOnIdentityOnly) {
  Finding A = finding("r", "User", "addresses", "\"A\"");
  Finding B = A;
  B.Range.File = "/elsewhere.hpp";
  B.Range.Line = 99;
  B.Message = "other wording";
  EXPECT_EQ(findingFingerprint(A), findingFingerprint(B));
  EXPECT_EQ(findingFingerprint(A).size(), 16u);
  EXPECT_NE(findingFingerprint(A),
            findingFingerprint(finding("r", "User", "address", "\"A\"")));
  EXPECT_NE(findingFingerprint(A),
            findingFingerprint(finding("r", "User", "addresses", "\"B\"")));
  // Parts are separated: ("Use", "raddresses") differs from ("User", ...).
  EXPECT_NE(findingFingerprint(A),
            findingFingerprint(finding("r", "Use", "raddresses", "\"A\"")));
}

TEST(FindingKeyTest, AttachUsesTheAttributesAnnotation) {
  TuFacts Tu;
  ModelFact M;
  M.QualifiedName = "User";
  RelationshipFact R;
  R.Attribute = "addresses";
  R.Annotation.Text = "\"Address\",  backref=\"user\"";
  M.Relationships.push_back(R);
  Tu.Models.push_back(M);
  std::vector<Finding> Findings = {finding("r", "User", "addresses", ""),
                                   finding("r", "", "", "")};
  attachAnnotationKeys(Findings, {Tu});
  EXPECT_EQ(*Findings[0].AnnotationKey, "\"Address\",backref=\"user\"");
  EXPECT_EQ(*Findings[1].AnnotationKey, "message:message");
}

TEST(BaselineTest, RoundTripSortedWithCounts) {
  std::vector<Finding> Findings = {finding("r2", "B", "x", "k"),
                                   finding("r1", "A", "y", "k"),
                                   finding("r2", "B", "x", "k")};
  Baseline B = baselineFromFindings(Findings);
  ASSERT_EQ(B.Entries.size(), 2u);
  EXPECT_EQ(B.Entries[0].Rule, "r1");
  EXPECT_EQ(B.Entries[1].Count, 2u);
  std::string Error;
  std::optional<Baseline> Parsed =
      parseBaseline(serializeBaseline(B), "b.json", Error);
  ASSERT_TRUE(Parsed) << Error;
  EXPECT_EQ(serializeBaseline(*Parsed), serializeBaseline(B));
}

TEST(BaselineTest, CountBasedMatchingAndFixedEntries) {
  Finding Dup = finding("r", "M", "a", "k");
  Finding Gone = finding("r", "M", "b", "k");
  Baseline B = baselineFromFindings({Dup, Gone});
  BaselineComparison C = compareWithBaseline({Dup, Dup}, B);
  EXPECT_EQ(C.Unchanged.size(), 1u);
  EXPECT_EQ(C.New.size(), 1u);
  ASSERT_EQ(C.Fixed.size(), 1u);
  EXPECT_EQ(describeBaselineEntry(C.Fixed[0]), "r on 'M.b'");
}

TEST(BaselineTest, ErrorsNameFilePositionAndPath) {
  std::string Error;
  EXPECT_FALSE(parseBaseline("{\n  \"version\": 1,\n  \"entries\": [,]\n}",
                             "b.json", Error));
  EXPECT_EQ(Error.rfind("b.json:3:15: invalid JSON: syntax error", 0), 0u)
      << Error;
  EXPECT_FALSE(parseBaseline("{\"version\": 1, \"entries\": [{\"rule\": 1}]}",
                             "b.json", Error));
  EXPECT_EQ(Error, "b.json: entries[0].rule: expected a string");
  EXPECT_FALSE(parseBaseline("[]", "b.json", Error));
  EXPECT_FALSE(parseBaseline(
      "{\"version\": 1, \"entries\": [{\"rule\": \"r\", \"model\": \"M\", "
      "\"attribute\": \"\", \"fingerprint\": \"0123456789abcdef\", "
      "\"count\": 0}]}",
      "b.json", Error));
  EXPECT_EQ(Error, "b.json: entries[0].count: expected a positive integer");
}

TEST(BaselineTest, NumberOutOfRangeIsAnErrorNotACrash) {
  // nlohmann reports it as out_of_range, not parse_error: it escaped the
  // reader and killed relcheck --baseline (fuzz_baseline).
  std::string Error;
  EXPECT_FALSE(
      parseBaseline("{\"version\": 1e400, \"entries\": []}", "b.json", Error));
  EXPECT_EQ(Error.rfind("b.json:1:", 0), 0u) << Error;
  EXPECT_NE(Error.find("invalid JSON: number overflow parsing '1e400'"),
            std::string::npos)
      << Error;
}

TEST(SarifTest, Utf16Columns) {
  // "é" = 2 bytes / 1 unit, "𐐀" = 4 bytes / 2 units.
  std::string Line = "a\xc3\xa9\xf0\x90\x90\x80"
                     "b";
  EXPECT_EQ(utf16Column(Line, 1), 1u);
  EXPECT_EQ(utf16Column(Line, 2), 2u);  // before é
  EXPECT_EQ(utf16Column(Line, 4), 3u);  // before 𐐀
  EXPECT_EQ(utf16Column(Line, 8), 5u);  // before b
  EXPECT_EQ(utf16Column(Line, 10), 7u); // past the end (the newline)
  EXPECT_EQ(utf16Column("\xff"
                        "x",
                        2),
            2u); // invalid byte: one unit
}

TEST(SarifTest, Utf8CharLength) {
  EXPECT_EQ(utf8CharLength(""), 0u);
  EXPECT_EQ(utf8CharLength("ab"), 1u);
  EXPECT_EQ(utf8CharLength("\xc3\xa9"), 2u);
  EXPECT_EQ(utf8CharLength("\xf0\x9f\x98\x80"), 4u);
  // Ill-formed: truncated, a bad continuation byte, overlong, a lone
  // continuation byte: one byte (one U+FFFD) each.
  EXPECT_EQ(utf8CharLength("\xc3"), 1u);
  EXPECT_EQ(utf8CharLength("\xe0\x41\x41"), 1u);
  EXPECT_EQ(utf8CharLength("\xc0\x80"), 1u);
  EXPECT_EQ(utf8CharLength("\x80"), 1u);
  EXPECT_EQ(utf16Units(4), 2u);
  EXPECT_EQ(utf16Units(3), 1u);
}

TEST(SarifTest, PathsUnderBase) {
  EXPECT_EQ(pathUnderBase("/r/src/a.hpp", "/r"), "src/a.hpp");
  EXPECT_EQ(pathUnderBase("/r/src/a.hpp", "/r/"), "src/a.hpp");
  EXPECT_EQ(pathUnderBase("/rx/a.hpp", "/r"), std::nullopt);
  EXPECT_EQ(pathUnderBase("/r", "/r"), std::nullopt);
  EXPECT_EQ(pathUnderBase("/a.hpp", "/"), "a.hpp");
  EXPECT_EQ(fileUri("/r/my dir", /*Directory=*/true), "file:///r/my%20dir/");
  EXPECT_EQ(percentEncodePath("a#b%c\xc3\xa9.hpp"), "a%23b%25c%C3%A9.hpp");
}

TEST(SourceFileCacheTest, LineAndColumnOfOffsets) {
  std::string Path = testing::TempDir() + "relcheck-linecol-" +
                     std::to_string(::getpid()) + ".hpp";
  std::ofstream(Path, std::ios::binary) << "ab\ncd\n";
  SourceFileCache Cache;
  using P = std::pair<unsigned, unsigned>;
  EXPECT_EQ(Cache.lineAndColumn(Path, 0), P(1, 1));
  EXPECT_EQ(Cache.lineAndColumn(Path, 2), P(1, 3));
  EXPECT_EQ(Cache.lineAndColumn(Path, 3), P(2, 1));
  EXPECT_EQ(Cache.lineAndColumn(Path, 6), P(3, 1));
  EXPECT_EQ(Cache.lineAndColumn(Path, 7), std::nullopt);
  std::remove(Path.c_str());
}

} // namespace
