//===- SourceSnapshots.h - the bytes facts were drawn from ------*- C++ -*-===//
#pragma once

#include "facts/Facts.h"
#include "fixes/SourceSnapshot.h"

#include <map>
#include <string>

namespace relcheck {

/// Records the files Facts were drawn from, read right after Clang parsed
/// them (or right after the cache vouched for them). A file whose
/// annotation text no longer matches what Clang saw, or whose bytes differ
/// from the hash in \p Hashes (path -> content hash, when given), was
/// edited in between: its offsets cannot be trusted, so it is marked
/// changed and no fix is written to it.
void snapshotSources(const TuFacts &Facts, SourceSnapshot &Sources,
                     const std::map<std::string, std::string> *Hashes);

} // namespace relcheck
