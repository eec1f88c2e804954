//===- GraphDotEmitter.cpp ------------------------------------------------===//
#include "emit/GraphDotEmitter.h"

#include "emit/GraphStyle.h"

#include <algorithm>
#include <map>

namespace relcheck {
namespace {

constexpr const char *DefaultEdgeColor = "#333333";

std::string quoted(std::string_view Text) {
  return "\"" + escapeDotString(Text) + "\"";
}

std::string joinLines(const std::vector<std::string> &Lines) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += (Out.empty() ? "" : "\\n") + escapeDotString(L);
  return Out;
}

/// A crow's foot for a collection end, a bar for a scalar end.
const char *endArrow(const GraphEnd &End) {
  if (!End.MultiplicityKnown)
    return "normal";
  return End.Collection ? "crow" : "tee";
}

void emitNode(const GraphNode &Node, std::ostream &OS) {
  OS << "  " << quoted(Node.Id) << " [id=" << quoted("model:" + Node.Id)
     << ", class=" << quoted(nodeClasses(Node));
  std::string Sub;
  if (Node.Unresolved)
    Sub = "unresolved";
  else if (!Node.Table.empty())
    Sub = "table: " + Node.Table + (Node.TableInherited ? " (inherited)" : "");
  OS << ", label=<<b>" << escapeDotHtml(Node.Name) << "</b>";
  if (!Sub.empty())
    OS << "<br/><font point-size=\"9\">" << escapeDotHtml(Sub) << "</font>";
  OS << ">";
  if (Node.Unresolved)
    OS << ", style=\"rounded,dashed\", fillcolor=white";
  if (const char *Color = highlightColor(Node.Highlight); *Color)
    OS << ", color=" << Color << ", penwidth=2";
  std::vector<std::string> Tip{Node.Name};
  if (!Sub.empty())
    Tip.push_back(Sub);
  Tip.insert(Tip.end(), Node.Findings.begin(), Node.Findings.end());
  OS << ", tooltip=\"" << joinLines(Tip) << "\"];\n";
}

void emitEdge(const GraphEdge &Edge, const std::string &Ports,
              std::ostream &OS) {
  OS << "  " << quoted(Edge.Tail) << " -> " << quoted(Edge.Head) << " [id="
     << quoted((Edge.K == GraphEdge::Kind::Inherits ? "inherits:" : "rel:") +
               Edge.Id)
     << ", class=" << quoted(edgeClasses(Edge));
  if (Edge.K == GraphEdge::Kind::Inherits) {
    OS << ", style=dotted, arrowhead=empty, label=\"inherits\"";
  } else {
    OS << ", headlabel=" << quoted(endLabel(Edge.AtHead))
       << ", arrowhead=" << endArrow(Edge.AtHead);
    if (Edge.hasTailEnd())
      OS << ", taillabel=" << quoted(endLabel(Edge.AtTail))
         << ", arrowtail=" << endArrow(Edge.AtTail) << ", dir=both";
    std::vector<std::string> Middle = middleLabelLines(Edge);
    if (!Middle.empty())
      OS << ", label=\"" << joinLines(Middle) << "\"";
    std::string Style;
    if (Edge.Backref)
      Style = "dashed";
    if (Edge.Filtered)
      Style += Style.empty() ? "bold" : ",bold";
    if (!Style.empty())
      OS << ", style=\"" << Style << "\"";
    if (Edge.Filtered)
      OS << ", penwidth=2";
    const char *Color = highlightColor(Edge.Highlight);
    if (*Color)
      OS << ", color=" << Color << ", fontcolor=" << Color;
  }
  OS << Ports << ", tooltip=\"" << joinLines(edgeTooltipLines(Edge))
     << "\"];\n";
}

/// A table node ranked last (the right edge in LR), not a cluster: a
/// cluster is packed as a separate component and takes the top-left corner.
void emitLegend(std::ostream &OS) {
  OS << "  { rank=sink; legend [id=\"legend\", class=\"legend\", "
        "shape=plain, style=\"\", fontsize=9, label=<"
     << "<table border=\"1\" style=\"rounded\" color=\"#999999\" "
        "cellborder=\"0\" cellspacing=\"1\" cellpadding=\"2\">"
     << "<tr><td colspan=\"2\"><b>Legend</b></td></tr>";
  for (const LegendEntry &E : graphLegend()) {
    std::string Sample = escapeDotHtml(E.Sample);
    if (!E.Color.empty())
      Sample = "<font color=\"" + E.Color + "\">" + Sample + "</font>";
    OS << "<tr><td align=\"left\"><b>" << Sample
       << "</b></td><td align=\"left\">" << escapeDotHtml(E.Meaning)
       << "</td></tr>";
  }
  OS << "</table>>]; }\n";
}

/// Compass ports for two edges sharing both ends: Graphviz starts them at
/// the same point, so their end labels would overlap. The first leaves from
/// the top corners, the second from the bottom ones. Three or more are left
/// to Graphviz: with ports its router fails ("triangulation failed").
std::vector<std::string> parallelPorts(const GraphView &View) {
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> Groups;
  for (size_t I = 0; I < View.Edges.size(); ++I) {
    const GraphEdge &E = View.Edges[I];
    if (E.K == GraphEdge::Kind::Inherits || E.Tail == E.Head)
      continue;
    Groups[std::minmax(E.Tail, E.Head)].push_back(I);
  }
  std::vector<std::string> Ports(View.Edges.size());
  for (const auto &[Ends, Members] : Groups) {
    if (Members.size() != 2)
      continue;
    Ports[Members[0]] = ", tailport=ne, headport=nw";
    Ports[Members[1]] = ", tailport=se, headport=sw";
  }
  return Ports;
}

/// Nodes without a cluster, then one "cluster_<n>" subgraph per cluster
/// name (--cluster, emit/GraphFilter.h), in name order.
void emitNodesInClusters(const GraphView &View, std::ostream &OS) {
  std::map<std::string, std::vector<const GraphNode *>> Clusters;
  for (const GraphNode &Node : View.Nodes) {
    if (Node.Cluster.empty())
      emitNode(Node, OS);
    else
      Clusters[Node.Cluster].push_back(&Node);
  }
  size_t Index = 0;
  for (const auto &[Name, Nodes] : Clusters) {
    OS << "  subgraph \"cluster_" << Index++ << "\" {\n"
       << "  graph [id=" << quoted("cluster:" + Name)
       << ", label=" << quoted(Name)
       << ", style=\"rounded,dashed\", color=\"#999999\", "
       << "fontsize=10, fontcolor=\"#555555\"];\n";
    for (const GraphNode *Node : Nodes)
      emitNode(*Node, OS);
    OS << "  }\n";
  }
}

} // namespace

