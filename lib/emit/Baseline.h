//===- Baseline.h - accepted findings, recorded to ignore later -*- C++ -*-===//
//
// --write-baseline records the current findings; --baseline reports (and
// fails on) only the findings it does not list. Entries match by
// findingFingerprint() (rule + model + attribute + normalized annotation
// text), never by file or line, so moving code, renaming a header or
// reformatting an annotation keeps them matched. The file format is
// documented in docs/baseline.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// "version" of the baseline file; bump on any change that is not a pure
/// addition of optional members.
constexpr int BaselineFormatVersion = 1;

struct BaselineEntry {
  std::string Rule;
  std::string Model;
  std::string Attribute;
  std::string Fingerprint; ///< findingFingerprint().
  /// Identical findings (same fingerprint) accepted; each matches one.
  unsigned Count = 1;
};

struct Baseline {
  /// Sorted by (Rule, Model, Attribute, Fingerprint), fingerprints unique.
  std::vector<BaselineEntry> Entries;
};

/// The baseline accepting exactly \p Findings.
Baseline baselineFromFindings(const std::vector<Finding> &Findings);

/// The file's text: JSON, two-space indent, entries sorted, final newline.
std::string serializeBaseline(const Baseline &B);

/// Parses a baseline file's text. On error returns nullopt and sets \p Error
/// to "<Name>:<line>:<column>: <problem>" for malformed JSON, or
/// "<Name>: <json path>: <problem>" for a well-formed file of the wrong
/// shape. Duplicate fingerprints add up.
std::optional<Baseline> parseBaseline(std::string_view Text,
                                      const std::string &Name,
                                      std::string &Error);

struct BaselineComparison {
  /// Findings the baseline does not accept, in the given order.
  std::vector<Finding> New;
  /// Findings it accepts, in the given order.
  std::vector<Finding> Unchanged;
  /// Entries (or the part of an entry's Count) that matched no finding: the
  /// finding was fixed, so the entry can be dropped from the baseline.
  std::vector<BaselineEntry> Fixed;
};

/// Matches findings against the baseline. An entry with Count N accepts the
/// first N findings with its fingerprint (in the given order); more are
/// new, fewer leave the rest of the entry as fixed.
BaselineComparison compareWithBaseline(const std::vector<Finding> &Findings,
                                       const Baseline &B);

/// "relcheck-legacy-backref on 'User.addresses'" (for listing fixed entries).
std::string describeBaselineEntry(const BaselineEntry &E);

} // namespace relcheck
