//===- OneWayFilteredCollectionRule.cpp - relcheck-one-way-filtered-collection
//===//
//
// A filtered collection (§5) that another relationship populates back (S7):
// objects assigned on the other side appear in the collection whether or not
// they match the filter, until the next load. With a backref the filter is
// also copied onto the other side (§5.1). The intended form is one-way
// (§5.3, SQLAlchemy's "One Way Backrefs"); the fix writes it, a behaviour
// change that the message and the fix description both state
// (rules/FixBuilders.h). Spec: §9.4, §6.3. See
// docs/rules/one-way-filtered-collection.md.
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"
#include "rules/FixSupport.h"
#include "rules/Rule.h"

#include <optional>
#include <string>

namespace relcheck {
namespace {

constexpr std::string_view RuleId = "relcheck-one-way-filtered-collection";

using fixit::quoted;

bool containsFilterTerm(const Relationship &Rel, const JoinInfo &Join) {
  for (const std::string &Term : Rel.FilterTerms)
    if (!Term.empty() && Join.Rendered.find(Term) != std::string::npos)
      return true;
  return false;
}

/// Which written join of Rel holds the filter: "primaryjoin" or
/// "secondaryjoin" (only a M2M can filter in its secondaryjoin).
std::string_view filteredJoinKeyword(const Relationship &Rel) {
  if (Rel.Secondary.empty())
    return "primaryjoin";
  bool PrimaryHas = containsFilterTerm(Rel, Rel.PrimaryJoin);
  bool SecondaryHas = containsFilterTerm(Rel, Rel.SecondaryJoin);
  if (SecondaryHas && !PrimaryHas)
    return "secondaryjoin";
  if (PrimaryHas)
    return "primaryjoin";
  // The rendered text did not settle it: the written join is the filtered one.
  if (Rel.SecondaryJoin.Written && !Rel.PrimaryJoin.Written)
    return "secondaryjoin";
  return "primaryjoin";
}

/// The argument that carries the filter, for the finding's location. A
/// generated collection's join comes from its backref(...) options or, else,
/// from the declaring relationship (§1.1 step 4: swapped for a M2M).
const ArgFact *filterArgument(const Relationship &Collection) {
  std::string_view Keyword = filteredJoinKeyword(Collection);
  if (!Collection.isGenerated())
    return Collection.arg(Keyword);
  const Relationship &Declaring = *Collection.GeneratedBy;
  if (Declaring.Backref)
    for (const ArgFact *Option : Declaring.Backref->Options)
      if (Option && Option->Keyword == Keyword)
        return Option;
  if (!Declaring.Secondary.empty())
    Keyword = Keyword == "primaryjoin" ? "secondaryjoin" : "primaryjoin";
  return Declaring.arg(Keyword);
}

SourceSpan findingLocation(const Relationship &Collection) {
  if (const ArgFact *Arg = filterArgument(Collection)) {
    if (Arg->Range.isValid())
      return Arg->Range;
    if (Arg->KeywordRange.isValid())
      return Arg->KeywordRange;
  }
  std::string_view Keyword = filteredJoinKeyword(Collection);
  const JoinInfo &Join = Keyword == "secondaryjoin" ? Collection.SecondaryJoin
                                                    : Collection.PrimaryJoin;
  if (Join.Range.isValid())
    return Join.Range;
  return Collection.Range;
}

/// What a backref did to the other side's join (§5.1), or "" when the pair
/// is explicit (§5.2: the other side keeps its own join).
std::string backrefConsequence(const Relationship &Collection,
                               const Relationship &Partner) {
  bool PartnerGenerated = Partner.GeneratedBy == &Collection;
  bool CollectionGenerated = Collection.GeneratedBy == &Partner;
  if (!PartnerGenerated && !CollectionGenerated)
    return "";
  std::string Loads = Partner.UseList
                          ? "loads an empty collection for rows that fail the "
                            "filter"
                          : "loads None for rows that fail the filter and "
                            "cannot use the identity map";
  if (CollectionGenerated)
    return "; the filter written on " + quoted(Partner) +
           " is copied by its backref, and " + quoted(Partner) + " itself " +
           Loads;
  if (!Collection.Secondary.empty())
    return "; the backref also moves the filter into the primaryjoin of " +
           quoted(Partner) + ", which then " + Loads;
  return "; the backref also copies the filter onto " + quoted(Partner) +
         ", which then " + Loads;
}

std::string oneWayForm(const Relationship &Collection,
                       const Relationship &Partner) {
  if (Partner.GeneratedBy == &Collection)
    return "make the link one-way: use back_populates=\"" + Partner.Attribute +
           "\" on " + quoted(Collection) + " instead of backref= and declare " +
           quoted(Partner) + " without back_populates and without the filter";
  if (Collection.GeneratedBy == &Partner)
    return "make the link one-way: declare " + quoted(Collection) +
           " with the filter and back_populates=\"" + Partner.Attribute +
           "\", and replace backref= on " + quoted(Partner) +
           " by the unfiltered join without back_populates";
  return "make the link one-way: remove back_populates from " +
         quoted(Partner) + " and keep it on " + quoted(Collection);
}

/// What the one-way form changes (§6.3), so the message already says what
/// the fix will do and a reader can decide before applying it. With a
/// backref the partner also loses the filter the backref copied onto it.
std::string behaviourChange(const Relationship &Collection,
                            const Relationship &Partner) {
  std::string Element = Partner.Owner ? Partner.Owner->Name : "object";
  std::string Stops =
      std::string(Partner.UseList ? "appending to " : "setting ") +
      quoted(Partner) + " no longer adds the '" + Element + "' to " +
      quoted(Collection);
  bool ViaBackref =
      Partner.GeneratedBy == &Collection || Collection.GeneratedBy == &Partner;
  if (!ViaBackref)
    return "; this changes behaviour: " + Stops +
           " (it appears there after the next load, if it matches the "
           "filter)";
  std::string Parent =
      Collection.Owner ? Collection.Owner->Name : std::string("object");
  std::string Loads =
      Partner.UseList
          ? "loads the '" + Parent +
                "' objects outside the filter too, instead of leaving them out"
          : "loads the '" + Parent +
                "' for rows outside the filter too, instead of None";
  return "; this changes behaviour: " + quoted(Partner) + " then " + Loads +
         ", and " + Stops;
}

std::string messageFor(const Relationship &Collection,
                       const Relationship &Partner) {
  std::string Element = Partner.Owner ? Partner.Owner->Name : "object";
  return "filtered collection " + quoted(Collection) +
         " is populated back by " + quoted(Partner) + ": " +
         (Partner.UseList ? "appending to " : "setting ") + quoted(Partner) +
         " puts the '" + Element + "' into " + quoted(Collection) +
         " even when it fails the filter, until the next load" +
         backrefConsequence(Collection, Partner) + "; " +
         oneWayForm(Collection, Partner) + behaviourChange(Collection, Partner);
}

FindingNote partnerNote(const Relationship &Collection,
                        const Relationship &Partner) {
  if (Partner.GeneratedBy == &Collection)
    return {Partner.Range, "this backref generates " + quoted(Partner) +
                               ", which populates " + quoted(Collection) +
                               " back"};
  if (Collection.GeneratedBy == &Partner && Partner.Backref &&
      Partner.Backref->Arg && Partner.Backref->Arg->Range.isValid())
    return {Partner.Backref->Arg->Range,
            "this backref generates " + quoted(Collection) +
                " with the same filter, populated back by " + quoted(Partner)};
  SourceSpan Where =
      Partner.BackPopulatesArg && Partner.BackPopulatesArg->Range.isValid()
          ? Partner.BackPopulatesArg->Range
          : Partner.Range;
  if (Partner.isGenerated())
    return {Where, quoted(Partner) + ", generated by this backref, populates " +
                       quoted(Collection) + " back"};
  return {Where,
          quoted(Partner) + " populates " + quoted(Collection) + " back here"};
}

class OneWayFilteredCollectionRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        RuleId,
        "OneWayFilteredCollection",
        "a filtered collection populated back by its partner shows objects "
        "that do not match the filter; link it one-way",
        Severity::Warning,
        "docs/rules/one-way-filtered-collection.md",
        {},
        GraphHighlight::FilteredPopulatedBack};
    return Info;
  }

  void run(const ModelGraph &Graph, const RuleOptions &Options,
           std::vector<Finding> &Out) const override {
    std::vector<ReportedCollection> Reported =
        reportedFilteredCollections(Graph);
    if (Reported.empty())
      return;
    RefusalIndex Refusals(Graph);
    FixContext Ctx{Graph, Options, Refusals};
    for (const auto &[CollectionPtr, Partners] : Reported) {
      const Relationship &Collection = *CollectionPtr;
      const Relationship &First = *Partners.front();
      Finding F;
      F.RuleId = std::string(RuleId);
      F.Sev = Severity::Warning;
      F.CaseId = "S7";
      F.Message = messageFor(Collection, First);
      F.Range = findingLocation(Collection);
      F.Model = Collection.Owner->QualifiedName;
      F.Attribute = Collection.Attribute;
      for (const Relationship *Partner : Partners)
        F.Notes.push_back(partnerNote(Collection, *Partner));
      // §6.3: a behaviour change on purpose; the description says which.
      FixOrReason OneWay = buildOneWayFix(Ctx, Collection, First);
      if (OneWay.Value) {
        OneWay.Value->ChangesBehaviour = true;
        F.Fixes.push_back(std::move(*OneWay.Value));
        // The alternative that keeps the behaviour: the exact two-way
        // rewrite of a backref on either side (an editor's second action).
        for (const Relationship *Side : {&Collection, &First})
          if (Side->Backref && !Side->isGenerated())
            if (FixOrReason Exact = buildBackrefRewrite(Ctx, *Side);
                Exact.Value) {
              Exact.Value->Description =
                  "keep the link two-way: " + Exact.Value->Description;
              F.Fixes.push_back(std::move(*Exact.Value));
            }
      }
      Out.push_back(std::move(F));
    }
  }
};

} // namespace

const Rule &oneWayFilteredCollectionRule() {
  static const OneWayFilteredCollectionRule Instance;
  return Instance;
}

} // namespace relcheck
