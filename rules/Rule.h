//===- Rule.h - the uniform rule interface ----------------------*- C++ -*-===//
//
// A rule is a stateless function from the model graph to findings. Rules
// never see Clang types, so the CLI (after merging every TU) and the
// clang-tidy plugin (one TU) run exactly the same code.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Finding.h"
#include "graph/ModelGraph.h"

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
  std::string_view Name;        ///< "ScalarTemplate".
  std::string_view Default;     ///< "T*".
  std::string_view Description;
};

struct RuleInfo {
  std::string_view Id;          ///< "relcheck-legacy-backref".
  std::string_view Summary;     ///< One line, for --list-rules and SARIF.
  Severity DefaultSeverity;     ///< Severity of its usual findings.
  std::string_view DocPath;     ///< "docs/rules/legacy-backref.md".
  std::vector<RuleOptionInfo> Options;
};

class Rule {
public:
  virtual ~Rule() = default;
  virtual const RuleInfo &info() const = 0;
  /// Appends this rule's findings (unsorted) to Out.
  virtual void run(const ModelGraph &Graph, const RuleOptions &Options,
                   std::vector<Finding> &Out) const = 0;
};

} // namespace relcheck
