//===- NameResolution.cpp -------------------------------------------------===//
#include "graph/NameResolution.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <set>

namespace relcheck {

static std::string replaceAll(std::string S, std::string_view From,
                              std::string_view To) {
  size_t Pos = 0;
  while ((Pos = S.find(From, Pos)) != std::string::npos) {
    S.replace(Pos, From.size(), To);
    Pos += To.size();
  }
  return S;
}

std::string registryPath(const Model &M) {
  return replaceAll(M.QualifiedName, "::", ".");
}

std::vector<const Model *>
findModelsByName(const std::vector<std::unique_ptr<Model>> &Models,
                 std::string_view Name) {
  std::vector<const Model *> Found;
  if (Name.empty())
    return Found;
  std::string Dotted = replaceAll(std::string(Name), "::", ".");
  bool Qualified = Dotted.find('.') != std::string::npos;
  for (const auto &M : Models) {
    bool Match = Qualified ? registryPath(*M) == Dotted : M->Name == Dotted;
    if (Match)
      Found.push_back(M.get());
  }
  return Found;
}

std::string registrySpelling(const std::vector<std::unique_ptr<Model>> &Models,
                             const Model &M) {
  if (findModelsByName(Models, M.Name).size() == 1)
    return M.Name;
  return registryPath(M);
}

std::string registrySpelling(const ModelGraph &Graph, const Model &M) {
  if (Graph.findModels(M.Name, M.Registry).size() == 1)
    return M.Name;
  return registryPath(M);
}

std::vector<std::string>
registryNames(const std::vector<std::unique_ptr<Model>> &Models) {
  std::set<std::string> Names;
  for (const auto &M : Models) {
    Names.insert(M->Name);
    Names.insert(registryPath(*M));
  }
  return {Names.begin(), Names.end()};
}

std::string mapperDisplay(const Model &M) {
  return "mapped class " + M.Name + "->" + M.TableName;
}

std::string classRepr(const Model &M) {
  // A class outside any namespace lives in the rendered module itself.
  std::string Path = registryPath(M);
  if (Path.find('.') == std::string::npos)
    Path = "__main__." + Path;
  return "<class '" + Path + "'>";
}

std::vector<const Table *> mapperTables(const Model &M) {
  std::vector<const Table *> Out;
  std::vector<const Model *> Stack{&M};
  std::set<const Model *> Seen;
  // Depth-first over the bases in declaration order: local table first.
  while (!Stack.empty()) {
    const Model *Cur = Stack.front();
    Stack.erase(Stack.begin());
    if (!Seen.insert(Cur).second)
      continue;
    if (Cur->MappedTable &&
        std::find(Out.begin(), Out.end(), Cur->MappedTable) == Out.end())
      Out.push_back(Cur->MappedTable);
    Stack.insert(Stack.begin(), Cur->Bases.begin(), Cur->Bases.end());
  }
  return Out;
}

std::vector<std::string> dottedParts(std::string_view Dotted) {
  llvm::SmallVector<llvm::StringRef, 4> Refs;
  llvm::StringRef(Dotted.data(), Dotted.size()).split(Refs, '.');
  return std::vector<std::string>(Refs.begin(), Refs.end());
}

std::string joinedParts(const std::vector<std::string> &Parts, size_t N) {
  return llvm::join(Parts.begin(), Parts.begin() + N, ".");
}

ColumnResolver makeColumnResolver(const ModelGraph &Graph, const Model *Scope) {
  const ModelGraph *G = &Graph;
  return [G, Scope](const std::string &Dotted) -> std::optional<ColumnRef> {
    std::vector<std::string> Parts = dottedParts(Dotted);
    if (Parts.empty() || Parts.back().empty())
      return std::nullopt;
    if (Parts.size() == 1) {
      // A bare name sees only the names defined in the class body itself.
      if (!Scope)
        return std::nullopt;
      for (const Column &C : Scope->Columns)
        if (C.Attribute == Parts[0])
          return ColumnRef{Scope->TableName, C.Name};
      return std::nullopt;
    }
    // table.c.column (an ORM_TABLE or any table in the metadata).
    if (Parts.size() >= 3 && Parts[Parts.size() - 2] == "c") {
      std::string TableName = joinedParts(Parts, Parts.size() - 2);
      if (const Table *T = G->findTable(TableName)) {
        for (const Column &C : T->Columns)
          if (C.Key == Parts.back() || C.Attribute == Parts.back() ||
              C.Name == Parts.back())
            return ColumnRef{T->Name, C.Name};
      }
      // Class.__table__.c.column
      if (Parts.size() >= 4 && Parts[Parts.size() - 3] == "__table__") {
        std::vector<const Model *> Ms =
            G->findModelsSeenFrom(joinedParts(Parts, Parts.size() - 3), Scope);
        if (Ms.size() == 1 && Ms[0]->MappedTable)
          if (const Column *C = Ms[0]->MappedTable->findColumn(Parts.back()))
            return ColumnRef{Ms[0]->MappedTable->Name, C->Name};
      }
      return std::nullopt;
    }
    // Class.attribute (module path allowed), inherited attributes too.
    // Strings evaluate against the declaring class's registry.
    std::vector<const Model *> Ms =
        G->findModelsSeenFrom(joinedParts(Parts, Parts.size() - 1), Scope);
    if (Ms.size() != 1)
      return std::nullopt;
    AttributeLookup L = Ms[0]->lookup(Parts.back());
    if (L.K != AttributeLookup::Kind::Column || !L.Col || !L.DeclaredOn)
      return std::nullopt;
    return ColumnRef{L.DeclaredOn->TableName, L.Col->Name};
  };
}

std::string unmodeledAttributeNote(const ModelGraph &Graph, const Model *Scope,
                                   const std::string &Dotted) {
  std::vector<std::string> Parts = dottedParts(Dotted);
  if (Parts.size() < 2)
    return "";
  std::vector<const Model *> Ms =
      Graph.findModelsSeenFrom(joinedParts(Parts, Parts.size() - 1), Scope);
  if (Ms.size() != 1)
    return "";
  AttributeLookup L = Ms[0]->lookup(Parts.back());
  if (L.K != AttributeLookup::Kind::Unmodeled || !L.DeclaredOn)
    return "";
  return "what '" + Dotted + "' maps is " + L.decidedBy();
}

} // namespace relcheck
