//===- RuleDocs.h - the rule pages, for SARIF's rule help -------*- C++ -*-===//
//
// docs/rules/*.md are embedded at build time (cmake/EmbedRuleDocs.cmake), so
// the help a SARIF consumer shows is the rule's page itself, whatever
// version of relcheck wrote the log. The URLs are CMake cache variables
// (RELCHECK_REPOSITORY_URL, RELCHECK_DOCS_URL) for forks and mirrors.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/RuleInfo.h"

#include <string>
#include <string_view>

namespace relcheck {

/// relcheck's home page (SARIF informationUri, rdjsonl source.url).
std::string_view relcheckRepositoryUrl();

/// Base URL of the repository's files; a DocPath is appended to it.
std::string_view relcheckDocsUrl();

/// relcheckDocsUrl() + DocPath ("" when DocPath is "").
std::string ruleHelpUrl(const RuleInfo &Info);

/// The embedded page at \p DocPath ("docs/rules/legacy-backref.md"), or ""
/// when no page of that path was embedded.
std::string_view embeddedRuleDoc(std::string_view DocPath);

/// The page as SARIF help markdown: relative links ("../fixes.md") become
/// absolute under relcheckDocsUrl(), as a SARIF viewer has no repository to
/// resolve them against.
std::string ruleHelpMarkdown(std::string_view DocPath);

/// The page as plain text: the markdown with link targets written out after
/// their text ("text (url)") and code fences, emphasis and backquotes
/// removed.
std::string ruleHelpText(std::string_view DocPath);

} // namespace relcheck
