//===- FactsReaderFuzzer.cpp - libFuzzer: facts, shards, cache entries ----===//
//
// The facts document (--dump-facts, the body of cache entries and shards)
// read back from any bytes: no crash, no exception escaping; what reads
// must write and read back (with the byte escapes of ByteExactJson).
//
//===----------------------------------------------------------------------===//
#include "facts/ByteExactJson.h"
#include "facts/FactsJson.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<relcheck::TuFacts> Units;
  std::string Error;
  if (!relcheck::factsFromJson(Text, Units, Error))
    return 0;
  std::vector<relcheck::TuFacts> Again;
  if (!relcheck::factsFromJson(relcheck::factsToJson(Units, -1), Again, Error))
    std::abort(); // What was read must be written readably.
  try {
    nlohmann::json J = nlohmann::json::parse(Text.begin(), Text.end());
    relcheck::escapeInvalidUtf8(J);
    nlohmann::json Back = nlohmann::json::parse(J.dump());
    relcheck::unescapeInvalidUtf8(Back);
  } catch (const std::exception &) {
  }
  return 0;
}
