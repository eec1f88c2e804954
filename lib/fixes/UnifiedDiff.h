//===- UnifiedDiff.h - what a fix changes, as a unified diff ----*- C++ -*-===//
#pragma once

#include "clang/Tooling/Core/Replacement.h"

#include <string>

namespace relcheck {

/// A unified diff (`diff -u` format) turning Old into
/// New, with Context lines of context around each change. OldLabel and
/// NewLabel follow `---` and `+++`. A last line without a line break is
/// marked with "\ No newline at end of file". "" when Old == New.
std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New, unsigned Context = 3);

/// The same, where New is Old with Edits applied: only the lines the edits
/// touch are compared, so time and memory stay linear in the file however
/// many edits it has (a diff of the whole files costs O(D^2) memory in the
/// D lines changed: 7 GB for 10,000 fixes in one file).
std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New,
                        const clang::tooling::Replacements &Edits,
                        unsigned Context = 3);

} // namespace relcheck
