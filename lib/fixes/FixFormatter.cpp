//===- FixFormatter.cpp ---------------------------------------------------===//
#include "fixes/FixFormatter.h"

#include "fixes/FormatWindows.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <optional>
#include <set>

namespace relcheck {
namespace {

/// Offset just past the ')' matching the '(' at Open, skipping Python
/// string literals; npos when unbalanced.
size_t matchingParen(llvm::StringRef Line, size_t Open) {
  int Depth = 0;
  for (size_t I = Open; I < Line.size(); ++I) {
    char C = Line[I];
    if (C == '"' || C == '\'') {
      for (++I; I < Line.size() && Line[I] != C; ++I)
        if (Line[I] == '\\')
          ++I;
      continue;
    }
    if (C == '(')
      ++Depth;
    else if (C == ')' && --Depth == 0)
      return I + 1;
  }
  return llvm::StringRef::npos;
}

/// The top-level arguments of the call whose '(' is at Open and whose ')'
/// ends at Close, as written (without the separating ", ").
std::vector<llvm::StringRef> topLevelArguments(llvm::StringRef Call,
                                               size_t Open, size_t Close) {
  std::vector<llvm::StringRef> Args;
  int Depth = 0;
  size_t Start = Open + 1;
  for (size_t I = Open + 1; I + 1 < Close; ++I) {
    char C = Call[I];
    if (C == '"' || C == '\'') {
      for (++I; I < Close && Call[I] != C; ++I)
        if (Call[I] == '\\')
          ++I;
    } else if (C == '(' || C == '[' || C == '{') {
      ++Depth;
    } else if (C == ')' || C == ']' || C == '}') {
      --Depth;
    } else if (C == ',' && Depth == 0) {
      Args.push_back(Call.slice(Start, I).trim());
      Start = I + 1;
    }
  }
  Args.push_back(Call.slice(Start, Close - 1).trim());
  return Args;
}

/// An inserted `ORM_RELATIONSHIP(...) Type name;` longer than the column
/// limit gets its annotation on a line of its own, and an annotation still
/// too long has its arguments wrapped, aligned after the '(' (as long
/// annotations are written): clang-format keeps the macro's Python
/// arguments as they are, so it cannot shorten these lines itself.
std::string splitLongDeclarations(llvm::StringRef Text, unsigned ColumnLimit) {
  if (ColumnLimit == 0)
    return Text.str();
  std::string Out;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += '\n';
    llvm::StringRef Line = Lines[I];
    llvm::StringRef Body = Line.ltrim(" \t");
    llvm::StringRef Indent = Line.take_front(Line.size() - Body.size());
    size_t Open = Body.find('(');
    size_t Close = Body.starts_with("ORM_RELATIONSHIP(")
                       ? matchingParen(Body, Open)
                       : llvm::StringRef::npos;
    if (Line.rtrim("\r").size() <= ColumnLimit ||
        Close == llvm::StringRef::npos || Close >= Body.size() ||
        Body[Close] != ' ') {
      Out += Line;
      continue;
    }
    std::string Annotation = (Indent + Body.take_front(Close)).str();
    if (Annotation.size() > ColumnLimit) {
      std::string Align(Indent.size() + Open + 1, ' ');
      std::vector<llvm::StringRef> Args = topLevelArguments(Body, Open, Close);
      Annotation = (Indent + Body.take_front(Open + 1)).str();
      std::string Current = Annotation;
      Annotation.clear();
      for (size_t A = 0; A < Args.size(); ++A) {
        std::string Piece = Args[A].str() + (A + 1 < Args.size() ? "," : ")");
        if (A > 0 && Current.size() + 1 + Piece.size() > ColumnLimit) {
          Annotation += Current + "\n";
          Current = Align + Piece;
        } else {
          Current += (A > 0 ? " " : "") + Piece;
        }
      }
      Annotation += Current;
    }
    Out += Annotation + "\n" + Indent.str() + Body.drop_front(Close + 1).str();
  }
  return Out;
}

/// Whether clang-format finds a configuration file for Path (it looks for
/// .clang-format and _clang-format in every parent directory).
bool hasClangFormatFile(llvm::StringRef Path) {
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  for (llvm::StringRef D = llvm::sys::path::parent_path(Dir); !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    for (const char *Name : {".clang-format", "_clang-format"}) {
      llvm::SmallString<256> Candidate(D);
      llvm::sys::path::append(Candidate, Name);
      if (llvm::sys::fs::is_regular_file(Candidate))
        return true;
    }
  }
  return false;
}

/// How Code attaches `*` and `&` in declarations, by majority: `T* x`
/// (Left) or `T *x` (Right); none without a majority. Read from the file
/// before the fix: with clang-format's own DerivePointerAlignment, the
/// inserted lines would vote too.
std::optional<clang::format::FormatStyle::PointerAlignmentStyle>
pointerAlignmentOf(llvm::StringRef Code) {
  static const llvm::Regex Left("[A-Za-z0-9_>][*&]+[ \t]+[A-Za-z_]");
  static const llvm::Regex Right("[A-Za-z0-9_>][ \t]+[*&]+[A-Za-z_]");
  int Balance = 0;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Code.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    llvm::StringRef Trimmed = Line.ltrim();
    if (Trimmed.starts_with("//") || Trimmed.starts_with("*") ||
        Trimmed.starts_with("#"))
      continue;
    Line = Line.split("//").first;
    Balance += Left.match(Line) - Right.match(Line);
  }
  if (Balance > 0)
    return clang::format::FormatStyle::PAS_Left;
  if (Balance < 0)
    return clang::format::FormatStyle::PAS_Right;
  return std::nullopt;
}

