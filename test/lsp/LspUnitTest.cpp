//===- LspUnitTest.cpp - plain helpers of relcheck lsp --------------------===//
#include "JsonRpcTransport.h"
#include "LspPositions.h"
#include "LspSourceTexts.h"
#include "StaleFindings.h"
#include "Uri.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace relcheck::lsp;

namespace {

Position pos(unsigned Line, unsigned Character) { return {Line, Character}; }

// The paths come from facts, which the cache may hold: a FIFO there
// blocked the server (MemoryBuffer::getFile waits for a writer).
TEST(LspSourceTexts, FifoIsNotReadAndDoesNotBlock) {
  char Dir[] = "/tmp/relcheck-lsp-fifo-XXXXXX";
  ASSERT_TRUE(::mkdtemp(Dir));
  std::string Fifo = std::string(Dir) + "/a.cpp";
  ASSERT_EQ(::mkfifo(Fifo.c_str(), 0600), 0);
  std::map<std::string, std::string> Buffers;
  SourceTexts Texts(Buffers);
  ::alarm(20); // A blocked read fails the test instead of hanging it.
  EXPECT_EQ(Texts.text(Fifo), nullptr);
  EXPECT_EQ(Texts.text("/dev/zero"), nullptr);
  ::alarm(0);
  ::unlink(Fifo.c_str());
  ::rmdir(Dir);
}

TEST(LspPositions, AsciiLinesAndColumns) {
  LineIndex Index("ab\ncd\n");
  EXPECT_EQ(Index.position(0, PositionEncoding::Utf16), pos(0, 0));
  EXPECT_EQ(Index.position(2, PositionEncoding::Utf16), pos(0, 2));
  EXPECT_EQ(Index.position(3, PositionEncoding::Utf16), pos(1, 0));
  EXPECT_EQ(Index.position(6, PositionEncoding::Utf16), pos(2, 0));
  EXPECT_EQ(Index.position(99, PositionEncoding::Utf16), pos(2, 0));
  EXPECT_EQ(Index.offset(pos(1, 1), PositionEncoding::Utf16), 4u);
}

TEST(LspPositions, Utf16CountsCodeUnitsNotBytes) {
  // "é" is 2 bytes / 1 unit; U+1F600 is 4 bytes / 2 units (a surrogate pair).
  std::string Text = "x\xC3\xA9\xF0\x9F\x98\x80y";
  LineIndex Index(Text);
  unsigned Y = static_cast<unsigned>(Text.find('y'));
  EXPECT_EQ(Index.position(Y, PositionEncoding::Utf16), pos(0, 4));
  EXPECT_EQ(Index.position(Y, PositionEncoding::Utf8), pos(0, 7));
  EXPECT_EQ(Index.offset(pos(0, 4), PositionEncoding::Utf16), Y);
  EXPECT_EQ(Index.offset(pos(0, 7), PositionEncoding::Utf8), Y);
  // An offset inside a character is that character's start.
  EXPECT_EQ(Index.position(2, PositionEncoding::Utf16), pos(0, 1));
}

TEST(LspPositions, IllFormedBytesCountAsSarifCountsThem) {
  // A lead byte without its continuation is one unit, as in SARIF's
  // utf16Column (one shared walk, emit/Utf16Columns.h).
  std::string Text = "\xE0"
                     "Ay";
  LineIndex Index(Text);
  EXPECT_EQ(Index.position(2, PositionEncoding::Utf16), pos(0, 2));
  EXPECT_EQ(Index.offset(pos(0, 2), PositionEncoding::Utf16), 2u);
}

TEST(LspPositions, LineEndings) {
  LineIndex Index("a\r\nb\rc\n");
  EXPECT_EQ(Index.position(3, PositionEncoding::Utf16), pos(1, 0));
  EXPECT_EQ(Index.position(5, PositionEncoding::Utf16), pos(2, 0));
  // A character beyond the line's end is the line's end (before "\r\n").
  EXPECT_EQ(Index.offset(pos(0, 40), PositionEncoding::Utf16), 1u);
  EXPECT_EQ(Index.offset(pos(9, 0), PositionEncoding::Utf16), 7u);
}

TEST(LspUri, RoundTripsAndEscapes) {
  EXPECT_EQ(pathToUri("/a b/c#d.hpp"), "file:///a%20b/c%23d.hpp");
  EXPECT_EQ(uriToPath("file:///a%20b/c%23d.hpp"), "/a b/c#d.hpp");
  EXPECT_EQ(uriToPath("file:///x/./y/../z.hpp"), "/x/z.hpp");
  EXPECT_EQ(uriToPath("file://localhost/x.hpp"), "/x.hpp");
  EXPECT_EQ(uriToPath("http://example.com/x.hpp"), std::nullopt);
  EXPECT_EQ(uriToPath("file://server/x.hpp"), std::nullopt);
  EXPECT_EQ(uriToPath("file:///bad%zz"), std::nullopt);
}

/// A transport reading what was written into a pipe.
struct PipeTransport {
  int Fds[2];
  std::FILE *Out = nullptr;
  std::unique_ptr<JsonRpcTransport> T;
  explicit PipeTransport(const std::string &Input) {
    EXPECT_EQ(::pipe(Fds), 0);
    EXPECT_EQ(::write(Fds[1], Input.data(), Input.size()),
              static_cast<ssize_t>(Input.size()));
    ::close(Fds[1]);
    Out = std::tmpfile();
    T = std::make_unique<JsonRpcTransport>(Fds[0], Out);
  }
  ~PipeTransport() {
    ::close(Fds[0]);
    std::fclose(Out);
  }
};

TEST(JsonRpcTransport, ReadsFramesAndReportsBadOnes) {
  PipeTransport P("Content-Length: 2\r\n\r\n{}"
                  "Content-Type: x\r\nContent-Length: 7\r\n\r\n[1,2,3]"
                  "Content-Length: 3\r\n\r\n{x}"
                  "Content-Type: x\r\n\r\n"
                  "Content-Length: 99999999999\r\n\r\n"
                  "Content-Length: 1\n\n5"
                  "Content-Length: 10\r\n\r\n{}");
  auto In = P.T->read();
  ASSERT_EQ(In.St, JsonRpcTransport::Status::Message);
  EXPECT_TRUE(In.Message.is_object());
  In = P.T->read();
  ASSERT_EQ(In.St, JsonRpcTransport::Status::Message);
  EXPECT_EQ(In.Message.size(), 3u);
  In = P.T->read();
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Malformed);
  EXPECT_EQ(In.Error, "invalid JSON");
  In = P.T->read();
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Malformed);
  EXPECT_EQ(In.Error, "missing Content-Length header");
  // Too large: reported, then skipped to the next Content-Length header.
  In = P.T->read();
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Malformed);
  EXPECT_NE(In.Error.find("exceeds the limit"), std::string::npos);
  In = P.T->read();
  ASSERT_EQ(In.St, JsonRpcTransport::Status::Message);
  EXPECT_EQ(In.Message, 5);
  In = P.T->read(); // Truncated body.
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Eof);
}

