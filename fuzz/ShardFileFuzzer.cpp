//===- ShardFileFuzzer.cpp - libFuzzer: `relcheck merge`'s shard reader ---===//
//
// --facts-out files travel between CI jobs as artifacts: readShardFiles
// must take any bytes without crashing (its envelope: shard index and
// count, plan errors, units; the facts inside go through FactsJson), and a
// file it accepts must write and read back as the same units.
//
//===----------------------------------------------------------------------===//
#include "driver/ShardFile.h"

#include "facts/FactsJson.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

const std::string &shardPath() {
  static const std::string Path = [] {
    char Template[] = "/tmp/relcheck-fuzz-shard-XXXXXX";
    int Fd = ::mkstemp(Template);
    if (Fd < 0)
      std::abort();
    ::close(Fd);
    return std::string(Template);
  }();
  return Path;
}

bool read(const std::string &Text, std::vector<relcheck::ToolError> &PlanErrors,
          std::vector<relcheck::TuOutcome> &Units) {
  std::ofstream(shardPath(), std::ios::binary | std::ios::trunc) << Text;
  if (llvm::Error E =
          relcheck::readShardFiles({shardPath()}, PlanErrors, Units)) {
    llvm::consumeError(std::move(E));
    return false;
  }
  return true;
}

std::string unitsText(const std::vector<relcheck::TuOutcome> &Units) {
  std::string S;
  for (const relcheck::TuOutcome &U : Units) {
    S += std::to_string(U.Index) + (U.Compiled ? "+" : "-");
    for (const relcheck::ToolError &E : U.Errors)
      S += E.File + '\0' + E.Message + '\0';
    S += relcheck::factsToJson({U.Facts}, -1) + '\n';
  }
  return S;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::vector<relcheck::ToolError> PlanErrors;
  std::vector<relcheck::TuOutcome> Units;
  if (!read(std::string(reinterpret_cast<const char *>(Data), Size), PlanErrors,
            Units))
    return 0;
  // Accepted: one shard of one, every unit present.
  std::vector<relcheck::ToolError> PlanErrorsBack;
  std::vector<relcheck::TuOutcome> UnitsBack;
  if (!read(relcheck::writeShardFile(PlanErrors, Units, 0, 1, Units.size()),
            PlanErrorsBack, UnitsBack) ||
      unitsText(Units) != unitsText(UnitsBack) ||
      PlanErrors.size() != PlanErrorsBack.size())
    std::abort(); // What merge reads, --facts-out must be able to write.
  return 0;
}
