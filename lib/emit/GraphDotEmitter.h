//===- GraphDotEmitter.h - the model graph as Graphviz DOT ------*- C++ -*-===//
#pragma once

#include "emit/GraphView.h"

#include <ostream>
#include <string>
#include <string_view>

namespace relcheck {

/// Writes the view as a DOT digraph for `dot -Tsvg` (docs/graph.md): models
/// as boxes, relationships as crow's-foot edges with the attribute names at
/// their ends, findings as colours, and a legend. Every node and edge carries
/// an id= and a class= that survive into Graphviz's SVG.
void emitGraphDot(const GraphView &View, std::ostream &OS);

/// Text for a DOT double-quoted string (escString): '"' and '\' escaped,
/// line breaks as "\n".
std::string escapeDotString(std::string_view Text);

/// Text for a DOT HTML-like label: &, <, >, " as entities.
std::string escapeDotHtml(std::string_view Text);

} // namespace relcheck
