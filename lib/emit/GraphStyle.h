//===- GraphStyle.h - colours and wording shared by graph emitters -*- C++ -*-//
//
// DOT and Mermaid draw the same marks (docs/graph.md); the colours, the end
// labels and the middle label are decided here once.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/GraphView.h"

#include <string>
#include <vector>

namespace relcheck {

/// The colour of a highlight (an SVG/CSS colour name); "" for None.
const char *highlightColor(GraphHighlight H);

/// "orders", "customer (backref)".
std::string endLabel(const GraphEnd &End);

/// "[*]" for a collection, "[1]" for a scalar, "[?]" when unknown.
const char *multiplicity(const GraphEnd &End);

/// The lines of an edge's middle label: "via product_tag", "filtered:
/// order.status = 'open'", "one-way: a populates b". Empty for a plain edge.
std::vector<std::string> middleLabelLines(const GraphEdge &Edge);

/// Tooltip lines: each end's attribute and direction, then the findings.
std::vector<std::string> edgeTooltipLines(const GraphEdge &Edge);

/// One legend entry: a sample of the mark and what it means.
struct LegendEntry {
  std::string Sample; ///< How the mark looks, in words ("red line").
  std::string Meaning;
  std::string Color; ///< Colour of the sample text; "" = default.
};
const std::vector<LegendEntry> &graphLegend();

} // namespace relcheck
