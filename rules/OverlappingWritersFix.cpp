//===- OverlappingWritersFix.cpp ------------------------------------------===//
//
// relcheck-overlapping-writers' edits: overlaps= on the relationship
// SQLAlchemy names (inside backref(...) when a backref generates it), and
// the back_populates link of two relationships that are the two directions
// of one link.
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "rules/FixSupport.h"

#include <algorithm>

namespace relcheck {

using namespace fixit;
using PK = PyExpr::Kind;

namespace {

/// Keys added to an overlaps= string literal written at Arg: its value
/// followed by the keys, in the literal's own quotes.
FixOrReason extendOverlaps(const AnnotationFact &A, const ArgFact &Arg,
                           const std::set<std::string> &Keys,
                           const std::string &Whose) {
  std::optional<char> Quote = simpleLiteralQuote(A, Arg.ValueRange);
  if (!Arg.Value.is(PK::String) || !Quote)
    return FixOrReason::none("the overlaps value of " + Whose +
                             " is not a plain string literal");
  std::string Value = Arg.Value.Text;
  if (!Value.empty())
    Value += ",";
  Fix F;
  F.Description = "add " + overlapsValue(Keys) + " to the overlaps of " + Whose;
  F.Replacements.push_back(replaceSpan(
      Arg.ValueRange, pyString(Value + overlapsValue(Keys), *Quote)));
  return {std::move(F), ""};
}

/// overlaps= for the side a backref generates: inside Declaring's
/// backref(...), which a plain backref="name" becomes.
FixOrReason overlapsInBackref(const Relationship &Generated,
                              const std::set<std::string> &Keys) {
  const Relationship &Declaring = *Generated.GeneratedBy;
  std::string Whose = "the backref that generates " + quoted(Generated);
  if (std::string Problem = annotationProblem(Declaring); !Problem.empty())
    return FixOrReason::none(Problem);
  const Relationship::BackrefInfo &B = *Declaring.Backref;
  const AnnotationFact &A = Declaring.Fact->Annotation;
  if (!B.Arg || !B.NameRange.isValid())
    return FixOrReason::none(Whose + " has no exact source range");
  for (const ArgFact *Option : B.Options)
    if (Option && Option->Keyword == "overlaps")
      return extendOverlaps(A, *Option, Keys, Whose);
  std::optional<char> Quote = simpleLiteralQuote(A, B.NameRange);
  std::string Argument =
      "overlaps=" + pyString(overlapsValue(Keys), Quote.value_or('"'));
  Fix F;
  F.Description = "add " + Argument + " to " + Whose;
  if (B.Arg->Value.is(PK::String)) {
    std::optional<std::string_view> Name =
        annotationText(A, B.NameRange.Begin, B.NameRange.End);
    if (!Name || B.Arg->ValueRange != B.NameRange)
      return FixOrReason::none(Whose + " is not a plain string literal");
    F.Replacements.push_back(
        replaceSpan(B.Arg->ValueRange,
                    "backref(" + std::string(*Name) + ", " + Argument + ")"));
    return {std::move(F), ""};
  }
  if (!B.Arg->Value.is(PK::Call))
    return FixOrReason::none(Whose + " is neither a string nor backref(...)");
  // After the call's last argument: its name or its last option.
  unsigned End = B.NameRange.End;
  for (const ArgFact *Option : B.Options) {
    if (!Option || !Option->Range.isValid() ||
        Option->Range.File != B.NameRange.File)
      return FixOrReason::none("the options of " + Whose +
                               " have no exact source range");
    End = std::max(End, Option->Range.End);
  }
  Replacement Add;
  Add.File = B.NameRange.File;
  Add.Offset = End;
  Add.Text = ", " + Argument;
  F.Replacements.push_back(std::move(Add));
  return {std::move(F), ""};
}

} // namespace

std::string overlapsValue(const std::set<std::string> &Keys) {
  std::string Out;
  for (const std::string &K : Keys)
    Out += (Out.empty() ? "" : ",") + K;
  return Out;
}

FixOrReason buildOverlapsAddition(const Relationship &R,
                                  const std::set<std::string> &Keys) {
  if (Keys.empty())
    return FixOrReason::none("no relationship to name");
  if (R.isGenerated())
    return overlapsInBackref(R, Keys);
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  if (const ArgFact *Written = R.arg("overlaps"))
    return extendOverlaps(R.Fact->Annotation, *Written, Keys, quoted(R));
  return buildArgumentAddition(
      R, "overlaps=" + pyString(overlapsValue(Keys),
                                annotationQuoteStyle(R.Fact->Annotation)));
}

FixOrReason buildWritersLink(const Relationship &A, const Relationship &B) {
  FixOrReason ToB = buildBackPopulatesAddition(A, B.Attribute);
  if (!ToB.Value)
    return ToB;
  FixOrReason ToA = buildBackPopulatesAddition(B, A.Attribute);
  if (!ToA.Value)
    return ToA;
  Fix F = std::move(*ToB.Value);
  append(F, *ToA.Value);
  F.ChangesBehaviour = true;
  F.Description = "link " + quoted(A) + " and " + quoted(B) +
                  " with back_populates (a behaviour change: an assignment "
                  "on either side then updates the other in Python, before "
                  "any flush)";
  return {std::move(F), ""};
}

} // namespace relcheck
