//===- UnifiedDiff.cpp ----------------------------------------------------===//
//
// Myers' O((N+M)D) line diff: fixes change a few lines of large files, so D
// is small, and only the diagonals of each step are kept (O(D^2) memory).
// Given the edits, only the lines each group of them touches are diffed.
//
//===----------------------------------------------------------------------===//
#include "fixes/UnifiedDiff.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace relcheck {
namespace {

/// Lines with their line break, so that a last line without one differs
/// from the same text with one.
std::vector<std::string_view> splitLines(const std::string &Text) {
  std::vector<std::string_view> Lines;
  size_t Start = 0;
  while (Start < Text.size()) {
    size_t End = Text.find('\n', Start);
    End = End == std::string::npos ? Text.size() : End + 1;
    Lines.emplace_back(Text.data() + Start, End - Start);
    Start = End;
  }
  return Lines;
}

enum class Op { Keep, Remove, Add };

struct Step {
  Op Kind;
  size_t OldIndex; ///< Line of Old (Keep, Remove).
  size_t NewIndex; ///< Line of New (Keep, Add).
};

using Lines = std::vector<std::string_view>;

/// Myers' diff of A[ABegin, AEnd) and B[BBegin, BEnd), as steps with
/// indices into A and B.
std::vector<Step> diffLines(const Lines &AllA, size_t ABegin, size_t AEnd,
                            const Lines &AllB, size_t BBegin, size_t BEnd) {
  const std::string_view *A = AllA.data() + ABegin;
  const std::string_view *B = AllB.data() + BBegin;
  const long N = static_cast<long>(AEnd - ABegin);
  const long M = static_cast<long>(BEnd - BBegin);
  // Trace[D][K + D] = furthest x on diagonal K after D edits.
  std::vector<std::vector<long>> Trace;
  long Found = -1;
  for (long D = 0; D <= N + M && Found < 0; ++D) {
    std::vector<long> V(static_cast<size_t>(2 * D + 1));
    const std::vector<long> *Prev = D ? &Trace.back() : nullptr;
    auto prevAt = [&](long K) {
      return (*Prev)[static_cast<size_t>(K + D - 1)];
    };
    for (long K = -D; K <= D; K += 2) {
      long X;
      if (D == 0)
        X = 0;
      else if (K == -D || (K != D && prevAt(K - 1) < prevAt(K + 1)))
        X = prevAt(K + 1); // down: a line of B added
      else
        X = prevAt(K - 1) + 1; // right: a line of A removed
      long Y = X - K;
      while (X < N && Y < M &&
             A[static_cast<size_t>(X)] == B[static_cast<size_t>(Y)]) {
        ++X;
        ++Y;
      }
      V[static_cast<size_t>(K + D)] = X;
      if (X >= N && Y >= M)
        Found = D;
    }
    Trace.push_back(std::move(V));
  }

  std::vector<Step> Reversed;
  long X = N, Y = M;
  for (long D = Found; D >= 0; --D) {
    long K = X - Y;
    long PrevK = 0, PrevX = 0, PrevY = 0;
    if (D > 0) {
      const std::vector<long> &Prev = Trace[static_cast<size_t>(D - 1)];
      auto prevAt = [&](long Kk) {
        return Prev[static_cast<size_t>(Kk + D - 1)];
      };
      bool Down = K == -D || (K != D && prevAt(K - 1) < prevAt(K + 1));
      PrevK = Down ? K + 1 : K - 1;
      PrevX = prevAt(PrevK);
      PrevY = PrevX - PrevK;
    }
    // The snake: equal lines back to where this step's edit ended.
    long StartX = D > 0 ? (PrevK == K + 1 ? PrevX : PrevX + 1) : 0;
    while (X > StartX) {
      --X;
      --Y;
      Reversed.push_back(
          {Op::Keep, static_cast<size_t>(X), static_cast<size_t>(Y)});
    }
    if (D == 0)
      break;
    if (PrevK == K + 1) {
      --Y;
      Reversed.push_back(
          {Op::Add, static_cast<size_t>(X), static_cast<size_t>(Y)});
    } else {
      --X;
      Reversed.push_back(
          {Op::Remove, static_cast<size_t>(X), static_cast<size_t>(Y)});
    }
    X = PrevX;
    Y = PrevY;
  }
  std::reverse(Reversed.begin(), Reversed.end());
  for (Step &S : Reversed) {
    S.OldIndex += ABegin;
    S.NewIndex += BBegin;
  }
  return Reversed;
}

void appendLine(std::string &Out, char Prefix, std::string_view Line) {
  Out += Prefix;
  Out += Line;
  if (Line.empty() || Line.back() != '\n')
    Out += "\n\\ No newline at end of file\n";
}

/// "@@ -3,7 +3,8 @@"; an empty side names the line before it (diff -u).
std::string rangeText(size_t Start, size_t Count) {
  if (Count == 1)
    return std::to_string(Start + 1);
  return std::to_string(Count == 0 ? Start : Start + 1) + "," +
         std::to_string(Count);
}

/// The unified diff of Steps (every line of A and B, in order).
std::string renderDiff(const std::string &OldLabel, const std::string &NewLabel,
                       const Lines &A, const Lines &B,
                       const std::vector<Step> &Steps, unsigned Context) {
  std::string Out = "--- " + OldLabel + "\n+++ " + NewLabel + "\n";
  size_t I = 0;
  while (I < Steps.size()) {
    // The next change, with Context lines before it.
    while (I < Steps.size() && Steps[I].Kind == Op::Keep)
      ++I;
    if (I == Steps.size())
      break;
    size_t Begin = I >= Context ? I - Context : 0;
    // Extend over changes closer than 2 * Context lines apart.
    size_t End = I;
    while (true) {
      while (End < Steps.size() && Steps[End].Kind != Op::Keep)
        ++End;
      size_t Run = End;
      while (Run < Steps.size() && Steps[Run].Kind == Op::Keep)
        ++Run;
      if (Run < Steps.size() && Run - End <= 2 * Context) {
        End = Run;
        continue;
      }
      End = std::min(Steps.size(), End + Context);
      break;
    }
    size_t OldStart = 0, NewStart = 0, OldCount = 0, NewCount = 0;
    bool Started = false;
    std::string Body;
    for (size_t S = Begin; S < End; ++S) {
      const Step &St = Steps[S];
      if (!Started) {
        OldStart = St.OldIndex;
        NewStart = St.NewIndex;
        Started = true;
      }
      switch (St.Kind) {
      case Op::Keep:
        appendLine(Body, ' ', A[St.OldIndex]);
        ++OldCount;
        ++NewCount;
        break;
      case Op::Remove:
        appendLine(Body, '-', A[St.OldIndex]);
        ++OldCount;
        break;
      case Op::Add:
        appendLine(Body, '+', B[St.NewIndex]);
        ++NewCount;
        break;
      }
    }
    Out += "@@ -" + rangeText(OldStart, OldCount) + " +" +
           rangeText(NewStart, NewCount) + " @@\n" + Body;
    I = End;
  }
  return Out;
}

/// Index of the line holding byte Offset (Starts: each line's first byte);
/// Starts.size() past the last line.
size_t lineAt(const std::vector<size_t> &Starts, size_t Offset) {
  return static_cast<size_t>(
             std::upper_bound(Starts.begin(), Starts.end(), Offset) -
             Starts.begin()) -
         1;
}

std::vector<size_t> lineStarts(const Lines &L, const std::string &Text) {
  std::vector<size_t> Starts;
  for (std::string_view Line : L)
    Starts.push_back(static_cast<size_t>(Line.data() - Text.data()));
  Starts.push_back(Text.size());
  return Starts;
}

} // namespace

