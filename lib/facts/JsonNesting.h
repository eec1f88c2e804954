//===- JsonNesting.h - reject JSON nested too deeply, cheaply ---*- C++ -*-===//
//
// llvm::json and nlohmann parse iteratively, but copying, comparing or
// destroying a deeply nested value recurses: 50,000 nested '[' in a
// compile_commands.json, or 100,000 in an LSP message, overflowed the stack.
// One linear scan before parsing bounds that.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string_view>

namespace relcheck {

/// The byte offset of the first '[' or '{' of \p Text nested deeper than
/// \p Limit (strings skipped), or std::string_view::npos when none is.
size_t jsonNestedTooDeep(std::string_view Text, unsigned Limit);

} // namespace relcheck
