//===- GraphMermaidEmitter.cpp --------------------------------------------===//
#include "emit/GraphMermaidEmitter.h"

#include "emit/GraphStyle.h"

#include <map>
#include <set>

namespace relcheck {
namespace {

std::string joinLines(const std::vector<std::string> &Lines) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += (Out.empty() ? "" : "<br/>") + escapeMermaidText(L);
  return Out;
}

/// Node ids: readable, unique, and never a Mermaid keyword ("end",
/// "graph"), hence the prefix.
class IdTable {
public:
  explicit IdTable(const GraphView &View) {
    std::set<std::string> Taken;
    for (const GraphNode &Node : View.Nodes) {
      std::string Base = mermaidId(Node.Id);
      std::string Id = Base;
      for (unsigned N = 2; !Taken.insert(Id).second; ++N)
        Id = Base + "_" + std::to_string(N);
      Ids[Node.Id] = Id;
    }
  }
  const std::string &operator[](const std::string &NodeId) const {
    return Ids.at(NodeId);
  }

private:
  std::map<std::string, std::string> Ids;
};

const char *arrowFor(const GraphEdge &Edge) {
  bool Both = Edge.hasTailEnd();
  if (Edge.K == GraphEdge::Kind::Inherits)
    return "-->";
  if (Edge.Backref)
    return Both ? "<-.->" : "-.->";
  if (Edge.Filtered)
    return Both ? "<==>" : "==>";
  return Both ? "<-->" : "-->";
}

std::vector<std::string> labelLines(const GraphEdge &Edge) {
  std::vector<std::string> Lines;
  if (Edge.K != GraphEdge::Kind::Inherits) {
    Lines.push_back("→ " + endLabel(Edge.AtHead) + " " +
                    multiplicity(Edge.AtHead));
    if (Edge.hasTailEnd())
      Lines.push_back("← " + endLabel(Edge.AtTail) + " " +
                      multiplicity(Edge.AtTail));
  }
  for (std::string &L : middleLabelLines(Edge))
    Lines.push_back(std::move(L));
  return Lines;
}

/// linkStyle properties for an edge; "" when Mermaid's default fits.
std::string linkStyleFor(const GraphEdge &Edge) {
  std::string Style;
  auto Add = [&](const std::string &P) {
    Style += (Style.empty() ? "" : ",") + P;
  };
  if (Edge.K == GraphEdge::Kind::Inherits)
    Add("stroke-dasharray:2 3");
  if (const char *Color = highlightColor(Edge.Highlight); *Color) {
    Add(std::string("stroke:") + Color);
    Add(std::string("color:") + Color);
  }
  // A dashed arrow cannot also be Mermaid's thick one.
  if (Edge.Backref && Edge.Filtered)
    Add("stroke-width:3px");
  return Style;
}

const char *const LegendLines[] = {
    "<b>Legend</b>",
    "→ a [*] / ← b [1]: the start model's a leads to the end model "
    "(a collection), the end model's b leads back (a scalar); [?]: unknown",
    "arrows at both ends: a linked pair (back_populates or backref)",
    "one arrow: one relationship, no partner",
    "one-way: a populates b: back_populates on one side only",
    "dotted: legacy backref pair; (backref) = generated attribute",
    "thick: filtered join (extra conditions shown)",
    "red: back_populates mismatch; orange: filtered collection populated "
    "back; purple: invalid annotation; blue: other finding",
    "thin dashed, inherits: subclass to base",
};

} // namespace