std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New, unsigned Context) {
  if (Old == New)
    return "";
  Lines A = splitLines(Old), B = splitLines(New);
  return renderDiff(OldLabel, NewLabel, A, B,
                    diffLines(A, 0, A.size(), B, 0, B.size()), Context);
}

std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New,
                        const clang::tooling::Replacements &Edits,
                        unsigned Context) {
  if (Old == New)
    return "";
  Lines A = splitLines(Old), B = splitLines(New);
  std::vector<size_t> AStarts = lineStarts(A, Old);
  std::vector<size_t> BStarts = lineStarts(B, New);
  std::vector<Step> Steps;
  size_t NextA = 0, NextB = 0; // the first lines not in Steps yet
  long long Delta = 0;         // New offset - Old offset after the edits seen
  auto Touched = [&](const clang::tooling::Replacement &R) {
    size_t First = lineAt(AStarts, R.getOffset());
    size_t Last = R.getLength()
                      ? lineAt(AStarts, R.getOffset() + R.getLength() - 1) + 1
                      : First + 1;
    return std::make_pair(First, std::min(Last, A.size()));
  };
  for (auto It = Edits.begin(); It != Edits.end();) {
    // A group: edits on overlapping lines of Old, then as many more lines
    // as it takes for the group to end at a line start of New too.
    auto [First, Last] = Touched(*It);
    long long GroupDelta = 0;
    size_t NewEnd = 0;
    while (true) {
      for (;
           It != Edits.end() && Touched(*It).first < std::max(Last, First + 1);
           ++It) {
        Last = std::max(Last, Touched(*It).second);
        GroupDelta += static_cast<long long>(It->getReplacementText().size()) -
                      static_cast<long long>(It->getLength());
      }
      NewEnd = static_cast<size_t>(static_cast<long long>(AStarts[Last]) +
                                   Delta + GroupDelta);
      if (NewEnd == 0 || NewEnd >= New.size() || New[NewEnd - 1] == '\n' ||
          Last >= A.size())
        break;
      ++Last;
    }
    for (; NextA < First; ++NextA, ++NextB)
      Steps.push_back({Op::Keep, NextA, NextB});
    size_t BLast = NewEnd >= New.size() ? B.size() : lineAt(BStarts, NewEnd);
    std::vector<Step> Group = diffLines(A, First, Last, B, NextB, BLast);
    Steps.insert(Steps.end(), Group.begin(), Group.end());
    NextA = Last;
    NextB = BLast;
    Delta += GroupDelta;
  }
  for (; NextA < A.size(); ++NextA, ++NextB)
    Steps.push_back({Op::Keep, NextA, NextB});
  return renderDiff(OldLabel, NewLabel, A, B, Steps, Context);
}

} // namespace relcheck