/// The one annotation call on Line ("  ORM_RELATIONSHIP(...) T* x;") that
/// opens and closes on it, as (offset of its '(', offset past its ')');
/// none when there is none, or a comment on the line (its arguments could
/// not be moved safely).
std::optional<std::pair<size_t, size_t>> annotationCall(llvm::StringRef Line) {
  if (Line.contains("//") || Line.contains("/*"))
    return std::nullopt;
  for (llvm::StringRef Macro :
       {"ORM_RELATIONSHIP(", "ORM_COLUMN(", "ORM_MODEL(", "ORM_KEY("}) {
    size_t At = Line.find(Macro);
    if (At == llvm::StringRef::npos)
      continue;
    size_t Open = At + Macro.size() - 1;
    size_t Close = matchingParen(Line, Open);
    if (Close == llvm::StringRef::npos)
      return std::nullopt;
    return std::make_pair(Open, Close);
  }
  return std::nullopt;
}

/// Line with its annotation's arguments wrapped, aligned after the '(', so
/// that no line passes ColumnLimit where wrapping can help; "" when it
/// cannot be wrapped.
std::string wrapAnnotationLine(llvm::StringRef Line, unsigned ColumnLimit) {
  std::optional<std::pair<size_t, size_t>> Call = annotationCall(Line);
  if (!Call)
    return "";
  auto [Open, Close] = *Call;
  std::vector<llvm::StringRef> Args = topLevelArguments(Line, Open, Close);
  if (Args.size() < 2)
    return "";
  std::string Align(Open + 1, ' ');
  std::string Out, Current = Line.take_front(Open + 1).str();
  for (size_t A = 0; A < Args.size(); ++A) {
    std::string Piece = Args[A].str() + (A + 1 < Args.size() ? "," : ")");
    if (A > 0 && Current.size() + 1 + Piece.size() > ColumnLimit) {
      Out += Current + "\n";
      Current = Align + Piece;
    } else {
      Current += (A > 0 ? " " : "") + Piece;
    }
  }
  llvm::StringRef Rest = Line.drop_front(Close);
  if (!Rest.empty() && Current.size() + Rest.size() > ColumnLimit &&
      Rest.starts_with(" ")) {
    llvm::StringRef Body = Line.ltrim(" \t");
    Out += Current + "\n" + Line.take_front(Line.size() - Body.size()).str() +
           Rest.ltrim(" ").str();
  } else {
    Out += Current + Rest.str();
  }
  return Out;
}

