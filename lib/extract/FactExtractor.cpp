//===- FactExtractor.cpp - facts from a Clang AST -------------------------===//
//
// One pass over the declarations (never into function bodies): every
// relcheck annotate attribute either becomes a fact or an AnnotationIssue
// explaining why it is ignored. Nothing is skipped silently: an ORM_*
// macro the pass did not reach (in a body) is reported from the source
// manager's record of expansions (AnnotationExpansions.h).
//
//===----------------------------------------------------------------------===//
#include "extract/FactExtractor.h"

#include "extract/AnnotationExpansions.h"
#include "extract/CppTextScanner.h"
#include "extract/IncludeInsertions.h"
#include "extract/MacroArgumentLocator.h"
#include "extract/MemberTypeClassifier.h"
#include "extract/RelcheckAttributes.h"
#include "extract/SourceSpanMapper.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

namespace relcheck {
namespace {

/// "User.count" for a member, "count" otherwise.
std::string memberDisplayName(const clang::Decl &D) {
  const auto *Named = llvm::dyn_cast<clang::NamedDecl>(&D);
  std::string Name = Named ? displayName(*Named) : std::string("(unnamed)");
  if (const auto *Parent = llvm::dyn_cast<clang::NamedDecl>(D.getDeclContext()))
    if (llvm::isa<clang::RecordDecl>(Parent))
      return displayName(*Parent) + "." + Name;
  return Name;
}

/// Where a member declaration starts and ends in its file.
struct MemberExtent {
  clang::FileID File;
  unsigned Begin = 0;
  unsigned End = 0; ///< Just past its ';' (or its body's '}').
};

class FactCollector : public clang::RecursiveASTVisitor<FactCollector> {
public:
  explicit FactCollector(clang::ASTContext &Ctx)
      : SM(Ctx.getSourceManager()), Mapper(SM, Ctx.getLangOpts()),
        Locator(Mapper) {}

  // Models are class definitions; a function body holds none worth
  // checking (and the CLI skips bodies anyway).
  bool TraverseStmt(clang::Stmt *, DataRecursionQueue * = nullptr) {
    return true;
  }

  bool VisitDecl(clang::Decl *D) {
    noteReached(*D);
    if (auto *RD = llvm::dyn_cast<clang::CXXRecordDecl>(D))
      visitRecord(*RD);
    else if (auto *Field = llvm::dyn_cast<clang::FieldDecl>(D))
      visitField(*Field);
    else
      visitOtherDecl(*D);
    return true;
  }

  TuFacts finish();

private:
  void visitRecord(clang::CXXRecordDecl &RD);
  void recordForwardDeclaration(const clang::CXXRecordDecl &RD);
  void recordIncludes();
  void visitField(clang::FieldDecl &Field);
  void visitOtherDecl(clang::Decl &D);

  void buildModel(const clang::CXXRecordDecl &RD,
                  const clang::AnnotateAttr &ModelAttr);
  void addModelField(ModelFact &Model, const clang::FieldDecl &Field);

  /// The issue for a relcheck annotation on a declaration it cannot apply
  /// to (outside a model's own fields).
  void reportMisplaced(const clang::Decl &D, const clang::AnnotateAttr &A);
  void issue(const clang::AnnotateAttr &A, std::string Message);

  /// Records where D's relcheck annotations were invoked (each macro
  /// invocation's file location), so that finish() can report the others.
  void noteReached(const clang::Decl &D);
  /// An issue for each ORM_* expansion whose annotation the traversal never
  /// reached: in a function body, a lambda, an initializer, or dropped.
  void reportUnreached();

  bool memberExtent(const clang::Decl &D, MemberExtent &Extent);
  SourceSpan declarationStart(const clang::CXXRecordDecl &RD);
  std::optional<std::string> readKey(const clang::AnnotateAttr &KeyAttr);
  std::string lineIndent(clang::FileID FID, unsigned Offset);

