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

  /// Largest accepted body. A larger Content-Length is not trusted (it may
  /// be garbage, up to 2^64-1): the frame is reported and the stream is
  /// resynchronized at the next "Content-Length:" header.
  static constexpr size_t MaxBody = 64u << 20;
  /// Largest header block; a longer one is discarded up to its end (the
  /// next empty line) and reported, without echoing it.
  static constexpr size_t MaxHeaderBlock = 8192;
  /// Deepest accepted JSON nesting (LSP messages nest about ten deep):
  /// checked before parsing, so no later recursive walk overflows.
  static constexpr unsigned MaxJsonDepth = 512;

private:
  int In;
  std::FILE *Out;
  std::string Buffer;
  bool AtEof = false;
  bool SkipToHeader = false; ///< The last frame's length was not trusted.
  std::mutex WriteMutex;

  /// Reads more bytes into Buffer; false at end of input.
  bool fill();
  /// Buffers up to the end of the next header block; false at end of
  /// input. Searches each byte once, so a line without an end costs time
  /// linear in its length; \p Oversized tells that its start was dropped.
  bool readHeaderBlock(size_t &HeaderEnd, size_t &BodyStart, bool &Oversized);
  /// Drops input up to the next "Content-Length:" (any case) or the end.
  void skipToNextHeader();
};

} // namespace relcheck::lsp
