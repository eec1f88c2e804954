//===- FixFormatter.h - clang-format the lines fixes insert -----*- C++ -*-===//
#pragma once

#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/Error.h"

#include <string>

namespace relcheck {

/// The style fixes are formatted with: the file's .clang-format (searched
/// upwards from Path, as clang-format does), else FallbackStyle, with the
/// relcheck annotation macros whitespace-sensitive: their arguments are
/// Python and are never re-spaced.
llvm::Expected<clang::format::FormatStyle>
fixStyleFor(const std::string &Path, llvm::StringRef Code,
            const std::string &FallbackStyle);

/// Edits applies to Code, cleaned up around (clang-format's
/// cleanupAroundReplacements) and with the lines they insert formatted. The
/// lines they only change in place keep the user's layout: formatting them
/// would re-flow whole multi-line declarations the fix did not touch.
llvm::Expected<clang::tooling::Replacements>
formatInsertedLines(const std::string &Path, llvm::StringRef Code,
                    const clang::tooling::Replacements &Edits,
                    const std::string &FallbackStyle);

} // namespace relcheck
