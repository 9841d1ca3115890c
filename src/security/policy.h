// Who may do what: the single authorisation policy, as data. One table (policy.cc, kPolicy)
// holds a row per action: its audit name, the kind of scope it is bound to, and the grants —
// which principal (kind and staff role) may do it over which reach. Deny by default: an action
// without a row, a principal without a matching grant, an unknown role or kind get nothing.
// Nothing else in the code decides by role; the web asks /api/v1/me for Capabilities().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace kansrijk::security {

// What a principal is. Family members and partners cannot log in yet (family portal, partner
// network), but their rows and scopes exist and are tested in the policy matrix.
enum class PrincipalKind { kStaff, kFamilyMember, kPartner };
std::optional<PrincipalKind> ParsePrincipalKind(std::string_view name);
std::string PrincipalKindName(PrincipalKind kind);

// The roles of staff principals.
enum class Role { kAdmin, kTeamLead, kCoach };
std::optional<Role> ParseRole(std::string_view name);
std::string RoleName(Role role);
// "unknown" for a role the policy does not know.
std::string RoleName(const std::optional<Role>& role);

// The principal on whose behalf a request runs.
struct Actor {
  PrincipalKind kind = PrincipalKind::kStaff;
  // A staff principal's role. nullopt when the stored role is unknown: such a principal is
  // allowed nothing at all (fail closed).
  std::optional<Role> role;
  std::string user_id;
  std::string username;
  std::string display_name;
  std::string organisation_id;
  std::string organisation_name;
  std::optional<std::string> family_id;                // a family member: their own family
  std::optional<std::string> partner_organisation_id;  // a partner: the partner organisation they act for
};
// The role as stored and audited ("coach", ...), or "unknown".
std::string RoleLabel(const Actor& actor);

// Every action a route or a use case can ask about. The audit name of each is in the table.
enum class Action {
  // Families and household members.
  kFamilyList, kFamilyCreate, kFamilyRead, kFamilyUpdate, kFamilyAssignCoach,
  kMemberList, kMemberRead, kMemberCreate, kMemberUpdate,
  kAccessLogRead,
  // Accounts of the own organisation.
  kUserManage,     // create, change, disable accounts
  kUserListStaff,  // see coaches and team leads (to assign)
  // Programmes and norm tables: organisation data, not case content.
  kProgrammeRead, kProgrammeCreate, kProgrammeUpdate,
  kNormRead, kNormCreate,
  // The trajectory.
  kReferralCreate, kWaitingListRead, kTeamOverview,
  kFamilyPhaseChange, kTimelineRead,
  kConsentList, kConsentCreate, kConsentWithdraw,
  kEligibilityList, kEligibilityCreate, kEligibilityOverride,
  // The genogram.
  kGenogramRead, kGenogramSvg, kGenogramPatterns, kGenogramExport, kGenogramImport, kGenogramImportDryRun,
  kGenogramFromHousehold,
  kGenogramPersonCreate, kGenogramPersonRead, kGenogramPersonUpdate, kGenogramPersonDelete,
  kGenogramRelationCreate, kGenogramRelationRead, kGenogramRelationUpdate, kGenogramRelationDelete,
  kGenogramEventCreate, kGenogramEventRead, kGenogramEventUpdate, kGenogramEventDelete,
  // Free-text notes about relatives, who never consented to anything: only the people who work
  // with the family, never a family member, partner or later role such as a researcher.
  kGenogramNoteRead,
  kGenogramThemesRead, kGenogramThemesManage,
  // The family's own plan-level data (the kansplan): the first thing a family member may read.
  kPlanRead,
  // A partner organisation: the status of the referrals it made.
  kReferralStatusRead,
  // Signing in and one's own account. Login and activation are public: no principal yet.
  kAuthLogin, kAuthActivate, kAuthLogout, kMeRead, kMePasswordChange, kMeTotpSetup, kMeTotpEnable, kMeTotpDisable,
  // Accounts of the own organisation (admins), and who got which role (team leads).
  kUserCreate, kUserRead, kUserUpdate, kUserActivationReset, kUserRoleChangesRead,
  // Audit rows of what an account change also did (never a route of its own).
  kUserRoleGrant, kUserRoleChange,
  // Issue 14 (norms and consent): the household as the income check sees it; the team lead's
  // list of partner organisations that sharing consent names; the open tasks of the caseload.
  kEligibilityHousehold,
  kPartnerOrgList, kPartnerOrgCreate, kPartnerOrgUpdate,
  kConsentTasksRead,
  // Issue 14 (closing, nazorg, further coaches, referrer kinds).
  kFollowUpList, kFollowUpRecord,  // one family's follow-up moments
  kFollowUpDue,                    // due moments across the caller's families
  kFamilyCoachList, kFamilyCoachAdd, kFamilyCoachHandover, kFamilyCoachEnd,
  kReferrerKindRead, kReferrerKindManage,
  // Measurements (issue 10): instruments, measurements per member, due list, outcomes, export.
  kInstrumentRead, kInstrumentManage,
  kMeasurementList, kMeasurementCreate, kMeasurementRead, kMeasurementGenerationUpdate, kMeasurementDue,
  kProgrammeOutcomes, kMeasurementExport,
  // Issue 11: the family budget, the contact log, the kansplan and "Vandaag".
  kBudgetRead, kBudgetAllocate, kBudgetRequestCreate, kBudgetApprove,
  kBudgetApproveCoach, kBudgetApproveFamily, kBudgetApproveTeamLead,  // asked by the approval route per role
  kBudgetPay, kBudgetReceiptUpload, kBudgetReceiptRead, kBudgetCorrect, kBudgetPotManage, kBudgetReport,
  kContactList, kContactCreate, kContactNoteRead, kContactHours, kContactHoursOwn,
  kPlanUpdate, kPlanAgree,
  kTodayRead,
  // Measurement settings, cell texts, corrections (issue 10).
  kMeasurementSettingsRead, kMeasurementSettingsUpdate, kInstrumentCellsLoad, kMeasurementUpdate,
  // Issue 11, second part: the team lead's hours report; a contact's follow-up into the plan.
  kContactHoursReport, kContactFollowUpToPlan,
};

