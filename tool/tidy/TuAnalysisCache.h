//===- TuAnalysisCache.h - one analysis per TU, shared by checks -*- C++
//-*-===//
//
// clang-tidy creates one check object per enabled relcheck rule for every
// TU. Extracting facts and building the model graph is the expensive part,
// so the checks of one TU share a cache: the first check to ask analyses the
// TU, the others reuse the graph and run only their own rule on it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "graph/ModelGraph.h"
#include "rules/Rule.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace clang {
class ASTContext;
} // namespace clang

namespace relcheck::tidy {

/// The model graph of one TU, built the way the CLI builds it (the same
/// extractor and ModelGraph::build), or nothing when the TU has compile
/// errors: a half-parsed class looks like a model missing members, and the
/// CLI leaves such TUs out for the same reason.
struct TuAnalysis {
  std::optional<ModelGraph> Graph;
  /// The graph holds the whole project: this TU's facts merged with the
  /// other TUs' from the fact cache (ProjectManifest.h). Findings outside
  /// this TU's files belong to other TUs and are not reported here.
  bool WholeProgram = false;
};

/// Shared by every relcheck check that one ClangTidyASTConsumerFactory
/// creates (one per module registration, not a process-wide global).
class TuAnalysisCache {
public:
  /// Forgets the previous TU. Every check calls this from
  /// onStartOfTranslationUnit, which MatchFinder runs for all checks before
  /// any match: a new ASTContext may reuse the previous one's address, so
  /// the pointer alone cannot tell TUs apart.
  void startTranslationUnit();

  /// The analysis of the TU that owns Ctx, computed on the first call.
  /// The reference stays valid until the next startTranslationUnit().
  const TuAnalysis &analysis(clang::ASTContext &Ctx);

  /// The checks of a TU register their rule (with their CheckOptions) when
  /// created and withdraw it when destroyed: findings() runs exactly the
  /// enabled rules.
  void enableRule(const void *Check, const Rule &R, const RuleOptions &Options);
  void disableRule(const void *Check, const Rule &R);

  /// The findings of every enabled rule on the TU that owns Ctx, computed
  /// once: sorted, and with each fix that yields to another enabled rule's
  /// fix dropped (dropYieldingFixes), as the CLI shows them. Each check
  /// reports its own rule's. Empty when the TU has compile errors.
  const std::vector<Finding> &findings(clang::ASTContext &Ctx);

  /// Reserves byte Offset of File for one fix-it of this TU (see
  /// InsertionAnchor.h); false when a fix-it of any check took it already.
  bool claimByte(const std::string &File, unsigned Offset);
  /// Marks the bytes a fix-it of this TU replaces, so that no insertion of
  /// another fix-it anchors on them (clang-tidy would see the two overlap
  /// and apply neither).
  void claimReplacedBytes(const std::string &File, unsigned Offset,
                          unsigned Length);

private:
  std::mutex
      Mutex; // clang-tidy runs TUs one at a time; this is cheap insurance.
  const clang::ASTContext *Key = nullptr;
  TuAnalysis Current;
  std::optional<std::vector<Finding>> CurrentFindings;
  /// Per rule id: the check that enabled it, the rule, its options.
  struct EnabledRule {
    const void *Check;
    const Rule *TheRule;
    RuleOptions Options;
  };
  std::map<std::string, EnabledRule, std::less<>> Enabled;
  std::set<std::pair<std::string, unsigned>> ClaimedBytes;
};

} // namespace relcheck::tidy