std::string escapeMermaidText(std::string_view Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '"':
      Out += "#34;";
      break;
    case '#':
      Out += "#35;";
      break;
    case '&':
      Out += "#38;";
      break;
    case '<':
      Out += "#60;";
      break;
    case '>':
      Out += "#62;";
      break;
    case '`':
      Out += "#96;";
      break;
    case '|':
      Out += "#124;";
      break;
    case '\n':
      Out += "<br/>";
      break;
    case '\r':
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string mermaidId(std::string_view Name) {
  std::string Id = "n_";
  for (char C : Name) {
    bool Word = (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
                (C >= '0' && C <= '9') || C == '_';
    Id += Word ? C : '_';
  }
  return Id;
}

void emitGraphMermaid(const GraphView &View, std::ostream &OS) {
  IdTable Ids(View);
  OS << "%% The relcheck model graph (relcheck graph --format=mermaid)\n"
     << "%% Marks and colours: docs/graph.md\n"
     << "flowchart LR\n";
  std::map<std::string, std::vector<std::string>> ByClass;
  std::map<std::string, std::vector<std::string>> Clustered; // --cluster
  for (const GraphNode &Node : View.Nodes) {
    std::string Label = "<b>" + escapeMermaidText(Node.Name) + "</b>";
    if (Node.Unresolved)
      Label += "<br/>unresolved";
    else if (!Node.Table.empty())
      Label += "<br/>table: " + escapeMermaidText(Node.Table) +
               (Node.TableInherited ? " (inherited)" : "");
    if (!Node.Cluster.empty())
      Clustered[Node.Cluster].push_back(Ids[Node.Id]);
    OS << "  " << Ids[Node.Id] << "[\"" << Label << "\"]\n";
    // Space-separated class names; the first is "model" or "unresolved".
    std::string Classes = nodeClasses(Node);
    for (size_t Pos = 0; Pos < Classes.size();) {
      size_t End = Classes.find(' ', Pos);
      if (End == std::string::npos)
        End = Classes.size();
      ByClass[Classes.substr(Pos, End - Pos)].push_back(Ids[Node.Id]);
      Pos = End + 1;
    }
  }
  // A subgraph per cluster, listing the nodes declared above.
  size_t ClusterIndex = 0;
  for (const auto &[Name, Members] : Clustered) {
    OS << "  subgraph cluster_" << ClusterIndex++ << " [\""
       << escapeMermaidText(Name) << "\"]\n";
    for (const std::string &Id : Members)
      OS << "    " << Id << "\n";
    OS << "  end\n";
  }
  std::vector<std::pair<size_t, std::string>> LinkStyles;
  for (size_t I = 0; I < View.Edges.size(); ++I) {
    const GraphEdge &Edge = View.Edges[I];
    OS << "  " << Ids[Edge.Tail] << " " << arrowFor(Edge);
    std::vector<std::string> Lines = labelLines(Edge);
    if (!Lines.empty())
      OS << "|\"" << joinLines(Lines) << "\"|";
    OS << " " << Ids[Edge.Head] << "\n";
    std::string Style = linkStyleFor(Edge);
    if (!Style.empty())
      LinkStyles.emplace_back(I, Style);
  }
  for (const auto &[Index, Style] : LinkStyles)
    OS << "  linkStyle " << Index << " " << Style << "\n";

  std::string Legend;
  for (const char *Line : LegendLines)
    Legend += (Legend.empty() ? "" : "<br/>") +
              (Line[0] == '<' ? std::string(Line) : escapeMermaidText(Line));
  OS << "  legend[\"" << Legend << "\"]\n";

  OS << "  classDef model fill:#eef3fb,stroke:#4a6fa5\n"
     << "  classDef unresolved fill:#ffffff,stroke:#999999,"
        "stroke-dasharray:4 3\n"
     << "  classDef legend fill:#ffffff,stroke:#999999,text-align:left\n";
  for (GraphHighlight H :
       {GraphHighlight::OtherFinding, GraphHighlight::InvalidAnnotation,
        GraphHighlight::FilteredPopulatedBack, GraphHighlight::Mismatch}) {
    GraphNode Probe;
    Probe.Highlight = H;
    std::string Name = nodeClasses(Probe).substr(std::string("model ").size());
    OS << "  classDef " << Name << " stroke:" << highlightColor(H)
       << ",stroke-width:2px\n";
  }
  for (const auto &[Class, Members] : ByClass) {
    OS << "  class ";
    for (size_t I = 0; I < Members.size(); ++I)
      OS << (I ? "," : "") << Members[I];
    OS << " " << Class << "\n";
  }
  OS << "  class legend legend\n";
}

} // namespace relcheck