TEST(JsonRpcTransport, BoundsHeadersAndNesting) {
  std::string Deep = std::string(600, '[') + std::string(600, ']');
  std::string Shallow =
      "[\"[[[[\"," + std::string(500, '[') + std::string(500, ']') + "]";
  PipeTransport P(std::string(20000, 'h') + "\r\n\r\n" + "Content-Length: " +
                  std::to_string(Deep.size()) + "\r\n\r\n" + Deep +
                  "Content-Length: " + std::to_string(Shallow.size()) +
                  "\r\n\r\n" + Shallow);
  auto In = P.T->read();
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Malformed);
  EXPECT_LT(In.Error.size(), 100u);
  In = P.T->read();
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Malformed);
  EXPECT_EQ(In.Error, "JSON nested deeper than 512 levels");
  In = P.T->read(); // Brackets inside strings do not count.
  EXPECT_EQ(In.St, JsonRpcTransport::Status::Message);
}

TEST(JsonRpcTransport, AcceptsBareNewlinesAndEndsAtEof) {
  PipeTransport P("Content-Length: 1\n\n5Content-Length: 10\r\n\r\n{}");
  auto In = P.T->read();
  ASSERT_EQ(In.St, JsonRpcTransport::Status::Message);
  EXPECT_EQ(In.Message, 5);
  EXPECT_EQ(P.T->read().St, JsonRpcTransport::Status::Eof); // Truncated body.
  EXPECT_EQ(P.T->read().St, JsonRpcTransport::Status::Eof);
}

TEST(JsonRpcTransport, WritesFramesWithValidUtf8) {
  PipeTransport P("");
  P.T->send({{"message", std::string("bad \xFF byte")}});
  std::rewind(P.Out);
  char Buf[256] = {};
  size_t N = std::fread(Buf, 1, sizeof(Buf) - 1, P.Out);
  std::string Written(Buf, N);
  EXPECT_EQ(Written.rfind("Content-Length: ", 0), 0u);
  size_t Body = Written.find("\r\n\r\n") + 4;
  EXPECT_EQ(std::stoul(Written.substr(16)), Written.size() - Body);
  EXPECT_NE(Written.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

TEST(StaleFindings, OffsetsFollowTheirTextAcrossOneEdit) {
  std::string Old = "struct A {\n  int x;\n};\n";
  std::string New = "struct A {\n  int half(\n  int x;\n};\n";
  EXPECT_EQ(shiftOffset(Old, New, 3), 3u);                          // Before.
  EXPECT_EQ(shiftOffset(Old, New, Old.find("x;")), New.find("x;")); // After.
  EXPECT_EQ(shiftOffset(Old, New, Old.size()), New.size());
  // Inside a replaced region: its start.
  EXPECT_EQ(shiftOffset("abcXYZdef", "abc12def", 4), 3u);
  EXPECT_EQ(shiftOffset(Old, Old, 7), 7u);
}

TEST(StaleFindings, OnlyFilesWithAStaleTextMove) {
  std::string Now = "// new line\nstruct A {};\n";
  std::map<std::string, StaleText> Texts;
  Texts["/a.hpp"] = {"struct A {};\n", &Now};
  relcheck::Finding F;
  F.Range.File = relcheck::InternedString("/a.hpp");
  F.Range.Begin = 7;
  F.Range.End = 8;
  relcheck::FindingNote N;
  N.Range.File = relcheck::InternedString("/b.hpp");
  N.Range.Begin = N.Range.End = 7;
  F.Notes.push_back(N);
  std::vector<relcheck::Finding> Out = shiftStaleFindings({F}, Texts);
  EXPECT_EQ(Out[0].Range.Begin, 7u + 12u);
  EXPECT_EQ(Out[0].Range.End, 8u + 12u);
  EXPECT_EQ(Out[0].Notes[0].Range.Begin, 7u);
}

} // namespace
