//===- InsertionAnchor.cpp ------------------------------------------------===//
#include "InsertionAnchor.h"

namespace relcheck::tidy {
namespace {

/// Whether another edit of the fix touches byte Q of File: rewrites it, or
/// inserts at either side of it.
bool touchedByOthers(const Fix &Fix, const Replacement &Self,
                     const std::string &File, unsigned Q) {
  for (const Replacement &R : Fix.Replacements) {
    if (&R == &Self || R.File != File)
      continue;
    if (R.Length == 0 ? (R.Offset == Q || R.Offset == Q + 1)
                      : (R.Offset <= Q && Q < R.Offset + R.Length))
      return true;
  }
  return false;
}

} // namespace

std::vector<Replacement> anchorInsertions(const Fix &Fix,
                                          const ByteAtFn &ByteAt,
                                          const ClaimByteFn &Claim) {
  std::vector<Replacement> Out;
  for (const Replacement &R : Fix.Replacements) {
    Out.push_back(R);
    if (R.Length != 0)
      continue;
    Replacement &A = Out.back();
    // Before: "x" -> "x" + text; after: "y" -> text + "y".
    for (bool Before : {true, false}) {
      if (Before && R.Offset == 0)
        continue;
      unsigned Q = Before ? R.Offset - 1 : R.Offset;
      std::optional<char> Byte = ByteAt(R.File, Q);
      if (!Byte || touchedByOthers(Fix, R, R.File, Q) || !Claim(R.File, Q))
        continue;
      A.Offset = Q;
      A.Length = 1;
      A.Text = Before ? *Byte + R.Text : R.Text + *Byte;
      break;
    }
  }
  return Out;
}

} // namespace relcheck::tidy
