//===- SarifEmitter.h - SARIF 2.1.0 for code scanning -----------*- C++ -*-===//
//
// --format=sarif: one SARIF 2.1.0 log with one run, for GitHub code scanning
// and other SARIF consumers. Documented in docs/sarif.md; validated by the
// tests with Microsoft's SARIF multitool.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/Baseline.h"
#include "emit/Report.h"
#include "emit/RuleDocs.h"
#include "emit/SourceFileCache.h"
#include "findings/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace relcheck {

struct SarifOptions {
  std::string ToolVersion;
  /// Absolute, normalized. Files under it get a relative uri with uriBaseId
  /// SRCROOT (= this directory); others an absolute file:// uri. "" = all
  /// absolute.
  std::string BaseDir;
  /// tool.driver.rules, in this order (results refer to them by index).
  std::vector<const RuleInfo *> Rules;
  /// With --baseline: the report's findings are the new ones, each with
  /// baselineState "new". The accepted ("unchanged") findings and the fixed
  /// ("absent") entries are left out: GitHub code scanning ignores both
  /// baselineState and suppressions, so every uploaded result is an alert,
  /// and a baseline entry records no location for an absent result. Null
  /// without --baseline (no baselineState at all).
  const BaselineComparison *Baseline = nullptr;
};

/// The SARIF log. Columns are UTF-16 code units (run.columnKind), converted
/// from the findings' byte columns with the source lines read from disk; a
/// region whose line cannot be read has lines only. Fix edits use byte
/// offsets (deletedRegion.byteOffset/byteLength), which need no conversion.
nlohmann::ordered_json reportToSarif(const AnalysisReport &Report,
                                     const SarifOptions &Options,
                                     SourceFileCache &Sources);

/// Writes the log, indented by two spaces, with a final newline.
void emitSarif(const AnalysisReport &Report, const SarifOptions &Options,
               SourceFileCache &Sources, std::ostream &OS);

/// Column \p ByteColumn (1-based) of \p Line in UTF-16 code units (1-based).
/// A column past the end of the line counts the missing bytes as one unit
/// each (the line terminator).
unsigned utf16Column(std::string_view Line, unsigned ByteColumn);

} // namespace relcheck
