//===- TableArguments.cpp -------------------------------------------------===//
#include "graph/TableArguments.h"

#include "graph/Vocabulary.h"

namespace relcheck {

using K = PyExpr::Kind;

static TableConstraintSpelling interpretConstraint(const PyExpr &Call) {
  TableConstraintSpelling C;
  C.Node = &Call;
  std::string Callee = calleeName(Call);
  std::vector<const PyExpr *> Positional;
  for (size_t I = 1; I < Call.Children.size(); ++I)
    if (!Call.Children[I].is(K::Keyword))
      Positional.push_back(&Call.Children[I]);
  auto Elements = [&](const PyExpr *List, std::vector<const PyExpr *> &Out) {
    if (!List || !(List->is(K::List) || List->is(K::Tuple))) {
      C.WellFormed = false;
      return;
    }
    for (const PyExpr &E : List->Children)
      Out.push_back(&E);
  };
  if (Callee == "ForeignKeyConstraint") {
    C.K = TableConstraintSpelling::Kind::ForeignKey;
    const PyExpr *Cols = Positional.size() > 0 ? Positional[0] : nullptr;
    const PyExpr *Refs = Positional.size() > 1 ? Positional[1] : nullptr;
    // The keyword spellings of the two parameters.
    for (size_t I = 1; I < Call.Children.size(); ++I) {
      const PyExpr &Ch = Call.Children[I];
      if (Ch.isKeyword("columns") && !Ch.Children.empty())
        Cols = &Ch.Children[0];
      else if (Ch.isKeyword("refcolumns") && !Ch.Children.empty())
        Refs = &Ch.Children[0];
    }
    Elements(Cols, C.Columns);
    Elements(Refs, C.RefColumns);
  } else if (Callee == "PrimaryKeyConstraint" || Callee == "UniqueConstraint") {
    C.K = Callee == "PrimaryKeyConstraint"
              ? TableConstraintSpelling::Kind::PrimaryKey
              : TableConstraintSpelling::Kind::Unique;
    C.Columns = Positional;
  }
  return C;
}

std::vector<TableConstraintSpelling> interpretTableArgs(const PyExpr &Value) {
  std::vector<TableConstraintSpelling> Out;
  if (!Value.is(K::Tuple))
    return Out;
  for (const PyExpr &E : Value.Children)
    if (E.is(K::Call))
      Out.push_back(interpretConstraint(E));
  return Out;
}

} // namespace relcheck
