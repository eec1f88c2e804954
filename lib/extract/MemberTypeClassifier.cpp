//===- MemberTypeClassifier.cpp - how a member type holds its target ------===//
#include "extract/MemberTypeClassifier.h"

#include "extract/CppTextScanner.h"
#include "extract/RelcheckAttributes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace relcheck {
namespace {

enum class Wrapper { None, SmartPointer, Container, Map };

const clang::CXXRecordDecl *recordOf(clang::QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getCanonicalType()->getAsCXXRecordDecl();
}

/// A member of RD (or of a base) named Name; null if none.
const clang::NamedDecl *findMember(const clang::CXXRecordDecl *RD,
                                   llvm::StringRef Name, unsigned Depth = 0) {
  if (!RD || Depth > 8)
    return nullptr;
  const clang::CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return nullptr;
  clang::IdentifierInfo &Id = Def->getASTContext().Idents.get(Name);
  clang::DeclContext::lookup_result Found = Def->lookup(&Id);
  if (!Found.empty())
    return Found.front();
  for (const clang::CXXBaseSpecifier &Base : Def->bases())
    if (const clang::NamedDecl *D =
            findMember(recordOf(Base.getType()), Name, Depth + 1))
      return D;
  return nullptr;
}

/// The type a member typedef (value_type...) names; null type if none.
clang::QualType memberTypedef(const clang::CXXRecordDecl *RD,
                              llvm::StringRef Name) {
  if (const auto *TD =
          llvm::dyn_cast_or_null<clang::TypedefNameDecl>(findMember(RD, Name)))
    return TD->getUnderlyingType().getCanonicalType();
  return {};
}

clang::QualType templateTypeArgument(const clang::CXXRecordDecl *RD,
                                     unsigned I) {
  const auto *Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
  if (!Spec)
    return {};
  const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (I >= Args.size() || Args[I].getKind() != clang::TemplateArgument::Type)
    return {};
  return Args[I].getAsType().getCanonicalType();
}

/// What kind of wrapper RD is, and the type it wraps. Structural first; the
/// std names are a fallback for types that were never instantiated (only
/// referred to through a reference member).
Wrapper classifyWrapper(const clang::CXXRecordDecl *RD,
                        clang::QualType &Wrapped) {
  if (!RD)
    return Wrapper::None;
  bool IsTemplate = llvm::isa<clang::ClassTemplateSpecializationDecl>(RD);
  llvm::StringRef Name = RD->getName();
  if (IsTemplate && Name == "optional") {
    Wrapped = templateTypeArgument(RD, 0);
    return Wrapper::SmartPointer;
  }
  if (clang::QualType T = memberTypedef(RD, "element_type"); !T.isNull()) {
    Wrapped = T;
    return Wrapper::SmartPointer;
  }
  bool HasBegin = findMember(RD, "begin") != nullptr;
  if (clang::QualType T = memberTypedef(RD, "mapped_type");
      !T.isNull() && HasBegin) {
    Wrapped = T;
    return Wrapper::Map;
  }
  if (clang::QualType T = memberTypedef(RD, "value_type");
      !T.isNull() && HasBegin) {
    Wrapped = T;
    return Wrapper::Container;
  }
  if (!IsTemplate || !RD->isInStdNamespace())
    return Wrapper::None;
  Wrapper ByName =
      llvm::StringSwitch<Wrapper>(Name)
          .Cases("shared_ptr", "unique_ptr", "weak_ptr", Wrapper::SmartPointer)
          .Cases("vector", "list", "deque", "forward_list", Wrapper::Container)
          .Cases("set", "multiset", "unordered_set", "unordered_multiset",
                 Wrapper::Container)
          .Cases("map", "multimap", "unordered_map", "unordered_multimap",
                 Wrapper::Map)
          .Default(Wrapper::None);
  Wrapped = templateTypeArgument(RD, ByName == Wrapper::Map ? 1 : 0);
  return Wrapped.isNull() ? Wrapper::None : ByName;
}

/// The class an element type names: T, T*, T&, or a smart pointer to T.
const clang::CXXRecordDecl *elementClass(clang::QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *Pointer = T->getAs<clang::PointerType>())
    T = Pointer->getPointeeType().getCanonicalType();
  const clang::CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return nullptr;
  clang::QualType Wrapped;
  switch (classifyWrapper(RD, Wrapped)) {
  case Wrapper::None:
    // A template we do not know (std::pair<...>, Foo<T>) names no class.
    if (llvm::isa<clang::ClassTemplateSpecializationDecl>(RD))
      return nullptr;
    return RD;
  case Wrapper::SmartPointer: {
    // One level only: shared_ptr<T> or shared_ptr<T>* element, not deeper.
    Wrapped = Wrapped.getNonReferenceType().getCanonicalType();
    if (const auto *Pointer = Wrapped->getAs<clang::PointerType>())
      Wrapped = Pointer->getPointeeType().getCanonicalType();
    const clang::CXXRecordDecl *Inner = recordOf(Wrapped);
    clang::QualType Ignored;
    if (!Inner || classifyWrapper(Inner, Ignored) != Wrapper::None ||
        llvm::isa<clang::ClassTemplateSpecializationDecl>(Inner))
      return nullptr;
    return Inner;
  }
  case Wrapper::Container:
  case Wrapper::Map:
    return nullptr;
  }
  return nullptr;
}

