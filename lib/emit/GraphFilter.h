//===- GraphFilter.h - focus, clusters, only findings -----------*- C++ -*-===//
//
// What of the model graph `relcheck graph` draws (docs/graph.md): a
// 50-model project drawn whole is a picture too big to read when scaled
// (issue 17). These options cut the view down to a model's neighbourhood
// or to the models with findings, and group the boxes by namespace or
// header. They work on the finished GraphView, so the emitters and the
// view's own rules (which edge, which mark) stay as they are.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "emit/GraphView.h"
#include "graph/ModelGraph.h"

#include <string>
#include <vector>

namespace relcheck {

enum class GraphCluster {
  Auto, ///< Namespace for a large graph with several, else none.
  None,
  Namespace, ///< "shop::billing" of "shop::billing::Invoice".
  Header,    ///< The file the model class is defined in.
};

struct GraphViewOptions {
  /// Model names (qualified, or the class name alone) to centre on; empty:
  /// every model.
  std::vector<std::string> Focus;
  /// With Focus: how many relationship or inheritance steps around the
  /// focused models to keep.
  unsigned Depth = 1;
  /// Keep only models with a finding on them or on one of their edges.
  bool OnlyFindings = false;
  GraphCluster Cluster = GraphCluster::Auto;
};

/// Above this many models (after filtering) the picture is drawn compact
/// (top to bottom, tight: GraphView::Compact) and, by default, clustered by
/// namespace.
constexpr size_t LargeGraphModels = 30;

/// Filters and clusters View in place. Returns "" or an error message (a
/// focused name that matches no model).
std::string shapeGraphView(GraphView &View, const ModelGraph &Graph,
                           const GraphViewOptions &Options);

} // namespace relcheck
