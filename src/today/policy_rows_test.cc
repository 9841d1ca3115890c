// Issue 11's policy rows: every new action has exactly one row, and the family's approval is a
// family-member principal's own grant, not a coach's checkbox.
#include <gtest/gtest.h>

#include <set>

#include "security/policy.h"

namespace kansrijk::security {
namespace {

TEST(PlanBudgetPolicyTest, EveryNewActionHasARow) {
  std::set<int> actions;
  for (const auto& row : PolicyTable()) actions.insert(int(row.action));
  // From issue 11's first action to the last action of all (later issues append theirs).
  for (int a = int(Action::kBudgetRead); a <= int(Action::kContactFollowUpToPlan); ++a)
    EXPECT_TRUE(actions.contains(a)) << "action " << a << " has no row";
}

TEST(PlanBudgetPolicyTest, WhoApprovesInWhichRole) {
  const FamilyScope fam{"f1", "orgA", {"coach1"}};
  Actor coach{PrincipalKind::kStaff, Role::kCoach, "coach1", "c", "C", "orgA", "A", std::nullopt, std::nullopt};
  Actor lead{PrincipalKind::kStaff, Role::kTeamLead, "lead1", "l", "L", "orgA", "A", std::nullopt, std::nullopt};
  Actor member{PrincipalKind::kFamilyMember, std::nullopt, "m1", "m", "M", "orgA", "A", std::string("f1"), std::nullopt};
  Actor other_member = member;
  other_member.family_id = "f2";
  EXPECT_EQ(Decide(coach, Action::kBudgetApproveCoach, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(coach, Action::kBudgetApproveTeamLead, &fam), Decision::kDenyRole);
  EXPECT_EQ(Decide(lead, Action::kBudgetApproveCoach, &fam), Decision::kDenyRole);
  EXPECT_EQ(Decide(lead, Action::kBudgetApproveTeamLead, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(member, Action::kBudgetApproveFamily, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(member, Action::kBudgetApproveCoach, &fam), Decision::kDenyRole);
  EXPECT_EQ(Decide(other_member, Action::kBudgetApproveFamily, &fam), Decision::kDenyScope);
  EXPECT_EQ(Decide(member, Action::kBudgetRead, &fam), Decision::kAllow);
  EXPECT_EQ(Decide(member, Action::kContactNoteRead, &fam), Decision::kDenyRole);
  EXPECT_EQ(Decide(member, Action::kBudgetCorrect, &fam), Decision::kDenyRole);
}

}  // namespace
}  // namespace kansrijk::security
