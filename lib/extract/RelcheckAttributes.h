//===- RelcheckAttributes.h - reading relcheck annotate attributes -*- C++
//-*-===//
//
// The small vocabulary shared by the extractor parts: which annotate
// attributes are relcheck's, which macro wrote them, and how a class is
// named and identified across translation units.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class AnnotateAttr;
class CXXRecordDecl;
class Decl;
class NamedDecl;
} // namespace clang

namespace relcheck {

/// What a "relcheck.*" annotate string asks for.
enum class AnnotationKind { Model, Column, Relationship, Table, Key, Unknown };

/// The prefix every relcheck annotate string starts with.
inline constexpr llvm::StringRef RelcheckAnnotationPrefix = "relcheck.";

/// Kind of a "relcheck.*" annotation string (Unknown for a misspelled one).
AnnotationKind annotationKind(llvm::StringRef Annotation);

/// The macro that writes annotations of this kind ("ORM_COLUMN"); "" for
/// Unknown.
llvm::StringRef macroName(AnnotationKind Kind);

/// The relcheck annotate attributes on D, in source order. Inherited ones
/// (copied from an earlier declaration) are included only when asked: they
/// were already seen on the declaration that wrote them.
llvm::SmallVector<const clang::AnnotateAttr *, 2>
relcheckAttributes(const clang::Decl &D, bool IncludeInherited);

/// True when some declaration of the class carries ORM_MODEL (templates
/// included).
bool hasModelAnnotation(const clang::CXXRecordDecl &RD);

/// True when some declaration of the class carries ORM_MODEL and the class
/// is not a template (templates are never models).
bool isModelClass(const clang::CXXRecordDecl &RD);

/// True for a class template, a specialization, or anything declared inside
/// a template.
bool isTemplateRelated(const clang::Decl &D);

/// Clang USR of the declaration: identical for every redeclaration and in
/// every TU; "" when Clang cannot make one.
std::string declKey(const clang::Decl &D);

/// "shop::User": no leading "::", no anonymous or redundant inline
/// namespaces.
std::string qualifiedName(const clang::NamedDecl &D);

/// "User" or, for an unnamed class, "(anonymous)".
std::string displayName(const clang::NamedDecl &D);

} // namespace relcheck