  /// Files where a fix may insert a member (each model's body).
  std::set<clang::FileID> MemberFiles;
  llvm::DenseSet<clang::SourceLocation::UIntTy> Reached;
  const clang::SourceManager &SM;
  SourceSpanMapper Mapper;
  MacroArgumentLocator Locator;
  TuFacts Facts;
};

void FactCollector::issue(const clang::AnnotateAttr &A, std::string Message) {
  AnnotationIssue Issue;
  Issue.Range = Locator.annotationRange(A);
  Issue.Message = std::move(Message);
  Facts.Issues.push_back(std::move(Issue));
}

void FactCollector::reportMisplaced(const clang::Decl &D,
                                    const clang::AnnotateAttr &A) {
  AnnotationKind Kind = annotationKind(A.getAnnotation());
  std::string Macro = macroName(Kind).str();
  std::string Name = memberDisplayName(D);
  if (Kind == AnnotationKind::Unknown) {
    issue(A, "annotation ignored: unknown relcheck annotation '" +
                 A.getAnnotation().str() + "'");
    return;
  }
  if (Kind == AnnotationKind::Model || Kind == AnnotationKind::Table) {
    issue(A, "annotation ignored: " + Macro +
                 " applies to class definitions, not to '" + Name + "'");
    return;
  }
  // ORM_COLUMN / ORM_RELATIONSHIP.
  if (const auto *Field = llvm::dyn_cast<clang::FieldDecl>(&D);
      Field && Field->isBitField()) {
    issue(A, "annotation ignored: " + Macro +
                 " cannot be applied to bit-field '" + Name + "'");
    return;
  }
  if (const auto *Var = llvm::dyn_cast<clang::VarDecl>(&D);
      Var && Var->isStaticDataMember()) {
    issue(A, "annotation ignored: " + Macro +
                 " cannot be applied to static member '" + Name + "'");
    return;
  }
  if (llvm::isa<clang::CXXMethodDecl>(D)) {
    issue(A, "annotation ignored: " + Macro + " cannot be applied to method '" +
                 Name + "'");
    return;
  }
  if (const auto *Field = llvm::dyn_cast<clang::FieldDecl>(&D)) {
    if (isTemplateRelated(*Field)) {
      issue(A, "annotation ignored: '" + Name +
                   "' is a member of a template (templates are not "
                   "supported)");
      return;
    }
    issue(A, "annotation ignored: '" + displayName(*Field->getParent()) +
                 "' is not declared with ORM_MODEL");
    return;
  }
  issue(A, "annotation ignored: " + Macro +
               " applies to data members of an ORM_MODEL class, not to '" +
               Name + "'");
}

void FactCollector::noteReached(const clang::Decl &D) {
  if (!D.hasAttrs())
    return;
  for (const clang::AnnotateAttr *A : D.specific_attrs<clang::AnnotateAttr>())
    if (A->getAnnotation().starts_with(RelcheckAnnotationPrefix))
      Reached.insert(SM.getExpansionLoc(A->getLocation()).getRawEncoding());
}

void FactCollector::reportUnreached() {
  for (const AnnotationExpansion &E : annotationExpansions(SM)) {
    if (Reached.contains(SM.getExpansionLoc(E.NameLoc).getRawEncoding()))
      continue;
    AnnotationIssue Issue;
    Issue.Range = Mapper.tokenSpan(E.NameLoc);
    Issue.Message =
        "annotation ignored: " + E.Macro.str() +
        " in a function body, a lambda or an initializer (or where Clang "
        "drops it); models and their members must be declared at namespace "
        "or class scope";
    if (Issue.Range.isValid())
      Facts.Issues.push_back(std::move(Issue));
  }
}

void FactCollector::visitRecord(clang::CXXRecordDecl &RD) {
  // An explicit instantiation carries the template's attributes: the
  // template itself was already reported.
  if (const auto *Spec =
          llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&RD))
    if (Spec->getSpecializationKind() != clang::TSK_ExplicitSpecialization)
      return;
  const clang::AnnotateAttr *ModelAttr = nullptr;
  const clang::AnnotateAttr *TableAttr = nullptr;
  for (const clang::AnnotateAttr *A :
       relcheckAttributes(RD, /*IncludeInherited=*/false)) {
    AnnotationKind Kind = annotationKind(A->getAnnotation());
    switch (Kind) {
    case AnnotationKind::Unknown:
      reportMisplaced(RD, *A);
      break;
    case AnnotationKind::Column:
    case AnnotationKind::Relationship:
    case AnnotationKind::Key:
      issue(*A, "annotation ignored: " + macroName(Kind).str() +
                    " applies to data members, not to class '" +
                    displayName(RD) + "'");
      break;
    case AnnotationKind::Model:
    case AnnotationKind::Table:
      if (ModelAttr || TableAttr) {
        issue(*A, "annotation ignored: '" + displayName(RD) + "' already has " +
                      macroName(ModelAttr ? AnnotationKind::Model
                                          : AnnotationKind::Table)
                          .str());
        break;
      }
      (Kind == AnnotationKind::Model ? ModelAttr : TableAttr) = A;
      break;
    }
  }
  // A forward declaration's ORM_MODEL is read once, with the definition.
  if (!RD.isThisDeclarationADefinition()) {
    recordForwardDeclaration(RD);
    return;
  }
  if (!ModelAttr && !TableAttr)
    for (const clang::AnnotateAttr *A :
         relcheckAttributes(RD, /*IncludeInherited=*/true))
      if (A->isInherited() &&
          annotationKind(A->getAnnotation()) == AnnotationKind::Model) {
        ModelAttr = A;
        break;
      }

