#include "programmes/model.h"

#include <gtest/gtest.h>

namespace kansrijk::programmes {
namespace {

TEST(FollowUpMonthsTest, CodesForBadMoments) {
  EXPECT_TRUE(ValidateFollowUpMonths({6, 12, 18}).empty());
  EXPECT_TRUE(ValidateFollowUpMonths({}).empty());
  EXPECT_EQ(ValidateFollowUpMonths({0}).at("follow_up_months").at(0),
            (FieldError{"programme_follow_up_out_of_range", {{"min", "1"}, {"max", "120"}}}));
  EXPECT_EQ(ValidateFollowUpMonths({121}).at("follow_up_months").at(0).code, "programme_follow_up_out_of_range");
  EXPECT_EQ(ValidateFollowUpMonths({6, 12, 6}).at("follow_up_months").at(0),
            (FieldError{"programme_follow_up_duplicate", {{"month", "6"}}}));
  std::vector<int64_t> thirteen;
  for (int64_t m = 1; m <= 13; ++m) thirteen.push_back(m);
  EXPECT_EQ(ValidateFollowUpMonths(thirteen).at("follow_up_months").at(0), (FieldError{"too_many", {{"max", "12"}}}));
}

TEST(ApplyProgrammeChangeTest, KeepsAbsentFieldsAndSortsMonths) {
  Programme p;
  p.name = "Toukomst";
  ProgrammeFields change;
  change.threshold_percent = 130;
  change.follow_up_months = std::vector<int64_t>{18, 6};
  Programme q = ApplyProgrammeChange(p, change);
  EXPECT_EQ(q.name, "Toukomst");
  EXPECT_EQ(q.threshold_percent, 130);
  EXPECT_EQ(q.follow_up_months, (std::vector<int64_t>{6, 18}));
  EXPECT_EQ(q.planned_duration_weeks, 52);
}

}  // namespace
}  // namespace kansrijk::programmes
