//===- FixBuilders.h - fix-its for the relationship rules -------*- C++ -*-===//
//
// The rewrites relcheck offers as fixes, built from the model graph alone
// (no Clang, no file access), so the CLI and the clang-tidy plugin offer the
// same edits:
//
//  * the exact §6 rewrite of a legacy backref= into two explicit
//    relationships linked by back_populates (relcheck-legacy-backref);
//  * the §6.3 one-way form of a filtered collection that its partner
//    populates back (relcheck-one-way-filtered-collection);
//  * the edits of a back_populates link (relcheck-back-populates-mismatch):
//    renaming a misspelt back_populates value, and adding the missing
//    back_populates to a one-sided partner. The rule decides when the link
//    they make is a valid pair; these only write it.
//
// Every builder either returns a complete Fix (all edits, possibly in several
// files) or says why it offers none: half a rewrite leaves a model that
// SQLAlchemy refuses. Semantics: ../shared/notes/sqlalchemy-semantics.md.
//
// Each rule's builders sit beside the rule (LegacyBackrefFix.cpp,
// OneWayFilteredCollectionFix.cpp, BackPopulatesMismatchFix.cpp); what they
// share is FixSupport.h (text and annotation edits), MemberDeclaration.cpp
// (declaring a member) and RefusalIndex.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "rules/Rule.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace relcheck {

/// A fix, or the reason none is offered (a clause such as "'Address' already
/// maps 'user'").
struct FixOrReason {
  std::optional<Fix> Value;
  std::string WhyNot;

  static FixOrReason none(std::string Why) {
    return {std::nullopt, std::move(Why)};
  }
};

/// Relationships whose configuration SQLAlchemy refuses as written (§6.4):
/// every error of relcheck-back-populates-mismatch with an E/J case id and
/// every graph error (refused or malformed arguments). Computed once per
/// rule run: a rewrite of a refused configuration is no refactoring.
class RefusalIndex {
public:
  explicit RefusalIndex(const ModelGraph &Graph);

  /// True when a refusal names R or lies inside R's annotation.
  bool refuses(const Relationship &R) const;

private:
  void add(const std::string &Model, const std::string &Attribute,
           const SourceSpan &Range);

  bool refusesWithin(const SourceSpan &Outer) const;

  std::set<std::pair<std::string, std::string>> Named;
  /// Begin offsets of the refusals' ranges per file, sorted: refuses() is
  /// asked per relationship, and scanning every refusal made it quadratic.
  std::map<std::string, std::vector<unsigned>> Begins;
};

/// What every builder needs.
struct FixContext {
  const ModelGraph &Graph;
  const RuleOptions &Options;
  const RefusalIndex &Refusals;
};

/// §6.1: replace R's backref= by back_populates="name" and declare
/// the generated side explicitly in its class (with a forward declaration of
/// the declaring class when the target's scope may not see it), with
/// ExtraGeneratedArgs (keyword, Python source) after its own arguments.
FixOrReason
buildBackrefRewrite(const FixContext &Ctx, const Relationship &R,
                    const std::vector<std::pair<std::string, std::string>>
                        &ExtraGeneratedArgs = {});

/// §9.4: relationships that populate the filtered, writable collection
/// Collection back (their back_populates names it and their sync is
/// effective), in configuration order; empty when Collection is not such a
/// collection.
std::vector<const Relationship *>
populatingPartners(const ModelGraph &Graph, const Relationship &Collection);

/// A filtered collection relcheck-one-way-filtered-collection reports, with
/// the partners that populate it back.
using ReportedCollection =
    std::pair<const Relationship *, std::vector<const Relationship *>>;

/// Every reported collection, in configuration order (one computation per
/// rule run: it visits every pair of relationships).
std::vector<ReportedCollection>
reportedFilteredCollections(const ModelGraph &Graph);

/// §6.3: make the link between Collection and Partner one-way from the
/// collection: the collection keeps back_populates, the partner loses it,
/// and a partner that a backref wrote (or that wrote the backref) ends up
/// declared explicitly with only the key equality as its join.
FixOrReason buildOneWayFix(const FixContext &Ctx,
                           const Relationship &Collection,
                           const Relationship &Partner);

