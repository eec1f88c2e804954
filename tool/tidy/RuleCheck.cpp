//===- RuleCheck.cpp ------------------------------------------------------===//
#include "RuleCheck.h"

#include "InsertionAnchor.h"

#include "SpanLocator.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

#include <string>
#include <vector>

namespace relcheck::tidy {
namespace {

std::string optionKey(const RuleInfo &Info, const RuleOptionInfo &Option) {
  return std::string(Info.Id) + "." + std::string(Option.Name);
}

clang::DiagnosticIDs::Level levelOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return clang::DiagnosticIDs::Error;
  case Severity::Warning:
    return clang::DiagnosticIDs::Warning;
  case Severity::Note:
    // A top-level note would have no diagnostic to attach to; clang-tidy
    // only accepts notes right after a warning or an error.
    return clang::DiagnosticIDs::Remark;
  }
  return clang::DiagnosticIDs::Warning;
}

/// "file:line:col" for a span that cannot be shown as a location.
std::string describe(const SourceSpan &Span) {
  if (!Span.isValid())
    return "";
  return Span.File + ":" + std::to_string(Span.Line) + ":" +
         std::to_string(Span.Column);
}

} // namespace

RuleCheck::RuleCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context,
                     const Rule &TheRule,
                     std::shared_ptr<TuAnalysisCache> Cache)
    : ClangTidyCheck(Name, Context), TheRule(TheRule), Cache(std::move(Cache)) {
  const RuleInfo &Info = TheRule.info();
  for (const RuleOptionInfo &Option : Info.Options)
    RuleSettings.set(optionKey(Info, Option),
                     Options.get(Option.Name, Option.Default).str());
  this->Cache->enableRule(this, TheRule, RuleSettings);
}

RuleCheck::~RuleCheck() { Cache->disableRule(this, TheRule); }

bool RuleCheck::isLanguageVersionSupported(
    const clang::LangOptions &LangOpts) const {
  return LangOpts.CPlusPlus;
}

void RuleCheck::registerMatchers(clang::ast_matchers::MatchFinder *Finder) {
  // One match per TU, at the start of the traversal (the whole AST exists by
  // then): rules see the whole TU at once, never a declaration at a time.
  Finder->addMatcher(clang::ast_matchers::translationUnitDecl(), this);
}

void RuleCheck::onStartOfTranslationUnit() { Cache->startTranslationUnit(); }

void RuleCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  const RuleInfo &Info = TheRule.info();
  for (const RuleOptionInfo &Option : Info.Options)
    Options.store(Opts, Option.Name,
                  RuleSettings.get(optionKey(Info, Option), Option.Default));
}

void RuleCheck::check(
    const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  const TuAnalysis &Analysis = Cache->analysis(*Result.Context);
  if (!Analysis.Graph)
    return; // Compile errors: clang-tidy already reports them.
  // Every enabled rule's findings, computed once per TU: a fix that yields
  // to another rule's fix (Fix::YieldsOnOverlap) is gone, as in the CLI.
  const std::vector<Finding> &Findings = Cache->findings(*Result.Context);
  SpanLocator Locator(*Result.SourceManager);
  for (const Finding &F : Findings) {
    if (F.RuleId != TheRule.info().Id)
      continue;
    // The whole project's findings: those in files this TU does not read
    // are the other TUs' to report.
    if (Analysis.WholeProgram && F.Range.isValid() &&
        Locator.begin(F.Range).isInvalid())
      continue;
    report(F, Locator);
  }
}

void RuleCheck::attachFix(clang::DiagnosticBuilder &Diag, const Fix &Fix,
                          SpanLocator &Locator) {
  for (const Replacement &R : Fix.Replacements)
    Cache->claimReplacedBytes(R.File, R.Offset, R.Length);
  std::vector<clang::FixItHint> Hints;
  std::vector<Replacement> Edits = anchorInsertions(
      Fix,
      [&](const std::string &File, unsigned Offset) {
        return Locator.byteAt(File, Offset);
      },
      [&](const std::string &File, unsigned Offset) {
        return Cache->claimByte(File, Offset);
      });
  for (const Replacement &R : Edits) {
    std::optional<clang::CharSourceRange> Range =
        Locator.charRange(R.File, R.Offset, R.Length);
    // All or nothing: half a rewrite is worse than none.
    if (!Range)
      return;
    Hints.push_back(clang::FixItHint::CreateReplacement(*Range, R.Text));
  }
  for (clang::FixItHint &Hint : Hints)
    Diag << Hint;
}

void RuleCheck::report(const Finding &F, SpanLocator &Locator) {
  clang::SourceLocation Loc = Locator.begin(F.Range);
  {
    // The message is an argument, never the format string: a '%' in a
    // join condition must be printed, not interpreted.
    std::string Message = F.Message;
    if (Loc.isInvalid() && F.Range.isValid())
      Message += " (at " + describe(F.Range) + ")";
    clang::DiagnosticBuilder Diag = diag(Loc, "%0", levelOf(F.Sev));
    Diag << Message;
    if (!F.Fixes.empty())
      attachFix(Diag, F.Fixes.front(), Locator);
  } // Emitted here; notes must follow their diagnostic.
  for (const FindingNote &N : F.Notes) {
    clang::SourceLocation NoteLoc = Locator.begin(N.Range);
    std::string Message = N.Message;
    if (NoteLoc.isInvalid() && N.Range.isValid())
      Message += " (at " + describe(N.Range) + ")";
    diag(NoteLoc, "%0", clang::DiagnosticIDs::Note) << Message;
  }
  // Further fixes are alternatives: clang-tidy applies a note's fix only
  // with --fix-notes, and only when it is the single one offered.
  for (size_t I = 1; I < F.Fixes.size(); ++I) {
    const Fix &Alternative = F.Fixes[I];
    std::string Message = Alternative.Description.empty()
                              ? std::string("alternative fix")
                              : Alternative.Description;
    clang::DiagnosticBuilder Diag = diag(Loc, "%0", clang::DiagnosticIDs::Note);
    Diag << Message;
    attachFix(Diag, Alternative, Locator);
  }
}

} // namespace relcheck::tidy