  const clang::AnnotateAttr *Used = ModelAttr ? ModelAttr : TableAttr;
  if (!Used)
    return;
  std::string Macro = ModelAttr ? "ORM_MODEL" : "ORM_TABLE";
  if (isTemplateRelated(RD)) {
    std::string What =
        RD.getDescribedClassTemplate()
            ? "is a class template"
            : (llvm::isa<clang::ClassTemplateSpecializationDecl>(RD)
                   ? "is a template specialization"
                   : "is declared inside a template");
    issue(*Used, "annotation ignored: '" + qualifiedName(RD) + "' " + What +
                     " (templates are not supported by " + Macro + ")");
    return;
  }
  if (ModelAttr) {
    if (!RD.getIdentifier()) {
      issue(*ModelAttr, "annotation ignored: ORM_MODEL needs a named class");
      return;
    }
    buildModel(RD, *ModelAttr);
    return;
  }
  Facts.Tables.push_back(Locator.readTable(*TableAttr, Facts.Issues));
}

void FactCollector::visitField(clang::FieldDecl &Field) {
  auto Attrs = relcheckAttributes(Field, /*IncludeInherited=*/false);
  if (Attrs.empty())
    return;
  // A model's fields are read with the model; a model that cannot be one
  // (a template, unnamed) already has its issue: one per root cause.
  if (const auto *Parent =
          llvm::dyn_cast<clang::CXXRecordDecl>(Field.getParent()))
    if (hasModelAnnotation(*Parent))
      return;
  for (const clang::AnnotateAttr *A : Attrs)
    reportMisplaced(Field, *A);
}

void FactCollector::visitOtherDecl(clang::Decl &D) {
  for (const clang::AnnotateAttr *A :
       relcheckAttributes(D, /*IncludeInherited=*/false))
    reportMisplaced(D, *A);
}

bool FactCollector::memberExtent(const clang::Decl &D, MemberExtent &Extent) {
  unsigned Ignored = 0;
  if (!Mapper.expansionOffsets(D.getBeginLoc(), Extent.File, Extent.Begin,
                               Ignored))
    return false;
  for (const clang::AnnotateAttr *A :
       relcheckAttributes(D, /*IncludeInherited=*/false)) {
    clang::FileID AttrFID;
    unsigned AttrBegin = 0;
    if (Mapper.expansionOffsets(A->getLocation(), AttrFID, AttrBegin,
                                Ignored) &&
        AttrFID == Extent.File)
      Extent.Begin = std::min(Extent.Begin, AttrBegin);
  }

  clang::FileID EndFID;
  unsigned LastTokenBegin = 0, End = 0;
  if (!Mapper.expansionOffsets(D.getEndLoc(), EndFID, LastTokenBegin, End) ||
      EndFID != Extent.File || End < Extent.Begin)
    return false;
  // `int id ORM_COLUMN(Integer);`: a trailing attribute is not in the range.
  for (const clang::AnnotateAttr *A :
       relcheckAttributes(D, /*IncludeInherited=*/false)) {
    clang::FileID AttrFID;
    unsigned AttrBegin = 0, AttrEnd = 0;
    if (Mapper.expansionOffsets(A->getLocation(), AttrFID, AttrBegin,
                                AttrEnd) &&
        AttrFID == Extent.File && AttrEnd > End) {
      End = AttrEnd;
      LastTokenBegin = AttrEnd - 1;
    }
  }
  llvm::StringRef Buffer = Mapper.buffer(Extent.File);

  // A skipped body is not part of the declaration's range: find it.
  if (const clang::FunctionDecl *FD = D.getAsFunction())
    if (FD->isThisDeclarationADefinition() &&
        (LastTokenBegin >= Buffer.size() || Buffer[LastTokenBegin] != '}'))
      if (std::optional<size_t> BodyStart = findFunctionBodyStart(
              Buffer, End, llvm::isa<clang::CXXConstructorDecl>(FD)))
        if (std::optional<size_t> Close =
                findClosingBracket(Buffer, *BodyStart, '{', '}'))
          End = *Close + 1;

  size_t Next = skipSpaceAndComments(Buffer, End);
  if (Next < Buffer.size() && Buffer[Next] == ';')
    End = Next + 1;
  Extent.End = End;
  return true;
}

std::string FactCollector::lineIndent(clang::FileID FID, unsigned Offset) {
  llvm::StringRef Buffer = Mapper.buffer(FID);
  Offset = std::min<unsigned>(Offset, Buffer.size());
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t IndentEnd = LineStart;
  while (IndentEnd < Offset &&
         (Buffer[IndentEnd] == ' ' || Buffer[IndentEnd] == '\t'))
    ++IndentEnd;
  return Buffer.slice(LineStart, IndentEnd).str();
}

/// Every class may turn out to be a model (its definition can be in another
/// TU), so every namespace-scope forward declaration in a project file is
/// kept: cheap, and exactly what a fix needs to not declare it again.
void FactCollector::recordForwardDeclaration(const clang::CXXRecordDecl &RD) {
  if (RD.isImplicit() || !RD.getIdentifier() ||
      RD.getFriendObjectKind() != clang::Decl::FOK_None ||
      !RD.getLexicalDeclContext()->isFileContext() ||
      SM.isInSystemHeader(RD.getLocation()) || isTemplateRelated(RD))
    return;
  ClassDeclarationFact Declaration;
  Declaration.Key = declKey(RD);
  Declaration.NameRange = Mapper.tokenSpan(RD.getLocation());
  if (!Declaration.Key.empty() && Declaration.NameRange.isValid())
    Facts.ClassDeclarations.push_back(std::move(Declaration));
}

/// Project files including project files, from the source manager's record
/// of where each file was entered (one pass over its entries: looking each
/// file up instead is quadratic in the headers a TU reads).
void FactCollector::recordIncludes() {
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const clang::SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile() ||
        clang::SrcMgr::isSystem(Entry.getFile().getFileCharacteristic()))
      continue;
    clang::SourceLocation IncludedAt = Entry.getFile().getIncludeLoc();
    if (IncludedAt.isInvalid() || SM.isInSystemHeader(IncludedAt))
      continue;
    // A file entry's start location is its offset (file IDs are not
    // macro IDs).
    clang::FileID FID = SM.getFileID(
        clang::SourceLocation::getFromRawEncoding(Entry.getOffset()));
    auto [IncluderFID, Offset] =
        SM.getDecomposedLoc(SM.getExpansionLoc(IncludedAt));
    IncludeFact Include;
    Include.Directive = Mapper.span(IncluderFID, Offset, Offset);
    Include.Included = Mapper.filePath(FID);
    if (Include.Directive.isValid() && !Include.Included.empty())
      Facts.Includes.push_back(std::move(Include));
  }
}

