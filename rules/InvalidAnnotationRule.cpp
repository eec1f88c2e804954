//===- InvalidAnnotationRule.cpp - relcheck-invalid-annotation ------------===//
//
// Reports what the model graph could not interpret or what SQLAlchemy would
// refuse while configuring a single relationship: annotation syntax errors,
// unknown keywords, wrong value types, annotations outside models,
// unresolved or ambiguous names, joins SQLAlchemy cannot determine
// (J1..J11) and refused options (E10..E14). The graph decides all of that
// (GraphIssue); this rule only turns issues into findings, so nothing the
// graph skipped goes unreported. See docs/rules/invalid-annotation.md.
//
//===----------------------------------------------------------------------===//
#include "rules/Rule.h"

#include <set>
#include <string>
#include <tuple>

namespace relcheck {
namespace {

constexpr std::string_view RuleId = "relcheck-invalid-annotation";

Severity severityOf(IssueSeverity S) {
  return S == IssueSeverity::Warning ? Severity::Warning : Severity::Error;
}

/// Identity of a reported problem: a header seen from many TUs yields the
/// same issue more than once.
using IssueKey = std::tuple<std::string, unsigned, std::string>;

class InvalidAnnotationRule final : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        RuleId,
        "InvalidAnnotation",
        "an annotation relcheck cannot interpret, or a relationship "
        "SQLAlchemy refuses to configure on its own",
        Severity::Error,
        "docs/rules/invalid-annotation.md",
        {},
        GraphHighlight::InvalidAnnotation};
    return Info;
  }

  void run(const ModelGraph &Graph, const RuleOptions &,
           std::vector<Finding> &Out) const override {
    std::set<IssueKey> Seen;
    // Positions already covered by a graph issue: a syntax error the graph
    // re-reports must not be reported twice from the facts below.
    std::set<std::pair<std::string, unsigned>> Covered;
    for (const GraphIssue &Issue : Graph.issues()) {
      if (!Seen.insert({Issue.Range.File, Issue.Range.Begin, Issue.Message})
               .second)
        continue;
      Covered.insert({Issue.Range.File, Issue.Range.Begin});
      Finding F;
      F.RuleId = std::string(RuleId);
      F.Sev = severityOf(Issue.Severity);
      F.Message = Issue.Message;
      F.Range = Issue.Range;
      F.CaseId = Issue.CaseId;
      F.Model = Issue.ModelName;
      F.Attribute = Issue.Attribute;
      for (const auto &[Range, Text] : Issue.Notes)
        F.Notes.push_back({Range, Text});
      Out.push_back(std::move(F));
    }
    // Syntax problems are recorded per TU by the extractor; report any the
    // graph did not turn into an issue, so none is silently dropped.
    for (const TuFacts &Tu : Graph.facts())
      for (const AnnotationIssue &Issue : Tu.Issues) {
        if (Covered.count({Issue.Range.File, Issue.Range.Begin}) ||
            !Seen.insert({Issue.Range.File, Issue.Range.Begin, Issue.Message})
                 .second)
          continue;
        Finding F;
        F.RuleId = std::string(RuleId);
        F.Sev = Severity::Error;
        F.Message = Issue.Message;
        F.Range = Issue.Range;
        Out.push_back(std::move(F));
      }
  }
};

} // namespace

const Rule &invalidAnnotationRule() {
  static const InvalidAnnotationRule Instance;
  return Instance;
}

} // namespace relcheck
