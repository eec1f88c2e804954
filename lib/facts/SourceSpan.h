//===- SourceSpan.h - a byte range in a source file -------------*- C++ -*-===//
#pragma once

#include "facts/InternedString.h"

#include <tuple>

namespace relcheck {

/// A half-open byte range [Begin, End) in one file, with the 1-based line and
/// byte column of both ends. Plain data: no Clang types, so facts can be
/// serialized, cached and merged after every AST is gone.
struct SourceSpan {
  InternedString File; ///< Absolute, normalized path; empty when unknown.
  unsigned Begin = 0;
  unsigned End = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned EndLine = 0;
  unsigned EndColumn = 0;

  bool isValid() const { return !File.empty() && Line != 0; }

  friend bool operator==(const SourceSpan &A, const SourceSpan &B) {
    return A.File == B.File && A.Begin == B.Begin && A.End == B.End;
  }
  friend bool operator!=(const SourceSpan &A, const SourceSpan &B) {
    return !(A == B);
  }
  friend bool operator<(const SourceSpan &A, const SourceSpan &B) {
    return std::tie(A.File, A.Begin, A.End) < std::tie(B.File, B.Begin, B.End);
  }
};

} // namespace relcheck
