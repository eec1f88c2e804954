//===- LegacyBackrefFix.cpp --------------------------------------------===//
//
// relcheck-legacy-backref's fix: the exact §6 rewrite of a backref= as two
// relationships linked by back_populates; and the declaring side's edits
// and preconditions every rewrite of a backref shares.
//
//===----------------------------------------------------------------------===//
#include "rules/FixBuilders.h"

#include "annotations/PyExpr.h"
#include "facts/StandardHeaders.h"
#include "graph/BackrefGeneration.h"
#include "graph/JoinAnalysis.h"
#include "graph/NameResolution.h"
#include "rules/CppMemberNames.h"
#include "rules/FixSupport.h"
#include "rules/Registry.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <variant>

namespace relcheck {

using namespace fixit;

namespace fixit {

std::string declaringSideProblem(const FixContext &Ctx, const Relationship &R) {
  if (!R.Backref || !R.Fact || !R.Owner)
    return "there is no backref= to rewrite";
  const Relationship::BackrefInfo &B = *R.Backref;
  const AnnotationFact &A = R.Fact->Annotation;
  if (!A.ExactRanges)
    return "the annotation of " + quoted(R) +
           " is not spelled directly in a file";
  if (!B.Arg || !B.Arg->Range.isValid() || !argIndex(A, B.Arg))
    return "the backref= argument has no exact source range";
  if (!isEditableFile(B.Arg->Range.File))
    return quoted(R) + " is in a system header";
  if (B.CollisionOn)
    return "'" + B.CollisionOn->Name + "' already maps '" + B.Name + "' (E6)";
  if (B.Name == "metadata")
    return "SQLAlchemy's declarative API reserves the attribute name "
           "'metadata' for the MetaData instance, so the generated side "
           "cannot be declared explicitly";
  if (B.Replaces)
    return "'" + (B.ReplacesOn ? B.ReplacesOn->Name : std::string("?")) +
           "' already has a member named '" + B.Name + "'";
  if (!R.Target)
    return "the target of " + quoted(R) + " does not resolve to one model";
  const Relationship *G = B.Generated;
  if (!G || !G->Owner || !G->Target)
    return "SQLAlchemy generates no '" + B.Name + "' from it";
  if (!G->ExplicitArgsCaveat.empty())
    return G->ExplicitArgsCaveat;
  if (G->ExplicitArgs.empty() || !G->ExplicitArgs.front().first.empty())
    return "the explicit arguments of " + quoted(*G) + " are unknown";
  if (Ctx.Refusals.refuses(R) || Ctx.Refusals.refuses(*G))
    return "SQLAlchemy refuses this configuration as written";
  // Someone else naming the generated side would change with it.
  for (const Relationship *Other : G->LinkedFrom)
    if (Other && Other != &R)
      return quoted(*Other) + " also names " + quoted(*G);
  return "";
}

/// The declaring side's edits: backref=... becomes back_populates="name"
/// (in the quote style of the backref's name), and a back_populates= written
/// next to it (None or another false value: SQLAlchemy ignores it, E1
/// otherwise) goes, or the keyword would be repeated.
std::optional<std::vector<Replacement>>
declaringSideEdits(const Relationship &R, const std::string &Name) {
  if (!R.Backref)
    return std::nullopt;
  const Relationship::BackrefInfo &B = *R.Backref;
  const AnnotationFact &A = R.Fact->Annotation;
  std::vector<Replacement> Out;
  Out.push_back(replaceSpan(B.Arg->Range,
                            "back_populates=" +
                                pyString(Name, quoteCharAt(A, B.NameRange))));
  if (const ArgFact *Written = R.arg("back_populates")) {
    std::optional<size_t> Index = argIndex(A, Written);
    if (!Index)
      return std::nullopt;
    std::vector<Replacement> Removal = removeArguments(A, {*Index});
    if (Removal.empty())
      return std::nullopt;
    Out.insert(Out.end(), Removal.begin(), Removal.end());
  }
  return Out;
}

} // namespace fixit

FixOrReason buildBackrefAsBackPopulates(const Relationship &R) {
  if (!R.Backref || !R.Fact || !R.Backref->Arg ||
      !R.Fact->Annotation.ExactRanges || !R.Backref->Arg->Range.isValid() ||
      !isEditableFile(R.Backref->Arg->Range.File))
    return FixOrReason::none("the backref= argument cannot be edited");
  std::optional<std::vector<Replacement>> Edits =
      declaringSideEdits(R, R.Backref->Name);
  if (!Edits)
    return FixOrReason::none(
        "the back_populates= beside backref= cannot be removed");
  Fix F;
  F.Replacements = std::move(*Edits);
  return {std::move(F), ""};
}

FixOrReason buildBackrefRewrite(const FixContext &Ctx, const Relationship &R,
                                const ArgList &ExtraGeneratedArgs) {
  if (std::string Problem = declaringSideProblem(Ctx, R); !Problem.empty())
    return FixOrReason::none(Problem);
  if (!R.Backref || !R.Backref->Generated)
    return FixOrReason::none("the backref generates no relationship");
  const Relationship::BackrefInfo &B = *R.Backref;
  const Relationship &G = *B.Generated;
  ArgList Args = G.ExplicitArgs;
  Args.insert(Args.end(), ExtraGeneratedArgs.begin(), ExtraGeneratedArgs.end());
  if (G.Owner == R.Owner) {
    std::string WhyNot;
    Args = qualifyArgs(Args, *R.Owner, WhyNot);
    if (!WhyNot.empty())
      return FixOrReason::none(WhyNot);
  }

  Fix F;
  F.Description = "declare " + quoted(G) +
                  " explicitly and link both sides with back_populates";
  std::optional<std::vector<Replacement>> Here =
      declaringSideEdits(R, G.Attribute);
  if (!Here)
    return FixOrReason::none("the back_populates argument of " + quoted(R) +
                             " cannot be removed");
  F.Replacements = std::move(*Here);
  FixOrReason Member =
      declareMember(Ctx, *G.Owner, *G.Target, Args, G.UseList, G.Attribute);
  if (!Member.Value)
    return Member;
  append(F, *Member.Value);
  return {std::move(F), ""};
}

} // namespace relcheck
