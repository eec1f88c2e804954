//===- JsonRpcTransport.cpp -----------------------------------------------===//
#include "JsonRpcTransport.h"

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

JsonRpcTransport::Incoming JsonRpcTransport::read() {
  Incoming Result;
  // The header block ends at the first empty line. "\n" alone is accepted
  // as a line end too (hand-typed input).
  size_t HeaderEnd = std::string::npos, BodyStart = 0;
  for (;;) {
    // Blank lines before a header are noise some clients send; skip them.
    size_t Skip = Buffer.find_first_not_of("\r\n");
    if (Skip == std::string::npos)
      Buffer.clear();
    else
      Buffer.erase(0, Skip);
    size_t CrLf = Buffer.find("\r\n\r\n"), Lf = Buffer.find("\n\n");
    if (CrLf != std::string::npos && (Lf == std::string::npos || CrLf < Lf)) {
      HeaderEnd = CrLf;
      BodyStart = CrLf + 4;
      break;
    }
    if (Lf != std::string::npos) {
      HeaderEnd = Lf;
      BodyStart = Lf + 2;
      break;
    }
    if (!fill()) {
      Result.St = Status::Eof;
      return Result;
    }
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
      Problem = "malformed header line '" + Line.str() + "'";
      continue;
    }
    if (Name.trim().equals_insensitive("Content-Length")) {
      unsigned long long N = 0;
      if (Value.trim().getAsInteger(10, N))
        Problem = "invalid Content-Length '" + Value.trim().str() + "'";
      else
        Length = N;
    }
  }
  if (!Length) {
    Result.St = Status::Malformed;
    Result.Error = Problem.empty() ? "missing Content-Length header" : Problem;
    return Result;
  }

  // Read (or, when too large, discard) exactly Length bytes.
  size_t Remaining = *Length;
  bool TooLarge = Remaining > MaxBody;
  std::string Body;
  while (Remaining > 0) {
    if (Buffer.empty() && !fill()) {
      Result.St = Status::Eof;
      return Result;
    }
    size_t Take = std::min(Remaining, Buffer.size());
    if (!TooLarge)
      Body.append(Buffer, 0, Take);
    Buffer.erase(0, Take);
    Remaining -= Take;
  }
  if (TooLarge) {
    Result.St = Status::Malformed;
    Result.Error = "message of " + std::to_string(*Length) +
                   " bytes exceeds the limit of " + std::to_string(MaxBody);
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
