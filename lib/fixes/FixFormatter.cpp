//===- FixFormatter.cpp ---------------------------------------------------===//
#include "fixes/FixFormatter.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <optional>

#include <algorithm>

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

llvm::Expected<clang::tooling::Replacements>
formatInsertedLines(const std::string &Path, llvm::StringRef Code,
                    const clang::tooling::Replacements &Edits,
                    const std::string &FallbackStyle) {
  llvm::Expected<clang::format::FormatStyle> Style =
      fixStyleFor(Path, Code, FallbackStyle);
  if (!Style)
    return Style.takeError();
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
      return std::move(E);
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
  if (Ranges.empty())
    return *Cleaned;
  clang::tooling::Replacements Formatting =
      clang::format::reformat(*Style, *Changed, Ranges, Path);
  return Cleaned->merge(Formatting);
}

} // namespace relcheck
