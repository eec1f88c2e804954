//===- FactsDump.h - --dump-facts -------------------------------*- C++ -*-===//
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace relcheck {

/// The --dump-facts document: the facts of every analyzed translation unit
/// (in sorted TU order, failed ones included with their compileErrors) as
/// factsToJson writes them ({"schemaVersion", "translationUnits"}),
/// followed by a newline.
std::string dumpFacts(const std::vector<TuFacts> &AllFacts);

} // namespace relcheck