// What an action is bound to.
enum class ScopeKind {
  kOrganisation,  // the caller's own organisation; no resource to look up
  kFamily,        // one family
  kReferral,      // one referral made by a partner organisation
  kPublic,        // no principal: the steps of signing in; nobody is granted, the route is open
};

// How far a grant reaches within the scope.
enum class Reach {
  kOrganisation,      // everything of the own organisation
  kAssignedFamilies,  // families the principal is a coach of
  kOwnFamily,         // the family the principal belongs to
  kOwnReferrals,      // referrals of the principal's partner organisation
};

struct Grant {
  PrincipalKind kind;
  std::optional<Role> role;  // staff grants name the role; others leave it empty
  Reach reach;
};

struct PolicyRow {
  Action action;
  std::string_view name;  // the audit and capability name, e.g. "family.read"
  ScopeKind scope;
  std::vector<Grant> grants;
};

// The whole table, one row per action (a unit test proves every Action has exactly one).
const std::vector<PolicyRow>& PolicyTable();
// The row of `action`; every Action has one.
const PolicyRow& RowFor(Action action);
// The audit name of `action`: the only source of audit action names.
std::string ActionName(Action action);
// The action with audit name `name`, if any.
std::optional<Action> ActionByName(std::string_view name);

// The family a family-bound action is about.
struct FamilyScope {
  std::string family_id;
  std::string organisation_id;
  std::vector<std::string> coach_ids;  // every coach assigned to the family
};
// The referral a partner-bound action is about.
struct ReferralScope {
  std::string organisation_id;
  std::string partner_organisation_id;
};

enum class Decision {
  kAllow,
  kDenyRole,   // the principal never may: 403
  kDenyScope,  // the resource is outside the caller's reach: 404, so ids do not leak
};

// Decides `action` for `actor`. A family-bound action needs `family`, a referral-bound one
// `referral`; without it the decision is kDenyRole unless no grant matches at all.
Decision Decide(const Actor& actor, Action action, const FamilyScope* family = nullptr,
                const ReferralScope* referral = nullptr);
// True when some grant of `action` matches the principal (kind and role), whatever the scope:
// what the role may do at all. Used for capabilities and to answer 403 before any lookup.
bool MayEver(const Actor& actor, Action action);
// OK, kPermissionDenied or kNotFound for a decision.
Status ToStatus(Decision decision);

// The audit names of every action `actor` may ever take: the capabilities /api/v1/me returns.
std::vector<std::string> Capabilities(const Actor& actor);

// How a family list must be narrowed for `actor`, from the reach of its kFamilyList grant:
// always the own organisation; a coach also only their own families; a family member only
// their own. kPermissionDenied when no grant matches.
struct FamilyListScope {
  std::string organisation_id;
  std::optional<std::string> only_coach_id;
  std::optional<std::string> only_family_id;
};
Result<FamilyListScope> ScopeFamilyList(const Actor& actor);

}  // namespace kansrijk::security
