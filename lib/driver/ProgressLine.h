//===- ProgressLine.h - "relcheck: [12/340] ..." on a terminal --*- C++ -*-===//
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace relcheck {

/// One self-overwriting line on stderr, updated from worker threads at most
/// ten times a second. Disabled: every call is a no-op (the caller enables
/// it only when stderr is a terminal and --quiet is off).
class ProgressLine {
public:
  ProgressLine(bool Enabled, unsigned Total) : Enabled(Enabled), Total(Total) {}
  ~ProgressLine() { finish(); }

  /// One more TU done; Models: models it contributed; Cached: from cache.
  void tuDone(unsigned Models, bool Cached);
  /// Erases the line.
  void finish();

  /// The line's text (no carriage return, no escape codes), e.g.
  /// "relcheck: [3/10] TUs, 1 model declaration, 2 from cache".
  static std::string text(unsigned Done, unsigned Total, unsigned Models,
                          unsigned Cached);

private:
  void print(bool Force);

  bool Enabled;
  unsigned Total;
  unsigned Done = 0, Models = 0, Cached = 0;
  bool Printed = false;
  std::chrono::steady_clock::time_point Last;
  std::mutex Mutex;
};

} // namespace relcheck
