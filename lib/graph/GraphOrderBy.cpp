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

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace relcheck {

using K = PyExpr::Kind;

namespace {

/// Names the evaluation finds on the object itself before it looks for a
/// column: _GetColumns's slot 'cls' and object's dunders on a class, and
/// ImmutableColumnCollection's members on table.c (dir() in 1.4.46).
bool isOwnAttribute(llvm::StringRef Name, bool OnTableColumns) {
  if (Name.size() > 4 && Name.starts_with("__") && Name.ends_with("__"))
    return true;
  if (!OnTableColumns)
    return Name == "cls";
  static const char *const CollectionMembers[] = {"_all_columns",
                                                  "_collection",
                                                  "_colset",
                                                  "_immutable",
                                                  "_index",
                                                  "_initial_populate",
                                                  "_parent",
                                                  "_populate_separate_keys",
                                                  "add",
                                                  "as_immutable",
                                                  "clear",
                                                  "compare",
                                                  "contains_column",
                                                  "corresponding_column",
                                                  "extend",
                                                  "get",
                                                  "items",
                                                  "keys",
                                                  "remove",
                                                  "update",
                                                  "values"};
  return llvm::is_contained(CollectionMembers, Name);
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
  forEachDottedChain(*Content, [&](const std::string &Dotted) {
    if (S.ArgumentUnresolved)
      return; // SQLAlchemy stops at the first name it cannot evaluate
    std::vector<std::string> Parts = dottedParts(Dotted);
    std::string Name;
    bool OnClass = false;
    for (size_t I = 1; I < Parts.size() && Name.empty(); ++I) {
      std::vector<const Model *> Ms =
          G.findModelsSeenFrom(joinedParts(Parts, I), S.Scope);
      if (Ms.empty())
        continue;
      if (isOwnAttribute(Parts[I], /*OnTableColumns=*/false) ||
          (Ms.size() == 1 &&
           Ms[0]->lookup(Parts[I]).K == AttributeLookup::Kind::Unmodeled))
        return;
      Name = joinedParts(Parts, I + 1);
      OnClass = true;
    }
    if (Name.empty() && Parts.size() >= 3 && Parts[1] == "c" &&
        G.findTable(Parts[0]) &&
        !isOwnAttribute(Parts[2], /*OnTableColumns=*/true))
      Name = joinedParts(Parts, 3);
    if (Name.empty() || Resolve(Name))
      return;
    reportUnresolvedName(R, S, Name);
    // A partial program (the plugin) drops the report. A class is whole
    // wherever it is visible, so its missing column is certain there too
    // and the relationship stops as in the CLI (whose fixes the plugin's
    // must equal); a table is not: a single-table subclass in another TU
    // adds columns to its base's table.
    if (OnClass || !G.PartialProgram)
      S.ArgumentUnresolved = true;
  });
}

} // namespace relcheck
