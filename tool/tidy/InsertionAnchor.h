//===- InsertionAnchor.h - fix-its that merged exports apply once -*- C++ -*-=//
//
// run-clang-tidy -export-fixes merges every TU's fixes into one YAML
// document, and clang-apply-replacements only drops identical replacements
// that come from *different* documents. Within one document, two identical
// replacements of text are merged into one (applying either order gives
// the same text), but two identical insertions at one offset are
// concatenated: a member a fix inserts into a header appeared once per TU
// that included it. So the plugin writes each insertion as the replacement
// of one neighbouring byte by that byte plus the inserted text: the same
// bytes after applying, but identical copies now collapse into one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace relcheck::tidy {

/// The byte at (File, Offset), or nullopt past the end or for an unknown
/// file.
using ByteAtFn =
    std::function<std::optional<char>(const std::string &, unsigned)>;
/// Reserves (File, Offset) for this TU's fix-its; false when another
/// fix-it already rewrites that byte.
using ClaimByteFn = std::function<bool(const std::string &, unsigned)>;

/// Fix's replacements with each insertion anchored on the byte before it
/// (or, when that one is taken, after it): a byte no other edit of the fix
/// touches and no earlier fix-it of the TU claimed. An insertion with no
/// free neighbour stays an insertion.
std::vector<Replacement> anchorInsertions(const Fix &Fix,
                                          const ByteAtFn &ByteAt,
                                          const ClaimByteFn &Claim);

} // namespace relcheck::tidy
