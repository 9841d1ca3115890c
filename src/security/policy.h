// Who may do what: the single authorisation policy (role x action x resource, scoped by
// organisation). Deny by default. Every handler asks Decide() before it touches case data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace kansrijk::security {

enum class Role { kAdmin, kTeamLead, kCoach };
std::optional<Role> ParseRole(std::string_view name);
std::string RoleName(Role role);

// The signed-in user on whose behalf a request runs.
struct Actor {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::string organisation_id;
  std::string organisation_name;
  Role role = Role::kCoach;
};

enum class Action {
  kFamilyList,
  kFamilyCreate,
  kFamilyRead,
  kFamilyUpdate,
  kFamilyAssignCoach,
  kMemberRead,
  kMemberWrite,
  kAccessLogRead,
  kUserManage,     // create, change, disable accounts of the own organisation
  kUserListStaff,  // see coaches and team leads of the own organisation (to assign)
  // Issue 4: programmes and norm tables are organisation data, not case content.
  kProgrammeRead,
  kProgrammeManage,
  kNormRead,
  kNormManage,
  // The trajectory. Family-bound unless noted.
  kReferralCreate,       // organisation-wide: enter a referral (creates a family)
  kWaitingListRead,      // organisation-wide
  kTeamOverview,         // organisation-wide
  kFamilyPhaseChange,
  kTimelineRead,
  kConsentRead,
  kConsentWrite,
  kEligibilityRead,
  kEligibilityWrite,
  kEligibilityOverride,  // a team lead's decision, with a reason
  // Issue 5: the genogram. Family-bound unless noted.
  kGenogramRead,
  kGenogramWrite,
  // Free-text notes about relatives, who never consented to anything: only the people who
  // work with the family (coach and team lead), never any later role such as a researcher.
  kGenogramNoteRead,
  kGenogramThemesRead,    // organisation-wide: the theme list
  kGenogramThemesManage,  // organisation-wide
};
std::string ActionName(Action action);

// The family a family-bound action is about.
struct FamilyScope {
  std::string organisation_id;
  std::optional<std::string> coach_id;
};

enum class Decision {
  kAllow,
  kDenyRole,   // the role never may: 403
  kDenyScope,  // the resource is outside the caller's reach: 404, so ids do not leak
};

// Decides `action` for `actor`; `family` is required for family-bound actions (else kDenyRole).
Decision Decide(const Actor& actor, Action action, const FamilyScope* family = nullptr);
// OK, kPermissionDenied or kNotFound for a decision.
Status ToStatus(Decision decision);

// How a family list must be narrowed for `actor`: always the own organisation; a coach also
// only their own families. kPermissionDenied when the role may not list families.
struct FamilyListScope {
  std::string organisation_id;
  std::optional<std::string> only_coach_id;
};
Result<FamilyListScope> ScopeFamilyList(const Actor& actor);

}  // namespace kansrijk::security
