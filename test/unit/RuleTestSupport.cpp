//===- RuleTestSupport.cpp - run rules on in-memory C++ -------------------===//
#include "RuleTestSupport.h"

#include "extract/FactExtractor.h"
#include "rules/Registry.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace relcheck {
namespace test {
namespace {

constexpr std::string_view TestDir = "/relcheck-test";
constexpr std::string_view VirtualIncludeDir = "/relcheck-virtual-include";

const std::string &ormHeader() {
  static const std::string Text = [] {
    std::ifstream In(RELCHECK_SOURCE_DIR "/lib/include/relcheck/orm.hpp");
    std::stringstream Buffer;
    Buffer << In.rdbuf();
    return Buffer.str();
  }();
  return Text;
}

std::string relativeToTestDir(const std::string &Path) {
  std::string Prefix = std::string(TestDir) + "/";
  if (Path.compare(0, Prefix.size(), Prefix) == 0)
    return Path.substr(Prefix.size());
  return Path;
}

/// Collects Clang errors as one-line strings instead of printing them.
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  explicit ErrorCollector(std::vector<std::string> &Errors) : Errors(Errors) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      clang::PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = relativeToTestDir(P.getFilename()) + ":" +
                std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    Errors.push_back(Where + "error: " + std::string(Text.str()));
  }

private:
  std::vector<std::string> &Errors;
};

} // namespace

std::string testPath(std::string_view Name) {
  return std::string(TestDir) + "/" + std::string(Name);
}

TuFacts factsFromCode(std::string_view Code,
                      const std::vector<TestSource> &Headers,
                      std::string_view FileName,
                      std::vector<std::string> *CompileErrors) {
  std::vector<std::string> Args = {
      "-std=c++17",
      "-fsyntax-only",
      "-I" + std::string(TestDir),
      "-I" + std::string(VirtualIncludeDir),
      "-resource-dir=" RELCHECK_CLANG_RESOURCE_DIR,
  };
  clang::tooling::FileContentMappings Files = {
      {std::string(VirtualIncludeDir) + "/relcheck/orm.hpp", ormHeader()}};
  for (const TestSource &Header : Headers)
    Files.push_back({testPath(Header.Path), Header.Code});

  std::vector<std::string> Errors;
  ErrorCollector Collector(Errors);
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(
          Code, Args, testPath(FileName), "relcheck-unit-test",
          std::make_shared<clang::PCHContainerOperations>(),
          clang::tooling::getClangStripDependencyFileAdjuster(), Files,
          &Collector);
  TuFacts Facts;
  if (AST)
    Facts = extractFacts(AST->getASTContext());
  else
    Errors.push_back(std::string(FileName) + ": error: no AST was built");
  Facts.MainFile = testPath(FileName);
  if (CompileErrors)
    CompileErrors->insert(CompileErrors->end(), Errors.begin(), Errors.end());
  return Facts;
}

RuleRun runRulesOnProject(const std::vector<TestSource> &Tus,
                          const std::vector<TestSource> &Headers,
                          std::string_view RuleId, bool AllowCompileErrors) {
  RuleRun Run;
  std::vector<TuFacts> Facts;
  for (const TestSource &Tu : Tus)
    Facts.push_back(
        factsFromCode(Tu.Code, Headers, Tu.Path, &Run.CompileErrors));
  if (!AllowCompileErrors)
    for (const std::string &Error : Run.CompileErrors)
      ADD_FAILURE() << "test code does not compile: " << Error;
  Run.Graph = ModelGraph::build(Facts);
  std::vector<const Rule *> Rules;
  if (RuleId.empty()) {
    Rules = allRules();
  } else if (const Rule *R = findRule(RuleId)) {
    Rules.push_back(R);
  } else {
    ADD_FAILURE() << "no rule " << RuleId;
  }
  Run.Findings = runRules(Run.Graph, Rules, RuleOptions());
  return Run;
}

RuleRun runRulesOnCode(std::string_view Code, std::string_view RuleId,
                       bool AllowCompileErrors) {
  return runRulesOnProject({{"main.cpp", std::string(Code)}}, {}, RuleId,
                           AllowCompileErrors);
}

std::vector<Finding> findingsFor(std::string_view Code,
                                 std::string_view RuleId) {
  return runRulesOnCode(Code, RuleId).Findings;
}

std::string describe(const Finding &F) {
  auto Where = [](const SourceSpan &S) {
    return relativeToTestDir(S.File) + ":" + std::to_string(S.Line) + ":" +
           std::to_string(S.Column);
  };
  std::string Out = Where(F.Range) + ": " + severityName(F.Sev) + ": " +
                    F.Message + " [" + F.RuleId + "]";
  if (!F.CaseId.empty())
    Out += " {" + F.CaseId + "}";
  for (const FindingNote &N : F.Notes)
    Out += "\n  " + Where(N.Range) + ": note: " + N.Message;
  return Out;
}

std::string describe(const std::vector<Finding> &Findings) {
  std::string Out;
  for (const Finding &F : Findings)
    Out += describe(F) + "\n";
  return Out;
}

} // namespace test
} // namespace relcheck
