//===- NolintSuppressions.cpp ---------------------------------------------===//
//
// A re-implementation (not a copy) of clang-tidy 19's NOLINT rules on plain
// file bytes; see the header for the rules and docs/suppressions.md for the
// user-facing description. Parity is tested by running the same fixtures
// through the CLI and through clang-tidy-19 with the plugin.
//
//===----------------------------------------------------------------------===//
#include "findings/NolintSuppressions.h"

#include "findings/GlobList.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

namespace relcheck {
namespace {

std::optional<NolintKind> kindOf(std::string_view Word) {
  if (Word == "NOLINT")
    return NolintKind::NoLint;
  if (Word == "NOLINTNEXTLINE")
    return NolintKind::NextLine;
  if (Word == "NOLINTBEGIN")
    return NolintKind::Begin;
  if (Word == "NOLINTEND")
    return NolintKind::End;
  return std::nullopt;
}

const char *kindName(NolintKind K) {
  switch (K) {
  case NolintKind::NoLint:
    return "NOLINT";
  case NolintKind::NextLine:
    return "NOLINTNEXTLINE";
  case NolintKind::Begin:
    return "NOLINTBEGIN";
  case NolintKind::End:
    return "NOLINTEND";
  }
  return "NOLINT";
}

/// "a , b" -> "a,b": BEGIN and END pair up when their lists are equal after
/// this normalization.
std::string normalizeChecks(std::string_view Checks) {
  std::string Out;
  size_t Pos = 0;
  while (true) {
    size_t Comma = Checks.find(',', Pos);
    std::string_view Item = Checks.substr(Pos, Comma == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : Comma - Pos);
    size_t B = Item.find_first_not_of(" \t\n\v\f\r");
    size_t E = Item.find_last_not_of(" \t\n\v\f\r");
    if (B != std::string_view::npos)
      Out.append(Item.substr(B, E - B + 1));
    if (Comma == std::string_view::npos)
      break;
    Out += ',';
    Pos = Comma + 1;
  }
  return Out;
}

struct Block {
  size_t Begin; ///< Directive indices.
  size_t End;
};

/// Everything known about one file's directives.
struct FileDirectives {
  const std::string *Text = nullptr;
  std::vector<NolintDirective> Directives;
  std::vector<GlobList> Globs; ///< Parallel to Directives.
  std::vector<size_t> LineStarts;
  std::multimap<size_t, size_t> ByLine; ///< 0-based line -> directive.
  std::vector<Block> Blocks;
  std::vector<size_t> Unmatched; ///< Directive indices.
  bool BlocksReported = false;
  std::vector<bool> Used;
  std::vector<bool> WouldSuppressError;

  size_t lineOf(size_t Offset) const {
    return static_cast<size_t>(
               std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
               LineStarts.begin()) -
           1;
  }

