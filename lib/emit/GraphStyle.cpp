//===- GraphStyle.cpp -----------------------------------------------------===//
#include "emit/GraphStyle.h"

namespace relcheck {

const char *highlightColor(GraphHighlight H) {
  switch (H) {
  case GraphHighlight::None:
    return "";
  case GraphHighlight::OtherFinding:
    return "blue";
  case GraphHighlight::InvalidAnnotation:
    return "purple";
  case GraphHighlight::FilteredPopulatedBack:
    return "darkorange";
  case GraphHighlight::Mismatch:
    return "red";
  }
  return "";
}

std::string endLabel(const GraphEnd &End) {
  return End.Attribute + (End.Generated ? " (backref)" : "");
}

const char *multiplicity(const GraphEnd &End) {
  if (!End.MultiplicityKnown)
    return "[?]";
  return End.Collection ? "[*]" : "[1]";
}

std::vector<std::string> middleLabelLines(const GraphEdge &Edge) {
  std::vector<std::string> Lines;
  if (Edge.K == GraphEdge::Kind::Inherits) {
    Lines.push_back("inherits");
    return Lines;
  }
  if (!Edge.Secondary.empty())
    Lines.push_back("via " + Edge.Secondary);
  if (Edge.Filtered) {
    std::string Terms;
    for (const std::string &T : Edge.FilterTerms)
      Terms += (Terms.empty() ? "" : " AND ") + T;
    Lines.push_back(Terms.empty() ? "filtered" : "filtered: " + Terms);
  }
  if (Edge.K == GraphEdge::Kind::OneWay)
    Lines.push_back("one-way: " + Edge.OneWayFrom + " populates " +
                    (Edge.OneWayFrom == Edge.AtHead.Attribute
                         ? Edge.AtTail.Attribute
                         : Edge.AtHead.Attribute));
  return Lines;
}

std::vector<std::string> edgeTooltipLines(const GraphEdge &Edge) {
  std::vector<std::string> Lines;
  if (Edge.K == GraphEdge::Kind::Inherits) {
    Lines.push_back(Edge.Tail + " inherits from " + Edge.Head);
    return Lines;
  }
  Lines.push_back(Edge.Tail + "." + Edge.AtHead.Attribute + " -> " + Edge.Head +
                  ": " + describeEnd(Edge.AtHead));
  if (Edge.hasTailEnd())
    Lines.push_back(Edge.Head + "." + Edge.AtTail.Attribute + " -> " +
                    Edge.Tail + ": " + describeEnd(Edge.AtTail));
  for (const std::string &F : Edge.Findings)
    Lines.push_back(F);
  return Lines;
}

const std::vector<LegendEntry> &graphLegend() {
  static const std::vector<LegendEntry> Legend{
      {"name at a line end", "the attribute leading to that end", ""},
      {"crow's foot / bar", "many (collection) / one (scalar)", ""},
      {"arrow", "multiplicity unknown (unresolved target)", ""},
      {"marks at both ends", "a linked pair (back_populates or backref)", ""},
      {"mark at one end", "one relationship, no partner", ""},
      {"one-way: a populates b", "back_populates on one side only", ""},
      {"dashed", "legacy backref pair; (backref) = generated", ""},
      {"bold", "filtered join (extra conditions shown)", ""},
      {"red", "back_populates mismatch", "red"},
      {"orange", "filtered collection populated back", "darkorange"},
      {"purple", "invalid annotation", "purple"},
      {"blue", "other finding", "blue"},
      {"dotted, hollow arrow", "inherits from", ""},
  };
  return Legend;
}

} // namespace relcheck
