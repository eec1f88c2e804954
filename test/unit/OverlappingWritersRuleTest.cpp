//===- OverlappingWritersRuleTest.cpp -------------------------------------===//
//
// Most of relcheck-overlapping-writers is tested through fixtures; this is
// the case no fixture can hold: SQLAlchemy warns where relcheck, not
// modelling a relationship's join, must stay silent, which the fixture
// agreement test would call a disagreement.
//
//===----------------------------------------------------------------------===//
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

namespace relcheck {
namespace {

// 'Order.notes' joins over 'Note.oid', a name __mapper_args__ maps: its
// join is unanalyzed, yet SQLAlchemy 1.4.46 finds it writing
// note.order_id and warns on 'all_notes' (overlaps notes) and on
// 'more_notes' (overlaps all_notes, notes). Reporting only the pair
// relcheck sees would give an overlaps= fix that leaves SQLAlchemy's
// warning standing.
TEST(OverlappingWritersRule, NoClaimOverColumnsAnUnanalyzedJoinMayWrite) {
  std::vector<Finding> F = test::findingsFor(
      R"cpp(#include <relcheck/orm.hpp>
#include <vector>
struct Note;
struct ORM_MODEL("orders") Order {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Note", primaryjoin="Order.id == Note.oid") std::vector<Note*> notes;
  ORM_RELATIONSHIP("Note") std::vector<Note*> all_notes;
  ORM_RELATIONSHIP("Note") std::vector<Note*> more_notes;
};
struct ORM_MODEL("note", __mapper_args__={"properties": {"oid": order_id}}) Note {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("orders.id")) int order_id;
};
)cpp",
      "relcheck-overlapping-writers");
  EXPECT_TRUE(F.empty()) << test::describe(F);
}

} // namespace
} // namespace relcheck