/// Edits wrapping the annotations that fixes lengthened in place
/// (backref="x" -> back_populates="x") past ColumnLimit, in Changed (the
/// code after the fixes): only those lines, which were within the limit
/// before, so a user's own long line is never re-flowed.
clang::tooling::Replacements wrapLengthenedLines(
    const std::string &Path, llvm::StringRef Code, llvm::StringRef Changed,
    const clang::tooling::Replacements &Cleaned, unsigned ColumnLimit) {
  clang::tooling::Replacements Out;
  if (ColumnLimit == 0)
    return Out;
  long long Delta = 0;
  std::set<size_t> Done;
  for (const clang::tooling::Replacement &R : Cleaned) {
    llvm::StringRef Text = R.getReplacementText();
    size_t OldOffset = R.getOffset();
    size_t NewOffset = static_cast<size_t>(OldOffset + Delta);
    Delta += static_cast<long long>(Text.size()) -
             static_cast<long long>(R.getLength());
    if (Text.contains('\n'))
      continue; // Whole inserted lines are formatted as such.
    auto LineAt = [](llvm::StringRef In, size_t Offset) {
      size_t Begin = In.rfind('\n', Offset);
      Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
      size_t End = In.find('\n', Offset);
      End = End == llvm::StringRef::npos ? In.size() : End;
      return std::make_pair(Begin, End);
    };
    auto [OldBegin, OldEnd] = LineAt(Code, OldOffset);
    auto [Begin, End] = LineAt(Changed, NewOffset);
    llvm::StringRef Line = Changed.slice(Begin, End).rtrim("\r");
    if (!Done.insert(Begin).second || Line.size() <= ColumnLimit ||
        Code.slice(OldBegin, OldEnd).rtrim("\r").size() > ColumnLimit)
      continue;
    std::string Wrapped = wrapAnnotationLine(Line, ColumnLimit);
    if (Wrapped.empty() || Wrapped == Line)
      continue;
    if (Changed.slice(Begin, End).ends_with("\r")) { // The file's CRLF.
      std::string Crlf;
      for (char C : Wrapped)
        Crlf += C == '\n' ? std::string("\r\n") : std::string(1, C);
      Wrapped = std::move(Crlf);
    }
    llvm::consumeError(Out.add(clang::tooling::Replacement(
        Path, static_cast<unsigned>(Begin), static_cast<unsigned>(Line.size()),
        Wrapped)));
  }
  return Out;
}

} // namespace

llvm::Expected<clang::format::FormatStyle>
fixStyleFor(const std::string &Path, llvm::StringRef Code,
            const std::string &FallbackStyle) {
  llvm::Expected<clang::format::FormatStyle> Style =
      clang::format::getStyle("file", Path, FallbackStyle, Code);
  if (!Style)
    return Style.takeError();
  // No .clang-format: the file's own habits rule, not the fallback's. A
  // fix must not write `T *x` into a file that writes `T* x`.
  if (!hasClangFormatFile(Path)) {
    Style->DerivePointerAlignment = false;
    if (std::optional<clang::format::FormatStyle::PointerAlignmentStyle>
            Derived = pointerAlignmentOf(Code))
      Style->PointerAlignment = *Derived;
  }
  for (const char *Macro : {"ORM_MODEL", "ORM_COLUMN", "ORM_RELATIONSHIP",
                            "ORM_TABLE", "ORM_KEY"}) {
    std::vector<std::string> &Sensitive = Style->WhitespaceSensitiveMacros;
    if (std::find(Sensitive.begin(), Sensitive.end(), Macro) == Sensitive.end())
      Sensitive.push_back(Macro);
  }
  return Style;
}

/// formatInsertedLines on Code as a whole.
static llvm::Expected<clang::tooling::Replacements>
formatRegion(const std::string &Path, llvm::StringRef Code,
             const clang::tooling::Replacements &Edits,
             const clang::format::FormatStyle *Style) {
  if (unsigned Depth = bracketDepth(Code); Depth > MaxFormattedBracketDepth)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "its brackets nest " + std::to_string(Depth) +
            " deep, deeper than clang-format can take (" +
            std::to_string(MaxFormattedBracketDepth) + ")");
  clang::tooling::Replacements Split;
  for (const clang::tooling::Replacement &R : Edits) {
    llvm::StringRef Inserted = R.getReplacementText();
    std::string Text =
        Inserted.contains('\n') &&
                (Inserted.starts_with("\n") || Inserted.ends_with("\n"))
            ? splitLongDeclarations(R.getReplacementText(), Style->ColumnLimit)
            : R.getReplacementText().str();
    if (llvm::Error E = Split.add(clang::tooling::Replacement(
            R.getFilePath(), R.getOffset(), R.getLength(), Text)))
      return E;
  }
  llvm::Expected<clang::tooling::Replacements> Cleaned =
      clang::format::cleanupAroundReplacements(Code, Split, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  llvm::Expected<std::string> Changed =
      clang::tooling::applyAllReplacements(Code, *Cleaned);
  if (!Changed)
    return Changed.takeError();

  // The inserted lines in the changed code, without the line breaks around
  // them: a range touching the neighbouring line would reformat it too.
  std::vector<clang::tooling::Range> Ranges;
  long long Delta = 0;
  for (const clang::tooling::Replacement &R : *Cleaned) {
    llvm::StringRef Text = R.getReplacementText();
    unsigned NewOffset = static_cast<unsigned>(R.getOffset() + Delta);
    Delta += static_cast<long long>(Text.size()) -
             static_cast<long long>(R.getLength());
    // Only whole inserted lines (a new member after a line's end, a
    // forward declaration before a line): an argument continued onto a new
    // line of the user's annotation (",\n    back_populates=...") is part of
    // a declaration the user laid out, and formatting would re-flow it.
    if (!Text.contains('\n') ||
        !(Text.starts_with("\n") || Text.ends_with("\n")))
      continue;
    size_t Begin = Text.find_first_not_of(" \t\r\n");
    size_t End = Text.find_last_not_of(" \t\r\n");
    if (Begin == llvm::StringRef::npos)
      continue;
    Ranges.emplace_back(NewOffset + static_cast<unsigned>(Begin),
                        static_cast<unsigned>(End + 1 - Begin));
  }
  clang::tooling::Replacements Formatting;
  if (!Ranges.empty())
    Formatting = clang::format::reformat(*Style, *Changed, Ranges, Path);
  // Both are edits of *Changed, on different lines.
  for (const clang::tooling::Replacement &W :
       wrapLengthenedLines(Path, Code, *Changed, *Cleaned, Style->ColumnLimit))
    llvm::consumeError(Formatting.add(W));
  if (Formatting.empty())
    return *Cleaned;
  return Cleaned->merge(Formatting);
}

