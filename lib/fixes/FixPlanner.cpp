//===- FixPlanner.cpp -----------------------------------------------------===//
#include "fixes/FixPlanner.h"

#include "fixes/FixFormatter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

namespace relcheck {
namespace {

/// One edit of one finding's fix, normalized against the file it edits.
struct Edit {
  size_t Finding = 0;
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;

  unsigned end() const { return Offset + Length; }
  bool sameAs(const Edit &O) const {
    return File == O.File && Offset == O.Offset && Length == O.Length &&
           Text == O.Text;
  }
};

/// Edits that cannot both apply: overlapping ranges, or an insertion inside
/// a replaced range. Insertions at one offset combine (in finding order);
/// edits that merely touch are independent.
bool overlaps(const Edit &A, const Edit &B) {
  if (A.File != B.File || A.sameAs(B))
    return false;
  if (A.Length && B.Length)
    return A.Offset < B.end() && B.Offset < A.end();
  if (!A.Length && !B.Length)
    return false;
  const Edit &Insertion = A.Length ? B : A;
  const Edit &Range = A.Length ? A : B;
  return Insertion.Offset > Range.Offset && Insertion.Offset < Range.end();
}

bool usesCrlf(const std::string &Code) {
  size_t Newline = Code.find('\n');
  return Newline != std::string::npos && Newline > 0 &&
         Code[Newline - 1] == '\r';
}

/// A member inserted after a declaration starts with a newline; when that
/// declaration's line ends in a comment, the comment belongs to it, so the
/// new line goes after the comment. New lines follow the file's line ending.
void normalize(Edit &E, const std::string &Code) {
  if (E.Length == 0 && !E.Text.empty() && E.Text[0] == '\n') {
    size_t LineEnd = Code.find('\n', E.Offset);
    if (LineEnd == std::string::npos)
      LineEnd = Code.size();
    size_t End = LineEnd;
    if (End > E.Offset && Code[End - 1] == '\r')
      --End;
    std::string_view Rest(Code.data() + E.Offset, End - E.Offset);
    size_t First = Rest.find_first_not_of(" \t");
    if (First != std::string_view::npos) {
      std::string_view Tail = Rest.substr(First);
      bool LineComment = Tail.compare(0, 2, "//") == 0;
      bool BlockComment =
          Tail.compare(0, 2, "/*") == 0 && Tail.find("*/") == Tail.size() - 2;
      if (LineComment || BlockComment)
        E.Offset = static_cast<unsigned>(End);
    }
  }
  if (usesCrlf(Code)) {
    std::string Text;
    for (size_t I = 0; I < E.Text.size(); ++I) {
      if (E.Text[I] == '\n' && (I == 0 || E.Text[I - 1] != '\r'))
        Text += '\r';
      Text += E.Text[I];
    }
    E.Text = std::move(Text);
  }
}

struct Candidate {
  size_t Finding = 0;
  std::vector<Edit> Edits;
};

/// Pairs of candidates (A < B) whose fixes overlap, with the first edit of
/// A (in A's order) that overlaps an edit of B.
using PairMap = std::map<std::pair<size_t, size_t>, const Edit *>;

void notePair(PairMap &Pairs, size_t CA, const Edit &EA, size_t CB,
              const Edit &EB) {
  if (CA == CB)
    return; // A fix's own edits were checked in prepare().
  if (CB < CA)
    return notePair(Pairs, CB, EB, CA, EA);
  if (!overlaps(EA, EB))
    return;
  const Edit *&Clash = Pairs[{CA, CB}];
  if (!Clash || &EA < Clash)
    Clash = &EA;
}

/// Every pair of candidates whose edits overlap,
/// by one sweep over the edits sorted by (file, offset): only replacements
/// still open at an offset can meet an edit there. Linear in the edits
/// plus the pairs found.
PairMap overlappingPairs(const std::vector<Candidate> &Candidates) {
  struct At {
    const Edit *E;
    size_t Candidate;
  };
  std::vector<At> All;
  for (size_t C = 0; C < Candidates.size(); ++C)
    for (const Edit &E : Candidates[C].Edits)
      All.push_back({&E, C});
  std::sort(All.begin(), All.end(), [](const At &X, const At &Y) {
    return std::tie(X.E->File, X.E->Offset) < std::tie(Y.E->File, Y.E->Offset);
  });
  PairMap Pairs;
  std::vector<At> Open; // Replacements of this file ending after the offset.
  for (size_t I = 0; I < All.size(); ++I) {
    const Edit &E = *All[I].E;
    if (I && All[I - 1].E->File != E.File)
      Open.clear();
    llvm::erase_if(Open, [&](const At &R) { return R.E->end() <= E.Offset; });
    for (const At &R : Open)
      if (E.Length || R.E->Offset < E.Offset)
        notePair(Pairs, R.Candidate, *R.E, All[I].Candidate, E);
    if (E.Length)
      Open.push_back(All[I]);
  }
  return Pairs;
}

/// File contents for planning: the snapshot, else read from disk once.
class PlanSources {
public:
  explicit PlanSources(const SourceSnapshot &Snapshot) : Snapshot(Snapshot) {}

