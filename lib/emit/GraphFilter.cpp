//===- GraphFilter.cpp ----------------------------------------------------===//
#include "emit/GraphFilter.h"

#include <map>
#include <set>

namespace relcheck {
namespace {

/// "shop::Customer" matches "shop::Customer" and "Customer".
bool nameMatches(const GraphNode &Node, const std::string &Wanted) {
  const std::string &Name = Node.Name;
  if (Name == Wanted)
    return true;
  return Name.size() > Wanted.size() + 2 &&
         Name.compare(Name.size() - Wanted.size(), Wanted.size(), Wanted) ==
             0 &&
         Name.compare(Name.size() - Wanted.size() - 2, 2, "::") == 0;
}

std::string namespaceOf(const std::string &QualifiedName) {
  size_t Pos = QualifiedName.rfind("::");
  return Pos == std::string::npos ? "(global namespace)"
                                  : QualifiedName.substr(0, Pos);
}

bool hasFindings(const GraphEdge &E) { return !E.Findings.empty(); }

/// The nodes within Depth steps of the focused ones, edges undirected.
std::set<std::string> neighbourhood(const GraphView &View,
                                    const std::set<std::string> &Start,
                                    unsigned Depth) {
  std::set<std::string> Kept = Start;
  std::set<std::string> Frontier = Start;
  for (unsigned Step = 0; Step < Depth && !Frontier.empty(); ++Step) {
    std::set<std::string> Next;
    for (const GraphEdge &E : View.Edges) {
      if (Frontier.count(E.Tail) && !Kept.count(E.Head))
        Next.insert(E.Head);
      if (Frontier.count(E.Head) && !Kept.count(E.Tail))
        Next.insert(E.Tail);
    }
    Kept.insert(Next.begin(), Next.end());
    Frontier = std::move(Next);
  }
  return Kept;
}

void keepOnly(GraphView &View, const std::set<std::string> &Kept) {
  std::vector<GraphNode> Nodes;
  for (GraphNode &N : View.Nodes)
    if (Kept.count(N.Id))
      Nodes.push_back(std::move(N));
  View.Nodes = std::move(Nodes);
  std::vector<GraphEdge> Edges;
  for (GraphEdge &E : View.Edges)
    if (Kept.count(E.Tail) && Kept.count(E.Head))
      Edges.push_back(std::move(E));
  View.Edges = std::move(Edges);
}

void assignClusters(GraphView &View, const ModelGraph &Graph,
                    GraphCluster Cluster) {
  std::map<std::string, std::string> Files;
  if (Cluster == GraphCluster::Header)
    for (const auto &M : Graph.models())
      if (M->Fact)
        Files[M->QualifiedName] = M->Fact->NameRange.File.str();
  for (GraphNode &N : View.Nodes) {
    if (N.Unresolved)
      continue; // Belongs to no namespace or header: drawn outside.
    if (Cluster == GraphCluster::Namespace)
      N.Cluster = namespaceOf(N.Name);
    else if (auto It = Files.find(N.Id); It != Files.end())
      N.Cluster = It->second;
  }
}

} // namespace

std::string shapeGraphView(GraphView &View, const ModelGraph &Graph,
                           const GraphViewOptions &Options) {
  if (!Options.Focus.empty()) {
    std::set<std::string> Start;
    for (const std::string &Wanted : Options.Focus) {
      bool Found = false;
      for (const GraphNode &N : View.Nodes)
        if (nameMatches(N, Wanted)) {
          Start.insert(N.Id);
          Found = true;
        }
      if (!Found)
        return "--focus: no model named '" + Wanted + "'";
    }
    keepOnly(View, neighbourhood(View, Start, Options.Depth));
  }
  if (Options.OnlyFindings) {
    std::set<std::string> Kept;
    for (const GraphNode &N : View.Nodes)
      if (!N.Findings.empty())
        Kept.insert(N.Id);
    // Both ends of an edge with a finding: the edge is the finding.
    for (const GraphEdge &E : View.Edges)
      if (hasFindings(E)) {
        Kept.insert(E.Tail);
        Kept.insert(E.Head);
      }
    keepOnly(View, Kept);
  }
  bool Large = View.Nodes.size() > LargeGraphModels;
  View.Compact = Large;
  GraphCluster Cluster = Options.Cluster;
  if (Cluster == GraphCluster::Auto) {
    std::set<std::string> Namespaces;
    for (const GraphNode &N : View.Nodes)
      if (!N.Unresolved)
        Namespaces.insert(namespaceOf(N.Name));
    Cluster = Large && Namespaces.size() > 1 ? GraphCluster::Namespace
                                             : GraphCluster::None;
  }
  if (Cluster != GraphCluster::None)
    assignClusters(View, Graph, Cluster);
  return "";
}

} // namespace relcheck
