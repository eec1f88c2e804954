//===- AnnotationExpansions.h - every ORM_* macro the TU expanded -*- C++
//-*-===//
//
// The extractor never enters function bodies (the CLI does not even parse
// them), so an ORM_MODEL on a local class or in a lambda produced no fact
// and no word. The source manager still records every macro expansion,
// bodies included (skipping a body lexes it), so the expansions of
// relcheck's macros are listed here and the extractor reports those whose
// annotation it never reached.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace relcheck {

struct AnnotationExpansion {
  llvm::StringRef Macro;         ///< "ORM_MODEL", ...
  clang::SourceLocation NameLoc; ///< The macro name as invoked.
};

/// The expansions of ORM_MODEL, ORM_COLUMN, ORM_RELATIONSHIP, ORM_TABLE and
/// ORM_KEY outside system headers, in the order the TU expanded them.
std::vector<AnnotationExpansion>
annotationExpansions(const clang::SourceManager &SM);

} // namespace relcheck