/// The start of the line where RD's declaration begins, with its leading
/// comment (a declaration inserted between them would take the comment).
SourceSpan FactCollector::declarationStart(const clang::CXXRecordDecl &RD) {
  clang::SourceLocation Begin = SM.getExpansionLoc(RD.getOuterLocStart());
  if (const clang::RawComment *Comment =
          RD.getASTContext().getRawCommentForDeclNoCache(&RD)) {
    clang::SourceLocation CommentBegin =
        SM.getExpansionLoc(Comment->getBeginLoc());
    if (SM.isBeforeInTranslationUnit(CommentBegin, Begin))
      Begin = CommentBegin;
  }
  auto [FID, Offset] = SM.getDecomposedLoc(Begin);
  llvm::StringRef Buffer = Mapper.buffer(FID);
  Offset = std::min<unsigned>(Offset, Buffer.size());
  size_t LineStart = Buffer.rfind('\n', Offset); // Searches before Offset.
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  // Only white space may stand before it on its line.
  if (!Buffer.slice(LineStart, Offset).trim(" \t").empty())
    return {};
  return Mapper.span(FID, LineStart, LineStart);
}

/// ORM_KEY("name"): one string, the attribute's key in SQLAlchemy, which
/// any non-empty text without NUL may be (SQLAlchemy sets it with setattr).
std::optional<std::string>
FactCollector::readKey(const clang::AnnotateAttr &KeyAttr) {
  AnnotationFact Key = Locator.read(KeyAttr, AnnotationKind::Key, Facts.Issues);
  if (Key.ParseFailed)
    return std::nullopt;
  if (Key.Args.size() != 1 || !Key.Args.front().Keyword.empty() ||
      !Key.Args.front().Value.is(PyExpr::Kind::String) ||
      Key.Args.front().Value.Text.empty() ||
      Key.Args.front().Value.Text.find('\0') != std::string::npos) {
    AnnotationIssue Issue;
    Issue.Range = Key.MacroRange;
    Issue.Message = "invalid ORM_KEY arguments: expected one non-empty string, "
                    "the attribute's name (ORM_KEY(\"namespace\"))";
    Facts.Issues.push_back(std::move(Issue));
    return std::nullopt;
  }
  return Key.Args.front().Value.Text;
}

