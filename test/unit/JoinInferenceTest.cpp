//===- JoinInferenceTest.cpp - join paths counted per constraint ----------===//
//
// SQLAlchemy's join_condition() counts foreign key constraints, not columns:
// a composite key written as one ForeignKeyConstraint is one path, written as
// one ForeignKey per column it is two (AmbiguousForeignKeysError), and
// foreign_keys= keeps only a constraint whose columns it names exactly.
//
//===----------------------------------------------------------------------===//
#include "graph/JoinInference.h"

#include <gtest/gtest.h>

using namespace relcheck;

namespace {

struct CompositeKey : ::testing::Test {
  Table Parent, Child;
  void SetUp() override {
    Parent.Name = "release";
    Parent.Columns = {{"product", "product", true, {}, nullptr, {}, {}},
                      {"number", "number", true, {}, nullptr, {}, {}}};
    Child.Name = "version";
    Child.Columns = {{"id", "id", true, {}, nullptr, {}, {}},
                     {"product",
                      "product",
                      false,
                      {{"release", "product"}},
                      nullptr,
                      {},
                      {}},
                     {"release_number",
                      "release_number",
                      false,
                      {{"release", "number"}},
                      nullptr,
                      {},
                      {}}};
  }
  void useConstraint() {
    ForeignKeyConstraint C;
    C.Elements = {{"product", {"release", "product"}},
                  {"release_number", {"release", "number"}}};
    C.Written = 2;
    Child.ForeignKeyConstraints.push_back(C);
  }
  InferredJoin infer(const std::vector<ColumnRef> &Consider = {}) {
    return inferJoinCondition({&Parent}, &Parent, {&Child}, Consider);
  }
};

TEST_F(CompositeKey, PerColumnForeignKeysAreAmbiguous) {
  EXPECT_EQ(infer().Result, InferredJoin::Outcome::Ambiguous);
  EXPECT_EQ(
      infer({{"version", "product"}, {"version", "release_number"}}).Result,
      InferredJoin::Outcome::Ambiguous);
}

TEST_F(CompositeKey, OneConstraintIsOnePath) {
  useConstraint();
  InferredJoin J = infer();
  ASSERT_EQ(J.Result, InferredJoin::Outcome::Found);
  ASSERT_EQ(J.Pairs.size(), 2u);
  EXPECT_EQ(J.Pairs[0].first, (ColumnRef{"release", "product"}));
  EXPECT_EQ(J.Pairs[1].second, (ColumnRef{"version", "release_number"}));
  EXPECT_EQ(
      infer({{"version", "product"}, {"version", "release_number"}}).Result,
      InferredJoin::Outcome::Found);
}

TEST_F(CompositeKey, ForeignKeysNarrowOneConstraintToItsColumns) {
  // A single constraint is not trimmed: foreign_keys= only filters which
  // of its columns count (observed on 1.4.46: parent.a = child.pa).
  useConstraint();
  InferredJoin J = infer({{"version", "product"}});
  ASSERT_EQ(J.Result, InferredJoin::Outcome::Found);
  ASSERT_EQ(J.Pairs.size(), 1u);
  EXPECT_EQ(J.Pairs[0].second, (ColumnRef{"version", "product"}));
}

} // namespace
