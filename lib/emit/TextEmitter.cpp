//===- TextEmitter.cpp ----------------------------------------------------===//
#include "emit/TextEmitter.h"

namespace relcheck {
namespace {

bool isUtf8Continuation(char C) {
  return (static_cast<unsigned char>(C) & 0xC0) == 0x80;
}

void emitLocation(const SourceSpan &Range, const char *Kind,
                  const std::string &Text, SourceFileCache &Sources,
                  std::ostream &OS) {
  if (Range.isValid())
    OS << Range.File << ':' << Range.Line << ':' << Range.Column << ": ";
  OS << Kind << ": " << Text << '\n';
  if (!Range.isValid())
    return;
  std::optional<std::string_view> Line = Sources.line(Range.File, Range.Line);
  if (!Line)
    return;
  unsigned EndColumn = Range.EndLine == Range.Line ? Range.EndColumn : 0;
  OS << *Line << '\n' << caretLine(*Line, Range.Column, EndColumn) << '\n';
}

} // namespace

std::string caretLine(std::string_view Line, unsigned Column,
                      unsigned EndColumn) {
  std::string Out;
  size_t Caret = Column > 0 ? Column - 1 : 0;
  // One blank per displayed character before the caret: tabs are reproduced
  // and UTF-8 continuation bytes take no cell, so the caret lines up.
  for (size_t I = 0; I < Caret; ++I) {
    if (I >= Line.size())
      Out += ' ';
    else if (Line[I] == '\t')
      Out += '\t';
    else if (!isUtf8Continuation(Line[I]))
      Out += ' ';
  }
  Out += '^';
  // The rest of the range: to EndColumn on this line, else to end of line
  // (clang highlights a multi-line range to the end of its first line).
  size_t End = EndColumn > 0 ? EndColumn - 1 : Line.size();
  if (End > Line.size())
    End = Line.size();
  // Skip the rest of the character under the caret.
  size_t I = Caret + 1;
  while (I < End && I < Line.size() && isUtf8Continuation(Line[I]))
    ++I;
  for (; I < End; ++I)
    if (!isUtf8Continuation(Line[I]))
      Out += '~';
  return Out;
}

void emitText(const std::vector<Finding> &Findings, SourceFileCache &Sources,
              std::ostream &OS) {
  for (const Finding &F : Findings) {
    emitLocation(F.Range, severityName(F.Sev),
                 F.Message + " [" + F.RuleId + "]", Sources, OS);
    for (const FindingNote &N : F.Notes)
      emitLocation(N.Range, "note", N.Message, Sources, OS);
  }
}

std::string summaryLine(unsigned Warnings, unsigned Errors) {
  if (Warnings == 0 && Errors == 0)
    return "";
  std::string Out;
  if (Warnings > 0)
    Out +=
        std::to_string(Warnings) + (Warnings == 1 ? " warning" : " warnings");
  if (Warnings > 0 && Errors > 0)
    Out += " and ";
  if (Errors > 0)
    Out += std::to_string(Errors) + (Errors == 1 ? " error" : " errors");
  return Out + " generated.";
}

} // namespace relcheck
