//===- CodeQualityEmitter.h - GitLab Code Quality reports -------*- C++ -*-===//
//
// --format=codequality: GitLab's Code Quality report (artifacts:reports:
// codequality), a JSON array of issues in the subset of the Code Climate
// format GitLab reads. Documented in docs/ci.md#gitlab-ci.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/Report.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace relcheck {

struct CodeQualityOptions {
  /// location.path is relative to it (GitLab maps paths to the repository
  /// by it); a file outside it keeps its absolute path.
  std::string BaseDir;
};

/// One issue per finding: type "issue", check_name (the rule id),
/// description (the message, then the notes), categories, severity
/// (error -> critical, warning -> major, note -> info), location.path and
/// location.lines.begin/end, and a fingerprint: the finding's baseline
/// fingerprint (stable across moved lines and renamed files, so GitLab
/// tracks an issue between a merge request and its target branch), with
/// "-2", "-3", ... for further identical findings, since GitLab requires
/// every fingerprint of a report to be unique.
nlohmann::ordered_json reportToCodeQuality(const AnalysisReport &Report,
                                           const CodeQualityOptions &Options);

/// Writes the report, indented by two spaces, with a final newline.
void emitCodeQuality(const AnalysisReport &Report,
                     const CodeQualityOptions &Options, std::ostream &OS);

} // namespace relcheck
