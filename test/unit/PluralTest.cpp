//===- PluralTest.cpp - countOf: "1 warning", "2 warnings" ----------------===//
#include "emit/Plural.h"

#include <gtest/gtest.h>

using namespace relcheck;

TEST(PluralTest, OneIsSingularEverythingElsePlural) {
  EXPECT_EQ(countOf(1, "model declaration"), "1 model declaration");
  EXPECT_EQ(countOf(0, "model declaration"), "0 model declarations");
  EXPECT_EQ(countOf(2, "TU"), "2 TUs");
  EXPECT_EQ(countOf(1, "corrupt cache entry", "corrupt cache entries"),
            "1 corrupt cache entry");
  EXPECT_EQ(countOf(3, "corrupt cache entry", "corrupt cache entries"),
            "3 corrupt cache entries");
}
