//===- GraphBuilder.cpp - builds the model graph from facts ---------------===//
//
// The build sequence; each step lives in its own file, named after it
// (GraphMerge.cpp, GraphModels.cpp, GraphTables.cpp, GraphMappers.cpp,
// GraphRelationships.cpp, GraphConfigure.cpp, GraphBackrefs.cpp,
// GraphPairing.cpp), as clang's Sema is split.
//
//===----------------------------------------------------------------------===//
#include "graph/GraphBuilder.h"

#include "graph/RefusalCases.h"

namespace relcheck {

void GraphBuilder::addIssue(const SourceSpan &Range, IssueSeverity Sev,
                            std::string Message, const std::string &ModelName,
                            const std::string &Attribute, std::string CaseId) {
  // In part of a program, a name may be declared where this part cannot
  // see it: reporting it would be a guess.
  if (G.PartialProgram && CaseId == refusal::UnresolvedName)
    return;
  GraphIssue I;
  I.Range = Range;
  I.Severity = Sev;
  I.Message = std::move(Message);
  I.ModelName = ModelName;
  I.Attribute = Attribute;
  I.CaseId = std::move(CaseId);
  G.Issues.push_back(std::move(I));
}

void GraphBuilder::build(std::vector<TuFacts> Facts) {
  merge(Facts);
  // What merge did not take (models and tables seen from several TUs) is
  // not needed any more; free it before the graph grows.
  std::vector<TuFacts>().swap(Facts);
  createModels();
  createTables();
  resolveForeignKeys();
  std::vector<PendingForeignKey>().swap(PendingFks);
  checkMappers();
  createRelationships();
  configure();
  // Configuration inputs; freed here because the rest of the build and the
  // rules are the run's memory peak.
  States = {};
  pair();
  checkMemberShapes();
  checkReservedNames();
  checkInheritedKeyConflicts();
  finish();
}

} // namespace relcheck
