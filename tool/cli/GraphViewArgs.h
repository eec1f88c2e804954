//===- GraphViewArgs.h - relcheck graph's view options ----------*- C++ -*-===//
//
// --focus, --depth, --cluster and --only-findings are `relcheck graph`'s
// own: they are taken out of the arguments before the shared analysis
// options are parsed, as --format is (GraphCommand.cpp).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/GraphFilter.h"

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

/// Removes the view options from Args (up to "--"), filling Options.
/// Returns an error message, or nullopt.
std::optional<std::string> takeGraphViewArgs(std::vector<const char *> &Args,
                                             GraphViewOptions &Options);

/// The lines `relcheck graph --help` adds for them.
extern const char GraphViewHelp[];

} // namespace relcheck
