//===- RdjsonlEmitter.h - reviewdog's diagnostic format ---------*- C++ -*-===//
//
// --format=rdjsonl: one reviewdog Diagnostic (rdjson schema) per line, for
// `reviewdog -f=rdjsonl`, so pull requests get review comments with
// suggested changes without a code-scanning service. docs/sarif.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/Report.h"
#include "emit/SourceFileCache.h"
#include "findings/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace relcheck {

struct RdjsonlOptions {
  /// Paths under it are written relative to it (reviewdog matches them
  /// against the diff); others stay absolute. "" = all absolute.
  std::string BaseDir;
  /// For code.url (the rule's documentation).
  std::vector<const RuleInfo *> Rules;
};

/// One diagnostic. Positions are 1-based lines and UTF-8 byte columns with
/// an exclusive end, as rdjson specifies. The finding's first fix becomes
/// the suggestions when every edit of it is in the finding's own file (a
/// review comment can only suggest changes to the file it is on); a fix
/// spanning files is left out rather than suggested half-applied. Notes are
/// appended to the message as "note: <path>:<line>: <text>" lines.
nlohmann::ordered_json findingToRdjson(const Finding &F,
                                       const RdjsonlOptions &Options,
                                       SourceFileCache &Sources);

/// Every finding, one compact JSON object per line.
void emitRdjsonl(const AnalysisReport &Report, const RdjsonlOptions &Options,
                 SourceFileCache &Sources, std::ostream &OS);

} // namespace relcheck
