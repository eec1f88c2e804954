//===- RuleCheck.h - one relcheck rule as a clang-tidy check ----*- C++ -*-===//
//
// The only plugin-specific logic: take a relcheck Rule's findings on the
// TU's model graph (every enabled rule runs once per TU, in
// TuAnalysisCache, so that fixes yield to each other as in the CLI) and
// turn them into clang-tidy diagnostics, notes and fix-its. No rule logic
// lives here.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "TuAnalysisCache.h"

#include "rules/Rule.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <memory>

namespace relcheck::tidy {

class SpanLocator;

/// clang-tidy check `relcheck-<rule>` for one relcheck Rule. clang-tidy
/// creates one per TU; the checks of a TU share one TuAnalysisCache.
class RuleCheck : public clang::tidy::ClangTidyCheck {
public:
  RuleCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
            const Rule &TheRule, std::shared_ptr<TuAnalysisCache> Cache);
  ~RuleCheck() override;

  bool
  isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onStartOfTranslationUnit() override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void report(const Finding &F, SpanLocator &Locator);
  /// Attaches Fix to Diag when every replacement maps into this TU, its
  /// insertions anchored on a neighbouring byte (InsertionAnchor.h).
  void attachFix(clang::DiagnosticBuilder &Diag, const Fix &Fix,
                 SpanLocator &Locator);

  const Rule &TheRule;
  std::shared_ptr<TuAnalysisCache> Cache;
  /// `relcheck-<rule>.<Name>` values from CheckOptions (defaults otherwise),
  /// the same keys the CLI's configuration uses.
  RuleOptions RuleSettings;
};

} // namespace relcheck::tidy