  const std::string *get(const std::string &Path) {
    if (const std::string *C = Snapshot.content(Path))
      return C;
    auto It = Read.find(Path);
    if (It == Read.end()) {
      std::optional<std::string> Bytes = readFileBytes(Path);
      It = Read.emplace(Path,
                        Bytes ? std::make_unique<std::string>(std::move(*Bytes))
                              : nullptr)
               .first;
    }
    return It->second.get();
  }

private:
  const SourceSnapshot &Snapshot;
  std::map<std::string, std::unique_ptr<std::string>> Read;
};

std::string location(const std::string &File, const std::string &Code,
                     unsigned Offset) {
  unsigned Line = 1, Column = 1;
  for (unsigned I = 0; I < Offset && I < Code.size(); ++I) {
    if (Code[I] == '\n') {
      ++Line;
      Column = 1;
    } else {
      ++Column;
    }
  }
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

/// Validates and normalizes a finding's first fix; "" or why it is refused.
std::string prepare(const Finding &F, size_t Index, PlanSources &Sources,
                    const SourceSnapshot &Snapshot, Candidate &Out) {
  Out.Finding = Index;
  const Fix &X = F.Fixes.front();
  if (X.Replacements.empty())
    return "its fix has no edits";
  for (const Replacement &R : X.Replacements) {
    if (R.File.empty())
      return "an edit of its fix names no file";
    if (Snapshot.changedDuringAnalysis(R.File))
      return "'" + R.File + "' changed while relcheck analyzed it";
    const std::string *Code = Sources.get(R.File);
    if (!Code)
      return "'" + R.File + "' cannot be read";
    if (R.Offset > Code->size() || R.Length > Code->size() - R.Offset)
      return "an edit of its fix lies outside '" + R.File + "'";
    Edit E{Index, R.File, R.Offset, R.Length, R.Text};
    normalize(E, *Code);
    Out.Edits.push_back(std::move(E));
  }
  std::stable_sort(Out.Edits.begin(), Out.Edits.end(),
                   [](const Edit &A, const Edit &B) {
                     return std::tie(A.File, A.Offset, A.Length) <
                            std::tie(B.File, B.Offset, B.Length);
                   });
  Out.Edits.erase(
      std::unique(Out.Edits.begin(), Out.Edits.end(),
                  [](const Edit &A, const Edit &B) { return A.sameAs(B); }),
      Out.Edits.end());
  for (size_t I = 0; I < Out.Edits.size(); ++I)
    for (size_t J = I + 1; J < Out.Edits.size(); ++J)
      if (overlaps(Out.Edits[I], Out.Edits[J]))
        return "its own edits overlap in '" + Out.Edits[I].File + "'";
  return "";
}

/// The edits of the accepted candidates for one file, identical edits once
/// and insertions at one offset combined in finding order, as Replacements.
/// On failure, the finding whose edit could not be added.
struct FileEdits {
  clang::tooling::Replacements Reps;
  std::vector<std::pair<size_t, clang::tooling::Range>> Origins;
  std::optional<size_t> Failed;
  std::string FailReason;
};

FileEdits combine(const std::string &Path, std::vector<const Edit *> Edits) {
  FileEdits Out;
  std::stable_sort(
      Edits.begin(), Edits.end(), [](const Edit *A, const Edit *B) {
        return std::tie(A->Offset, A->Length) < std::tie(B->Offset, B->Length);
      });
  struct Pending {
    unsigned Offset, Length;
    std::vector<std::string> Texts; ///< Distinct, in finding order.
    llvm::StringSet<> Seen;         ///< Texts, to find a repeat at once.
    size_t Owner;
  };
  std::vector<Pending> Combined;
  for (const Edit *E : Edits) {
    Out.Origins.push_back(
        {E->Finding, clang::tooling::Range(E->Offset, E->Length)});
    // Sorted: the edits of this range are the last ones combined.
    Pending *Same = nullptr;
    for (auto P = Combined.rbegin();
         P != Combined.rend() && P->Offset == E->Offset &&
         P->Length == E->Length;
         ++P)
      if (E->Length == 0 || P->Texts.front() == E->Text) {
        Same = &*P;
        break;
      }
    // An identical edit from two findings is one edit; insertions at one
    // offset (two members appended to one class) go in finding order.
    if (Same) {
      if (Same->Seen.insert(E->Text).second)
        Same->Texts.push_back(E->Text);
      continue;
    }
    Combined.push_back({E->Offset, E->Length, {E->Text}, {}, E->Finding});
    Combined.back().Seen.insert(E->Text);
  }
  for (const Pending &P : Combined) {
    std::string Text;
    for (const std::string &T : P.Texts)
      Text += T;
    clang::tooling::Replacement R(Path, P.Offset, P.Length, Text);
    if (llvm::Error Err = Out.Reps.add(R)) {
      Out.Failed = P.Owner;
      Out.FailReason = llvm::toString(std::move(Err));
      return Out;
    }
  }
  return Out;
}

} // namespace

std::string describeFinding(const Finding &F) {
  std::string Name = F.Model;
  if (!F.Attribute.empty())
    Name += (Name.empty() ? "" : ".") + F.Attribute;
  std::string Out = Name.empty() ? std::string("finding") : "'" + Name + "'";
  Out += " [" + F.RuleId + "]";
  if (F.Range.isValid())
    Out += " at " + F.Range.File + ":" + std::to_string(F.Range.Line) + ":" +
           std::to_string(F.Range.Column);
  return Out;
}

FixPlan planFixes(const std::vector<Finding> &Findings,
                  const SourceSnapshot &Snapshot,
                  const FixPlanOptions &Options) {
  FixPlan Plan;
  PlanSources Sources(Snapshot);
  std::map<size_t, std::string> Refusals;
  std::map<size_t, std::string> Excluded(Options.Excluded.begin(),
                                         Options.Excluded.end());

  // A fix that yields to another finding's is not offered: that fix
  // resolves its finding too (the same rule the finding policy applies).
  std::vector<bool> Yielded = yieldingFixesSuperseded(Findings);
  std::vector<Candidate> Candidates;
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (Findings[I].Fixes.empty() || Yielded[I])
      continue;
    ++Plan.Offered;
    if (auto It = Excluded.find(I); It != Excluded.end()) {
      Refusals[I] = It->second;
      continue;
    }
    Candidate C;
    std::string Problem = prepare(Findings[I], I, Sources, Snapshot, C);
    if (!Problem.empty()) {
      Refusals[I] = Problem;
      continue;
    }
    Candidates.push_back(std::move(C));
  }