  SourceSpan span(const std::string &Path, size_t Offset, size_t Length) const {
    SourceSpan S;
    S.File = Path;
    S.Begin = static_cast<unsigned>(Offset);
    S.End = static_cast<unsigned>(Offset + Length);
    size_t L = lineOf(Offset);
    S.Line = static_cast<unsigned>(L + 1);
    S.Column = static_cast<unsigned>(Offset - LineStarts[L] + 1);
    size_t EL = lineOf(Offset + Length);
    S.EndLine = static_cast<unsigned>(EL + 1);
    S.EndColumn = static_cast<unsigned>(Offset + Length - LineStarts[EL] + 1);
    return S;
  }
};

std::unique_ptr<FileDirectives> scan(const std::string *Text) {
  auto F = std::make_unique<FileDirectives>();
  F->Text = Text;
  F->LineStarts.push_back(0);
  for (size_t I = 0; I < Text->size(); ++I)
    if ((*Text)[I] == '\n')
      F->LineStarts.push_back(I + 1);
  F->Directives = findNolintDirectives(*Text);
  for (size_t I = 0; I < F->Directives.size(); ++I) {
    const NolintDirective &D = F->Directives[I];
    F->Globs.emplace_back(D.Checks ? std::string_view(*D.Checks) : "*",
                          /*KeepNegative=*/false);
    F->ByLine.emplace(F->lineOf(D.Offset), I);
  }
  // BEGIN/END nest like brackets; an END closes the innermost open BEGIN
  // only when their check lists are equal, otherwise the END is unmatched.
  std::vector<size_t> Open;
  for (size_t I = 0; I < F->Directives.size(); ++I) {
    const NolintDirective &D = F->Directives[I];
    if (D.Kind == NolintKind::Begin) {
      Open.push_back(I);
    } else if (D.Kind == NolintKind::End) {
      if (!Open.empty() && F->Directives[Open.back()].Checks == D.Checks) {
        F->Blocks.push_back({Open.back(), I});
        Open.pop_back();
      } else {
        F->Unmatched.push_back(I);
      }
    }
  }
  F->Unmatched.insert(F->Unmatched.end(), Open.begin(), Open.end());
  F->Used.assign(F->Directives.size(), false);
  F->WouldSuppressError.assign(F->Directives.size(), false);
  return F;
}

/// Whether a directive names a relcheck rule that this run enables: only
/// those can be reported as unused (other tools' NOLINTs, and bare NOLINTs
/// serving every tool, are none of relcheck's business).
bool namesEnabledRule(const std::string &File, const NolintDirective &D,
                      const GlobList &Globs,
                      const SuppressionOptions &Options) {
  if (!D.Checks)
    return false;
  bool NamesRelcheck = false;
  for (const GlobList::Item &I : Globs.items())
    if (I.Glob.rfind("relcheck-", 0) == 0)
      NamesRelcheck = true;
  if (!NamesRelcheck)
    return false;
  for (const std::string &Id : Options.AllRules)
    if (Globs.contains(Id) &&
        (!Options.IsEnabled || Options.IsEnabled(File, Id)))
      return true;
  return false;
}

class Suppressor {
public:
  Suppressor(const FileTextFn &FileText) : FileText(FileText) {}

  FileDirectives *file(const std::string &Path) {
    auto It = Files.find(Path);
    if (It != Files.end())
      return It->second.get();
    const std::string *Text = FileText(Path);
    std::unique_ptr<FileDirectives> F = Text ? scan(Text) : nullptr;
    return Files.emplace(Path, std::move(F)).first->second.get();
  }

  /// Marks the directives that match F; returns whether F is suppressed
  /// (clang-tidy's order: this line, the previous line, then blocks).
  bool matches(const Finding &Fd, std::vector<Finding> &Problems) {
    if (!Fd.Range.isValid())
      return false;
    FileDirectives *F = file(Fd.Range.File);
    if (!F)
      return false;
    bool IsError = Fd.Sev == Severity::Error;
    size_t Pos = Fd.Range.Begin;
    size_t Line = F->lineOf(Pos);
    bool Suppressed = false;
    auto Mark = [&](size_t I) {
      if (IsError)
        F->WouldSuppressError[I] = true;
      else
        F->Used[I] = true;
      Suppressed = true;
    };
    auto OnLine = [&](size_t L, NolintKind Kind) {
      auto [B, E] = F->ByLine.equal_range(L);
      for (auto It = B; It != E; ++It)
        if (F->Directives[It->second].Kind == Kind &&
            F->Globs[It->second].contains(Fd.RuleId))
          Mark(It->second);
    };
    OnLine(Line, NolintKind::NoLint);
    if (Line > 0)
      OnLine(Line - 1, NolintKind::NextLine);
    if (Suppressed && !IsError)
      return true;
    if (!IsError && !F->BlocksReported) {
      // clang-tidy reads a file's blocks, and reports its unmatched
      // BEGIN/END, the first time a diagnostic there needs them.
      F->BlocksReported = true;
      for (size_t I : F->Unmatched)
        Problems.push_back(unmatched(Fd.Range.File, *F, I));
    }
    for (const Block &B : F->Blocks)
      if (F->Directives[B.Begin].Offset < Pos &&
          Pos < F->Directives[B.End].Offset &&
          F->Globs[B.Begin].contains(Fd.RuleId)) {
        Mark(B.Begin);
        Mark(B.End);
      }
    return Suppressed && !IsError;
  }

