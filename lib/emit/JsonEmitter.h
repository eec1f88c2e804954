//===- JsonEmitter.h - the versioned JSON report ----------------*- C++ -*-===//
//
// The format is documented in docs/json-report.md and described by
// docs/json-report.schema.json. Change them together, and bump
// JsonReportSchemaVersion on any change that is not a pure addition.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/Baseline.h"
#include "emit/Report.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace relcheck {

/// Version of the JSON report format ("schemaVersion").
constexpr int JsonReportSchemaVersion = 1;

/// Builds the report object. Keys keep the documented order; findings keep
/// the given order (callers sort them); notes, fixes and replacements keep
/// theirs; errors are sorted by file then message. With \p Baseline
/// (--baseline; the report's findings are then the new ones) a final
/// "baseline" member counts the accepted findings and lists the fixed
/// entries; without it there is no such member.
nlohmann::ordered_json
reportToJson(const AnalysisReport &Report, const std::string &ToolVersion,
             const BaselineComparison *Baseline = nullptr);

/// Writes the report, indented by two spaces, with a final newline.
void emitJson(const AnalysisReport &Report, const std::string &ToolVersion,
              std::ostream &OS, const BaselineComparison *Baseline = nullptr);

} // namespace relcheck