void FactCollector::buildModel(const clang::CXXRecordDecl &RD,
                               const clang::AnnotateAttr &ModelAttr) {
  ModelFact Model;
  Model.Key = declKey(RD);
  Model.Name = displayName(RD);
  Model.QualifiedName = qualifiedName(RD);
  Model.ClassKey = RD.isClass() ? "class" : "struct";
  for (const clang::CXXBaseSpecifier &Base : RD.bases()) {
    const clang::CXXRecordDecl *BaseRD = Base.getType()->getAsCXXRecordDecl();
    if (BaseRD && isModelClass(*BaseRD)) {
      Model.BaseKeys.push_back(declKey(*BaseRD));
      Model.BaseNames.push_back(qualifiedName(*BaseRD));
    }
  }
  Model.NameRange = Mapper.tokenSpan(RD.getLocation());
  Model.Annotation =
      Locator.read(ModelAttr, AnnotationKind::Model, Facts.Issues);

  clang::SourceRange Braces = RD.getBraceRange();
  clang::FileID BodyFID, CloseFID;
  unsigned OpenBegin = 0, OpenEnd = 0, CloseBegin = 0, CloseEnd = 0;
  bool HasBody =
      Mapper.expansionOffsets(Braces.getBegin(), BodyFID, OpenBegin, OpenEnd) &&
      Mapper.expansionOffsets(Braces.getEnd(), CloseFID, CloseBegin,
                              CloseEnd) &&
      BodyFID == CloseFID && OpenBegin <= CloseBegin;
  if (HasBody)
    Model.BodyRange = Mapper.span(BodyFID, OpenBegin, CloseEnd);

  llvm::StringSet<> PlainNames;
  auto addPlain = [&](const clang::NamedDecl &D, bool IsMethod) {
    if (!D.getIdentifier() || !PlainNames.insert(D.getName()).second)
      return;
    PlainMemberFact Member;
    Member.Name = D.getName().str();
    Member.NameRange = Mapper.tokenSpan(D.getLocation());
    Member.IsMethod = IsMethod;
    Model.PlainMembers.push_back(std::move(Member));
  };

  std::optional<MemberExtent> Last;
  for (const clang::Decl *Member : RD.decls()) {
    // Members of an anonymous struct/union are members of this class.
    if (const auto *Indirect = llvm::dyn_cast<clang::IndirectFieldDecl>(Member))
      addPlain(*Indirect, /*IsMethod=*/false);
    if (Member->isImplicit())
      continue;
    if (!llvm::isa<clang::AccessSpecDecl>(Member)) {
      MemberExtent Extent;
      if (HasBody && memberExtent(*Member, Extent) && Extent.File == BodyFID &&
          Extent.Begin > OpenBegin && Extent.End <= CloseBegin &&
          (!Last || Extent.End >= Last->End))
        Last = Extent;
    }

    if (const auto *Field = llvm::dyn_cast<clang::FieldDecl>(Member)) {
      addModelField(Model, *Field);
      continue;
    }
    if (const auto *Template =
            llvm::dyn_cast<clang::FunctionTemplateDecl>(Member)) {
      addPlain(*Template, /*IsMethod=*/true);
      continue;
    }
    if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Member)) {
      addPlain(*Method, /*IsMethod=*/true);
      continue;
    }
    if (const auto *Nested = llvm::dyn_cast<clang::CXXRecordDecl>(Member)) {
      bool IsTable = llvm::any_of(
          relcheckAttributes(*Nested, /*IncludeInherited=*/false),
          [](const clang::AnnotateAttr *A) {
            return annotationKind(A->getAnnotation()) == AnnotationKind::Table;
          });
      if (!IsTable)
        addPlain(*Nested, /*IsMethod=*/false);
      continue;
    }
    if (llvm::isa<clang::VarDecl, clang::TypeDecl, clang::ClassTemplateDecl,
                  clang::TypeAliasTemplateDecl, clang::VarTemplateDecl>(Member))
      addPlain(*llvm::cast<clang::NamedDecl>(Member), /*IsMethod=*/false);
  }

  if (HasBody && !SM.isInSystemHeader(Braces.getBegin()))
    MemberFiles.insert(BodyFID);
  Model.DeclarationStart = declarationStart(RD);
  if (Last) {
    Model.LastMemberEnd = Mapper.span(Last->File, Last->End, Last->End);
    Model.MemberIndent = lineIndent(Last->File, Last->Begin);
  } else if (HasBody) {
    Model.LastMemberEnd = Mapper.span(BodyFID, OpenEnd, OpenEnd);
    clang::FileID NameFID;
    unsigned NameBegin = 0, NameEnd = 0;
    std::string Indent;
    if (Mapper.expansionOffsets(RD.getLocation(), NameFID, NameBegin, NameEnd))
      Indent = lineIndent(NameFID, NameBegin);
    Model.MemberIndent = Indent + "  ";
  }
  Facts.Models.push_back(std::move(Model));
}

