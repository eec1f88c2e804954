//===- JsonRpcTransport.cpp -----------------------------------------------===//
#include "JsonRpcTransport.h"

#include "facts/JsonNesting.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cerrno>
#include <optional>
#include <poll.h>
#include <unistd.h>

namespace relcheck::lsp {

bool JsonRpcTransport::fill() {
  if (AtEof)
    return false;
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(In, Chunk, sizeof(Chunk));
    if (N > 0) {
      Buffer.append(Chunk, static_cast<size_t>(N));
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    AtEof = true;
    return false;
  }
}

bool JsonRpcTransport::waitForInput(int TimeoutMs) {
  if (!Buffer.empty() || AtEof)
    return true;
  struct pollfd P = {In, POLLIN, 0};
  for (;;) {
    int R = ::poll(&P, 1, TimeoutMs);
    if (R < 0 && errno == EINTR)
      continue;
    return R != 0; // Readable, hung up or failed: read() will tell.
  }
}

namespace {

/// \p Text for an error message: at most 64 bytes of it, so that a reply
/// never echoes unbounded input.
std::string excerpt(llvm::StringRef Text) {
  constexpr size_t Max = 64;
  return Text.size() <= Max ? Text.str() : Text.take_front(Max).str() + "...";
}

} // namespace

bool JsonRpcTransport::readHeaderBlock(size_t &HeaderEnd, size_t &BodyStart,
                                       bool &Oversized) {
  // The header block ends at the first empty line. "\n" alone is accepted
  // as a line end too (hand-typed input).
  size_t Scanned = 0; // Bytes of Buffer already searched.
  for (;;) {
    if (Scanned == 0 && !Oversized) {
      // Blank lines before a header are noise some clients send; skip them.
      size_t Skip = Buffer.find_first_not_of("\r\n");
      Buffer.erase(0, Skip == std::string::npos ? Buffer.size() : Skip);
    }
    size_t From = Scanned > 3 ? Scanned - 3 : 0;
    size_t CrLf = Buffer.find("\r\n\r\n", From), Lf = Buffer.find("\n\n", From);
    if (CrLf != std::string::npos && (Lf == std::string::npos || CrLf < Lf)) {
      HeaderEnd = CrLf;
      BodyStart = CrLf + 4;
      return true;
    }
    if (Lf != std::string::npos) {
      HeaderEnd = Lf;
      BodyStart = Lf + 2;
      return true;
    }
    Scanned = Buffer.size();
    if (Buffer.size() > MaxHeaderBlock) {
      // Keep only what may start the terminator.
      Oversized = true;
      Buffer.erase(0, Buffer.size() - 3);
      Scanned = 3;
    }
    if (!fill())
      return false;
  }
}

void JsonRpcTransport::skipToNextHeader() {
  static constexpr llvm::StringLiteral Header = "content-length:";
  for (;;) {
    size_t At = llvm::StringRef(Buffer).find_insensitive(Header);
    if (At != llvm::StringRef::npos) {
      Buffer.erase(0, At);
      return;
    }
    if (Buffer.size() >= Header.size())
      Buffer.erase(0, Buffer.size() - (Header.size() - 1));
    if (!fill())
      return;
  }
}

JsonRpcTransport::Incoming JsonRpcTransport::read() {
  Incoming Result;
  if (SkipToHeader) {
    SkipToHeader = false;
    skipToNextHeader();
  }
  size_t HeaderEnd = 0, BodyStart = 0;
  bool Oversized = false;
  if (!readHeaderBlock(HeaderEnd, BodyStart, Oversized)) {
    Result.St = Status::Eof;
    return Result;
  }
  if (Oversized) {
    Buffer.erase(0, BodyStart);
    Result.St = Status::Malformed;
    Result.Error =
        "header block longer than " + std::to_string(MaxHeaderBlock) + " bytes";
    return Result;
  }

  std::string Headers = Buffer.substr(0, HeaderEnd);
  Buffer.erase(0, BodyStart);
  std::optional<size_t> Length;
  std::string Problem;
  llvm::StringRef Rest(Headers);
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    Line = Line.rtrim("\r");
    auto [Name, Value] = Line.split(':');
    if (Name.size() == Line.size()) {
      Problem = "malformed header line '" + excerpt(Line) + "'";
      continue;
    }
    if (Name.trim().equals_insensitive("Content-Length")) {
      unsigned long long N = 0;
      if (Value.trim().getAsInteger(10, N))
        Problem = "invalid Content-Length '" + excerpt(Value.trim()) + "'";
      else
        Length = N;
    }
  }
  if (!Length) {
    Result.St = Status::Malformed;
    Result.Error = Problem.empty() ? "missing Content-Length header" : Problem;
    return Result;
  }

  if (*Length > MaxBody) {
    // Reported now, skipped by the next read: the next header may not have
    // been sent yet, and the client may wait for this reply first.
    SkipToHeader = true;
    Result.St = Status::Malformed;
    Result.Error = "Content-Length " + std::to_string(*Length) +
                   " exceeds the limit of " + std::to_string(MaxBody) +
                   " bytes; skipped to the next header";
    return Result;
  }
  std::string Body;
  while (Buffer.size() < *Length)
    if (!fill()) {
      Result.St = Status::Eof;
      return Result;
    }
  Body.assign(Buffer, 0, *Length);
  Buffer.erase(0, *Length);
  if (jsonNestedTooDeep(Body, MaxJsonDepth) != std::string_view::npos) {
    Result.St = Status::Malformed;
    Result.Error =
        "JSON nested deeper than " + std::to_string(MaxJsonDepth) + " levels";
    return Result;
  }

  Result.Message = nlohmann::json::parse(Body, nullptr,
                                         /*allow_exceptions=*/false);
  if (Result.Message.is_discarded()) {
    Result.St = Status::Malformed;
    Result.Error = "invalid JSON";
    Result.Message = nullptr;
    return Result;
  }
  Result.St = Status::Message;
  return Result;
}

void JsonRpcTransport::send(const nlohmann::json &Message) {
  std::string Body =
      Message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> Lock(WriteMutex);
  std::fprintf(Out, "Content-Length: %zu\r\n\r\n", Body.size());
  std::fwrite(Body.data(), 1, Body.size(), Out);
  std::fflush(Out);
}

} // namespace relcheck::lsp
