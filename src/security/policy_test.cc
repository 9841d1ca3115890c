#include "security/policy.h"

#include <gtest/gtest.h>

#include <set>

namespace kansrijk::security {
namespace {

Actor Staff(std::optional<Role> role, std::string id = "u1", std::string org = "orgA") {
  return Actor{.kind = PrincipalKind::kStaff, .role = role, .user_id = std::move(id), .organisation_id = std::move(org)};
}
Actor FamilyMemberOf(std::string family, std::string org = "orgA") {
  return Actor{.kind = PrincipalKind::kFamilyMember, .user_id = "m1", .organisation_id = std::move(org),
               .family_id = std::move(family)};
}
Actor PartnerOf(std::string partner_org, std::string org = "orgA") {
  return Actor{.kind = PrincipalKind::kPartner, .user_id = "p1", .organisation_id = std::move(org),
               .partner_organisation_id = std::move(partner_org)};
}

const auto A = Decision::kAllow, R = Decision::kDenyRole, S = Decision::kDenyScope;

TEST(PolicyTest, EveryActionHasExactlyOneRowAndAUniqueName) {
  std::set<int> actions;
  std::set<std::string_view> names;
  for (const auto& row : PolicyTable()) {
    EXPECT_TRUE(actions.insert(int(row.action)).second) << row.name;
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    // A public action grants nobody (the route is open); every other one grants someone.
    EXPECT_EQ(row.grants.empty(), row.scope == ScopeKind::kPublic) << row.name;
    EXPECT_EQ(ActionByName(row.name), row.action);
  }
  // The enum is dense from kFamilyList on: every value up to the largest in the table has a row
  // (an Action added to the enum without a row would leave a gap).
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(*actions.begin(), int(Action::kFamilyList));
  EXPECT_EQ(int(actions.size()), *actions.rbegin() + 1) << "an action has no row";
}

// Family-bound actions over four families: the coach's own, a colleague's, one without a coach,
// one of another organisation.
TEST(PolicyTest, MatrixForStaffOnFamilies) {
  const FamilyScope own{"f1", "orgA", {"u1"}}, colleague{"f2", "orgA", {"u2"}}, unassigned{"f3", "orgA", {}},
      other_org{"f4", "orgB", {"u1"}}, shared{"f5", "orgA", {"u2", "u1"}};
  struct Row {
    Role role;
    Action action;
    Decision own, colleague, unassigned, other_org;
  };
  const Row rows[] = {
      {Role::kCoach, Action::kFamilyRead, A, S, S, S},
      {Role::kCoach, Action::kFamilyUpdate, A, S, S, S},
      {Role::kCoach, Action::kFamilyAssignCoach, R, R, R, R},
      {Role::kCoach, Action::kMemberRead, A, S, S, S},
      {Role::kCoach, Action::kMemberUpdate, A, S, S, S},
      {Role::kCoach, Action::kAccessLogRead, R, R, R, R},
      {Role::kCoach, Action::kFamilyPhaseChange, A, S, S, S},
      {Role::kCoach, Action::kConsentCreate, A, S, S, S},
      {Role::kCoach, Action::kEligibilityCreate, A, S, S, S},
      {Role::kCoach, Action::kEligibilityOverride, R, R, R, R},
      {Role::kCoach, Action::kGenogramPersonCreate, A, S, S, S},
      {Role::kCoach, Action::kGenogramNoteRead, A, S, S, S},
      {Role::kCoach, Action::kPlanRead, A, S, S, S},
      {Role::kTeamLead, Action::kFamilyRead, A, A, A, S},
      {Role::kTeamLead, Action::kFamilyAssignCoach, A, A, A, S},
      {Role::kTeamLead, Action::kAccessLogRead, A, A, A, S},
      {Role::kTeamLead, Action::kEligibilityOverride, A, A, A, S},
      {Role::kTeamLead, Action::kGenogramNoteRead, A, A, A, S},
      {Role::kAdmin, Action::kFamilyRead, R, R, R, R},
      {Role::kAdmin, Action::kMemberRead, R, R, R, R},
      {Role::kAdmin, Action::kGenogramRead, R, R, R, R},
      {Role::kAdmin, Action::kPlanRead, R, R, R, R},
      // Issue 14: aftercare is case work; further coaches are assigned by the team lead.
      {Role::kCoach, Action::kFollowUpRecord, A, S, S, S},
      {Role::kCoach, Action::kFamilyCoachList, A, S, S, S},
      {Role::kCoach, Action::kFamilyCoachAdd, R, R, R, R},
      {Role::kCoach, Action::kFamilyCoachEnd, R, R, R, R},
      {Role::kTeamLead, Action::kFollowUpRecord, A, A, A, S},
      {Role::kTeamLead, Action::kFamilyCoachAdd, A, A, A, S},
      {Role::kTeamLead, Action::kFamilyCoachHandover, A, A, A, S},
      {Role::kAdmin, Action::kFollowUpList, R, R, R, R},
      {Role::kAdmin, Action::kFamilyCoachAdd, R, R, R, R},
  };
  for (const auto& r : rows) {
    Actor actor = Staff(r.role);
    SCOPED_TRACE(RoleName(r.role) + " " + ActionName(r.action));
    EXPECT_EQ(Decide(actor, r.action, &own), r.own);
    EXPECT_EQ(Decide(actor, r.action, &colleague), r.colleague);
    EXPECT_EQ(Decide(actor, r.action, &unassigned), r.unassigned);
    EXPECT_EQ(Decide(actor, r.action, &other_org), r.other_org);
  }
  // A family with two coaches: both work on it.
  EXPECT_EQ(Decide(Staff(Role::kCoach, "u1"), Action::kFamilyRead, &shared), A);
  EXPECT_EQ(Decide(Staff(Role::kCoach, "u2"), Action::kFamilyRead, &shared), A);
}

TEST(PolicyTest, FamilyMemberReadsOnlyTheirOwnFamilysPlan) {
  const FamilyScope own{"f1", "orgA", {"u1"}}, other{"f2", "orgA", {"u1"}}, other_org{"f1", "orgB", {}};
  Actor member = FamilyMemberOf("f1");
  EXPECT_EQ(Decide(member, Action::kPlanRead, &own), A);
  EXPECT_EQ(Decide(member, Action::kPlanRead, &other), S);
  EXPECT_EQ(Decide(member, Action::kPlanRead, &other_org), S);
  // Nothing else of the case: not the file, not the genogram and never the notes about relatives.
  for (Action a : {Action::kFamilyRead, Action::kFamilyList, Action::kMemberRead, Action::kGenogramRead,
                   Action::kGenogramNoteRead, Action::kAccessLogRead, Action::kConsentList, Action::kUserManage})
    EXPECT_EQ(Decide(member, a, &own), R) << ActionName(a);
  auto list = ScopeFamilyList(member);
  EXPECT_FALSE(list.ok());
}

TEST(PolicyTest, PartnerSeesOnlyItsOwnReferrals) {
  const ReferralScope own{"orgA", "woningcorporatie-1"}, other{"orgA", "voedselbank-2"},
      other_org{"orgB", "woningcorporatie-1"};
  Actor partner = PartnerOf("woningcorporatie-1");
  EXPECT_EQ(Decide(partner, Action::kReferralStatusRead, nullptr, &own), A);
  EXPECT_EQ(Decide(partner, Action::kReferralStatusRead, nullptr, &other), S);
  EXPECT_EQ(Decide(partner, Action::kReferralStatusRead, nullptr, &other_org), S);
  const FamilyScope family{"f1", "orgA", {}};
  for (Action a : {Action::kFamilyRead, Action::kFamilyList, Action::kPlanRead, Action::kReferralCreate})
    EXPECT_EQ(Decide(partner, a, &family), R) << ActionName(a);
  // A team lead sees every referral of the own organisation.
  EXPECT_EQ(Decide(Staff(Role::kTeamLead), Action::kReferralStatusRead, nullptr, &other), A);
  EXPECT_EQ(Decide(Staff(Role::kCoach), Action::kReferralStatusRead, nullptr, &own), R);
}

TEST(PolicyTest, UnknownRoleGetsNothing) {
  Actor unknown = Staff(std::nullopt);
  const FamilyScope own{"f1", "orgA", {"u1"}};
  for (const auto& row : PolicyTable()) {
    if (row.scope == ScopeKind::kPublic) continue;
    EXPECT_EQ(Decide(unknown, row.action, &own), R) << row.name;
  }
  EXPECT_TRUE(Capabilities(unknown).empty());
  EXPECT_FALSE(ScopeFamilyList(unknown).ok());
  EXPECT_EQ(RoleLabel(unknown), "unknown");
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
  EXPECT_EQ(ParsePrincipalKind("robot"), std::nullopt);
}

TEST(PolicyTest, FamilyBoundActionWithoutAFamilyIsDenied) {
  EXPECT_EQ(Decide(Staff(Role::kTeamLead), Action::kFamilyRead), R);
  EXPECT_EQ(Decide(Staff(Role::kTeamLead), Action::kFamilyList), A);
}

TEST(PolicyTest, OrganisationActions) {
  struct Row {
    Action action;
    bool admin, lead, coach;
  };
  const Row rows[] = {
      {Action::kUserManage, true, false, false},     {Action::kUserListStaff, true, true, false},
      {Action::kProgrammeRead, true, true, true},    {Action::kProgrammeUpdate, true, false, false},
      {Action::kNormCreate, true, false, false},     {Action::kWaitingListRead, false, true, false},
      {Action::kTeamOverview, false, true, false},   {Action::kReferralCreate, false, true, true},
      {Action::kFamilyCreate, false, true, true},    {Action::kGenogramThemesManage, true, false, false},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(ActionName(r.action));
    EXPECT_EQ(Decide(Staff(Role::kAdmin), r.action) == A, r.admin);
    EXPECT_EQ(Decide(Staff(Role::kTeamLead), r.action) == A, r.lead);
    EXPECT_EQ(Decide(Staff(Role::kCoach), r.action) == A, r.coach);
  }
}

TEST(PolicyTest, CapabilitiesAreTheActionsTheRoleMayEverTake) {
  auto coach = Capabilities(Staff(Role::kCoach));
  auto has = [](const std::vector<std::string>& caps, const char* name) {
    return std::find(caps.begin(), caps.end(), name) != caps.end();
  };
  EXPECT_TRUE(has(coach, "family.read"));
  EXPECT_TRUE(has(coach, "genogram.person.create"));
  EXPECT_FALSE(has(coach, "family.assign_coach"));
  EXPECT_FALSE(has(coach, "user.manage"));
  auto admin = Capabilities(Staff(Role::kAdmin));
  EXPECT_TRUE(has(admin, "user.manage"));
  EXPECT_FALSE(has(admin, "family.read"));
  EXPECT_TRUE(std::is_sorted(admin.begin(), admin.end()));
}

TEST(PolicyTest, FamilyListScopeFollowsTheGrantsReach) {
  auto coach = ScopeFamilyList(Staff(Role::kCoach, "u7"));
  ASSERT_TRUE(coach.ok());
  EXPECT_EQ(coach->only_coach_id, "u7");
  auto lead = ScopeFamilyList(Staff(Role::kTeamLead));
  ASSERT_TRUE(lead.ok());
  EXPECT_EQ(lead->only_coach_id, std::nullopt);
  EXPECT_EQ(lead->organisation_id, "orgA");
  EXPECT_FALSE(ScopeFamilyList(Staff(Role::kAdmin)).ok());
}

TEST(PolicyTest, ToStatus) {
  EXPECT_TRUE(ToStatus(A).ok());
  EXPECT_EQ(ToStatus(R).code(), Code::kPermissionDenied);
  EXPECT_EQ(ToStatus(S).code(), Code::kNotFound);
}

}  // namespace
}  // namespace kansrijk::security
