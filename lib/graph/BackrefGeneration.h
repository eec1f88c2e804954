//===- BackrefGeneration.h - what a legacy backref generates ----*- C++ -*-===//
//
// The parts of SQLAlchemy's backref step (§1.1-§1.5) that do not need the
// graph builder's state: the E6 collision check and the explicit
// relationship() arguments a rewrite writes for the generated side (§6.1).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "graph/ArgumentLocator.h"
#include "graph/JoinAnalysis.h"
#include "graph/ModelGraph.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relcheck {

/// §1.5 (E6): the first model among Target, its bases (nearest first) and
/// all its subclasses (model order) that already maps Name (a column or a
/// relationship, generated ones included); siblings are not checked.
const Model *findBackrefCollision(const Model &Target, std::string_view Name);

/// True when E contains a remote(...) annotation.
bool hasRemoteMarks(const PyExpr &E);
/// True when E contains a foreign(...) annotation.
bool hasForeignMarks(const PyExpr &E);

/// A Python string literal with Content: double quotes unless Content has
/// some and no single quotes.
std::string pyStringLiteral(std::string_view Content);

/// Everything §6.1 needs to write the generated side explicitly.
struct ExplicitArgsInput {
  const Relationship *Declaring = nullptr; ///< P.rel.
  const Relationship *Generated = nullptr; ///< T.name (joins analysed).
  const ArgumentLocator *Loc = nullptr;    ///< P.rel's annotation.
  /// backref(...) options (K), as ArgFacts into P.rel's annotation.
  std::vector<const ArgFact *> Options;
  std::string TargetSpelling; ///< P as the registry spells it.
  /// P.rel's written primaryjoin with remote() marks mirrored (§1.3), when
  /// it had any and no K.primaryjoin overrides it.
  std::optional<PyExpr> MirroredJoin;
  /// Resolves bare names of P's class body (to decide what to qualify).
  ColumnResolver ScopeResolver;
};

/// Fills ExplicitArgs and ExplicitArgsCaveat of In.Generated (passed
/// mutable as Out).
void buildExplicitArgs(const ExplicitArgsInput &In, Relationship &Out);

} // namespace relcheck
