#include "security/policy.h"

#include <gtest/gtest.h>

namespace kansrijk::security {
namespace {

Actor Make(Role role, std::string id = "u1", std::string org = "orgA") {
  return Actor{std::move(id), "name", "Name", std::move(org), "Org", role};
}

// The whole matrix: role x action x (own family, colleague's family, other organisation's family).
TEST(PolicyTest, MatrixForFamilyBoundActions) {
  const FamilyScope own{"orgA", "u1"}, colleague{"orgA", "u2"}, unassigned{"orgA", std::nullopt},
      other_org{"orgB", "u1"};
  struct Row {
    Role role;
    Action action;
    Decision own, colleague, unassigned, other_org;
  };
  const auto A = Decision::kAllow, R = Decision::kDenyRole, S = Decision::kDenyScope;
  const Row rows[] = {
      {Role::kCoach, Action::kFamilyRead, A, S, S, S},
      {Role::kCoach, Action::kFamilyUpdate, A, S, S, S},
      {Role::kCoach, Action::kFamilyAssignCoach, R, R, R, R},
      {Role::kCoach, Action::kMemberRead, A, S, S, S},
      {Role::kCoach, Action::kMemberWrite, A, S, S, S},
      {Role::kCoach, Action::kAccessLogRead, R, R, R, R},
      {Role::kTeamLead, Action::kFamilyRead, A, A, A, S},
      {Role::kTeamLead, Action::kFamilyUpdate, A, A, A, S},
      {Role::kTeamLead, Action::kFamilyAssignCoach, A, A, A, S},
      {Role::kTeamLead, Action::kMemberRead, A, A, A, S},
      {Role::kTeamLead, Action::kMemberWrite, A, A, A, S},
      {Role::kTeamLead, Action::kAccessLogRead, A, A, A, S},
      {Role::kAdmin, Action::kFamilyRead, R, R, R, R},
      {Role::kAdmin, Action::kFamilyUpdate, R, R, R, R},
      {Role::kAdmin, Action::kMemberRead, R, R, R, R},
      {Role::kAdmin, Action::kMemberWrite, R, R, R, R},
      {Role::kAdmin, Action::kAccessLogRead, R, R, R, R},
  };
  for (const auto& r : rows) {
    auto actor = Make(r.role);
    SCOPED_TRACE(RoleName(r.role) + " " + ActionName(r.action));
    EXPECT_EQ(Decide(actor, r.action, &own), r.own);
    EXPECT_EQ(Decide(actor, r.action, &colleague), r.colleague);
    EXPECT_EQ(Decide(actor, r.action, &unassigned), r.unassigned);
    EXPECT_EQ(Decide(actor, r.action, &other_org), r.other_org);
  }
}

TEST(PolicyTest, OrganisationWideActions) {
  EXPECT_EQ(Decide(Make(Role::kAdmin), Action::kUserManage), Decision::kAllow);
  EXPECT_EQ(Decide(Make(Role::kTeamLead), Action::kUserManage), Decision::kDenyRole);
  EXPECT_EQ(Decide(Make(Role::kCoach), Action::kUserManage), Decision::kDenyRole);
  EXPECT_EQ(Decide(Make(Role::kTeamLead), Action::kUserListStaff), Decision::kAllow);
  EXPECT_EQ(Decide(Make(Role::kCoach), Action::kUserListStaff), Decision::kDenyRole);
  EXPECT_EQ(Decide(Make(Role::kAdmin), Action::kFamilyList), Decision::kDenyRole);
  EXPECT_EQ(Decide(Make(Role::kCoach), Action::kFamilyCreate), Decision::kAllow);
}

TEST(PolicyTest, FamilyBoundActionWithoutFamilyIsDenied) {
  EXPECT_EQ(Decide(Make(Role::kTeamLead), Action::kFamilyRead, nullptr), Decision::kDenyRole);
}

TEST(PolicyTest, ListScopeNarrowsCoachesToTheirOwnFamilies) {
  auto coach = ScopeFamilyList(Make(Role::kCoach, "c7", "orgX"));
  ASSERT_TRUE(coach.ok());
  EXPECT_EQ(coach->organisation_id, "orgX");
  EXPECT_EQ(coach->only_coach_id, "c7");
  auto lead = ScopeFamilyList(Make(Role::kTeamLead));
  ASSERT_TRUE(lead.ok());
  EXPECT_FALSE(lead->only_coach_id);
  EXPECT_EQ(ScopeFamilyList(Make(Role::kAdmin)).status().code(), Code::kPermissionDenied);
}

TEST(PolicyTest, DecisionsMapToForbiddenAndNotFound) {
  EXPECT_TRUE(ToStatus(Decision::kAllow).ok());
  EXPECT_EQ(ToStatus(Decision::kDenyRole).code(), Code::kPermissionDenied);
  EXPECT_EQ(ToStatus(Decision::kDenyScope).code(), Code::kNotFound);
}

}  // namespace
}  // namespace kansrijk::security
