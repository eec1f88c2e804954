//===- ArgumentLocator.cpp ------------------------------------------------===//
#include "graph/ArgumentLocator.h"

#include <algorithm>

namespace relcheck {

bool ArgumentLocator::textAvailable(unsigned FileBegin,
                                    unsigned FileEnd) const {
  const SourceSpan &Args = Annotation.ArgsRange;
  return Annotation.ExactRanges && Args.isValid() && FileBegin >= Args.Begin &&
         FileEnd >= FileBegin && FileEnd - Args.Begin <= Annotation.Text.size();
}

SourceSpan ArgumentLocator::fileSpan(unsigned Begin, unsigned End,
                                     const SourceSpan &Fallback) const {
  if (!textAvailable(Begin, End))
    return Fallback;
  const SourceSpan &Args = Annotation.ArgsRange;
  SourceSpan S;
  S.File = Args.File;
  S.Begin = Begin;
  S.End = End;
  // Walk the argument text, which starts at Args' line and column.
  unsigned Line = Args.Line, Col = Args.Column;
  unsigned Pos = Args.Begin;
  auto advanceTo = [&](unsigned Target) {
    for (; Pos < Target; ++Pos) {
      if (Annotation.Text[Pos - Args.Begin] == '\n') {
        ++Line;
        Col = 1;
      } else {
        ++Col;
      }
    }
  };
  advanceTo(Begin);
  S.Line = Line;
  S.Column = Col;
  advanceTo(End);
  S.EndLine = Line;
  S.EndColumn = Col;
  return S;
}

SourceSpan ArgumentLocator::relative(const ArgFact &Arg, unsigned Begin,
                                     unsigned End) const {
  SourceSpan Fallback =
      Arg.ValueRange.isValid() ? Arg.ValueRange : Annotation.MacroRange;
  if (!Arg.ValueRange.isValid())
    return Fallback;
  return fileSpan(Arg.ValueRange.Begin + Begin, Arg.ValueRange.Begin + End,
                  Fallback);
}

SourceSpan ArgumentLocator::node(const ArgFact &Arg, const PyExpr &Node) const {
  return relative(Arg, Node.Begin, std::max(Node.Begin, Node.End));
}

SourceSpan ArgumentLocator::keywordName(const ArgFact &Arg,
                                        const PyExpr &KeywordNode) const {
  return relative(Arg, KeywordNode.Begin,
                  KeywordNode.Begin + unsigned(KeywordNode.Text.size()));
}

SourceSpan ArgumentLocator::insideString(const ArgFact &Arg, const PyExpr &Str,
                                         unsigned Begin, unsigned End) const {
  if (!Str.Verbatim || Begin > End || End > Str.Text.size())
    return node(Arg, Str);
  return relative(Arg, Str.ValueOffset + Begin, Str.ValueOffset + End);
}

std::string ArgumentLocator::text(const ArgFact &Arg) const {
  unsigned B = Arg.ValueRange.Begin, E = Arg.ValueRange.End;
  if (Arg.ValueRange.isValid() && textAvailable(B, E))
    return Annotation.Text.substr(B - Annotation.ArgsRange.Begin, E - B);
  return renderPy(Arg.Value);
}

std::string ArgumentLocator::text(const ArgFact &Arg,
                                  const PyExpr &Node) const {
  unsigned B = Arg.ValueRange.Begin + Node.Begin,
           E = Arg.ValueRange.Begin + Node.End;
  if (Arg.ValueRange.isValid() && Node.End >= Node.Begin && textAvailable(B, E))
    return Annotation.Text.substr(B - Annotation.ArgsRange.Begin, E - B);
  return renderPy(Node);
}

PyExpr rebaseExpr(const PyExpr &E, unsigned Delta) {
  PyExpr R = E;
  auto Shift = [Delta](unsigned V) { return V >= Delta ? V - Delta : 0; };
  R.Begin = Shift(E.Begin);
  R.End = Shift(E.End);
  if (E.K == PyExpr::Kind::String)
    R.ValueOffset = Shift(E.ValueOffset);
  for (PyExpr &C : R.Children)
    C = rebaseExpr(C, Delta);
  return R;
}

} // namespace relcheck
