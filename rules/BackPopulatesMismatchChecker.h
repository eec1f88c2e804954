//===- BackPopulatesMismatchChecker.h - the rule's checks ------*- C++ -*-===//
//
// Private to relcheck-back-populates-mismatch: its checks, one class split
// across three files by what SQLAlchemy does with the link:
//  - BackPopulatesMismatchRule.cpp: the order of the checks (check,
//    checkLinkedPair), findings, and what both parts' fixes share;
//  - BackPopulatesMismatchRefused.cpp: what SQLAlchemy refuses at mapper
//    configuration (E1-E9) or accepts only by declaration order (S9);
//  - BackPopulatesMismatchSilent.cpp: what it accepts while the two sides
//    do not mirror each other (S1-S11).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "rules/FixBuilders.h"
#include "rules/FixSupport.h"
#include "rules/PairingDiagnostics.h"
#include "rules/Rule.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {
namespace mismatch {

inline constexpr std::string_view RuleId = "relcheck-back-populates-mismatch";

using pairing::RefusedPrefix;

using fixit::quoted;

/// The root of a model's inheritance hierarchy: SQLAlchemy's base_mapper.
const Model *rootOf(const Model *M);

/// SQLAlchemy's Mapper.common_parent: one inheritance hierarchy. Siblings
/// share it too, so E4 needs a different hierarchy (observed on 1.4.46).
bool sameHierarchy(const Model *A, const Model *B);

/// Every model deriving from M, directly or not.
std::vector<const Model *> descendantsOf(const Model &M);

bool isOneToManyOrManyToOne(Direction D);

/// Python truthiness of a literal argument (relationship() tests
/// `if back_populates:` and `if backref:`); anything that is not a literal
/// (a call, a name) is an object, hence true.
bool isTruthy(const PyExpr &E);

bool explicitlyFalse(const std::optional<bool> &B);

bool explicitlyTrue(const std::optional<bool> &B);

/// Where a relationship's link to its partner is written: the
/// back_populates value, else its backref= argument; for a generated side,
/// the backref name that generates it.
SourceSpan linkSite(const Relationship &R);

/// The relationship whose declaration holds R's diagnostics.
const Relationship &declarationOf(const Relationship &R);

FindingNote declaredHere(const Relationship &R);

SourceSpan columnSite(const Column &C);

/// The secondary-table columns a rendered join ("node.id == n2n.l")
/// compares with: which end of the association row it binds.
std::set<std::string> secondaryColumnsOf(const JoinInfo &Join,
                                         std::string_view Secondary);

/// S6: the two sides of a self-referential many-to-many bind the same end
/// of the association row in their primaryjoin.
bool joinsNotSwapped(const Relationship &A, const Relationship &B);

bool isSelfReferential(const Relationship &R);

class Checker {
public:
  Checker(const ModelGraph &Graph, std::vector<Finding> &Out)
      : Graph(Graph), Out(Out) {}

  void check(const Relationship &R);

  /// Why R (naming P) and P (naming R when TwoWay) would not be a pair
  /// SQLAlchemy and relcheck accept without a finding, or "". The pair
  /// checks are this rule's own, run on the would-be link.
  /// BackrefOf: a side whose backref= the fix turns into back_populates.
  std::string linkProblem(const Relationship &R, const Relationship &P,
                          bool TwoWay,
                          const Relationship *BackrefOf = nullptr) const;

private:
  const ModelGraph &Graph;
  std::vector<Finding> &Out;

  Finding &report(Severity Sev, std::string_view CaseId, std::string Message,
                  SourceSpan Range, const Relationship &About);

  // What the fixes of both parts share.
  /// A graph error (refused option, undeterminable join, bad argument)
  /// about Rel or inside its annotation.
  bool hasGraphError(const Relationship &Rel) const;

  /// relcheck-one-way-filtered-collection's condition (§9.4): Collection
  /// is a filtered, writable collection that Other populates when Other
  /// names it.
  static bool filteredPopulatedBy(const Relationship &Collection,
                                  const Relationship &Other);

  /// R links to P (R names P; TwoWay when P names R too, always for a
  /// backref pair). Checks in _add_reverse_property's order: E9, E4, E5,
  /// then what SQLAlchemy accepts silently.
  void checkLinkedPair(const Relationship &R, const Relationship &P,
                       bool TwoWay, const SourceSpan &Site);

