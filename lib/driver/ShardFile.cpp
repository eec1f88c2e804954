//===- ShardFile.cpp ------------------------------------------------------===//
#include "ShardFile.h"
#include "RegularFile.h"

#include "facts/ByteExactJson.h"
#include "facts/FactsJson.h"

#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace relcheck {
namespace {

using nlohmann::json;
constexpr int ShardFormat = 1;

json errorsToJson(const std::vector<ToolError> &Errors) {
  json A = json::array();
  for (const ToolError &E : Errors)
    A.push_back({{"file", E.File}, {"message", E.Message}});
  return A;
}

std::vector<ToolError> errorsFromJson(const json &A) {
  std::vector<ToolError> Errors;
  for (const json &E : A)
    Errors.push_back(
        {E.at("file").get<std::string>(), E.at("message").get<std::string>()});
  return Errors;
}

} // namespace

size_t countPlannedUnits(const TranslationUnitPlan &Plan) {
  size_t N = 0;
  for (const TranslationUnitJob &Job : Plan.Jobs)
    N += Job.Commands.size();
  return N;
}

std::string writeShardFile(const std::vector<ToolError> &PlanErrors,
                           const std::vector<TuOutcome> &Units,
                           unsigned ShardIndex, unsigned ShardCount,
                           size_t TotalUnits) {
  json UnitsJson = json::array();
  for (const TuOutcome &U : Units) {
    json Facts;
    to_json(Facts, U.Facts);
    UnitsJson.push_back({{"index", U.Index},
                         {"compiled", U.Compiled},
                         {"errors", errorsToJson(U.Errors)},
                         {"facts", std::move(Facts)}});
  }
  json J = {{"relcheckShardFile", ShardFormat},
            {"shard", {{"index", ShardIndex}, {"count", ShardCount}}},
            {"translationUnits", TotalUnits},
            {"planErrors", errorsToJson(PlanErrors)},
            {"units", std::move(UnitsJson)}};
  escapeInvalidUtf8(J); // The merged report must equal an unsharded one.
  return J.dump(-1, ' ', false) + "\n";
}

llvm::Error readShardFiles(const std::vector<std::string> &Paths,
                           std::vector<ToolError> &PlanErrors,
                           std::vector<TuOutcome> &Units) {
  std::optional<unsigned> Count;
  std::optional<size_t> Total;
  std::map<unsigned, std::string> SeenShards; // index -> file
  std::set<size_t> SeenUnits;
  std::optional<std::vector<ToolError>> FirstPlanErrors;
  for (const std::string &Path : Paths) {
    auto Fail = [&](const std::string &Why) {
      return llvm::createStringError("'" + Path + "': " + Why);
    };
    // --facts-out writes regular files; /dev/zero read on until memory
    // ran out, a FIFO blocked.
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        readRegularFile(Path);
    if (Buffer.getError() == std::errc::not_supported)
      return Fail("not a regular file (a FIFO or device)");
    if (!Buffer)
      return Fail("cannot read: " + Buffer.getError().message());
    try {
      llvm::StringRef Text = (*Buffer)->getBuffer();
      json J = json::parse(Text.begin(), Text.end());
      unescapeInvalidUtf8(J);
      if (!J.is_object() || !J.contains("relcheckShardFile"))
        return Fail("not a relcheck --facts-out file");
      if (J.at("relcheckShardFile").get<int>() != ShardFormat)
        return Fail("unsupported --facts-out format version " +
                    J.at("relcheckShardFile").dump());
      unsigned Index = J.at("shard").at("index").get<unsigned>();
      unsigned N = J.at("shard").at("count").get<unsigned>();
      size_t T = J.at("translationUnits").get<size_t>();
      if ((Count && *Count != N) || (Total && *Total != T))
        return Fail("comes from a different run (shard count or number of "
                    "translation units differs from the other files)");
      Count = N;
      Total = T;
      if (!SeenShards.emplace(Index, Path).second)
        return Fail("shard " + std::to_string(Index) + "/" + std::to_string(N) +
                    " is also in '" + SeenShards[Index] + "'");
      std::vector<ToolError> Errors = errorsFromJson(J.at("planErrors"));
      if (!FirstPlanErrors)
        FirstPlanErrors = Errors;
      for (const json &U : J.at("units")) {
        TuOutcome Unit;
        Unit.Index = U.at("index").get<size_t>();
        Unit.Compiled = U.at("compiled").get<bool>();
        Unit.Errors = errorsFromJson(U.at("errors"));
        from_json(U.at("facts"), Unit.Facts);
        if (Unit.Index >= T || !SeenUnits.insert(Unit.Index).second)
          return Fail("translation unit #" + std::to_string(Unit.Index) +
                      " is out of range or listed twice");
        Units.push_back(std::move(Unit));
      }
    } catch (const std::exception &E) {
      return Fail(std::string("malformed --facts-out file: ") + E.what());
    }
  }
  if (!Count)
    return llvm::createStringError("no --facts-out files given");
  for (unsigned I = 0; I < *Count; ++I)
    if (!SeenShards.count(I))
      return llvm::createStringError(
          "shard " + std::to_string(I) + "/" + std::to_string(*Count) +
          " is missing: merge needs the --facts-out file of every shard");
  if (SeenUnits.size() != *Total)
    return llvm::createStringError(
        "the --facts-out files hold " + std::to_string(SeenUnits.size()) +
        " of " + std::to_string(*Total) + " translation units");
  PlanErrors = std::move(*FirstPlanErrors);
  return llvm::Error::success();
}

} // namespace relcheck
