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
      // Issue 4: the trajectory, consent and eligibility.
      {Role::kCoach, Action::kFamilyPhaseChange, A, S, S, S},
      {Role::kCoach, Action::kTimelineRead, A, S, S, S},
      {Role::kCoach, Action::kConsentRead, A, S, S, S},
      {Role::kCoach, Action::kConsentWrite, A, S, S, S},
      {Role::kCoach, Action::kEligibilityRead, A, S, S, S},
      {Role::kCoach, Action::kEligibilityWrite, A, S, S, S},
      {Role::kCoach, Action::kEligibilityOverride, R, R, R, R},
      {Role::kTeamLead, Action::kFamilyPhaseChange, A, A, A, S},
      {Role::kTeamLead, Action::kTimelineRead, A, A, A, S},
      {Role::kTeamLead, Action::kConsentRead, A, A, A, S},
      {Role::kTeamLead, Action::kConsentWrite, A, A, A, S},
      {Role::kTeamLead, Action::kEligibilityRead, A, A, A, S},
      {Role::kTeamLead, Action::kEligibilityWrite, A, A, A, S},
      {Role::kTeamLead, Action::kEligibilityOverride, A, A, A, S},
      {Role::kAdmin, Action::kFamilyPhaseChange, R, R, R, R},
      {Role::kAdmin, Action::kTimelineRead, R, R, R, R},
      {Role::kAdmin, Action::kConsentRead, R, R, R, R},
      {Role::kAdmin, Action::kConsentWrite, R, R, R, R},
      {Role::kAdmin, Action::kEligibilityRead, R, R, R, R},
      {Role::kAdmin, Action::kEligibilityWrite, R, R, R, R},
      {Role::kAdmin, Action::kEligibilityOverride, R, R, R, R},
      // Issue 5: the genogram.
      {Role::kCoach, Action::kGenogramRead, A, S, S, S},
      {Role::kCoach, Action::kGenogramWrite, A, S, S, S},
      {Role::kCoach, Action::kGenogramNoteRead, A, S, S, S},
      {Role::kTeamLead, Action::kGenogramRead, A, A, A, S},
      {Role::kTeamLead, Action::kGenogramWrite, A, A, A, S},
      {Role::kTeamLead, Action::kGenogramNoteRead, A, A, A, S},
      {Role::kAdmin, Action::kGenogramRead, R, R, R, R},
      {Role::kAdmin, Action::kGenogramWrite, R, R, R, R},
      {Role::kAdmin, Action::kGenogramNoteRead, R, R, R, R},
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

TEST(PolicyTest, OrganisationWideTrajectoryActions) {
  struct Row {
    Action action;
    Decision admin, lead, coach;
  };
  const auto A = Decision::kAllow, R = Decision::kDenyRole;
  const Row rows[] = {
      {Action::kProgrammeRead, A, A, A},   {Action::kProgrammeManage, A, R, R}, {Action::kNormRead, A, A, A},
      {Action::kNormManage, A, R, R},      {Action::kReferralCreate, R, A, A},  {Action::kWaitingListRead, R, A, R},
      {Action::kTeamOverview, R, A, R},    {Action::kGenogramThemesRead, A, A, A},
      {Action::kGenogramThemesManage, A, R, R},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(ActionName(r.action));
    EXPECT_EQ(Decide(Make(Role::kAdmin), r.action), r.admin);
    EXPECT_EQ(Decide(Make(Role::kTeamLead), r.action), r.lead);
    EXPECT_EQ(Decide(Make(Role::kCoach), r.action), r.coach);
  }
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