bool isCvQualifier(llvm::StringRef Word) {
  return Word == "const" || Word == "volatile";
}

/// The type as written, widened to the cv-qualifiers Clang's TypeLoc leaves
/// out ("const" in "const Address *"), never past the member name.
bool writtenTypeRange(const clang::FieldDecl &Field, SourceSpanMapper &Mapper,
                      clang::FileID &FID, unsigned &Begin, unsigned &End) {
  const clang::TypeSourceInfo *TSI = Field.getTypeSourceInfo();
  if (!TSI)
    return false;
  const clang::SourceManager &SM = Mapper.sourceManager();
  clang::CharSourceRange Range = clang::Lexer::makeFileCharRange(
      clang::CharSourceRange::getTokenRange(TSI->getTypeLoc().getSourceRange()),
      SM, Mapper.langOptions());
  if (Range.isInvalid())
    return false;
  auto [BeginFID, BeginOffset] = SM.getDecomposedLoc(Range.getBegin());
  auto [EndFID, EndOffset] = SM.getDecomposedLoc(Range.getEnd());
  if (BeginFID != EndFID || EndOffset < BeginOffset)
    return false;
  llvm::StringRef Buffer = Mapper.buffer(BeginFID);
  if (EndOffset > Buffer.size())
    return false;

  unsigned Limit = Buffer.size();
  clang::SourceLocation NameLoc = Field.getLocation();
  if (NameLoc.isFileID() && SM.getFileID(NameLoc) == BeginFID)
    Limit = SM.getFileOffset(NameLoc);

  // Backwards over "const volatile" (keywords only; anything else stops).
  while (true) {
    unsigned Pos = BeginOffset;
    while (Pos > 0 && llvm::isSpace(Buffer[Pos - 1]))
      --Pos;
    unsigned WordEnd = Pos;
    while (Pos > 0 &&
           (llvm::isAlnum(Buffer[Pos - 1]) || Buffer[Pos - 1] == '_'))
      --Pos;
    if (!isCvQualifier(Buffer.slice(Pos, WordEnd)))
      break;
    BeginOffset = Pos;
  }
  // Forwards over "* const" style qualifiers that precede the name.
  while (true) {
    size_t Pos = skipSpaceAndComments(Buffer, EndOffset);
    size_t WordEnd = skipToken(Buffer, Pos);
    if (WordEnd > Limit || !isCvQualifier(Buffer.slice(Pos, WordEnd)))
      break;
    EndOffset = WordEnd;
  }
  FID = BeginFID;
  Begin = BeginOffset;
  End = EndOffset;
  return true;
}

} // namespace

MemberTypeFact classifyMemberType(const clang::FieldDecl &Field,
                                  SourceSpanMapper &Mapper) {
  MemberTypeFact Fact;
  clang::FileID FID;
  unsigned Begin = 0, End = 0;
  if (writtenTypeRange(Field, Mapper, FID, Begin, End)) {
    Fact.Spelling = Mapper.buffer(FID).slice(Begin, End).str();
    Fact.Range = Mapper.span(FID, Begin, End);
  } else {
    // Written by a macro: the printed type, located at the invocation.
    clang::PrintingPolicy Policy(Field.getASTContext().getLangOpts());
    Policy.SuppressUnwrittenScope = true;
    Fact.Spelling = Field.getType().getAsString(Policy);
    Fact.Range = Mapper.expansionSpan(Field.getLocation());
    if (const clang::TypeSourceInfo *TSI = Field.getTypeSourceInfo())
      Fact.Range = Mapper.expansionSpan(TSI->getTypeLoc().getBeginLoc());
  }

  clang::QualType T = Field.getType().getNonReferenceType().getCanonicalType();
  const clang::CXXRecordDecl *Element = nullptr;
  MemberShape Shape = MemberShape::Unknown;
  if (const auto *Pointer = T->getAs<clang::PointerType>()) {
    // T* names T; a pointer to a container or smart pointer names nothing.
    const clang::CXXRecordDecl *RD = recordOf(Pointer->getPointeeType());
    clang::QualType Ignored;
    if (RD && classifyWrapper(RD, Ignored) == Wrapper::None &&
        !llvm::isa<clang::ClassTemplateSpecializationDecl>(RD)) {
      Element = RD;
      Shape = MemberShape::Scalar;
    }
  } else if (const clang::CXXRecordDecl *RD = recordOf(T)) {
    clang::QualType Wrapped;
    switch (classifyWrapper(RD, Wrapped)) {
    case Wrapper::None:
      if (!llvm::isa<clang::ClassTemplateSpecializationDecl>(RD)) {
        Element = RD;
        Shape = MemberShape::Scalar;
      }
      break;
    case Wrapper::SmartPointer:
      Element = elementClass(T);
      Shape = MemberShape::Scalar;
      break;
    case Wrapper::Container:
    case Wrapper::Map:
      Element = elementClass(Wrapped);
      Shape = MemberShape::Collection;
      break;
    }
  }
  if (!Element) {
    Fact.Shape = MemberShape::Unknown;
    return Fact;
  }
  Fact.Shape = Shape;
  Fact.ElementName = displayName(*Element);
  Fact.ElementQualifiedName = qualifiedName(*Element);
  if (isModelClass(*Element))
    Fact.ElementKey = declKey(*Element);
  return Fact;
}

} // namespace relcheck
