//===- FactsDump.cpp ------------------------------------------------------===//
#include "FactsDump.h"

#include "facts/FactsJson.h"

namespace relcheck {

std::string dumpFacts(const std::vector<TuFacts> &AllFacts) {
  return factsToJson(AllFacts, /*Indent=*/2) + "\n";
}

} // namespace relcheck