/// The reported filtered collection and partner whose one-way fix rewrites
/// Declaring's backref= (either side of the backref may be the filtered
/// collection), if relcheck-one-way-filtered-collection reports one.
std::optional<std::pair<const Relationship *, const Relationship *>>
oneWayLinkThroughBackref(const std::vector<ReportedCollection> &Reported,
                         const Relationship &Declaring);

/// Replaces the value of R's written back_populates="..." by Name, in the
/// literal's own quote style (a did-you-mean rename).
FixOrReason buildBackPopulatesRename(const Relationship &R,
                                     const std::string &Name);

/// Replaces R's backref= by back_populates="<the backref's name>" (in the
/// name's quote style), removing a back_populates=None written beside it:
/// the declaring side's half of any rewrite of a backref.
FixOrReason buildBackrefAsBackPopulates(const Relationship &R);

/// Appends back_populates="Name" to R's annotation, after its last argument,
/// in the quote style R's arguments use: on the last argument's line, or on
/// a line of its own (indented like the last argument) when R's arguments
/// are written one per line or the line would exceed ColumnLimit.
FixOrReason buildBackPopulatesAddition(const Relationship &R,
                                       const std::string &Name,
                                       unsigned ColumnLimit = 80);

/// overlaps= on R naming Keys (relcheck-overlapping-writers, exact): added to
/// R's annotation, or to the overlaps= it has; for a generated R, inside the
/// declaring side's backref(...) (a plain backref="name" becomes
/// backref("name", overlaps=...)).
FixOrReason buildOverlapsAddition(const Relationship &R,
                                  const std::set<std::string> &Keys);

/// back_populates on A naming B and on B naming A, a behaviour change
/// (relcheck-overlapping-writers; the rule decides they are the two
/// directions of one link).
FixOrReason buildWritersLink(const Relationship &A, const Relationship &B);

/// overlaps= keys as SQLAlchemy suggests them: sorted, joined with ",".
std::string overlapsValue(const std::set<std::string> &Keys);

//===-- Pieces, exposed for tests -----------------------------------------===//

/// `"User", back_populates="addresses", lazy="joined"`: positional
/// arguments first, then keywords in the given order.
std::string renderRelationshipArgs(
    const std::vector<std::pair<std::string, std::string>> &Args);

/// How a C++ declaration inside Scope's class names Named: unqualified when
/// unqualified lookup from Scope's namespace finds it, else qualified.
std::string cppNameIn(const ModelGraph &Graph, const Model &Named,
                      const Model &Scope);

/// The template ("std::list<T*>") a member type spelling uses for its
/// element class, or nullopt when it is not a simple one-parameter form.
std::optional<std::string> memberTypeTemplate(const MemberTypeFact &Type);

/// The member type of a relationship declared in Into whose element is
/// Element: the template Into's other relationship members of that shape
/// already use, else the option relcheck-legacy-backref.ScalarTemplate
/// (default `T*`) / .CollectionTemplate (default `std::vector<T*>`), with
/// T = Element as Into's scope names it.
std::string memberTypeSpelling(const ModelGraph &Graph, const Model &Into,
                               const Model &Element, bool Collection,
                               const RuleOptions &Options);

/// The member type template a relationship's collection_class= (among its
/// Args) asks for: "std::set<T*>" for `set`, "std::map<std::string, T*>"
/// for a dictionary collection; "" otherwise.
std::string collectionClassTemplate(
    const std::vector<std::pair<std::string, std::string>> &Args);

/// Edits removing the arguments at Indices (sorted, unique) from an
/// annotation, each with its separating comma and trailing comment, leaving
/// the others, their comments and their layout as they are. Empty when a
/// range is unusable.
std::vector<Replacement> removeArguments(const AnnotationFact &Annotation,
                                         const std::vector<size_t> &Indices);

} // namespace relcheck