void FactCollector::addModelField(ModelFact &Model,
                                  const clang::FieldDecl &Field) {
  const clang::AnnotateAttr *Primary = nullptr;
  const clang::AnnotateAttr *KeyAttr = nullptr;
  AnnotationKind PrimaryKind = AnnotationKind::Unknown;
  for (const clang::AnnotateAttr *A :
       relcheckAttributes(Field, /*IncludeInherited=*/false)) {
    AnnotationKind Kind = annotationKind(A->getAnnotation());
    if (Kind == AnnotationKind::Key && !Field.isBitField()) {
      if (KeyAttr)
        issue(*A, "annotation ignored: '" + memberDisplayName(Field) +
                      "' already has ORM_KEY");
      else
        KeyAttr = A;
      continue;
    }
    if (Kind != AnnotationKind::Column &&
        Kind != AnnotationKind::Relationship) {
      reportMisplaced(Field, *A);
      continue;
    }
    if (Field.isBitField()) {
      reportMisplaced(Field, *A);
      continue;
    }
    if (Primary) {
      issue(*A, "annotation ignored: '" + memberDisplayName(Field) +
                    "' already has " + macroName(PrimaryKind).str() +
                    " (one relcheck annotation per member)");
      continue;
    }
    Primary = A;
    PrimaryKind = Kind;
  }

  if (!Primary && KeyAttr) {
    issue(*KeyAttr, "annotation ignored: ORM_KEY names the attribute of an "
                    "ORM_COLUMN or ORM_RELATIONSHIP member, and '" +
                        memberDisplayName(Field) + "' has neither");
    KeyAttr = nullptr;
  }
  if (!Primary) {
    if (Field.getIdentifier()) {
      PlainMemberFact Member;
      Member.Name = Field.getName().str();
      Member.NameRange = Mapper.tokenSpan(Field.getLocation());
      bool Seen =
          llvm::any_of(Model.PlainMembers, [&](const PlainMemberFact &M) {
            return M.Name == Member.Name;
          });
      if (!Seen)
        Model.PlainMembers.push_back(std::move(Member));
    }
    return;
  }

  AnnotationFact Annotation = Locator.read(*Primary, PrimaryKind, Facts.Issues);
  SourceSpan NameRange = Mapper.tokenSpan(Field.getLocation());
  SourceSpan DeclRange;
  MemberExtent Extent;
  if (memberExtent(Field, Extent))
    DeclRange = Mapper.span(Extent.File, Extent.Begin, Extent.End);
  else
    DeclRange = Annotation.MacroRange;

  std::string MemberName = Field.getName().str();
  std::string Attribute = MemberName;
  if (KeyAttr)
    if (std::optional<std::string> Key = readKey(*KeyAttr))
      Attribute = *Key;
  if (Attribute == MemberName)
    MemberName.clear();

  if (PrimaryKind == AnnotationKind::Column) {
    ColumnFact Column;
    Column.Attribute = Attribute;
    Column.MemberName = MemberName;
    Column.NameRange = NameRange;
    Column.DeclRange = DeclRange;
    Column.Annotation = std::move(Annotation);
    Model.Columns.push_back(std::move(Column));
    return;
  }
  RelationshipFact Relationship;
  Relationship.Attribute = Attribute;
  Relationship.MemberName = MemberName;
  Relationship.NameRange = NameRange;
  Relationship.DeclRange = DeclRange;
  Relationship.MemberType = classifyMemberType(Field, Mapper);
  Relationship.Annotation = std::move(Annotation);
  Model.Relationships.push_back(std::move(Relationship));
}

