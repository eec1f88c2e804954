//===- CrashSignals.h - a crash handler that cannot deadlock ----*- C++ -*-===//
//
// LLVM's handler (installed by InitLLVM) symbolizes the stack, which calls
// malloc: when the crash happened inside malloc (a stack overflow while
// allocating), it waited forever on malloc's lock and the language server
// hung instead of dying, so the editor never restarted it. This one only
// makes async-signal-safe calls, on its own static stack, then dies of the
// same signal.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace relcheck::lsp {

/// Replaces the handlers of SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and
/// SIGTRAP: they write \p Banner (a string literal: it is not copied) and
/// the raw return addresses to stderr, then re-raise the signal.
void installCrashSignalHandlers(const char *Banner);

} // namespace relcheck::lsp
