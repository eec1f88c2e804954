//===- TextEmitter.cpp ----------------------------------------------------===//
#include "emit/TextEmitter.h"
#include "emit/TextColors.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sys/stat.h>

// Rendered by hand, not by clang::TextDiagnostic: that needs a clang
// SourceManager/FileManager and clangFrontend in relcheck_core (which links
// no Clang, so the clang-tidy plugin can load it; `relcheck merge` reports
// from facts with no SourceManager at all), and clang 19's snippet (a
// line-number gutter, fix-its on other lines) would change every report.
namespace relcheck {
namespace {

// Caret columns count displayed characters (one per UTF-8 sequence, tabs
// kept), not the UTF-16 units of emit/Utf16Columns.h.
bool isUtf8Continuation(char C) {
  return (static_cast<unsigned char>(C) & 0xC0) == 0x80;
}

/// Byte offsets to 1-based line and byte column, for fix-its outside the
/// finding's own line (their edits hold offsets only).
class OffsetMapper {
public:
  /// nullopt when the file cannot be read or the offset is past its end.
  std::optional<std::pair<unsigned, unsigned>> position(const std::string &Path,
                                                        unsigned Offset) {
    auto [It, Inserted] = Files.try_emplace(Path);
    std::optional<std::vector<size_t>> &Starts = It->second;
    struct stat St; // Regular files only, as SourceFileCache.
    if (Inserted && ::stat(Path.c_str(), &St) == 0 && S_ISREG(St.st_mode)) {
      std::ifstream In(Path, std::ios::binary);
      if (In) {
        std::string Content((std::istreambuf_iterator<char>(In)),
                            std::istreambuf_iterator<char>());
        Starts.emplace(1, 0);
        for (size_t I = 0; I < Content.size(); ++I)
          if (Content[I] == '\n')
            Starts->push_back(I + 1);
        Sizes[Path] = Content.size();
      }
    }
    if (!Starts || Offset > Sizes[Path])
      return std::nullopt;
    auto Line = std::upper_bound(Starts->begin(), Starts->end(),
                                 static_cast<size_t>(Offset));
    size_t Index = static_cast<size_t>(Line - Starts->begin()) - 1;
    return std::make_pair(static_cast<unsigned>(Index + 1),
                          static_cast<unsigned>(Offset - (*Starts)[Index] + 1));
  }

private:
  std::map<std::string, std::optional<std::vector<size_t>>> Files;
  std::map<std::string, size_t> Sizes;
};

/// Edits of F's fix that clang would show under the caret line: on the
/// finding's line, with single-line, non-empty text.
std::vector<std::pair<unsigned, std::string>>
hintsOnLine(const Finding &F, std::string_view Line) {
  std::vector<std::pair<unsigned, std::string>> Hints;
  if (F.Fixes.empty() || F.Range.Column == 0 ||
      F.Range.Begin < F.Range.Column - 1)
    return Hints;
  unsigned LineStart = F.Range.Begin - (F.Range.Column - 1);
  for (const Replacement &R : F.Fixes.front().Replacements) {
    if (R.File != F.Range.File || R.Text.empty() ||
        R.Text.find_first_of("\r\n") != std::string::npos ||
        R.Offset < LineStart || R.Offset - LineStart > Line.size())
      continue;
    Hints.push_back({R.Offset - LineStart + 1, R.Text});
  }
  std::stable_sort(
      Hints.begin(), Hints.end(),
      [](const auto &A, const auto &B) { return A.first < B.first; });
  return Hints;
}

void emitParseableFixits(const Finding &F, OffsetMapper &Offsets,
                         std::ostream &OS) {
  if (F.Fixes.empty())
    return;
  for (const Replacement &R : F.Fixes.front().Replacements) {
    auto Begin = Offsets.position(R.File, R.Offset);
    auto End = Offsets.position(R.File, R.Offset + R.Length);
    if (!Begin || !End)
      continue;
    OS << "fix-it:\"" << escapeFixItText(R.File) << "\":{" << Begin->first
       << ':' << Begin->second << '-' << End->first << ':' << End->second
       << "}:\"" << escapeFixItText(R.Text) << "\"\n";
  }
}

/// Prints the location line, the source line and the caret line; with
/// Fixed, also the fix-it hint line under the caret.
void emitLocation(const SourceSpan &Range, const char *Kind,
                  const std::string &Text, SourceFileCache &Sources,
                  std::ostream &OS, const TextColors &Colors,
                  const Finding *Fixed = nullptr) {
  if (Range.isValid())
    OS << Colors.location(std::string(Range.File) + ':' +
                          std::to_string(Range.Line) + ':' +
                          std::to_string(Range.Column) + ": ");
  OS << Colors.severity(Kind) << Colors.message(Kind, Text) << '\n';
  if (!Range.isValid())
    return;
  std::optional<std::string_view> Line = Sources.line(Range.File, Range.Line);
  if (!Line)
    return;
  unsigned EndColumn = Range.EndLine == Range.Line ? Range.EndColumn : 0;
  OS << *Line << '\n'
     << Colors.caret(caretLine(*Line, Range.Column, EndColumn));
  if (Fixed) {
    std::vector<std::pair<unsigned, std::string>> Hints =
        hintsOnLine(*Fixed, *Line);
    if (!Hints.empty())
      OS << Colors.fixItHint(fixItHintLine(*Line, std::move(Hints)));
  }
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
  emitText(Findings, Sources, OS, TextOptions());
}

void emitText(const std::vector<Finding> &Findings, SourceFileCache &Sources,
              std::ostream &OS, const TextOptions &Options) {
  OffsetMapper Offsets;
  TextColors Colors(Options.Color);
  for (const Finding &F : Findings) {
    emitLocation(F.Range, severityName(F.Sev),
                 F.Message + " [" + F.RuleId + "]", Sources, OS, Colors, &F);
    if (Options.ParseableFixits)
      emitParseableFixits(F, Offsets, OS);
    for (const FindingNote &N : F.Notes)
      emitLocation(N.Range, "note", N.Message, Sources, OS, Colors);
  }
}

std::string fixItHintLine(std::string_view Line,
                          std::vector<std::pair<unsigned, std::string>> Hints) {
  std::string Out;
  size_t Pos = 0; // Bytes of Line the output covers so far.
  for (const auto &[Column, Text] : Hints) {
    size_t Target = Column > 0 ? Column - 1 : 0;
    if (Target < Pos)
      continue; // Overlaps the previous hint, as clang drops it.
    for (; Pos < Target; ++Pos) {
      if (Pos >= Line.size())
        Out += ' ';
      else if (Line[Pos] == '\t')
        Out += '\t';
      else if (!isUtf8Continuation(Line[Pos]))
        Out += ' ';
    }
    Out += Text;
    Pos = Target + Text.size();
  }
  return Out;
}

std::string escapeFixItText(std::string_view Text) {
  static const char Octal[] = "01234567";
  std::string Out;
  for (char C : Text) {
    unsigned char U = static_cast<unsigned char>(C);
    switch (C) {
    case '\\':
      Out += "\\\\";
      break;
    case '"':
      Out += "\\\"";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    default:
      if (U >= 0x20 && U < 0x7f) {
        Out += C;
      } else {
        Out += '\\';
        Out += Octal[(U >> 6) & 7];
        Out += Octal[(U >> 3) & 7];
        Out += Octal[U & 7];
      }
    }
  }
  return Out;
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
