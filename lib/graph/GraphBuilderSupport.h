//===- GraphBuilderSupport.h - helpers of several build steps ---*- C++ -*-===//
//
// Private to lib/graph's GraphBuilder files: the helpers more than one build
// step uses. A helper only one step uses stays in that step's file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "annotations/PyExpr.h"
#include "graph/ModelGraph.h"

#include <optional>
#include <string>
#include <vector>

namespace relcheck {

bool spanLess(const SourceSpan &A, const SourceSpan &B);

/// The names of the graph's tables, in its order (for "did you mean").
std::vector<std::string> tableNames(const ModelGraph &G);

/// What the class body raises for ForeignKey(Name) when Name is no column
/// assigned so far.
std::string pythonNameFailure(const std::string &Name);

/// Parses a string argument's content (join conditions, remote_side="...").
std::optional<PyExpr> parseStringContent(const PyExpr &Str);

} // namespace relcheck
