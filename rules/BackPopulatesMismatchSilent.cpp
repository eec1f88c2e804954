//===- BackPopulatesMismatchSilent.cpp - S cases --------------------------===//
//
// The links SQLAlchemy 1.4 accepts while building a mapping that misbehaves
// at run time (S1-S11, §4), with the fix of a one-sided back_populates
// (S1). The order of the checks: BackPopulatesMismatchRule.cpp.
//
//===----------------------------------------------------------------------===//
#include "rules/BackPopulatesMismatchChecker.h"

namespace relcheck {
namespace mismatch {

void Checker::reportReplacedPlainMembers(const Relationship &R,
                                         const SourceSpan &Site) {
  const Relationship::BackrefInfo &B = *R.Backref;
  const PlainMemberFact *Member = B.Replaces;
  const Model *On = B.ReplacesOn;
  if (!Member && R.Target) {
    AttributeLookup L = R.Target->lookup(B.Name);
    if (L.K == AttributeLookup::Kind::PlainMember) {
      Member = L.Member;
      On = L.DeclaredOn;
    }
  }
  if (!Member && R.Target)
    for (const Model *Sub : descendantsOf(*R.Target)) {
      if (!Sub->Fact)
        continue;
      for (const PlainMemberFact &P : Sub->Fact->PlainMembers)
        if (P.Name == B.Name) {
          Member = &P;
          On = Sub;
          break;
        }
      if (Member)
        break;
    }
  if (!Member || !On)
    return;
  std::string MemberName = quoted(On->QualifiedName + "::" + Member->Name);
  Finding &F = report(
      Severity::Warning, "S8",
      "backref '" + B.Name + "' of " + quoted(R) + " has the name of " +
          (Member->IsMethod ? "the method " : "the unmapped member ") +
          MemberName +
          ", which SQLAlchemy does not map; it silently replaces it with "
          "the generated relationship; " +
          std::string(pairing::RenameByUser),
      Site, R);
  F.Notes.push_back({Member->NameRange, MemberName + " declared here"});
}

std::optional<Fix> Checker::oneSidedFix(const Relationship &R,
                                        const Relationship &P) const {
  if (!P.BackPopulates.empty() || P.arg("back_populates") ||
      !linkProblem(R, P, /*TwoWay=*/true).empty())
    return std::nullopt;
  FixOrReason Add = buildBackPopulatesAddition(P, R.Attribute);
  if (Add.Value)
    Add.Value->ChangesBehaviour = true; // P starts populating R back.
  return std::move(Add.Value);
}

bool Checker::checkStorageMismatch(const Relationship &R, const Relationship &P,
                                   const SourceSpan &Site) {
  bool RM2M = R.Dir == Direction::ManyToMany;
  bool PM2M = P.Dir == Direction::ManyToMany;
  if (RM2M != PM2M) {
    const Relationship &M2M = RM2M ? R : P;
    const Relationship &Other = RM2M ? P : R;
    Finding &F = report(
        Severity::Error, "S4",
        quoted(M2M) + " is many-to-many but its partner " + quoted(Other) +
            " is " + directionName(Other.Dir) +
            "; SQLAlchemy accepts the pair, but the sides store the link "
            "differently (secondary table '" +
            M2M.Secondary +
            "' and a foreign key), so back-population writes both and they "
            "diverge as soon as one object is linked to a second one",
        Site, R);
    F.Notes.push_back(declaredHere(P));
    return true;
  }
  if (!RM2M)
    return false;
  if (R.Secondary != P.Secondary) {
    Finding &F = report(
        Severity::Error, "S3",
        quoted(R) + " and its partner " + quoted(P) +
            " use different secondary tables ('" + R.Secondary + "' and '" +
            P.Secondary +
            "'); SQLAlchemy accepts the pair, but a flush writes each link "
            "into only one of the two tables, so one side misses it after a "
            "reload",
        Site, R);
    F.Notes.push_back(declaredHere(P));
    return true;
  }
  if (isSelfReferential(R) && isSelfReferential(P) && &R != &P &&
      joinsNotSwapped(R, P)) {
    Finding &F = report(
        Severity::Error, "S6",
        quoted(R) + " and its partner " + quoted(P) +
            " bind the same end of '" + R.Secondary +
            "' in their primaryjoin; a self-referential many-to-many "
            "partner must swap primaryjoin and secondaryjoin. SQLAlchemy "
            "accepts the pair, but a link added on one side is stored "
            "reversed, so after a reload it is missing",
        Site, R);
    F.Notes.push_back(declaredHere(P));
    return true;
  }
  return false;
}

bool Checker::checkViewOnlyLinkedToWritable(const Relationship &R,
                                            const Relationship &P, bool TwoWay,
                                            const SourceSpan &Site) {
  const Relationship *Writable = nullptr, *ViewOnly = nullptr;
  if (!R.ViewOnly && P.ViewOnly && !R.SyncBackref) {
    Writable = &R;
    ViewOnly = &P;
  } else if (TwoWay && R.ViewOnly && !P.ViewOnly && !P.SyncBackref) {
    Writable = &P;
    ViewOnly = &R;
  }
  if (Writable) {
    // A backref copies viewonly (§1.2), so a mixed backref pair always
    // has viewonly= written in backref(...): the case SQLAlchemy's
    // viewonly documentation describes "in conjunction with backrefs".
    bool MixedBackref = R.Backref && P.isGenerated();
    std::string Start =
        MixedBackref ? "the backref of " + quoted(R) + " makes " + quoted(P) +
                           " " + (P.ViewOnly ? "viewonly" : "writable") +
                           " while " + quoted(R) + " is " +
                           (R.ViewOnly ? "viewonly" : "writable") + "; "
                     : quoted(*Writable) + " is linked to the viewonly " +
                           quoted(*ViewOnly) + "; ";
    Finding &F = report(
        Severity::Warning, "S11",
        Start + "SQLAlchemy sets sync_backref=False on " + quoted(*Writable) +
            ", so neither side populates the other in Python (\"changes "
            "in state will be back-populated only if neither sides of a "
            "relationship is viewonly\"); " +
            quoted(*Writable) +
            " still persists its own changes on flush (write "
            "sync_backref=False on it to say so, make both viewonly, or "
            "remove the link)",
        Site, R);
    F.Notes.push_back(declaredHere(P));
    return true;
  }
  // One-way from a viewonly R to a writable P that has a partner of its
  // own: linking still forces P's sync_backref to False, which takes
  // effect when P is configured after R. That breaks the writable pair
  // P belongs to (P no longer populates its partner), which nothing in
  // SQLAlchemy's documentation describes: an error.
  if (!TwoWay && R.ViewOnly && !P.ViewOnly && !P.SyncBackref &&
      !P.BackPopulates.empty() && !P.isGenerated() &&
      R.ConfigOrder < P.ConfigOrder) {
    std::string PPartner =
        P.Partner ? quoted(*P.Partner) : quoted(P.BackPopulates);
    Finding &F =
        report(Severity::Error, "S11",
               "the viewonly " + quoted(R) + " names " + quoted(P) +
                   " in back_populates; SQLAlchemy silently sets "
                   "sync_backref=False on " +
                   quoted(P) + ", which it configures later, so changing " +
                   quoted(P) + " no longer populates " + PPartner,
               Site, R);
    F.Notes.push_back(declaredHere(P));
    return true;
  }
  return false;
}

void Checker::checkPartnerNamesOther(const Relationship &R,
                                     const Relationship &P,
                                     const SourceSpan &Site) {
  const Relationship *Q = P.Partner;
  // A partner whose own back_populates is broken is reported there.
  if (!Q || Q == &R)
    return;
  // Without sync from R, nothing R does reaches P's partner.
  if (R.ViewOnly || explicitlyFalse(R.SyncBackref))
    return;
  if (Q->Partner == &P) {
    Finding &F = report(
        Severity::Error, "S10",
        "back_populates of " + quoted(R) + " names " + quoted(P) +
            ", which is already paired with " + quoted(*Q) +
            "; SQLAlchemy accepts this, but at run time changing " + quoted(R) +
            " also modifies " + quoted(*Q) + " through " + quoted(P) +
            " and raises 'Bidirectional attribute conflict "
            "detected'",
        Site, R);
    F.Notes.push_back(declaredHere(P));
    F.Notes.push_back({declaredHere(*Q).Range,
                       quoted(*Q) + " is paired with " + quoted(P) + " here"});
    return;
  }
  Finding &F = report(
      Severity::Error, "S2",
      "back_populates of " + quoted(R) + " names " + quoted(P) + ", but " +
          quoted(P) + " names " + quoted(*Q) +
          " in its back_populates; SQLAlchemy links all three, so changing " +
          quoted(P) + " populates " + quoted(*Q) + " instead of " + quoted(R) +
          ", and changing " + quoted(R) +
          " can raise 'Bidirectional attribute conflict detected'",
      Site, R);
  F.Notes.push_back(declaredHere(P));
}

void Checker::checkOneSided(const Relationship &R, const Relationship &P,
                            const SourceSpan &Site) {
  if (R.Filtered || R.ViewOnly || explicitlyFalse(R.SyncBackref) || P.ViewOnly)
    return;
  // Someone names R while R names P: that relationship's S2 finding is
  // the root cause.
  for (const Relationship *From : R.LinkedFrom)
    if (From && From != &R && From->Partner == &R && !From->ViewOnly &&
        !explicitlyFalse(From->SyncBackref))
      return;
  Finding &F = report(
      Severity::Warning, "S1",
      "back_populates of " + quoted(R) + " names " + quoted(P) + ", but " +
          quoted(P) + " does not name it back; changes to " + quoted(R) +
          " update " + quoted(P) + " in Python, but changes to " + quoted(P) +
          " leave " + quoted(R) +
          " stale until it is reloaded (a one-way link is meant only for a "
          "filtered collection)",
      Site, R);
  F.Notes.push_back(declaredHere(P));
  if (std::optional<Fix> X = oneSidedFix(R, P))
    F.Fixes.push_back(std::move(*X));
}

} // namespace mismatch
} // namespace relcheck