  //===-- Refused (E): BackPopulatesMismatchRefused.cpp -----------------===//
  // E1 (§3.1): backref= and a truthy back_populates= together.
  bool checkBackrefWithBackPopulates(const Relationship &R);

  // E8 (§3.1) on a declared relationship.
  bool checkViewOnlySync(const Relationship &R);

  /// R's backref= (§1.1 step list, in SQLAlchemy's order: E6, E7, then the
  /// generated relationship's own construction and linking).
  void checkBackref(const Relationship &R);

  // E6 (§1.5).
  void reportBackrefCollision(const Relationship &R, const SourceSpan &Site);

  /// E6 against a declared relationship P of the backref's name that names
  /// no partner itself: R's backref= becomes back_populates and P names R
  /// back, when the two make a valid pair as they stand. Not when the
  /// backref carries options: they configure the side P already declares.
  std::optional<Fix> collisionLinkFix(const Relationship &R,
                                      const Relationship &P) const;

  /// R's written back_populates (§1.1 step 9; relationships.py
  /// _add_reverse_property).
  void checkBackPopulates(const Relationship &R);

  // E3.
  void reportColumnNamed(const Relationship &R, const AttributeLookup &L,
                         const SourceSpan &Site);

  // E2: nothing mapped under that name on the target or its bases.
  void reportMissing(const Relationship &R, const AttributeLookup &L,
                     const SourceSpan &Site);

  /// E2 with one clear candidate P: rename R's back_populates to P. When P
  /// names R back that completes the pair; when P names nothing, P also
  /// gets back_populates naming R (the one-way form instead, when R is the
  /// filtered collection, §5.3). No fix when P names a third relationship.
  std::optional<Fix> renameFix(const Relationship &R,
                               const Relationship &P) const;

  /// A subclass of Target that maps Name itself.
  static const Model *subclassMapping(const Model &Target,
                                      std::string_view Name);

  /// The declared relationship on R's target (or its bases) that R's
  /// back_populates clearly misspells, among those that point back into
  /// R's class hierarchy.
  static void backPointing(const Relationship &R,
                           std::vector<std::string> &Names,
                           std::vector<const Relationship *> &Rels);

  static const Relationship *intendedPartner(const Relationship &R);

  // E9 (_check_sync_backref, both ways).
  bool checkSyncAgainstViewOnly(const Relationship &R, const Relationship &P,
                                const SourceSpan &Site);

  // E5 / S9 (§3.4): both sides one-to-many or both many-to-one.
  bool checkSameDirection(const Relationship &R, const Relationship &P,
                          bool TwoWay, const SourceSpan &Site);

  //===-- Silently broken (S): BackPopulatesMismatchSilent.cpp ----------===//
  // S8 (§1.5): an unmapped member of the backref's name on the target, a
  // base (the graph's Replaces) or a subclass (observed on 1.4.46: the
  // generated relationship replaces a subclass's method as well).
  void reportReplacedPlainMembers(const Relationship &R,
                                  const SourceSpan &Site);

  /// S1: add the missing back_populates to P, naming R.
  std::optional<Fix> oneSidedFix(const Relationship &R,
                                 const Relationship &P) const;

  // S4, S3, S6: the two sides store the link differently.
  bool checkStorageMismatch(const Relationship &R, const Relationship &P,
                            const SourceSpan &Site);

  // S11: a writable relationship linked to a viewonly one silently gets
  // sync_backref=False (relationships.py 2055-2060); nothing syncs either
  // way, observed on 1.4.46. SQLAlchemy documents exactly this (the
  // viewonly and sync_backref parameters, relationships.py 925-949) and
  // tests it as intended (ViewOnlyHistoryTest's viewonly-with-writable-
  // backref cases), and both sides still load and persist correctly, so it
  // is a warning: errors are for what SQLAlchemy refuses or what is broken.
  bool checkViewOnlyLinkedToWritable(const Relationship &R,
                                     const Relationship &P, bool TwoWay,
                                     const SourceSpan &Site);

  // S2 / S10: P names a third relationship.
  void checkPartnerNamesOther(const Relationship &R, const Relationship &P,
                              const SourceSpan &Site);

  // S1: P names nothing. Intended only on a filtered relationship (§5.3).
  void checkOneSided(const Relationship &R, const Relationship &P,
                     const SourceSpan &Site);
};

} // namespace mismatch
} // namespace relcheck