/// formatRegion on each window of Code holding edits (FormatWindows.h),
/// mapped back to Code; nullopt when a window's formatting reaches outside
/// it (into the namespaces restored around it, or across its edge).
static std::optional<llvm::Expected<clang::tooling::Replacements>>
formatByWindow(const std::string &Path, llvm::StringRef Code,
               const clang::tooling::Replacements &Edits,
               const std::vector<FormatWindow> &Windows,
               const clang::format::FormatStyle &Style) {
  using clang::tooling::Replacement;
  using clang::tooling::Replacements;
  Replacements Out;
  auto Next = Edits.begin();
  for (const FormatWindow &W : Windows) {
    unsigned Inside = W.End - W.Begin;
    unsigned PrefixSize = static_cast<unsigned>(W.Prefix.size());
    std::string Text = W.Prefix + Code.slice(W.Begin, W.End).str() + W.Suffix;
    Replacements Local;
    for (; Next != Edits.end() &&
           Next->getOffset() < W.End + (W.End == Code.size());
         ++Next)
      if (llvm::Error E = Local.add(
              Replacement(Path, Next->getOffset() - W.Begin + PrefixSize,
                          Next->getLength(), Next->getReplacementText())))
        return llvm::Expected<Replacements>(std::move(E));
    llvm::Expected<Replacements> Formatted =
        formatRegion(Path, Text, Local, &Style);
    if (!Formatted)
      return Formatted;
    for (const Replacement &R : *Formatted) {
      unsigned Begin = R.getOffset(), End = Begin + R.getLength();
      if (End < PrefixSize || Begin > PrefixSize + Inside)
        continue; // the restored namespaces' own formatting
      if (Begin < PrefixSize || End > PrefixSize + Inside)
        return std::nullopt;
      if (llvm::Error E =
              Out.add(Replacement(Path, Begin - PrefixSize + W.Begin,
                                  R.getLength(), R.getReplacementText()))) {
        llvm::consumeError(std::move(E));
        return std::nullopt;
      }
    }
  }
  return llvm::Expected<Replacements>(std::move(Out));
}

llvm::Expected<clang::tooling::Replacements>
formatInsertedLines(const std::string &Path, llvm::StringRef Code,
                    const clang::tooling::Replacements &Edits,
                    const std::string &FallbackStyle) {
  llvm::Expected<clang::format::FormatStyle> Style =
      fixStyleFor(Path, Code, FallbackStyle);
  if (!Style)
    return Style.takeError();
  // Windowed: clang-format's cost is lines x ranges on the whole file.
  std::vector<clang::tooling::Range> Ranges;
  for (const clang::tooling::Replacement &R : Edits)
    Ranges.emplace_back(R.getOffset(), R.getLength());
  if (std::optional<std::vector<FormatWindow>> Windows =
          formatWindows(Code, Ranges))
    if (auto Result = formatByWindow(Path, Code, Edits, *Windows, *Style))
      return std::move(*Result);
  return formatRegion(Path, Code, Edits, &*Style);
}

} // namespace relcheck
