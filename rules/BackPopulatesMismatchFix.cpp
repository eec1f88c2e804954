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

namespace {

using PK = PyExpr::Kind;


/// Why R's annotation cannot be edited in place, or "".
std::string annotationProblem(const Relationship &R) {
  if (!R.Fact || R.isGenerated())
    return quoted(R) + " is not declared";
  const AnnotationFact &A = R.Fact->Annotation;
  if (!A.ExactRanges || !A.ArgsRange.isValid() || A.ParseFailed)
    return "the annotation of " + quoted(R) +
           " is not spelled directly in a file";
  if (!isEditableFile(A.ArgsRange.File))
    return quoted(R) + " is in a system header";
  for (const ArgFact &Arg : A.Args)
    if (!Arg.Range.isValid() || Arg.Range.File != A.ArgsRange.File)
      return "the arguments of " + quoted(R) + " have no exact source range";
  return "";
}

/// A plain one-line string literal at Span: its quote character.
std::optional<char> simpleLiteralQuote(const AnnotationFact &A,
                                       const SourceSpan &Span) {
  std::optional<std::string_view> Text =
      annotationText(A, Span.Begin, Span.End);
  if (!Text || Text->size() < 2)
    return std::nullopt;
  char Q = Text->front();
  if ((Q != '"' && Q != '\'') || Text->back() != Q ||
      Text->compare(0, 3, std::string(3, Q)) == 0 ||
      Text->find('\n') != std::string_view::npos)
    return std::nullopt;
  return Q;
}

} // namespace


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
  const AnnotationFact &A = R.Fact->Annotation;
  if (R.arg("back_populates") || R.arg("backref"))
    return FixOrReason::none(quoted(R) +
                             " already has a back_populates or backref "
                             "argument");
  // The quote style the annotation already uses (its first string).
  char Quote = '"';
  for (const ArgFact &Arg : A.Args)
    if (Arg.Value.is(PK::String)) {
      if (std::optional<char> Q = simpleLiteralQuote(A, Arg.ValueRange)) {
        Quote = *Q;
        break;
      }
    }
  std::string Argument = "back_populates=" + pyString(Name, Quote);
  Replacement Add;
  Add.File = A.ArgsRange.File;
  if (A.Args.empty()) {
    Add.Offset = A.ArgsRange.Begin;
    Add.Text = Argument;
    Fix F;
    F.Description = "add back_populates=\"" + Name + "\" to " + quoted(R);
    F.Replacements.push_back(std::move(Add));
    return {std::move(F), ""};
  }
  const ArgFact &Last = A.Args.back();
  Add.Offset = Last.Range.End;

  // One argument per line: every argument starts on a line after the one
  // where the argument before it ends.
  bool OnePerLine = A.Args.size() >= 2;
  for (size_t I = 1; I < A.Args.size() && OnePerLine; ++I)
    OnePerLine = A.Args[I].Range.Line > A.Args[I - 1].Range.EndLine;
  // How long the last argument's line gets: what follows the argument up to
  // the line's end inside the annotation, the ')', and the member declared
  // on that line.
  unsigned LineEnd = Last.Range.EndColumn;
  if (std::optional<std::string_view> Rest =
          annotationText(A, Last.Range.End, A.ArgsRange.End)) {
    size_t NewLine = Rest->find('\n');
    if (NewLine == std::string_view::npos) {
      LineEnd += static_cast<unsigned>(Rest->size()) + 1; // and ')'
      if (R.Fact->NameRange.isValid() &&
          R.Fact->NameRange.Line == Last.Range.EndLine)
        LineEnd = std::max(LineEnd, R.Fact->NameRange.EndColumn + 1); // ';'
    } else {
      LineEnd += static_cast<unsigned>(NewLine);
    }
  }
  bool Fits = LineEnd - 1 + 2 + Argument.size() <= ColumnLimit;
  if (!OnePerLine && Fits) {
    Add.Text = ", " + Argument;
  } else {
    // A line of its own, indented like the arguments on the last one's
    // line: their line's own white space when they start it, else aligned
    // with the first of them (just after the '(' on a one-line annotation).
    const ArgFact *FirstOnLine = &Last;
    for (const ArgFact &Arg : A.Args)
      if (Arg.Range.Line == Last.Range.Line) {
        FirstOnLine = &Arg;
        break;
      }
    unsigned Column = FirstOnLine->Range.Column;
    unsigned Begin = FirstOnLine->Range.Begin;
    std::string Indent(Column > 0 ? Column - 1 : 0, ' ');
    if (Column > 0 && Begin >= Column - 1)
      if (std::optional<std::string_view> Lead =
              annotationText(A, Begin - (Column - 1), Begin))
        if (Lead->find_first_not_of(" \t") == std::string_view::npos)
          Indent = std::string(*Lead);
    Add.Text = ",\n" + Indent + Argument;
  }
  Fix F;
  F.Description = "add back_populates=\"" + Name + "\" to " + quoted(R);
  F.Replacements.push_back(std::move(Add));
  return {std::move(F), ""};
}

} // namespace relcheck
