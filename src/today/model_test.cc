#include "today/model.h"

#include <gtest/gtest.h>

namespace kansrijk::today {
namespace {

TEST(TodayModelTest, BelowTargetIsProratedOverTheWorkWeek) {
  EXPECT_FALSE(BelowTarget(96, 480, 1));  // Monday: a fifth is enough
  EXPECT_TRUE(BelowTarget(95, 480, 1));
  EXPECT_TRUE(BelowTarget(300, 480, 5));
  EXPECT_FALSE(BelowTarget(480, 480, 7));
  EXPECT_FALSE(BelowTarget(0, 0, 3));  // no target, never below
}

TEST(TodayModelTest, OverCaseloadIsStrictlyAbove) {
  EXPECT_FALSE(OverCaseload(5, 5));
  EXPECT_TRUE(OverCaseload(6, 5));
}

}  // namespace
}  // namespace kansrijk::today
