//===- FindingKey.h - a finding's identity across edits ---------*- C++ -*-===//
//
// The baseline (--baseline) and SARIF's partialFingerprints identify a
// finding by what it is about, not where it is: rule, model, attribute and
// the normalized text of the annotation. Moving lines, renaming a file or
// reformatting the annotation keeps the identity; editing the annotation's
// arguments or renaming the model or attribute makes a new finding. Both
// consumers call findingFingerprint(), so they can never disagree.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"
#include "findings/Finding.h"

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// The key under which the fingerprint appears in SARIF partialFingerprints;
/// the version part changes whenever findingFingerprint() changes.
constexpr const char *FingerprintKey = "relcheck/v1";

/// The annotation's argument text with formatting removed: white space and
/// C/C++ comments outside string literals dropped, runs of white space
/// inside string literals collapsed to one space. `"A" , backref = "b"` and
/// `"A",backref="b"` normalize alike.
std::string normalizeAnnotationText(std::string_view Text);

/// Sets Finding::AnnotationKey of every finding from the facts: the
/// annotation of the finding's Model.Attribute when the facts declare it,
/// else the innermost annotation (or annotated declaration) containing the
/// finding's primary location, else (no annotation at all) the message.
void attachAnnotationKeys(std::vector<Finding> &Findings,
                          const std::vector<TuFacts> &Facts);

/// 16 lowercase hex digits: a 64-bit FNV-1a hash of FingerprintKey, rule id,
/// model, attribute and AnnotationKey. Stable across platforms and runs.
std::string findingFingerprint(const Finding &F);

} // namespace relcheck