  // Overlapping fixes of different findings: neither is applied, and each
  // refusal names the other finding. Pairs in (A, B) order, as a pairwise
  // loop would meet them: which refusal names whom depends on it.
  std::vector<bool> Accepted(Candidates.size(), true);
  for (const auto &[Pair, Clash] : overlappingPairs(Candidates)) {
    auto [A, B] = Pair;
    size_t FA = Candidates[A].Finding, FB = Candidates[B].Finding;
    const std::string *Code = Sources.get(Clash->File);
    std::string Where =
        Code ? location(Clash->File, *Code, Clash->Offset) : Clash->File;
    if (Accepted[A])
      Refusals[FA] = "its edits overlap those of the fix of " +
                     describeFinding(Findings[FB]) + " (both edit " + Where +
                     ")";
    if (Accepted[B])
      Refusals[FB] = "its edits overlap those of the fix of " +
                     describeFinding(Findings[FA]) + " (both edit " + Where +
                     ")";
    Accepted[A] = Accepted[B] = false;
  }

  // Combine per file; a fix Replacements still rejects is dropped whole (in
  // every file it edits) and the files are combined again.
  std::map<std::string, FileEdits> PerFile;
  for (bool Retry = true; Retry;) {
    Retry = false;
    std::map<std::string, std::vector<const Edit *>> ByFile;
    for (size_t C = 0; C < Candidates.size(); ++C)
      if (Accepted[C])
        for (const Edit &E : Candidates[C].Edits)
          ByFile[E.File].push_back(&E);
    PerFile.clear();
    for (auto &[Path, Edits] : ByFile) {
      FileEdits Combined = combine(Path, Edits);
      if (Combined.Failed) {
        for (size_t C = 0; C < Candidates.size(); ++C)
          if (Candidates[C].Finding == *Combined.Failed)
            Accepted[C] = false;
        Refusals[*Combined.Failed] = "its edits cannot be combined with the "
                                     "other fixes in '" +
                                     Path + "': " + Combined.FailReason;
        Retry = true;
        break;
      }
      PerFile.emplace(Path, std::move(Combined));
    }
  }

