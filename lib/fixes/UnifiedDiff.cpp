//===- UnifiedDiff.cpp ----------------------------------------------------===//
//
// Myers' O((N+M)D) line diff: fixes change a few lines of large files, so D
// is small, and only the diagonals of each step are kept (O(D^2) memory).
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

std::vector<Step> diffLines(const std::vector<std::string_view> &A,
                            const std::vector<std::string_view> &B) {
  const long N = static_cast<long>(A.size());
  const long M = static_cast<long>(B.size());
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

} // namespace

std::string unifiedDiff(const std::string &OldLabel,
                        const std::string &NewLabel, const std::string &Old,
                        const std::string &New, unsigned Context) {
  if (Old == New)
    return "";
  std::vector<std::string_view> A = splitLines(Old), B = splitLines(New);
  std::vector<Step> Steps = diffLines(A, B);

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

} // namespace relcheck
