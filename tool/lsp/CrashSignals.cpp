//===- CrashSignals.cpp ---------------------------------------------------===//
#include "CrashSignals.h"

#include <csignal>
#include <cstring>
#include <execinfo.h>
#include <initializer_list>
#include <unistd.h>

namespace relcheck::lsp {
namespace {

const char *CrashBanner = "";
// Static, so that neither the handler nor its stack needs the heap; the
// alternate stack lets the handler run after a stack overflow.
alignas(16) char AlternateStack[1 << 16];

void writeStderr(const char *Text) {
  size_t Left = std::strlen(Text);
  while (Left > 0) {
    ssize_t N = ::write(STDERR_FILENO, Text, Left);
    if (N <= 0)
      return;
    Text += N;
    Left -= static_cast<size_t>(N);
  }
}

void onFatalSignal(int Signal) {
  writeStderr(CrashBanner);
  writeStderr(" (stack: raw addresses, newest first)\n");
  void *Frames[64];
  int N = ::backtrace(Frames, 64);
  ::backtrace_symbols_fd(Frames, N, STDERR_FILENO);
  // SA_RESETHAND restored the default action: die of the same signal.
  ::raise(Signal);
}

} // namespace

void installCrashSignalHandlers(const char *Banner) {
  CrashBanner = Banner;
  // backtrace() loads its unwinder (and allocates) on first use: do that
  // now, not in the handler.
  void *Warm[1];
  (void)::backtrace(Warm, 1);

  stack_t Stack = {};
  Stack.ss_sp = AlternateStack;
  Stack.ss_size = sizeof(AlternateStack);
  ::sigaltstack(&Stack, nullptr);

  struct sigaction Action = {};
  Action.sa_handler = onFatalSignal;
  Action.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
  sigemptyset(&Action.sa_mask);
  for (int Signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP})
    ::sigaction(Signal, &Action, nullptr);
}

} // namespace relcheck::lsp
