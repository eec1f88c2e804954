//===- Plural.h - "1 model declaration", "2 model declarations" -*- C++ -*-===//
//
// Counts in progress and summary lines read as English: a user who sees
// "1 model declarations" wonders what else the tool gets wrong.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace relcheck {

/// The noun for Count: Singular when Count is 1, else Plural (default:
/// Singular + "s").
inline std::string pluralNoun(unsigned long long Count,
                              const std::string &Singular,
                              const std::string &Plural = "") {
  if (Count == 1)
    return Singular;
  return Plural.empty() ? Singular + "s" : Plural;
}

/// "1 warning", "2 warnings", "1 corrupt cache entry", "0 corrupt cache
/// entries".
inline std::string countOf(unsigned long long Count,
                           const std::string &Singular,
                           const std::string &Plural = "") {
  return std::to_string(Count) + " " + pluralNoun(Count, Singular, Plural);
}

} // namespace relcheck