TuFacts FactCollector::finish() {
  Facts.MainFile = Mapper.filePath(SM.getMainFileID());
  recordIncludes();
  reportUnreached();
  for (clang::FileID FID : MemberFiles) {
    std::vector<IncludeInsertionFact> Insertions =
        includeInsertions(Mapper.filePath(FID), Mapper.buffer(FID));
    std::move(Insertions.begin(), Insertions.end(),
              std::back_inserter(Facts.IncludeInsertions));
  }
  llvm::sort(Facts.IncludeInsertions,
             [](const IncludeInsertionFact &A, const IncludeInsertionFact &B) {
               return std::tie(A.File, A.Header) < std::tie(B.File, B.Header);
             });
  llvm::sort(Facts.ClassDeclarations, [](const ClassDeclarationFact &A,
                                         const ClassDeclarationFact &B) {
    return std::tie(A.NameRange, A.Key) < std::tie(B.NameRange, B.Key);
  });
  llvm::sort(Facts.Includes, [](const IncludeFact &A, const IncludeFact &B) {
    return std::tie(A.Directive, A.Included) <
           std::tie(B.Directive, B.Included);
  });
  llvm::sort(Facts.Models, [](const ModelFact &A, const ModelFact &B) {
    return std::tie(A.NameRange, A.Key) < std::tie(B.NameRange, B.Key);
  });
  llvm::sort(Facts.Tables, [](const TableFact &A, const TableFact &B) {
    return std::tie(A.Annotation.MacroRange, A.Name) <
           std::tie(B.Annotation.MacroRange, B.Name);
  });
  auto IssueKey = [](const AnnotationIssue &I) {
    return std::tie(I.Range, I.Message);
  };
  llvm::sort(Facts.Issues,
             [&](const AnnotationIssue &A, const AnnotationIssue &B) {
               return IssueKey(A) < IssueKey(B);
             });
  Facts.Issues.erase(
      std::unique(Facts.Issues.begin(), Facts.Issues.end(),
                  [&](const AnnotationIssue &A, const AnnotationIssue &B) {
                    return IssueKey(A) == IssueKey(B);
                  }),
      Facts.Issues.end());
  return std::move(Facts);
}

} // namespace

TuFacts extractFacts(clang::ASTContext &Ctx) {
  FactCollector Collector(Ctx);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Collector.finish();
}

} // namespace relcheck
