//===- ModelGraph.cpp - graph queries -------------------------------------===//
#include "graph/ModelGraph.h"

#include "graph/GraphBuilder.h"
#include "graph/NameResolution.h"

#include <algorithm>
#include <set>
#include <utility>

namespace relcheck {

const char *directionName(Direction D) {
  switch (D) {
  case Direction::OneToMany:
    return "one-to-many";
  case Direction::ManyToOne:
    return "many-to-one";
  case Direction::ManyToMany:
    return "many-to-many";
  case Direction::Unknown:
    break;
  }
  return "unknown";
}

const char *directionSymbol(Direction D) {
  switch (D) {
  case Direction::OneToMany:
    return "ONETOMANY";
  case Direction::ManyToOne:
    return "MANYTOONE";
  case Direction::ManyToMany:
    return "MANYTOMANY";
  case Direction::Unknown:
    break;
  }
  return "UNKNOWN";
}

const Column *columnIn(const std::vector<const Table *> &Tables,
                       const ColumnRef &C) {
  for (const Table *T : Tables) {
    if (!T || T->Name != C.Table)
      continue;
    for (const Column &Col : T->Columns)
      if (Col.Name == C.Column)
        return &Col;
  }
  return nullptr;
}

const Column *Table::findColumn(std::string_view N) const {
  for (const Column &C : Columns)
    if (C.Name == N)
      return &C;
  // table.c.<key> spells a column by its key.
  for (const Column &C : Columns)
    if (C.Attribute == N)
      return &C;
  return nullptr;
}

const ArgFact *Relationship::arg(std::string_view Keyword) const {
  if (!Fact)
    return nullptr;
  const std::vector<ArgFact> &Args = Fact->Annotation.Args;
  for (const ArgFact &A : Args)
    if (A.Keyword == Keyword)
      return &A;
  // relationship(argument, secondary, ...): the two positionals relcheck
  // accepts.
  size_t Index = 0;
  if (Keyword == "secondary")
    Index = 1;
  else if (Keyword != "argument")
    return nullptr;
  size_t Pos = 0;
  for (const ArgFact &A : Args)
    if (A.Keyword.empty() && Pos++ == Index)
      return &A;
  return nullptr;
}

const ArgFact *Relationship::option(std::string_view Keyword) const {
  if (!GeneratedBy)
    return arg(Keyword);
  if (GeneratedBy->Backref)
    for (const ArgFact *O : GeneratedBy->Backref->Options)
      if (O->Keyword == Keyword)
        return O;
  // §1.2: what a backref carries over from the declaring side.
  static const char *const Carried[] = {"secondary",       "foreign_keys",
                                        "viewonly",        "post_update",
                                        "passive_updates", "sync_backref"};
  for (const char *C : Carried)
    if (Keyword == C)
      return GeneratedBy->arg(Keyword);
  return nullptr;
}

std::string Relationship::displayName() const {
  return (Owner ? Owner->Name : std::string("?")) + "." + Attribute;
}

/// Owner first, then bases depth-first in declaration order.
static std::vector<const Model *> selfAndBases(const Model *M) {
  std::vector<const Model *> Order;
  std::set<const Model *> Seen;
  std::vector<const Model *> Stack{M};
  while (!Stack.empty()) {
    const Model *Cur = Stack.front();
    Stack.erase(Stack.begin());
    if (!Seen.insert(Cur).second)
      continue;
    Order.push_back(Cur);
    Stack.insert(Stack.begin(), Cur->Bases.begin(), Cur->Bases.end());
  }
  return Order;
}

/// Mapped attributes and plain members of Chain, nearest first, as if no
/// __mapper_args__ remapped any.
static AttributeLookup lookupDeclared(const std::vector<const Model *> &Chain,
                                      std::string_view N) {
  AttributeLookup L;
  // Mapped properties first: the mapper knows inherited ones even where a
  // subclass has a plain member of that name.
  for (const Model *M : Chain) {
    for (const Column &C : M->Columns)
      if (C.Attribute == N) {
        L.K = AttributeLookup::Kind::Column;
        L.Col = &C;
        L.DeclaredOn = M;
        return L;
      }
    for (const Relationship *R : M->Relationships)
      if (R->Attribute == N) {
        L.K = AttributeLookup::Kind::Relationship;
        L.Rel = R;
        L.DeclaredOn = M;
        return L;
      }
  }
  for (const Model *M : Chain) {
    if (!M->Fact)
      continue;
    for (const PlainMemberFact &P : M->Fact->PlainMembers)
      if (P.Name == N) {
        L.K = AttributeLookup::Kind::PlainMember;
        L.Member = &P;
        L.DeclaredOn = M;
        return L;
      }
  }
  return L;
}

std::string AttributeLookup::decidedBy() const {
  return "decided by the " + MappedThrough + " of the __mapper_args__ of '" +
         (DeclaredOn ? DeclaredOn->QualifiedName : std::string("?")) +
         "', which relcheck does not model";
}

AttributeLookup Model::lookup(std::string_view N) const {
  std::vector<const Model *> Chain = selfAndBases(this);
  auto Unmodeled = [](const Model *On, std::string Through) {
    AttributeLookup U;
    U.K = AttributeLookup::Kind::Unmodeled;
    U.DeclaredOn = On;
    U.MappedThrough = std::move(Through);
    return U;
  };
  for (const Model *M : Chain)
    if (M->PropertyNames.count(N))
      return Unmodeled(M, "properties");
  AttributeLookup L = lookupDeclared(Chain, N);
  // A relationship keeps its name; a column may be renamed or dropped, and
  // a missing name may be a renamed column.
  if (L.K != AttributeLookup::Kind::Column &&
      L.K != AttributeLookup::Kind::None)
    return L;
  for (const Model *M : Chain)
    if (M->PropertyValueNames.count(N))
      return Unmodeled(M, "properties");
  for (const Model *M : Chain)
    if (!M->ColumnsRemappedBy.empty())
      return Unmodeled(M, M->ColumnsRemappedBy);
  return L;
}

std::vector<std::string> Model::mappedNames() const {
  std::set<std::string> Names;
  for (const Model *M : selfAndBases(this)) {
    for (const Column &C : M->Columns)
      Names.insert(C.Attribute);
    for (const Relationship *R : M->Relationships)
      Names.insert(R->Attribute);
  }
  return {Names.begin(), Names.end()};
}

bool Model::isSameOrSubclassOf(const Model *Other) const {
  if (!Other)
    return false;
  for (const Model *M : selfAndBases(this))
    if (M == Other)
      return true;
  return false;
}

bool Model::isSameOrBaseOf(const Model *Other) const {
  return Other && Other->isSameOrSubclassOf(this);
}

ModelGraph ModelGraph::build(std::vector<TuFacts> Facts,
                             const GraphBuildOptions &Options) {
  ModelGraph G;
  G.PartialProgram = Options.PartialProgram;
  GraphBuilder(G).build(std::move(Facts));
  G.indexDeclarations();
  return G;
}

void ModelGraph::indexDeclarations() {
  IncludesByFile.clear();
  DeclarationsByKey.clear();
  if (MergedFacts.empty())
    return;
  const TuFacts &Merged = MergedFacts.front();
  for (const IncludeFact &I : Merged.Includes)
    IncludesByFile[I.Directive.File.str()].emplace_back(I.Directive.Begin,
                                                        I.Included);
  for (const ClassDeclarationFact &D : Merged.ClassDeclarations)
    DeclarationsByKey[D.Key].push_back(D.NameRange);
  for (const ModelFact &M : Merged.Models)
    DeclarationsByKey[M.Key].push_back(M.NameRange);
  InsertionsByFile.clear();
  for (const IncludeInsertionFact &I : Merged.IncludeInsertions)
    InsertionsByFile[{I.File.str(), I.Header}] = &I;
}

const IncludeInsertionFact *
ModelGraph::includeInsertion(const std::string &File,
                             const std::string &Header) const {
  auto It = InsertionsByFile.find({File, Header});
  return It == InsertionsByFile.end() ? nullptr : It->second;
}

bool ModelGraph::isDeclaredAt(const Model &M, const SourceSpan &Point) const {
  auto Declared = DeclarationsByKey.find(M.Key);
  if (Declared == DeclarationsByKey.end() || !Point.isValid())
    return false;
  std::set<std::string_view> InFiles;
  for (const SourceSpan &D : Declared->second) {
    if (D.File == Point.File && D.Begin < Point.Begin)
      return true;
    InFiles.insert(D.File.str());
  }
  // Files Point's file includes before Point, then everything they include.
  std::vector<std::string_view> Work;
  std::set<std::string_view> Visited{Point.File.str()};
  auto Enqueue = [&](std::string_view File, unsigned Before) {
    auto It = IncludesByFile.find(std::string(File));
    if (It == IncludesByFile.end())
      return;
    for (const auto &[Offset, Included] : It->second)
      if (Offset <= Before && Visited.insert(Included.str()).second)
        Work.push_back(Included.str());
  };
  Enqueue(Point.File.str(), Point.Begin);
  while (!Work.empty()) {
    std::string_view File = Work.back();
    Work.pop_back();
    if (InFiles.count(File))
      return true;
    Enqueue(File, ~0u);
  }
  return false;
}

void ModelGraph::indexModels() {
  ModelsByName.clear();
  ModelsByPath.clear();
  for (const auto &M : Models) {
    ModelsByName[M->Name].push_back(M.get());
    ModelsByPath[registryPath(*M)].push_back(M.get());
  }
  IndexedModels = Models.size();
  ModelsIndexed = true;
}

void ModelGraph::indexTables() {
  TablesByName.clear();
  // The first table of a name wins, as in the scan.
  for (const auto &T : Tables)
    TablesByName.emplace(T->Name, T.get());
  IndexedTables = Tables.size();
  TablesIndexed = true;
}

std::vector<const Model *>
ModelGraph::findModels(std::string_view Name, std::string_view Registry) const {
  std::vector<const Model *> Found = findModels(Name);
  Found.erase(
      std::remove_if(Found.begin(), Found.end(),
                     [&](const Model *M) { return M->Registry != Registry; }),
      Found.end());
  return Found;
}

std::vector<const Model *>
ModelGraph::findModelsSeenFrom(std::string_view Name,
                               const Model *Scope) const {
  return Scope ? findModels(Name, Scope->Registry) : findModels(Name);
}

std::vector<const Model *> ModelGraph::findModels(std::string_view Name) const {
  if (!ModelsIndexed || IndexedModels != Models.size())
    return findModelsByName(Models, Name);
  // Same matching as findModelsByName: "::" spells a module path too.
  if (Name.empty())
    return {};
  std::string Dotted(Name);
  for (size_t Pos = 0; (Pos = Dotted.find("::", Pos)) != std::string::npos;
       ++Pos)
    Dotted.replace(Pos, 2, ".");
  bool Qualified = Dotted.find('.') != std::string::npos;
  const auto &Index = Qualified ? ModelsByPath : ModelsByName;
  auto It = Index.find(Dotted);
  if (It == Index.end())
    return {};
  return It->second;
}

const Table *ModelGraph::findTable(std::string_view Name) const {
  if (TablesIndexed && IndexedTables == Tables.size()) {
    auto It = TablesByName.find(std::string(Name));
    return It == TablesByName.end() ? nullptr : It->second;
  }
  for (const auto &T : Tables)
    if (T->Name == Name)
      return T.get();
  return nullptr;
}

} // namespace relcheck
