//===- JsonRpcTransport.h - LSP base protocol over a byte stream -*- C++
//-*-===//
//
// The LSP base protocol: each message is "Content-Length: N\r\n" (other
// headers ignored), an empty line, and N bytes of JSON. Reading never
// throws and never gives up on a bad frame: the frame is skipped and
// reported, so the server can answer with a JSON-RPC error and go on.
// Writing goes to the output stream only (stdout carries nothing else).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <mutex>
#include <string>

namespace relcheck::lsp {

class JsonRpcTransport {
public:
  /// Reads from file descriptor \p In (unbuffered reads into our own buffer,
  /// so waitForInput knows whether a message is pending), writes to \p Out.
  JsonRpcTransport(int In, std::FILE *Out) : In(In), Out(Out) {}

  enum class Status {
    Message,   ///< Message holds the parsed JSON (any JSON value).
    Malformed, ///< A frame was skipped; Error says why. ParseError tells
               ///< a JSON syntax error (-32700) from a bad header.
    Eof,       ///< The input ended (or failed).
  };
  struct Incoming {
    Status St = Status::Eof;
    nlohmann::json Message;
    std::string Error;
  };

  /// Blocks until the next frame or the end of input.
  Incoming read();

  /// True when a frame (or part of one) is buffered or the input becomes
  /// readable within \p TimeoutMs milliseconds (negative: wait forever).
  bool waitForInput(int TimeoutMs);

  /// Writes one message (invalid UTF-8 in strings is replaced, never
  /// thrown) and flushes.
  void send(const nlohmann::json &Message);

  /// Largest accepted body; a larger frame is skipped as malformed.
  static constexpr size_t MaxBody = 64u << 20;

private:
  int In;
  std::FILE *Out;
  std::string Buffer;
  bool AtEof = false;
  std::mutex WriteMutex;

  /// Reads more bytes into Buffer; false at end of input.
  bool fill();
};

} // namespace relcheck::lsp
