//===- GraphView.cpp ------------------------------------------------------===//
#include "emit/GraphView.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace relcheck {
namespace {

using FindingKey = std::pair<std::string, std::string>; // (model, attribute)

std::string relId(const Relationship &R) {
  return R.Owner->QualifiedName + "." + R.Attribute;
}

std::string targetNodeId(const Relationship &R) {
  return R.Target ? R.Target->QualifiedName : "?" + R.TargetName;
}

GraphEnd endOf(const Relationship &R) {
  GraphEnd End;
  End.Attribute = R.Attribute;
  End.Generated = R.isGenerated();
  End.Collection = R.UseList;
  End.MultiplicityKnown = R.UseListExplicit || R.Dir != Direction::Unknown;
  End.Filtered = R.Filtered;
  End.Dir = R.Dir;
  return End;
}

/// Of a linked pair, which relationship is the tail: the one-to-many side
/// (so edges run parent -> child), else the declared (not generated) one,
/// else the one SQLAlchemy configures first.
bool preferAsTail(const Relationship &A, const Relationship &B) {
  bool AOneToMany = A.Dir == Direction::OneToMany;
  bool BOneToMany = B.Dir == Direction::OneToMany;
  if (AOneToMany != BOneToMany)
    return AOneToMany;
  if (A.isGenerated() != B.isGenerated())
    return !A.isGenerated();
  return A.ConfigOrder <= B.ConfigOrder;
}

bool mutuallyLinked(const Relationship &A, const Relationship &B) {
  return (A.Partner == &B && B.Partner == &A) || A.GeneratedBy == &B ||
         B.GeneratedBy == &A;
}

class ViewBuilder {
public:
  ViewBuilder(const ModelGraph &Graph, const std::vector<Finding> &Findings,
              const std::vector<const RuleInfo *> &Rules)
      : Graph(Graph), Rules(Rules) {
    for (const Finding &F : Findings)
      ByKey[{F.Model, F.Attribute}].push_back(&F);
  }

  GraphView build() {
    addModels();
    addRelationships();
    attachModelFindings();
    addInheritance();
    return std::move(View);
  }

private:
  const ModelGraph &Graph;
  const std::vector<const RuleInfo *> &Rules;
  std::map<FindingKey, std::vector<const Finding *>> ByKey;
  std::set<FindingKey> RelationshipKeys;
  std::map<std::string, size_t> NodeIndex;
  GraphView View;

  GraphHighlight highlightFor(const std::string &RuleId) const {
    const RuleInfo *Info = findRuleInfo(Rules, RuleId);
    return Info ? Info->Highlight : GraphHighlight::OtherFinding;
  }

  bool marksLegacyBackref(const std::string &RuleId) const {
    const RuleInfo *Info = findRuleInfo(Rules, RuleId);
    return Info && Info->MarksLegacyBackref;
  }

  void addNode(GraphNode Node) {
    if (NodeIndex.count(Node.Id))
      return; // Same qualified name twice: one box (the graph reports it).
    NodeIndex[Node.Id] = View.Nodes.size();
    View.Nodes.push_back(std::move(Node));
  }

  void addModels() {
    for (const auto &M : Graph.models()) {
      GraphNode Node;
      Node.Id = M->QualifiedName;
      Node.Name = M->QualifiedName;
      Node.Table = M->TableName;
      Node.TableInherited = M->SingleTableInherited;
      addNode(std::move(Node));
    }
    for (const auto &R : Graph.relationships())
      if (!R->Target) {
        GraphNode Node;
        Node.Id = targetNodeId(*R);
        Node.Name = R->TargetName;
        Node.Unresolved = true;
        addNode(std::move(Node));
      }
  }

  void attachFindings(const Relationship &R, GraphEdge &Edge) {
    FindingKey Key{R.Owner->QualifiedName, R.Attribute};
    RelationshipKeys.insert(Key);
    auto It = ByKey.find(Key);
    if (It == ByKey.end())
      return;
    for (const Finding *F : It->second) {
      Edge.RuleIds.push_back(F->RuleId);
      Edge.Findings.push_back("[" + F->RuleId + "] " + F->Message);
      Edge.Highlight = std::max(Edge.Highlight, highlightFor(F->RuleId));
      if (marksLegacyBackref(F->RuleId))
        Edge.Backref = true;
    }
  }

  void addEdge(const Relationship &TailRel, const Relationship *HeadRel,
               GraphEdge::Kind K) {
    GraphEdge Edge;
    Edge.K = K;
    Edge.Id = relId(TailRel) + (HeadRel ? "/" + relId(*HeadRel) : "");
    Edge.Tail = TailRel.Owner->QualifiedName;
    Edge.Head = targetNodeId(TailRel);
    Edge.AtHead = endOf(TailRel);
    Edge.Secondary = TailRel.Secondary;
    std::vector<const Relationship *> Rels{&TailRel};
    if (HeadRel) {
      Edge.AtTail = endOf(*HeadRel);
      Rels.push_back(HeadRel);
    }
    for (const Relationship *R : Rels) {
      Edge.Backref |= R->isGenerated() || R->Backref.has_value();
      Edge.Filtered |= R->Filtered;
      for (const std::string &Term : R->FilterTerms)
        if (std::find(Edge.FilterTerms.begin(), Edge.FilterTerms.end(), Term) ==
            Edge.FilterTerms.end())
          Edge.FilterTerms.push_back(Term);
      if (Edge.Secondary.empty())
        Edge.Secondary = R->Secondary;
      attachFindings(*R, Edge);
    }
    std::sort(Edge.RuleIds.begin(), Edge.RuleIds.end());
    Edge.RuleIds.erase(std::unique(Edge.RuleIds.begin(), Edge.RuleIds.end()),
                       Edge.RuleIds.end());
    View.Edges.push_back(std::move(Edge));
  }

