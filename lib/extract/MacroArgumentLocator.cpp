//===- MacroArgumentLocator.cpp - ORM_* invocations behind attributes -----===//
#include "extract/MacroArgumentLocator.h"

#include "annotations/PyExpr.h"
#include "extract/CppTextScanner.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

namespace relcheck {
namespace {

/// Follows a location through macro *arguments* back to where it is written.
/// Returns an invalid location when it comes from a macro body (the text is
/// then part of a #define, not of the invocation site).
clang::SourceLocation writtenFileLoc(const clang::SourceManager &SM,
                                     clang::SourceLocation Loc) {
  while (Loc.isMacroID()) {
    if (!SM.isMacroArgExpansion(Loc))
      return {};
    Loc = SM.getImmediateSpellingLoc(Loc);
  }
  return Loc;
}

/// Shifts node offsets so they count from Base (the value's first byte).
void rebase(PyExpr &E, unsigned Base) {
  E.Begin -= Base;
  E.End -= Base;
  if (E.is(PyExpr::Kind::String))
    E.ValueOffset -= Base;
  for (PyExpr &Child : E.Children)
    rebase(Child, Base);
}

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

} // namespace

std::string annotateStringArgument(const clang::AnnotateAttr &Attr,
                                   unsigned I) {
  if (I >= Attr.args_size())
    return {};
  const clang::Expr *E = Attr.args_begin()[I];
  if (!E)
    return {};
  if (const auto *Literal =
          llvm::dyn_cast<clang::StringLiteral>(E->IgnoreParenImpCasts()))
    if (Literal->getCharByteWidth() == 1)
      return Literal->getString().str();
  return {};
}

MacroArgumentLocator::Invocation
MacroArgumentLocator::locate(const clang::AnnotateAttr &Attr,
                             AnnotationKind Kind) {
  const clang::SourceManager &SM = Mapper.sourceManager();
  Invocation Result;
  Result.Fallback = Mapper.expansionSpan(Attr.getLocation());

  clang::SourceLocation Loc = Attr.getLocation();
  // The attribute's tokens may have travelled through other macros'
  // arguments; the expansion that *wrote* them is the ORM_* macro's.
  while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
    Loc = SM.getImmediateSpellingLoc(Loc);
  if (!Loc.isMacroID())
    return Result; // A hand-written __attribute__((annotate(...))).

  const clang::SrcMgr::SLocEntry &Entry = SM.getSLocEntry(SM.getFileID(Loc));
  if (!Entry.isExpansion())
    return Result;
  const clang::SrcMgr::ExpansionInfo &Expansion = Entry.getExpansion();
  clang::SourceLocation NameLoc =
      writtenFileLoc(SM, Expansion.getExpansionLocStart());
  clang::SourceLocation CloseLoc =
      writtenFileLoc(SM, Expansion.getExpansionLocEnd());
  if (NameLoc.isInvalid() || CloseLoc.isInvalid())
    return Result;
  auto [NameFID, NameOffset] = SM.getDecomposedLoc(NameLoc);
  auto [CloseFID, CloseOffset] = SM.getDecomposedLoc(CloseLoc);
  if (NameFID != CloseFID || Mapper.filePath(NameFID).empty())
    return Result;

  llvm::StringRef Buffer = Mapper.buffer(NameFID);
  llvm::StringRef Name = macroName(Kind);
  if (Name.empty() || !Buffer.substr(NameOffset).starts_with(Name))
    return Result;
  size_t Pos = NameOffset + Name.size();
  if (Pos < Buffer.size() && isIdentifierChar(Buffer[Pos]))
    return Result; // ORM_COLUMN_X: another macro whose body uses ours.
  Pos = skipSpaceAndComments(Buffer, Pos);
  std::optional<size_t> Close = findClosingBracket(Buffer, Pos, '(', ')');
  // Trust the text only where it agrees with Clang's own lexing.
  if (!Close || *Close != CloseOffset)
    return Result;

  Result.Exact = true;
  Result.File = NameFID;
  Result.NameOffset = NameOffset;
  Result.ArgsBegin = Pos + 1;
  Result.ArgsEnd = *Close;
  return Result;
}

SourceSpan
MacroArgumentLocator::annotationRange(const clang::AnnotateAttr &Attr) {
  // The annotation kind only matters for an exact location; try it as
  // written (an unknown kind never has an ORM_* macro).
  AnnotationKind Kind = annotationKind(Attr.getAnnotation());
  Invocation Inv = locate(Attr, Kind);
  if (!Inv.Exact)
    return Inv.Fallback;
  return Mapper.span(Inv.File, Inv.NameOffset, Inv.ArgsEnd + 1);
}

AnnotationFact
MacroArgumentLocator::readArguments(const clang::AnnotateAttr &Attr,
                                    AnnotationKind Kind,
                                    std::vector<AnnotationIssue> &Issues) {
  Invocation Inv = locate(Attr, Kind);
  AnnotationFact Fact;
  Fact.ExactRanges = Inv.Exact;
  if (Inv.Exact) {
    llvm::StringRef Buffer = Mapper.buffer(Inv.File);
    Fact.Text = Buffer.slice(Inv.ArgsBegin, Inv.ArgsEnd).str();
    Fact.MacroRange = Mapper.span(Inv.File, Inv.NameOffset, Inv.ArgsEnd + 1);
    Fact.ArgsRange = Mapper.span(Inv.File, Inv.ArgsBegin, Inv.ArgsEnd);
  } else {
    // The stringized arguments: what the preprocessor saw, comments gone.
    if (Kind == AnnotationKind::Table) {
      Fact.Text = annotateStringArgument(Attr, 0);
      std::string Rest = annotateStringArgument(Attr, 1);
      if (!Rest.empty())
        Fact.Text += ", " + Rest;
    } else {
      Fact.Text = annotateStringArgument(Attr, 0);
    }
    Fact.MacroRange = Inv.Fallback;
    Fact.ArgsRange = Inv.Fallback;
  }

  auto toSpan = [&](unsigned Begin, unsigned End) {
    if (!Inv.Exact)
      return Inv.Fallback;
    return Mapper.span(Inv.File, Inv.ArgsBegin + Begin, Inv.ArgsBegin + End);
  };

  PyParseOptions Options;
  Options.AllowCppComments = true;
  PyParseError Error;
  std::optional<std::vector<PyExpr>> Parsed =
      parsePyArguments(Fact.Text, Error, Options);
  if (!Parsed) {
    Fact.ParseFailed = true;
    AnnotationIssue Issue;
    Issue.Range = toSpan(Error.Begin, std::max(Error.Begin, Error.End));
    Issue.Message =
        "invalid " + macroName(Kind).str() + " arguments: " + Error.Message;
    Issues.push_back(std::move(Issue));
    return Fact;
  }

  for (PyExpr &Node : *Parsed) {
    ArgFact Arg;
    Arg.Range = toSpan(Node.Begin, Node.End);
    if (Node.is(PyExpr::Kind::Keyword) && !Node.Children.empty()) {
      Arg.Keyword = Node.Text;
      Arg.KeywordRange = toSpan(
          Node.Begin, Node.Begin + static_cast<unsigned>(Node.Text.size()));
      Arg.Value = std::move(Node.Children.front());
    } else {
      Arg.Value = std::move(Node);
    }
    Arg.ValueRange = toSpan(Arg.Value.Begin, Arg.Value.End);
    rebase(Arg.Value, Arg.Value.Begin);
    Fact.Args.push_back(std::move(Arg));
  }
  return Fact;
}

AnnotationFact
MacroArgumentLocator::read(const clang::AnnotateAttr &Attr, AnnotationKind Kind,
                           std::vector<AnnotationIssue> &Issues) {
  assert(Kind != AnnotationKind::Table && "use readTable");
  return readArguments(Attr, Kind, Issues);
}

TableFact
MacroArgumentLocator::readTable(const clang::AnnotateAttr &Attr,
                                std::vector<AnnotationIssue> &Issues) {
  TableFact Table;
  Table.Name = annotateStringArgument(Attr, 0);
  Table.Annotation = readArguments(Attr, AnnotationKind::Table, Issues);
  Table.NameRange = Table.Annotation.MacroRange;
  std::vector<ArgFact> &Args = Table.Annotation.Args;
  if (!Args.empty() && Args.front().Keyword.empty()) {
    if (Table.Annotation.ExactRanges)
      Table.NameRange = Args.front().Range;
    Args.erase(Args.begin());
  }
  return Table;
}

} // namespace relcheck
