//===- PluginPath.h - relcheck --print-plugin-path --------------*- C++ -*-===//
#pragma once

#include <string>
#include <vector>

namespace relcheck {

/// Where the clang-tidy plugin of this relcheck may be, most likely first:
/// the install tree's <prefix>/lib/relcheck/relcheck-tidy.so, relative to
/// <prefix>/bin/relcheck, then the build tree's, next to the binary.
std::vector<std::string> pluginCandidates(const char *Argv0);

/// --print-plugin-path: prints the first candidate that exists and returns
/// 0, or prints an error naming the places looked at and returns 2.
int printPluginPath(const char *Argv0);

} // namespace relcheck
