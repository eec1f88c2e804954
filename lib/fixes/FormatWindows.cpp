//===- FormatWindows.cpp --------------------------------------------------===//
#include "fixes/FormatWindows.h"
#include "extract/RawLexer.h"

#include <algorithm>
#include <utility>

namespace relcheck {
namespace {

/// An open namespace or extern block: where its opener starts ("namespace
/// a::b", "extern \"C\"") and where its '{' is.
struct Opener {
  unsigned Begin;
  unsigned Brace;
  friend bool operator==(const Opener &A, const Opener &B) {
    return A.Begin == B.Begin && A.Brace == B.Brace;
  }
};

/// A line start outside every class, function, initializer and
/// preprocessor conditional, with the namespaces open there.
struct Cut {
  unsigned Offset;
  std::vector<Opener> Open;
};

/// The language the raw lexers read (extract/RawLexer.h).
const clang::LangOptions &cxx17() { return rawLexerLangOptions(); }

/// Where each line starts, for the tokens that start one.
unsigned lineStart(llvm::StringRef Code, unsigned Offset) {
  size_t NewLine = Code.rfind('\n', Offset);
  return NewLine == llvm::StringRef::npos ? 0
                                          : static_cast<unsigned>(NewLine + 1);
}

/// The first tokens of a statement say whether the brace it opens is a
/// namespace's or an extern block's, whose contents format as top level.
bool opensNamespace(const std::vector<clang::Token> &Head) {
  auto Is = [&](size_t I, llvm::StringRef Word) {
    return I < Head.size() && Head[I].is(clang::tok::raw_identifier) &&
           Head[I].getRawIdentifier() == Word;
  };
  return Is(0, "namespace") || (Is(0, "inline") && Is(1, "namespace")) ||
         (Is(0, "extern") && Head.size() > 1 &&
          Head[1].is(clang::tok::string_literal));
}

/// Every cut of Code, in order; nullopt when its braces do not balance.
/// A raw lexer (comments kept as tokens, so that no cut falls inside one);
/// preprocessor lines are skipped but their conditionals counted.
std::optional<std::vector<Cut>> findCuts(llvm::StringRef Code) {
  clang::Lexer Lex(clang::SourceLocation(), cxx17(), Code.begin(), Code.begin(),
                   Code.end());
  Lex.SetCommentRetentionState(true);
  // With no file location, a token's raw encoding is its offset.
  auto OffsetOf = [](const clang::Token &T) {
    return T.getLocation().getRawEncoding();
  };
  std::vector<Cut> Cuts;
  std::vector<std::pair<bool, Opener>> Braces; // (namespace, opener)
  std::vector<Opener> Open;
  unsigned Opaque = 0, Conditionals = 0;
  bool InDirective = false;
  std::vector<clang::Token> Head;
  clang::Token Tok;
  do {
    Lex.LexFromRawLexer(Tok);
    if (Tok.isAtStartOfLine() || Tok.is(clang::tok::eof)) {
      InDirective = false;
      if (Opaque == 0 && Conditionals == 0)
        Cuts.push_back({Tok.is(clang::tok::eof)
                            ? static_cast<unsigned>(Code.size())
                            : lineStart(Code, OffsetOf(Tok)),
                        Open});
    }
    if (Tok.is(clang::tok::eof))
      break;
    if (Tok.is(clang::tok::hash) && Tok.isAtStartOfLine()) {
      InDirective = true;
      clang::Token Name;
      Lex.LexFromRawLexer(Name);
      llvm::StringRef Word =
          Name.is(clang::tok::raw_identifier) && !Name.isAtStartOfLine()
              ? Name.getRawIdentifier()
              : "";
      if (Word == "if" || Word == "ifdef" || Word == "ifndef")
        ++Conditionals;
      else if (Word == "endif" && Conditionals)
        --Conditionals;
      if (Name.is(clang::tok::eof) || Name.isAtStartOfLine())
        return std::nullopt; // a bare '#': not worth a special case
      continue;
    }
    if (InDirective || Tok.is(clang::tok::comment))
      continue;
    if (Tok.is(clang::tok::l_brace)) {
      bool Namespace = opensNamespace(Head);
      unsigned Brace = OffsetOf(Tok);
      Opener O{Head.empty() ? Brace : OffsetOf(Head.front()), Brace};
      Braces.push_back({Namespace, O});
      if (Namespace)
        Open.push_back(O);
      else
        ++Opaque;
      Head.clear();
    } else if (Tok.is(clang::tok::r_brace)) {
      if (Braces.empty())
        return std::nullopt;
      if (Braces.back().first)
        Open.pop_back();
      else
        --Opaque;
      Braces.pop_back();
      Head.clear();
    } else if (Tok.is(clang::tok::semi)) {
      Head.clear();
    } else if (Head.size() < 2) {
      Head.push_back(Tok);
    }
  } while (true);
  if (!Braces.empty())
    return std::nullopt;
  return Cuts;
}

/// The first cut after Offset (strictly, unless Offset is the end) with
/// the namespaces Open, or null.
const Cut *cutAfter(const std::vector<Cut> &Cuts, unsigned Offset,
                    const std::vector<Opener> &Open) {
  auto It =
      std::upper_bound(Cuts.begin(), Cuts.end(), Offset,
                       [](unsigned O, const Cut &C) { return O < C.Offset; });
  for (; It != Cuts.end(); ++It)
    if (It->Open == Open)
      return &*It;
  if (!Cuts.empty() && Cuts.back().Offset == Offset && Cuts.back().Open == Open)
    return &Cuts.back();
  return nullptr;
}

FormatWindow makeWindow(llvm::StringRef Code, const Cut &Begin, unsigned End) {
  FormatWindow W;
  W.Begin = Begin.Offset;
  W.End = End;
  for (const Opener &O : Begin.Open) {
    W.Prefix += Code.slice(O.Begin, O.Brace + 1).str() + "\n";
    W.Suffix += "}\n";
  }
  return W;
}

} // namespace

unsigned bracketDepth(llvm::StringRef Code) {
  clang::Lexer Lex(clang::SourceLocation(), cxx17(), Code.begin(), Code.begin(),
                   Code.end());
  unsigned Depth = 0, Deepest = 0;
  clang::Token Tok;
  do {
    Lex.LexFromRawLexer(Tok);
    if (Tok.isOneOf(clang::tok::l_paren, clang::tok::l_square,
                    clang::tok::l_brace))
      Deepest = std::max(Deepest, ++Depth);
    else if (Tok.isOneOf(clang::tok::r_paren, clang::tok::r_square,
                         clang::tok::r_brace) &&
             Depth)
      --Depth;
  } while (Tok.isNot(clang::tok::eof));
  return Deepest;
}

std::optional<std::vector<FormatWindow>>
formatWindows(llvm::StringRef Code,
              llvm::ArrayRef<clang::tooling::Range> Edits) {
  std::optional<std::vector<Cut>> Cuts = findCuts(Code);
  if (!Cuts || Cuts->empty())
    return std::nullopt;
  std::vector<FormatWindow> Windows;
  const Cut *Begin = nullptr;
  unsigned End = 0;
  for (const clang::tooling::Range &E : Edits) {
    unsigned EditEnd = E.getOffset() + E.getLength();
    if (!Begin || E.getOffset() >= End) {
      if (Begin)
        Windows.push_back(makeWindow(Code, *Begin, End));
      // The last cut at or before the edit.
      auto It = std::upper_bound(
          Cuts->begin(), Cuts->end(), E.getOffset(),
          [](unsigned O, const Cut &C) { return O < C.Offset; });
      if (It == Cuts->begin())
        return std::nullopt;
      Begin = &*std::prev(It);
      End = Begin->Offset;
    }
    if (EditEnd >= End || End == Begin->Offset) {
      const Cut *After = cutAfter(*Cuts, std::max(EditEnd, End), Begin->Open);
      if (!After)
        return std::nullopt;
      End = After->Offset;
    }
  }
  if (Begin)
    Windows.push_back(makeWindow(Code, *Begin, End));
  return Windows;
}

} // namespace relcheck
