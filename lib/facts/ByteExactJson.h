//===- ByteExactJson.h - JSON that keeps every byte of its strings -*- C++
//-*-===//
//
// JSON strings are UTF-8: nlohmann refuses (or, with error_handler_t::replace,
// silently alters) any other byte. Facts hold source text as written, which
// may be Latin-1 or carry stray bytes; a cache that altered them made warm
// reports differ from cold ones and made --fix see files as changed. So
// the writers of facts (cache entries, shards) escape such strings
// reversibly and their readers undo it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace relcheck {

/// True when \p Text is well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view Text);

/// Replaces every string (and object key) that is not valid UTF-8, or
/// that starts with the escape marker, by the marker followed by the hex
/// of its bytes. The result dumps without loss.
void escapeInvalidUtf8(nlohmann::json &Document);

/// Undoes escapeInvalidUtf8. Throws std::invalid_argument on a malformed
/// escape (the document was not written by escapeInvalidUtf8).
void unescapeInvalidUtf8(nlohmann::json &Document);

} // namespace relcheck