  /// One edge per linked pair, the rest one edge each. Mutual links first,
  /// so a relationship two others name pairs with the one it names back.
  void addRelationships() {
    std::set<const Relationship *> Used;
    const auto &Rels = Graph.relationships();
    for (const auto &RP : Rels) {
      const Relationship &R = *RP;
      const Relationship *P = R.Partner ? R.Partner : R.GeneratedBy;
      if (Used.count(&R) || !P || P == &R || Used.count(P) ||
          !mutuallyLinked(R, *P))
        continue;
      Used.insert(&R);
      Used.insert(P);
      if (preferAsTail(R, *P))
        addEdge(R, P, GraphEdge::Kind::TwoWay);
      else
        addEdge(*P, &R, GraphEdge::Kind::TwoWay);
    }
    // R names P, P names nothing that resolves: SQLAlchemy's one-way link
    // when P has no back_populates at all (§5.3); otherwise a broken pair
    // (P's back_populates does not resolve), still drawn as one edge so its
    // finding colours the pair.
    for (const auto &RP : Rels) {
      const Relationship &R = *RP;
      const Relationship *P = R.Partner;
      if (Used.count(&R) || !P || P == &R || Used.count(P) || P->Partner)
        continue;
      Used.insert(&R);
      Used.insert(P);
      bool PNamesNothing = P->BackPopulates.empty() && !P->Backref;
      GraphEdge::Kind K =
          PNamesNothing ? GraphEdge::Kind::OneWay : GraphEdge::Kind::TwoWay;
      if (preferAsTail(R, *P))
        addEdge(R, P, K);
      else
        addEdge(*P, &R, K);
      View.Edges.back().OneWayFrom = R.Attribute;
    }
    for (const auto &RP : Rels)
      if (!Used.count(RP.get()))
        addEdge(*RP, nullptr, GraphEdge::Kind::Single);
    std::sort(
        View.Edges.begin(), View.Edges.end(),
        [](const GraphEdge &A, const GraphEdge &B) { return A.Id < B.Id; });
  }

  /// Findings on a model that are not about one of its relationships.
  void attachModelFindings() {
    for (const auto &[Key, Findings] : ByKey) {
      if (RelationshipKeys.count(Key))
        continue;
      auto It = NodeIndex.find(Key.first);
      if (It == NodeIndex.end())
        continue; // Not about a model (e.g. an ORM_TABLE): not drawn.
      GraphNode &Node = View.Nodes[It->second];
      for (const Finding *F : Findings) {
        Node.Findings.push_back("[" + F->RuleId + "] " + F->Message);
        Node.Highlight = std::max(Node.Highlight, highlightFor(F->RuleId));
      }
    }
  }

  void addInheritance() {
    std::vector<GraphEdge> Inherits;
    for (const auto &M : Graph.models())
      for (const Model *Base : M->Bases) {
        GraphEdge Edge;
        Edge.K = GraphEdge::Kind::Inherits;
        Edge.Id = M->QualifiedName + " inherits " + Base->QualifiedName;
        Edge.Tail = M->QualifiedName;
        Edge.Head = Base->QualifiedName;
        Inherits.push_back(std::move(Edge));
      }
    std::sort(
        Inherits.begin(), Inherits.end(),
        [](const GraphEdge &A, const GraphEdge &B) { return A.Id < B.Id; });
    for (GraphEdge &E : Inherits)
      View.Edges.push_back(std::move(E));
    std::sort(
        View.Nodes.begin(), View.Nodes.end(),
        [](const GraphNode &A, const GraphNode &B) { return A.Id < B.Id; });
  }
};

const char *highlightClass(GraphHighlight H) {
  switch (H) {
  case GraphHighlight::None:
    return "";
  case GraphHighlight::OtherFinding:
    return "other-finding";
  case GraphHighlight::InvalidAnnotation:
    return "invalid-annotation";
  case GraphHighlight::FilteredPopulatedBack:
    return "filtered-populated-back";
  case GraphHighlight::Mismatch:
    return "mismatch";
  }
  return "";
}

} // namespace

GraphView buildGraphView(const ModelGraph &Graph,
                         const std::vector<Finding> &Findings,
                         const std::vector<const RuleInfo *> &Rules) {
  return ViewBuilder(Graph, Findings, Rules).build();
}

std::string describeEnd(const GraphEnd &End) {
  std::string Text = directionName(End.Dir);
  Text += End.Collection ? ", collection" : ", scalar";
  if (End.Filtered)
    Text += ", filtered";
  if (End.Generated)
    Text += ", generated by a backref";
  return Text;
}

std::string edgeClasses(const GraphEdge &Edge) {
  std::string Classes;
  auto Add = [&](const char *C) {
    if (!*C)
      return;
    if (!Classes.empty())
      Classes += ' ';
    Classes += C;
  };
  if (Edge.K == GraphEdge::Kind::Inherits) {
    Add("inherits");
    return Classes;
  }
  Add("relationship");
  Add(Edge.K == GraphEdge::Kind::TwoWay   ? "two-way"
      : Edge.K == GraphEdge::Kind::OneWay ? "one-way"
                                          : "single");
  if (Edge.Backref)
    Add("backref");
  if (Edge.Filtered)
    Add("filtered");
  if (!Edge.Secondary.empty())
    Add("many-to-many");
  Add(highlightClass(Edge.Highlight));
  return Classes;
}

std::string nodeClasses(const GraphNode &Node) {
  std::string Classes = Node.Unresolved ? "unresolved" : "model";
  if (const char *H = highlightClass(Node.Highlight); *H)
    Classes += std::string(" ") + H;
  return Classes;
}

} // namespace relcheck