std::string escapeDotString(std::string_view Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    if (C == '\r')
      continue;
    Out += C;
  }
  return Out;
}

std::string escapeDotHtml(std::string_view Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\n':
      Out += "<br/>";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void emitGraphDot(const GraphView &View, std::ostream &OS) {
  OS << "// The relcheck model graph (relcheck graph --format=dot); render "
        "with: dot -Tsvg\n"
     << "// Marks and colours: docs/graph.md\n"
     << "digraph relcheck {\n"
     << "  graph ["
     // A large graph (emit/GraphFilter.h) runs top to bottom with tight
     // spacing: its boxes are wide and short, so ranks stacked downwards
     // and many boxes side by side make a landscape picture, near a
     // screen's shape (docs/graph.md: the generated 50-model project is
     // 1739 x 920 pt, 0.83 of its size fit to 1920x1080; left to right
     // with wider spacing it was 1735 x 2649 pt, 0.31).
     << (View.Compact ? "rankdir=TB" : "rankdir=LR")
     << ", fontname=\"Helvetica\", "
     << (View.Compact ? "nodesep=0.15, ranksep=0.5"
                      : "nodesep=0.9, ranksep=1.6")
     << "];\n"
     << "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", "
        "color=\"#4a6fa5\", fontname=\"Helvetica\", fontsize=11];\n"
     << "  edge [color=\"" << DefaultEdgeColor
     << "\", fontname=\"Helvetica\", fontsize=9, arrowsize=0.9, "
        "labeldistance=2.2, labelangle=25];\n";
  emitNodesInClusters(View, OS);
  std::vector<std::string> Ports = parallelPorts(View);
  for (size_t I = 0; I < View.Edges.size(); ++I)
    emitEdge(View.Edges[I], Ports[I], OS);
  emitLegend(OS);
  OS << "}\n";
}

} // namespace relcheck
