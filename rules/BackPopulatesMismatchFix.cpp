//===- BackPopulatesMismatchFix.cpp ------------------------------------===//
//
// relcheck-back-populates-mismatch's edits: renaming a misspelt
// back_populates value, and adding the missing back_populates to a partner.
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

using PK = PyExpr::Kind;

FixOrReason buildBackPopulatesRename(const Relationship &R,
                                     const std::string &Name) {
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  const ArgFact *Arg = R.BackPopulatesArg;
  if (!Arg || !Arg->Value.is(PK::String) || !Arg->ValueRange.isValid())
    return FixOrReason::none("the back_populates value of " + quoted(R) +
                             " is not a string literal");
  const AnnotationFact &A = R.Fact->Annotation;
  std::optional<char> Quote = simpleLiteralQuote(A, Arg->ValueRange);
  if (!Quote)
    return FixOrReason::none("the back_populates value of " + quoted(R) +
                             " is not a plain string literal");
  Fix F;
  F.Description =
      "rename back_populates of " + quoted(R) + " to '" + Name + "'";
  F.Replacements.push_back(
      replaceSpan(Arg->ValueRange, pyString(Name, *Quote)));
  return {std::move(F), ""};
}

FixOrReason buildBackPopulatesAddition(const Relationship &R,
                                       const std::string &Name,
                                       unsigned ColumnLimit) {
  if (std::string Problem = annotationProblem(R); !Problem.empty())
    return FixOrReason::none(Problem);
  if (R.arg("back_populates") || R.arg("backref"))
    return FixOrReason::none(quoted(R) +
                             " already has a back_populates or backref "
                             "argument");
  FixOrReason Added = buildArgumentAddition(
      R,
      "back_populates=" +
          pyString(Name, annotationQuoteStyle(R.Fact->Annotation)),
      ColumnLimit);
  if (Added.Value)
    Added.Value->Description =
        "add back_populates=\"" + Name + "\" to " + quoted(R);
  return Added;
}

} // namespace relcheck
