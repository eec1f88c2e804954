//===- GraphOrderBy.cpp ---------------------------------------------------===//
//
// order_by= as SQLAlchemy evaluates a string: first of all the
// relationship's string arguments (RelationshipProperty.
// _process_dependent_arguments), in the class registry, where a class shows
// only its mapped columns (clsregistry._GetColumns) and a table its .c.
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/NameResolution.h"

#include <functional>

namespace relcheck {

using K = PyExpr::Kind;

namespace {

/// Calls Visit with each maximal dotted chain in E ("Address.email.desc" in
/// "Address.email.desc()"); string literals and other leaves are skipped.
void forEachChain(const PyExpr &E,
                  const std::function<void(const std::string &)> &Visit) {
  if (E.is(K::Name) || E.is(K::Attribute)) {
    std::string Dotted = dottedName(E);
    if (!Dotted.empty()) {
      Visit(Dotted);
      return;
    }
  }
  for (const PyExpr &C : E.Children)
    forEachChain(C, Visit);
}

} // namespace

// Only chains that start with a class or a table are judged, and only their
// first attribute (a column, or the table's c.<column>): any other name may
// be one of the many the evaluation lends from SQLAlchemy (desc, func, ...),
// and what follows a column is its comparator's business.
void GraphBuilder::checkOrderBy(const Relationship &R, RelState &S,
                                const PyExpr &Value) {
  if (!Value.is(K::String) || S.ArgumentUnresolved)
    return;
  std::optional<PyExpr> Content = evaluateArgument(R, S, Value);
  if (!Content || S.ArgumentUnresolved)
    return;
  ColumnResolver Resolve = makeColumnResolver(G, S.Scope);
  forEachChain(*Content, [&](const std::string &Dotted) {
    if (S.ArgumentUnresolved)
      return; // SQLAlchemy stops at the first name it cannot evaluate
    std::vector<std::string> Parts = dottedParts(Dotted);
    std::string Name;
    for (size_t I = 1; I < Parts.size() && Name.empty(); ++I)
      if (!G.findModelsSeenFrom(joinedParts(Parts, I), S.Scope).empty())
        Name = joinedParts(Parts, I + 1);
    if (Name.empty() && Parts.size() >= 3 && Parts[1] == "c" &&
        G.findTable(Parts[0]))
      Name = joinedParts(Parts, 3);
    if (Name.empty() || Resolve(Name))
      return;
    reportUnresolvedName(R, S, Name);
    S.ArgumentUnresolved = true;
  });
}

} // namespace relcheck
