//===- UnifiedDiff.h - what a fix changes, as a unified diff ----*- C++ -*-===//
#pragma once

#include <string>

namespace relcheck {

/// A unified diff (`diff -u` format) turning Old into
/// New, with Context lines of context around each change. OldLabel and
/// NewLabel follow `---` and `+++`. A last line without a line break is
/// marked with "\ No newline at end of file". "" when Old == New.
std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New, unsigned Context = 3);

} // namespace relcheck
