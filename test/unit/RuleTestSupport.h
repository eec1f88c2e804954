//===- RuleTestSupport.h - run rules on in-memory C++ -----------*- C++ -*-===//
//
// The whole pipeline on source strings, for rule unit tests: C++ code ->
// Clang AST (in memory, with <relcheck/orm.hpp> mapped virtually) ->
// extractFacts -> ModelGraph::build -> runRules. The STL comes from the real
// file system, so test code may include <vector> and friends.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"
#include "findings/Finding.h"
#include "graph/ModelGraph.h"

#include <string>
#include <string_view>
#include <vector>

namespace relcheck {
namespace test {

/// A file of an in-memory project; Path is relative to the test directory.
struct TestSource {
  std::string Path;
  std::string Code;
};

/// Absolute path of a test file as the extractor reports it in SourceSpans
/// ("main.cpp" -> "/relcheck-test/main.cpp").
std::string testPath(std::string_view Name);

/// Facts of one TU compiled from Code as testPath(FileName), with Headers
/// mapped into the test directory (which is on the include path) and
/// `-std=c++17`. Clang errors go to CompileErrors (one line each, e.g.
/// "main.cpp:3:1: error: ..."); nullptr to ignore them.
TuFacts factsFromCode(std::string_view Code,
                      const std::vector<TestSource> &Headers = {},
                      std::string_view FileName = "main.cpp",
                      std::vector<std::string> *CompileErrors = nullptr);

/// A graph and the findings rules produced on it.
struct RuleRun {
  ModelGraph Graph;
  std::vector<Finding> Findings;
  std::vector<std::string> CompileErrors;
};

/// Compiles every TU (each with all Headers visible), builds one graph and
/// runs the rule RuleId (every rule when empty). The findings are sorted.
/// Compile errors add a gtest failure unless AllowCompileErrors.
RuleRun runRulesOnProject(const std::vector<TestSource> &Tus,
                          const std::vector<TestSource> &Headers,
                          std::string_view RuleId = "",
                          bool AllowCompileErrors = false);

/// runRulesOnProject for a single main.cpp.
RuleRun runRulesOnCode(std::string_view Code, std::string_view RuleId = "",
                       bool AllowCompileErrors = false);

/// The findings of rule RuleId on a single main.cpp.
std::vector<Finding> findingsFor(std::string_view Code,
                                 std::string_view RuleId);

/// "main.cpp:3:5: warning: text [rule-id]" plus "  note: ..." lines, with
/// paths relative to the test directory: readable gtest failure output.
std::string describe(const Finding &F);
std::string describe(const std::vector<Finding> &Findings);

} // namespace test
} // namespace relcheck