  for (auto &[Path, Combined] : PerFile) {
    const std::string &Code = *Sources.get(Path);
    clang::tooling::Replacements Final = Combined.Reps;
    if (Options.Format) {
      llvm::Expected<clang::tooling::Replacements> Formatted =
          formatInsertedLines(Path, Code, Combined.Reps, Options.FallbackStyle);
      if (Formatted)
        Final = std::move(*Formatted);
      else
        Plan.Warnings.push_back(
            "the edits of '" + Path +
            "' are not formatted: " + llvm::toString(Formatted.takeError()));
    }
    llvm::Expected<std::string> Fixed =
        clang::tooling::applyAllReplacements(Code, Final);
    if (!Fixed) {
      // Cannot happen for a valid set; refuse rather than guess.
      std::string Reason = llvm::toString(Fixed.takeError());
      for (const auto &[Finding, Range] : Combined.Origins)
        Refusals[Finding] =
            "its edits of '" + Path + "' cannot be applied: " + Reason;
      continue;
    }
    if (*Fixed == Code)
      continue;
    PlannedFile File;
    File.Path = Path;
    File.Original = Code;
    File.Fixed = std::move(*Fixed);
    File.Edits = std::move(Final);
    File.Origins = std::move(Combined.Origins);
    Plan.Files.push_back(std::move(File));
  }

  // A fix refused while applying one file must not stay in another.
  bool Dropped = false;
  for (size_t C = 0; C < Candidates.size(); ++C)
    if (Accepted[C] && Refusals.count(Candidates[C].Finding)) {
      Accepted[C] = false;
      Dropped = true;
    }
  if (Dropped) {
    FixPlanOptions Again = Options;
    for (const auto &[Finding, Reason] : Refusals)
      Again.Excluded.push_back({Finding, Reason});
    return planFixes(Findings, Snapshot, Again);
  }

  for (size_t C = 0; C < Candidates.size(); ++C)
    if (Accepted[C])
      Plan.Applied.push_back(Candidates[C].Finding);
  std::sort(Plan.Applied.begin(), Plan.Applied.end());
  for (const auto &[Finding, Reason] : Refusals)
    Plan.Refused.push_back({Finding, Reason});
  std::sort(Plan.Files.begin(), Plan.Files.end(),
            [](const PlannedFile &A, const PlannedFile &B) {
              return A.Path < B.Path;
            });
  return Plan;
}

} // namespace relcheck
