//===- MacroArgumentLocator.h - ORM_* invocations behind attributes -*- C++
//-*-===//
//
// An annotate attribute only says *that* ORM_RELATIONSHIP(...) was used; fixes
// need *where* each argument is written. This finds the macro invocation
// that produced the attribute, reads its argument text from the file, parses
// it and maps every node back to file positions.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "extract/RelcheckAttributes.h"
#include "extract/SourceSpanMapper.h"
#include "facts/Facts.h"

#include <vector>

namespace clang {
class AnnotateAttr;
} // namespace clang

namespace relcheck {

class MacroArgumentLocator {
public:
  explicit MacroArgumentLocator(SourceSpanMapper &Mapper) : Mapper(Mapper) {}

  /// Where the annotation is written (the ORM_* invocation, or the outermost
  /// macro invocation containing it), without reading its arguments: the
  /// location for an issue about a misplaced annotation.
  SourceSpan annotationRange(const clang::AnnotateAttr &Attr);

  /// Reads and parses the arguments of an ORM_MODEL, ORM_COLUMN or
  /// ORM_RELATIONSHIP annotation. A syntax error sets ParseFailed and adds
  /// an issue at the offending text.
  AnnotationFact read(const clang::AnnotateAttr &Attr, AnnotationKind Kind,
                      std::vector<AnnotationIssue> &Issues);

  /// Reads an ORM_TABLE annotation: the name argument goes to Name and
  /// NameRange, the remaining arguments to Annotation.Args.
  TableFact readTable(const clang::AnnotateAttr &Attr,
                      std::vector<AnnotationIssue> &Issues);

private:
  /// The invocation's position: exact (spelled in a file) or not.
  struct Invocation {
    bool Exact = false;
    clang::FileID File;
    unsigned NameOffset = 0; ///< Exact only: the macro name.
    unsigned ArgsBegin = 0;  ///< Exact only: just past '('.
    unsigned ArgsEnd = 0;    ///< Exact only: the ')'.
    SourceSpan Fallback;     ///< Not exact: the outermost expansion.
  };

  Invocation locate(const clang::AnnotateAttr &Attr, AnnotationKind Kind);
  AnnotationFact readArguments(const clang::AnnotateAttr &Attr,
                               AnnotationKind Kind,
                               std::vector<AnnotationIssue> &Issues);

  SourceSpanMapper &Mapper;
};

/// The I-th string argument of the attribute ("" when absent).
std::string annotateStringArgument(const clang::AnnotateAttr &Attr, unsigned I);

} // namespace relcheck
