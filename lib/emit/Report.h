//===- Report.h - everything one relcheck run reports -----------*- C++ -*-===//
#pragma once

#include "findings/Finding.h"

#include <string>
#include <vector>

namespace relcheck {

/// A tool-level error: the input could not be analyzed (a missing file, a
/// broken compilation database, a translation unit that does not compile).
/// Not a finding: it says nothing about the models, only that relcheck could
/// not look at (part of) them.
struct ToolError {
  /// The file the error is about (absolute, normalized where it exists); ""
  /// when the error is not about one file.
  std::string File;
  /// One line, clang-tidy style, without the "relcheck: error: " prefix.
  std::string Message;
};

/// The result of one run, as the emitters render it.
struct AnalysisReport {
  /// Sorted with sortFindings().
  std::vector<Finding> Findings;
  /// In the order they were found (translation units in sorted order).
  std::vector<ToolError> Errors;
  /// Translation units whose facts were analyzed (compiled without errors).
  unsigned TranslationUnits = 0;
};

/// Counts of findings by severity (tool errors are not counted).
struct FindingCounts {
  unsigned Errors = 0;
  unsigned Warnings = 0;
  unsigned Notes = 0;
};

FindingCounts countFindings(const std::vector<Finding> &Findings);

} // namespace relcheck
