//===- FixSupport.h - pieces the fix builders share -------------*- C++ -*-===//
//
// Internal to the fix builders (rules/*Fix.cpp, MemberDeclaration.cpp): the
// pieces more than one of them uses. Names live in relcheck::fixit, so that
// a rule's own helpers of the same name never clash with them. The
// builders' public interface is FixBuilders.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "rules/FixBuilders.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relcheck {
namespace fixit {

using ArgList = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view LegacyRuleId = "relcheck-legacy-backref";

//===-- Text and annotation edits (FixSupport.cpp) ------------------------===//

/// "'User.addresses'" / "'User'" / "'text'", for messages.
std::string quoted(const Relationship &R);
std::string quoted(std::string_view Text);
std::string quotedName(const Model &M);
/// "shop::books" of "shop::books::Book"; "" at global scope.
std::string namespaceOf(std::string_view Qualified);
/// "a::b" -> {"a", "b"}.
std::vector<std::string> splitScopes(const std::string &Namespace);
bool isIdentChar(char C);
/// A file a fix may edit (not a system header, not a pseudo file).
bool isEditableFile(const std::string &Path);
/// The raw source of file offsets [Begin, End) inside A's argument text,
/// when A is spelled directly in a file.
std::optional<std::string_view> annotationText(const AnnotationFact &A,
                                               unsigned Begin, unsigned End);
/// The index of Arg among A's arguments.
std::optional<size_t> argIndex(const AnnotationFact &A, const ArgFact *Arg);
Replacement replaceSpan(const SourceSpan &Span, std::string Text);
/// The offset of the comma separating two arguments in Gap (the text
/// between them, comments included).
std::optional<size_t> separatorComma(std::string_view Gap);
/// The string content of a Python literal written by the graph ("\"User\"").
std::optional<std::string> literalContent(const std::string &Text);
/// The quote character of the string literal at Span; '"' when unknown.
char quoteCharAt(const AnnotationFact &A, const SourceSpan &Span);
/// Content as a Python string literal in Quote's style where possible.
std::string pyString(std::string_view Content, char Quote);
/// Template with every whole-identifier Ident replaced by With.
std::string replaceIdentifier(const std::string &Template,
                              std::string_view Ident, const std::string &With);
size_t countIdentifier(const std::string &Text, std::string_view Ident);
/// The quote character M's annotations use most ('"' on a tie).
char quoteStyleOf(const ModelFact &M);
/// Args with their plain double-quoted strings in Quote's style.
ArgList requoted(ArgList Args, char Quote);
/// Appends From's edits to Into's.
void append(Fix &Into, const Fix &From);
/// Why R's annotation cannot be edited in place (generated, not spelled in
/// a file, in a system header), or "".
std::string annotationProblem(const Relationship &R);
/// A plain one-line string literal at Span: its quote character.
std::optional<char> simpleLiteralQuote(const AnnotationFact &A,
                                       const SourceSpan &Span);
/// The quote character of A's first plain string literal ('"' if none).
char annotationQuoteStyle(const AnnotationFact &A);
/// Appends Argument ("overlaps=\"bs\"") to R's annotation after its last
/// argument: on the last argument's line, or on a line of its own (indented
/// like the last argument) when R's arguments are written one per line or
/// the line would exceed ColumnLimit.
FixOrReason buildArgumentAddition(const Relationship &R,
                                  const std::string &Argument,
                                  unsigned ColumnLimit = 80);

//===-- Declaring a relationship member (MemberDeclaration.cpp) -----------===//

/// Args of a relationship declared in DeclaringOwner's body, with the bare
/// column names evaluated there written as strings naming the class
/// (remote_side=[id] -> remote_side="Node.id"), for another class's body.
/// WhyNot: set when such a string may not name that column (its mapping is
/// decided by __mapper_args__); the caller then proposes no fix.
ArgList qualifyArgs(const ArgList &Args, const Model &DeclaringOwner,
                    std::string &WhyNot);
/// The member declaration of a relationship in Into whose element is
/// Element, after Into's last member, with the #includes and the forward
/// declaration it needs.
FixOrReason declareMember(const FixContext &Ctx, const Model &Into,
                          const Model &Element, const ArgList &Args,
                          bool Collection, const std::string &Attribute);

//===-- The declaring side of a backref (LegacyBackrefFix.cpp) ------------===//

/// Why R's backref= cannot be rewritten (§6.4), or "".
std::string declaringSideProblem(const FixContext &Ctx, const Relationship &R);
/// backref=... becomes back_populates="Name"; a back_populates= written
/// beside it goes.
std::optional<std::vector<Replacement>>
declaringSideEdits(const Relationship &R, const std::string &Name);

} // namespace fixit
} // namespace relcheck
