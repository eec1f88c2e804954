//===- BaselineFuzzer.cpp - libFuzzer: the --baseline file reader ---------===//
//
// A baseline is a checked-in file anyone can edit: parseBaseline must take
// any bytes without crashing, and what it accepts must serialize and parse
// back to the same entries (--write-baseline after --baseline).
//
//===----------------------------------------------------------------------===//
#include "emit/Baseline.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <tuple>

namespace {

bool sameEntries(const relcheck::Baseline &A, const relcheck::Baseline &B) {
  if (A.Entries.size() != B.Entries.size())
    return false;
  for (size_t I = 0; I < A.Entries.size(); ++I) {
    const relcheck::BaselineEntry &X = A.Entries[I], &Y = B.Entries[I];
    if (std::tie(X.Rule, X.Model, X.Attribute, X.Fingerprint, X.Count) !=
        std::tie(Y.Rule, Y.Model, Y.Attribute, Y.Fingerprint, Y.Count))
      return false;
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  std::optional<relcheck::Baseline> B =
      relcheck::parseBaseline(Text, "fuzz.json", Error);
  if (!B) {
    if (Error.empty())
      std::abort(); // A refusal must say why.
    return 0;
  }
  for (const relcheck::BaselineEntry &E : B->Entries)
    (void)relcheck::describeBaselineEntry(E);
  std::string Again = relcheck::serializeBaseline(*B);
  std::optional<relcheck::Baseline> Back =
      relcheck::parseBaseline(Again, "fuzz.json", Error);
  if (!Back || !sameEntries(*B, *Back))
    std::abort(); // --write-baseline must write what --baseline reads.
  return 0;
}
