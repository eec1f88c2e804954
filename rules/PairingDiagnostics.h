//===- PairingDiagnostics.h - SQLAlchemy's pairing refusals, as text -*- C++
//-*-===//
//
// relcheck-back-populates-mismatch quotes SQLAlchemy 1.4's own reason for
// every configuration it refuses (§3.1), with the names filled in the way
// SQLAlchemy prints them (Python class names, "mapped class B->b"), so a
// user can match the finding against the traceback they would get. Kept
// apart from the rule so the texts are reviewable against the notes in one
// place.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ModelGraph.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {
namespace pairing {

/// Every refusal message starts with this.
inline constexpr std::string_view RefusedPrefix =
    "SQLAlchemy refuses this configuration: ";

/// What a name-collision finding says instead of offering a fix.
inline constexpr std::string_view RenameByUser =
    "rename one of them (no automatic fix: the name is part of the model's "
    "API)";

/// SQLAlchemy's str() of a mapper: "mapped class Address->address".
std::string mapperText(const Model &M);
/// SQLAlchemy's str() of a relationship: "User.addresses" (the Python class
/// name, without namespaces).
std::string sqlaName(const Relationship &R);

/// SQLAlchemy's messages (§3.1) with a final period dropped, because
/// relcheck messages never end with one.
std::string e1Reason();
std::string e2Reason(const Model &Target, std::string_view Key);
std::string e3Reason(const Relationship &R, std::string_view AttributeText);
std::string e4Reason(const Relationship &R, const Relationship &Partner);
/// First is the side SQLAlchemy configured first.
std::string e5Reason(const Relationship &First, const Relationship &Second);
std::string e6Reason(std::string_view Name, const Relationship &R,
                     const Model &Mapper);
std::string e7Reason();
std::string e8Reason();
/// SyncSide says sync_backref=True, ViewOnlySide is viewonly.
std::string e9Reason(const Relationship &SyncSide,
                     const Relationship &ViewOnlySide);

/// The candidate that Written is clearly a misspelling of: the unique
/// closest one by edit distance (case-insensitive, transpositions count
/// once), within a third of the name's length and never a complete
/// rewrite. nullopt when none or several are equally close.
std::optional<std::string>
clearlyIntendedName(std::string_view Written,
                    const std::vector<std::string> &Candidates);

} // namespace pairing
} // namespace relcheck
