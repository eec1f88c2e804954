//===- IncludeInsertions.h - where fixes would add #includes ----*- C++ -*-===//
#pragma once

#include "facts/Facts.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace relcheck {

/// Where clang's include insertion (tooling::HeaderIncludes, with the
/// include style of the file's .clang-format, else LLVM's) puts each of
/// fixableStandardHeaders() that \p Code does not include yet. Done while
/// the text is at hand (in the extractor) so that every front end, the
/// clang-tidy plugin included, offers the same concrete edit.
std::vector<IncludeInsertionFact> includeInsertions(const std::string &Path,
                                                    llvm::StringRef Code);

} // namespace relcheck
