//===- ArgumentLocator.h - file positions inside annotation arguments -*- C++
//-*-===//
//
// Annotation arguments are parsed from the text between the macro's
// parentheses; every PyExpr offset is relative to its ArgFact's value. Issues
// must name the exact file position of the offending piece (a keyword inside
// backref(...), a word inside a join string), so this maps those offsets back
// to file spans and source text. When the invocation is not spelled directly
// in a file (ExactRanges false) every position collapses to the expansion
// site, as the facts promise.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "facts/Facts.h"

#include <string>

namespace relcheck {

class ArgumentLocator {
public:
  explicit ArgumentLocator(const AnnotationFact &Annotation)
      : Annotation(Annotation) {}

  /// The span of Node, a node of Arg's value.
  SourceSpan node(const ArgFact &Arg, const PyExpr &Node) const;
  /// The keyword name of a Keyword node inside Arg's value ("lazy" of
  /// backref("x", lazy=...)).
  SourceSpan keywordName(const ArgFact &Arg, const PyExpr &KeywordNode) const;
  /// Bytes [Begin, End) of the decoded content of string node Str; the
  /// whole literal when the string is not verbatim source.
  SourceSpan insideString(const ArgFact &Arg, const PyExpr &Str, unsigned Begin,
                          unsigned End) const;
  /// The span of a range given as offsets relative to Arg's value.
  SourceSpan relative(const ArgFact &Arg, unsigned Begin, unsigned End) const;

  /// Source text of Arg's value (rendered when the source is unavailable).
  std::string text(const ArgFact &Arg) const;
  /// Source text of a node of Arg's value.
  std::string text(const ArgFact &Arg, const PyExpr &Node) const;

  const AnnotationFact &annotation() const { return Annotation; }

private:
  /// File offsets [Begin, End) inside the argument text, as a span.
  SourceSpan fileSpan(unsigned Begin, unsigned End,
                      const SourceSpan &Fallback) const;
  bool textAvailable(unsigned FileBegin, unsigned FileEnd) const;

  const AnnotationFact &Annotation;
};

/// A copy of E whose offsets (and verbatim string offsets) are shifted down
/// by Delta, so a sub-expression can become the Value of its own ArgFact.
PyExpr rebaseExpr(const PyExpr &E, unsigned Delta);

} // namespace relcheck