  static Finding unmatched(const std::string &Path, const FileDirectives &F,
                           size_t I) {
    const NolintDirective &D = F.Directives[I];
    Finding P;
    P.RuleId = NolintRuleId;
    P.Sev = Severity::Error;
    P.Message = D.Kind == NolintKind::Begin
                    ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
                      "'NOLINTEND' comment"
                    : "unmatched 'NOLINTEND' comment without a previous "
                      "'NOLINTBEGIN' comment";
    P.Range = F.span(Path, D.Offset, 0);
    return P;
  }

  void reportUnused(const SuppressionOptions &Options,
                    std::vector<Finding> &Problems) {
    for (const auto &[Path, F] : Files) {
      if (!F)
        continue;
      std::set<size_t> Unmatched(F->Unmatched.begin(), F->Unmatched.end());
      for (size_t I = 0; I < F->Directives.size(); ++I) {
        const NolintDirective &D = F->Directives[I];
        // A block is reported once, at its NOLINTBEGIN; an unmatched one is
        // an error already.
        if (F->Used[I] || D.Kind == NolintKind::End || Unmatched.count(I) ||
            !namesEnabledRule(Path, D, F->Globs[I], Options))
          continue;
        Finding P;
        P.RuleId = NolintRuleId;
        P.Sev = Severity::Warning;
        std::string Written = F->Text->substr(D.Offset, D.Length);
        P.Message = "unused " + Written + ": it suppresses no relcheck finding";
        switch (D.Kind) {
        case NolintKind::NoLint:
          P.Message += " on its line";
          break;
        case NolintKind::NextLine:
          P.Message += " on the next line";
          break;
        default:
          P.Message += " before its 'NOLINTEND'";
          break;
        }
        if (F->WouldSuppressError[I])
          P.Message += " (findings of severity error cannot be suppressed)";
        P.Range = F->span(Path, D.Offset, D.Length);
        Problems.push_back(std::move(P));
      }
    }
  }

private:
  const FileTextFn &FileText;
  std::map<std::string, std::unique_ptr<FileDirectives>> Files;
};

} // namespace

std::vector<NolintDirective> findNolintDirectives(const std::string &Text) {
  static constexpr std::string_view Word = "NOLINT";
  std::vector<NolintDirective> Out;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t Start = Text.find(Word.data(), Pos, Word.size());
    if (Start == std::string::npos)
      break;
    Pos = Start + Word.size();
    while (Pos < Text.size() &&
           std::isalpha(static_cast<unsigned char>(Text[Pos])))
      ++Pos;
    std::optional<NolintKind> Kind =
        kindOf(std::string_view(Text).substr(Start, Pos - Start));
    if (!Kind)
      continue;
    NolintDirective D;
    D.Kind = *Kind;
    D.Offset = Start;
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find_first_of("\n)", Pos + 1);
      if (Close != std::string::npos && Text[Close] == ')') {
        D.Checks = normalizeChecks(
            std::string_view(Text).substr(Pos + 1, Close - Pos - 1));
        Pos = Close + 1;
      } else {
        ++Pos; // clang-tidy skips the '(' of an unclosed list.
      }
    }
    D.Length =
        D.Checks ? Pos - Start : std::string_view(kindName(D.Kind)).size();
    Out.push_back(std::move(D));
  }
  return Out;
}

SuppressionResult applyNolintSuppressions(std::vector<Finding> Findings,
                                          const FileTextFn &FileText,
                                          const SuppressionOptions &Options) {
  SuppressionResult Result;
  Suppressor S(FileText);
  for (Finding &F : Findings) {
    if (S.matches(F, Result.Problems))
      ++Result.Suppressed;
    else
      Result.Kept.push_back(std::move(F));
  }
  if (Options.ReportUnused) {
    for (const std::string &Path : Options.FilesToScan)
      S.file(Path);
    S.reportUnused(Options, Result.Problems);
  }
  return Result;
}

} // namespace relcheck
