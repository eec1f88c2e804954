//===- HostVersion.h - is the loading clang-tidy ours? ----------*- C++ -*-===//
//
// A plugin is C++ ABI-coupled to the clang-tidy that loads it. Built against
// clang-tidy 19 but loaded by another major version (on Debian bookworm the
// bare `clang-tidy` is 14), it would silently report nothing or crash, so the
// module refuses to register its checks and says why.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace relcheck::tidy {

struct ClangVersion {
  unsigned Major = 0;
  unsigned Minor = 0;
};

/// The "X.Y" after "version " in a clang full version string ("Debian clang
/// version 19.1.7 (3~deb12u1)"), or nullopt.
std::optional<ClangVersion> parseClangVersion(std::string_view FullVersion);

/// Empty when the host clang-tidy (clang::getClangFullVersion(), resolved
/// in the loading process) has the major.minor the plugin was compiled
/// against; otherwise the one-line explanation to print.
std::string hostVersionMismatch();

} // namespace relcheck::tidy
