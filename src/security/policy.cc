#include "security/policy.h"

#include <set>

namespace kansrijk::security {

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "team_lead") return Role::kTeamLead;
  if (name == "coach") return Role::kCoach;
  return std::nullopt;
}

std::string RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kTeamLead: return "team_lead";
    case Role::kCoach: return "coach";
  }
  return "unknown";
}

std::string ActionName(Action action) {
  switch (action) {
    case Action::kFamilyList: return "family.list";
    case Action::kFamilyCreate: return "family.create";
    case Action::kFamilyRead: return "family.read";
    case Action::kFamilyUpdate: return "family.update";
    case Action::kFamilyAssignCoach: return "family.assign_coach";
    case Action::kMemberRead: return "member.read";
    case Action::kMemberWrite: return "member.write";
    case Action::kAccessLogRead: return "access_log.read";
    case Action::kUserManage: return "user.manage";
    case Action::kUserListStaff: return "user.list_staff";
    case Action::kProgrammeRead: return "programme.read";
    case Action::kProgrammeManage: return "programme.manage";
    case Action::kNormRead: return "norm.read";
    case Action::kNormManage: return "norm.manage";
    case Action::kReferralCreate: return "referral.create";
    case Action::kWaitingListRead: return "waiting_list.read";
    case Action::kTeamOverview: return "team.overview";
    case Action::kFamilyPhaseChange: return "family.phase";
    case Action::kTimelineRead: return "timeline.read";
    case Action::kConsentRead: return "consent.read";
    case Action::kConsentWrite: return "consent.write";
    case Action::kEligibilityRead: return "eligibility.read";
    case Action::kEligibilityWrite: return "eligibility.write";
    case Action::kEligibilityOverride: return "eligibility.override";
    case Action::kGenogramRead: return "genogram.read";
    case Action::kGenogramWrite: return "genogram.write";
    case Action::kGenogramNoteRead: return "genogram.note_read";
    case Action::kGenogramThemesRead: return "genogram.themes_read";
    case Action::kGenogramThemesManage: return "genogram.themes_manage";
  }
  return "unknown";
}

namespace {

// The whole matrix in one table. Anything not listed is denied.
const std::set<Action>& Permissions(Role role) {
  // Admins run the organisation (accounts, programmes, norm tables) but never see case content.
  static const std::set<Action> kAdmin = {Action::kUserManage,    Action::kUserListStaff, Action::kProgrammeRead,
                                          Action::kProgrammeManage, Action::kNormRead,      Action::kNormManage,
                                          Action::kGenogramThemesRead, Action::kGenogramThemesManage};
  static const std::set<Action> kTeamLead = {
      Action::kFamilyList,  Action::kFamilyCreate, Action::kFamilyRead,    Action::kFamilyUpdate,
      Action::kFamilyAssignCoach, Action::kMemberRead, Action::kMemberWrite, Action::kAccessLogRead,
      Action::kUserListStaff, Action::kProgrammeRead, Action::kNormRead, Action::kReferralCreate,
      Action::kWaitingListRead, Action::kTeamOverview, Action::kFamilyPhaseChange, Action::kTimelineRead,
      Action::kConsentRead, Action::kConsentWrite, Action::kEligibilityRead, Action::kEligibilityWrite,
      Action::kEligibilityOverride, Action::kGenogramRead, Action::kGenogramWrite, Action::kGenogramNoteRead,
      Action::kGenogramThemesRead};
  static const std::set<Action> kCoach = {
      Action::kFamilyList,  Action::kFamilyCreate,    Action::kFamilyRead,       Action::kFamilyUpdate,
      Action::kMemberRead,  Action::kMemberWrite,     Action::kProgrammeRead,    Action::kNormRead,
      Action::kReferralCreate, Action::kFamilyPhaseChange, Action::kTimelineRead, Action::kConsentRead,
      Action::kConsentWrite, Action::kEligibilityRead, Action::kEligibilityWrite, Action::kGenogramRead,
      Action::kGenogramWrite, Action::kGenogramNoteRead, Action::kGenogramThemesRead};
  switch (role) {
    case Role::kAdmin: return kAdmin;
    case Role::kTeamLead: return kTeamLead;
    case Role::kCoach: return kCoach;
  }
  static const std::set<Action> kNone;
  return kNone;
}

bool IsFamilyBound(Action a) {
  return a == Action::kFamilyRead || a == Action::kFamilyUpdate || a == Action::kFamilyAssignCoach ||
         a == Action::kMemberRead || a == Action::kMemberWrite || a == Action::kAccessLogRead ||
         a == Action::kFamilyPhaseChange || a == Action::kTimelineRead || a == Action::kConsentRead ||
         a == Action::kConsentWrite || a == Action::kEligibilityRead || a == Action::kEligibilityWrite ||
         a == Action::kEligibilityOverride || a == Action::kGenogramRead || a == Action::kGenogramWrite ||
         a == Action::kGenogramNoteRead;
}

}  // namespace

Decision Decide(const Actor& actor, Action action, const FamilyScope* family) {
  if (!Permissions(actor.role).contains(action)) return Decision::kDenyRole;
  if (!IsFamilyBound(action)) return Decision::kAllow;
  if (family == nullptr) return Decision::kDenyRole;
  if (family->organisation_id != actor.organisation_id) return Decision::kDenyScope;
  // A coach works only with the families assigned to them; a team lead with the whole organisation.
  if (actor.role == Role::kCoach && family->coach_id != actor.user_id) return Decision::kDenyScope;
  return Decision::kAllow;
}

Status ToStatus(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return Status::Ok();
    case Decision::kDenyRole: return Status::Forbidden();
    case Decision::kDenyScope: return Status::NotFound("Dit gezin bestaat niet of u heeft er geen toegang toe.");
  }
  return Status::Forbidden();
}

Result<FamilyListScope> ScopeFamilyList(const Actor& actor) {
  if (Decide(actor, Action::kFamilyList) != Decision::kAllow) return Status::Forbidden();
  FamilyListScope scope{actor.organisation_id, std::nullopt};
  if (actor.role == Role::kCoach) scope.only_coach_id = actor.user_id;
  return scope;
}

}  // namespace kansrijk::security
