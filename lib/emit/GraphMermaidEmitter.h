//===- GraphMermaidEmitter.h - the model graph as Mermaid -------*- C++ -*-===//
#pragma once

#include "emit/GraphView.h"

#include <ostream>
#include <string>
#include <string_view>

namespace relcheck {

/// Writes the view as a Mermaid flowchart (docs/graph.md): the same nodes
/// and edges as the DOT output. Mermaid edges carry one middle label, so it
/// names both attributes ("→ orders [*]" / "← customer [1]"); styles are
/// arrows (-.-> dashed, ==> bold), linkStyle colours and node classDefs.
void emitGraphMermaid(const GraphView &View, std::ostream &OS);

/// Text for a Mermaid double-quoted label: '"', '#', '<', '>', '&', '|'
/// and '`' as Mermaid entity codes ("#34;"), line breaks as "<br/>".
std::string escapeMermaidText(std::string_view Text);

/// A Mermaid node id for a name: letters, digits and '_' only.
std::string mermaidId(std::string_view Name);

} // namespace relcheck
