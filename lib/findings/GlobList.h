//===- GlobList.h - clang-tidy style check globs ----------------*- C++ -*-===//
//
// The glob lists of clang-tidy's -checks and NOLINT(...) comments, with the
// same rules (clang-tidy's GlobList): items separated by ',' or newlines,
// surrounding whitespace ignored, a leading '-' negates, '*' matches any
// text and every other character only itself, and the LAST item matching a
// name decides. Used by --rules, the configuration's Rules/Severity keys and
// the NOLINT suppressions, so all three read a glob the same way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// Whether Text matches Glob, where '*' matches any (possibly empty) text.
bool globMatches(std::string_view Glob, std::string_view Text);

class GlobList {
public:
  struct Item {
    bool Positive = true;
    std::string Glob; ///< Trimmed, without the '-'.
  };

  /// Parses Globs. With KeepNegative false, negative items are dropped (the
  /// NOLINT behaviour: "NOLINT(-foo)" suppresses nothing).
  explicit GlobList(std::string_view Globs, bool KeepNegative = true);

  /// Whether the last item matching Name is positive (false if none does).
  bool contains(std::string_view Name) const;

  const std::vector<Item> &items() const { return Items; }

private:
  std::vector<Item> Items;
};

} // namespace relcheck
