//===- RuleInfo.h - what is known of a rule without running it --*- C++ -*-===//
//
// A rule's metadata and options, below the rules (relcheck_core): the
// emitters and the graph view read it from here, so nothing outside rules/
// spells a rule id to decide how to show its findings. The rules themselves
// (rules/Rule.h) and their registry stay in relcheck_rules.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace relcheck {

/// Rule options, read by name with a default, e.g.
/// `relcheck-legacy-backref.ScalarTemplate`. One spelling for .relcheck.yaml
/// and clang-tidy CheckOptions.
class RuleOptions {
public:
  void set(std::string Name, std::string Value) {
    Values[std::move(Name)] = std::move(Value);
  }
  std::string get(std::string_view Name, std::string_view Default) const {
    auto It = Values.find(std::string(Name));
    return It == Values.end() ? std::string(Default) : It->second;
  }

private:
  std::map<std::string, std::string> Values;
};

struct RuleOptionInfo {
  std::string_view Name;    ///< "ScalarTemplate".
  std::string_view Default; ///< "T*".
  std::string_view Description;
};

/// How `relcheck graph` highlights a node or edge for the findings on it
/// (docs/graph.md). Ordered by priority: an edge with several kinds of
/// findings shows the highest.
enum class GraphHighlight {
  None,
  OtherFinding,          ///< The default for a rule's findings.
  InvalidAnnotation,     ///< relcheck-invalid-annotation.
  FilteredPopulatedBack, ///< relcheck-one-way-filtered-collection.
  Mismatch,              ///< relcheck-back-populates-mismatch.
};

struct RuleInfo {
  std::string_view Id; ///< "relcheck-legacy-backref".
  /// "LegacyBackref": SARIF's reportingDescriptor.name, a readable name
  /// without the tool prefix (code-scanning UIs show it beside the id).
  std::string_view Name;
  std::string_view Summary; ///< One line, for --list-rules and SARIF.
  Severity DefaultSeverity; ///< Severity of its usual findings.
  std::string_view DocPath; ///< "docs/rules/legacy-backref.md".
  std::vector<RuleOptionInfo> Options;
  /// The colour `relcheck graph` gives what its findings are on.
  GraphHighlight Highlight = GraphHighlight::OtherFinding;
  /// Its findings say the relationship uses the legacy backref= (the graph
  /// draws that edge dashed).
  bool MarksLegacyBackref = false;
};

/// The RuleInfo of Id among Rules; null when none has that id.
inline const RuleInfo *findRuleInfo(const std::vector<const RuleInfo *> &Rules,
                                    std::string_view Id) {
  for (const RuleInfo *Info : Rules)
    if (Info->Id == Id)
      return Info;
  return nullptr;
}

} // namespace relcheck
