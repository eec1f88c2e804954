#include "rules/Registry.h"
#include <gtest/gtest.h>
TEST(Registry, HasFourRules) { EXPECT_EQ(relcheck::allRules().size(), 4u); }
