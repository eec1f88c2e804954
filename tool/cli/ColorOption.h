//===- ColorOption.h - --color and --use-color, as clang and clang-tidy -*- C++
//-*-===//
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

enum class ColorMode { Auto, Always, Never };

/// Takes --color[=auto|always|never] (clang's -fdiagnostics-color values)
/// and --use-color[=true|false] (clang-tidy's spelling) out of Args, up to
/// a "--"; the last one given wins. LLVM registers its own boolean --color,
/// which would refuse "always", so these never reach llvm::cl. Returns an
/// error message for a bad value.
std::optional<std::string> takeColorOptions(std::vector<const char *> &Args,
                                            ColorMode &Mode);

/// Whether the text report on stdout (not written to a file) is coloured:
/// Auto colours only a terminal that has colours, as clang does.
bool useColor(ColorMode Mode, bool ToStdout);

} // namespace relcheck
