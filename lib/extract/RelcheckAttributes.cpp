//===- RelcheckAttributes.cpp - reading relcheck annotate attributes ------===//
#include "extract/RelcheckAttributes.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

namespace relcheck {

AnnotationKind annotationKind(llvm::StringRef Annotation) {
  return llvm::StringSwitch<AnnotationKind>(Annotation)
      .Case("relcheck.model", AnnotationKind::Model)
      .Case("relcheck.column", AnnotationKind::Column)
      .Case("relcheck.relationship", AnnotationKind::Relationship)
      .Case("relcheck.table", AnnotationKind::Table)
      .Case("relcheck.key", AnnotationKind::Key)
      .Default(AnnotationKind::Unknown);
}

llvm::StringRef macroName(AnnotationKind Kind) {
  switch (Kind) {
  case AnnotationKind::Model:
    return "ORM_MODEL";
  case AnnotationKind::Column:
    return "ORM_COLUMN";
  case AnnotationKind::Relationship:
    return "ORM_RELATIONSHIP";
  case AnnotationKind::Table:
    return "ORM_TABLE";
  case AnnotationKind::Key:
    return "ORM_KEY";
  case AnnotationKind::Unknown:
    return "";
  }
  llvm_unreachable("unknown annotation kind");
}

llvm::SmallVector<const clang::AnnotateAttr *, 2>
relcheckAttributes(const clang::Decl &D, bool IncludeInherited) {
  llvm::SmallVector<const clang::AnnotateAttr *, 2> Result;
  if (!D.hasAttrs())
    return Result;
  for (const auto *A : D.specific_attrs<clang::AnnotateAttr>()) {
    if (!A->getAnnotation().starts_with(RelcheckAnnotationPrefix))
      continue;
    if (A->isInherited() && !IncludeInherited)
      continue;
    Result.push_back(A);
  }
  return Result;
}

bool isTemplateRelated(const clang::Decl &D) {
  if (D.isTemplated())
    return true;
  if (const auto *RD = llvm::dyn_cast<clang::CXXRecordDecl>(&D))
    if (llvm::isa<clang::ClassTemplateSpecializationDecl>(RD) ||
        RD->getDescribedClassTemplate())
      return true;
  // Members of an explicit specialization are not "templated" for Clang
  // but are just as unsupported.
  for (const clang::DeclContext *DC = D.getDeclContext(); DC;
       DC = DC->getParent())
    if (llvm::isa<clang::ClassTemplateSpecializationDecl>(DC))
      return true;
  return false;
}

bool isModelClass(const clang::CXXRecordDecl &RD) {
  return !isTemplateRelated(RD) && hasModelAnnotation(RD);
}

bool hasModelAnnotation(const clang::CXXRecordDecl &RD) {
  for (const clang::Decl *Redecl : RD.redecls())
    for (const auto *A : relcheckAttributes(*Redecl, /*IncludeInherited=*/true))
      if (annotationKind(A->getAnnotation()) == AnnotationKind::Model)
        return true;
  return false;
}

std::string declKey(const clang::Decl &D) {
  llvm::SmallString<128> Buf;
  if (clang::index::generateUSRForDecl(&D, Buf))
    return {};
  return std::string(Buf);
}

std::string qualifiedName(const clang::NamedDecl &D) {
  clang::PrintingPolicy Policy(D.getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressInlineNamespace = true;
  Policy.AnonymousTagLocations = false;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  D.printQualifiedName(OS, Policy);
  OS.flush();
  return Name;
}

std::string displayName(const clang::NamedDecl &D) {
  if (D.getIdentifier())
    return D.getName().str();
  return "(anonymous)";
}

} // namespace relcheck
