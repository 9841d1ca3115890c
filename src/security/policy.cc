#include "security/policy.h"

#include <algorithm>

namespace kansrijk::security {

std::optional<PrincipalKind> ParsePrincipalKind(std::string_view name) {
  if (name == "staff") return PrincipalKind::kStaff;
  if (name == "family_member") return PrincipalKind::kFamilyMember;
  if (name == "partner") return PrincipalKind::kPartner;
  return std::nullopt;
}

std::string PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kStaff: return "staff";
    case PrincipalKind::kFamilyMember: return "family_member";
    case PrincipalKind::kPartner: return "partner";
  }
  return "unknown";
}

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

std::string RoleName(const std::optional<Role>& role) { return role ? RoleName(*role) : "unknown"; }

std::string RoleLabel(const Actor& actor) {
  if (actor.kind != PrincipalKind::kStaff) return PrincipalKindName(actor.kind);
  return actor.role ? RoleName(*actor.role) : "unknown";
}

namespace {

using K = PrincipalKind;
using R = Reach;
using S = ScopeKind;

const Grant kAdmin{K::kStaff, Role::kAdmin, R::kOrganisation};
const Grant kLead{K::kStaff, Role::kTeamLead, R::kOrganisation};
const Grant kCoachAssigned{K::kStaff, Role::kCoach, R::kAssignedFamilies};
// Organisation-level actions a coach may take (not bound to one family).
const Grant kCoachOrg{K::kStaff, Role::kCoach, R::kOrganisation};
const Grant kMemberOwn{K::kFamilyMember, std::nullopt, R::kOwnFamily};
const Grant kPartnerOwn{K::kPartner, std::nullopt, R::kOwnReferrals};

// The people who work with a family: its coaches, and the team leads of the organisation.
const std::vector<Grant> kCaseWork = {kLead, kCoachAssigned};
// Every staff member, over their own account.
const std::vector<Grant> kStaffOnly = {kAdmin, kLead, kCoachOrg};
// Every principal that can have a session, over their own account.
const std::vector<Grant> kEveryone = {kAdmin, kLead, kCoachOrg, {K::kFamilyMember, std::nullopt, R::kOrganisation},
                                      {K::kPartner, std::nullopt, R::kOrganisation}};

// The whole matrix. Anything not granted here is denied. Admins run the organisation
// (accounts, programmes, norm tables, theme lists) but never see case content.
const std::vector<PolicyRow> kPolicy = {
    {Action::kFamilyList, "family.list", S::kOrganisation, {kLead, {K::kStaff, Role::kCoach, R::kAssignedFamilies}}},
    {Action::kFamilyCreate, "family.create", S::kOrganisation, {kLead, kCoachOrg}},
    {Action::kFamilyRead, "family.read", S::kFamily, kCaseWork},
    {Action::kFamilyUpdate, "family.update", S::kFamily, kCaseWork},
    {Action::kFamilyAssignCoach, "family.assign_coach", S::kFamily, {kLead}},
    {Action::kMemberList, "member.list", S::kFamily, kCaseWork},
    {Action::kMemberRead, "member.read", S::kFamily, kCaseWork},
    {Action::kMemberCreate, "member.create", S::kFamily, kCaseWork},
    {Action::kMemberUpdate, "member.update", S::kFamily, kCaseWork},
    {Action::kAccessLogRead, "access_log.read", S::kFamily, {kLead}},

    {Action::kUserManage, "user.manage", S::kOrganisation, {kAdmin}},
    {Action::kUserListStaff, "user.list_staff", S::kOrganisation, {kAdmin, kLead}},

    {Action::kProgrammeRead, "programme.read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kProgrammeCreate, "programme.create", S::kOrganisation, {kAdmin}},
    {Action::kProgrammeUpdate, "programme.update", S::kOrganisation, {kAdmin}},
    {Action::kNormRead, "norm.read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kNormCreate, "norm.create", S::kOrganisation, {kAdmin}},

    {Action::kReferralCreate, "referral.create", S::kOrganisation, {kLead, kCoachOrg}},
    {Action::kWaitingListRead, "waiting_list.read", S::kOrganisation, {kLead}},
    {Action::kTeamOverview, "team.overview", S::kOrganisation, {kLead}},
    {Action::kFamilyPhaseChange, "family.phase", S::kFamily, kCaseWork},
    {Action::kTimelineRead, "timeline.read", S::kFamily, kCaseWork},
    {Action::kConsentList, "consent.list", S::kFamily, kCaseWork},
    {Action::kConsentCreate, "consent.create", S::kFamily, kCaseWork},
    {Action::kConsentWithdraw, "consent.withdraw", S::kFamily, kCaseWork},
    {Action::kEligibilityList, "eligibility.list", S::kFamily, kCaseWork},
    {Action::kEligibilityCreate, "eligibility.create", S::kFamily, kCaseWork},
    {Action::kEligibilityOverride, "eligibility.override", S::kFamily, {kLead}},

    {Action::kGenogramRead, "genogram.read", S::kFamily, kCaseWork},
    {Action::kGenogramSvg, "genogram.svg", S::kFamily, kCaseWork},
    {Action::kGenogramPatterns, "genogram.patterns", S::kFamily, kCaseWork},
    {Action::kGenogramExport, "genogram.export", S::kFamily, kCaseWork},
    {Action::kGenogramImport, "genogram.import", S::kFamily, kCaseWork},
    {Action::kGenogramImportDryRun, "genogram.import.dry_run", S::kFamily, kCaseWork},
    {Action::kGenogramFromHousehold, "genogram.from_household", S::kFamily, kCaseWork},
    {Action::kGenogramPersonCreate, "genogram.person.create", S::kFamily, kCaseWork},
    {Action::kGenogramPersonRead, "genogram.person.read", S::kFamily, kCaseWork},
    {Action::kGenogramPersonUpdate, "genogram.person.update", S::kFamily, kCaseWork},
    {Action::kGenogramPersonDelete, "genogram.person.delete", S::kFamily, kCaseWork},
    {Action::kGenogramRelationCreate, "genogram.relation.create", S::kFamily, kCaseWork},
    {Action::kGenogramRelationRead, "genogram.relation.read", S::kFamily, kCaseWork},
    {Action::kGenogramRelationUpdate, "genogram.relation.update", S::kFamily, kCaseWork},
    {Action::kGenogramRelationDelete, "genogram.relation.delete", S::kFamily, kCaseWork},
    {Action::kGenogramEventCreate, "genogram.event.create", S::kFamily, kCaseWork},
    {Action::kGenogramEventRead, "genogram.event.read", S::kFamily, kCaseWork},
    {Action::kGenogramEventUpdate, "genogram.event.update", S::kFamily, kCaseWork},
    {Action::kGenogramEventDelete, "genogram.event.delete", S::kFamily, kCaseWork},
    {Action::kGenogramNoteRead, "genogram.note_read", S::kFamily, kCaseWork},
    {Action::kGenogramThemesRead, "genogram.themes_read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kGenogramThemesManage, "genogram.themes.replace", S::kOrganisation, {kAdmin}},

    {Action::kPlanRead, "plan.read", S::kFamily, {kLead, kCoachAssigned, kMemberOwn}},
    {Action::kReferralStatusRead, "referral.status_read", S::kReferral, {kLead, kPartnerOwn}},

    {Action::kAuthLogin, "auth.login", S::kPublic, {}},
    {Action::kAuthActivate, "user.activate", S::kPublic, {}},
    {Action::kAuthLogout, "auth.logout", S::kOrganisation, kEveryone},
    {Action::kMeRead, "me.read", S::kOrganisation, kEveryone},
    {Action::kMePasswordChange, "user.password_change", S::kOrganisation, kEveryone},
    {Action::kMeTotpSetup, "user.totp_setup", S::kOrganisation, kStaffOnly},
    {Action::kMeTotpEnable, "user.totp_enable", S::kOrganisation, kStaffOnly},
    {Action::kMeTotpDisable, "user.totp_disable", S::kOrganisation, kStaffOnly},
    {Action::kUserCreate, "user.create", S::kOrganisation, {kAdmin}},
    {Action::kUserRead, "user.read", S::kOrganisation, {kAdmin}},
    {Action::kUserUpdate, "user.update", S::kOrganisation, {kAdmin}},
    {Action::kUserActivationReset, "user.password_reset", S::kOrganisation, {kAdmin}},
    // Team leads watch who gets access to family files; admins see what they did.
    {Action::kUserRoleChangesRead, "user.role_changes_read", S::kOrganisation, {kAdmin, kLead}},
    {Action::kUserRoleGrant, "user.role_grant", S::kOrganisation, {kAdmin}},
    {Action::kUserRoleChange, "user.role_change", S::kOrganisation, {kAdmin}},
    // Issue 14 (norms and consent).
    {Action::kEligibilityHousehold, "eligibility.household", S::kFamily, kCaseWork},
    {Action::kPartnerOrgList, "partner_org.list", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kPartnerOrgCreate, "partner_org.create", S::kOrganisation, {kLead}},
    {Action::kPartnerOrgUpdate, "partner_org.update", S::kOrganisation, {kLead}},
    {Action::kConsentTasksRead, "consent.tasks", S::kOrganisation, {kLead, kCoachOrg}},
    // Issue 14: aftercare, further coaches, referrer kinds.
    {Action::kFollowUpList, "follow_up.list", S::kFamily, kCaseWork},
    {Action::kFollowUpRecord, "follow_up.record", S::kFamily, kCaseWork},
    {Action::kFollowUpDue, "follow_up.due", S::kOrganisation, {kLead, {K::kStaff, Role::kCoach, R::kAssignedFamilies}}},
    {Action::kFamilyCoachList, "family.coach_list", S::kFamily, kCaseWork},
    {Action::kFamilyCoachAdd, "family.coach_add", S::kFamily, {kLead}},
    {Action::kFamilyCoachHandover, "family.coach_handover", S::kFamily, {kLead}},
    {Action::kFamilyCoachEnd, "family.coach_end", S::kFamily, {kLead}},
    {Action::kReferrerKindRead, "referrer_kind.read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kReferrerKindManage, "referrer_kind.replace", S::kOrganisation, {kAdmin, kLead}},
    // Measurements (issue 10). Instruments hold no case data; outcomes are aggregates with
    // small-cell suppression, and the export (not pseudonymised) is for the team lead.
    {Action::kInstrumentRead, "instrument.read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kInstrumentManage, "instrument.manage", S::kOrganisation, {kAdmin}},
    {Action::kMeasurementList, "measurement.list", S::kFamily, kCaseWork},
    {Action::kMeasurementCreate, "measurement.create", S::kFamily, kCaseWork},
    {Action::kMeasurementRead, "measurement.read", S::kFamily, kCaseWork},
    {Action::kMeasurementGenerationUpdate, "measurement.generation.update", S::kFamily, kCaseWork},
    {Action::kMeasurementDue, "measurement.due", S::kOrganisation, {kLead, {K::kStaff, Role::kCoach, R::kAssignedFamilies}}},
    {Action::kProgrammeOutcomes, "programme.outcomes", S::kOrganisation, {kLead}},
    {Action::kMeasurementExport, "measurement.export", S::kOrganisation, {kLead}},

    // Issue 11: the family budget, the contact log, the kansplan and "Vandaag".
    // The household may see its budget and approve spending as itself (a family-member
    // principal, on the coach's device or later its own); a coach approves for the coach role
    // only, a team lead for the team-lead role and to override or correct.
    {Action::kBudgetRead, "budget.read", S::kFamily, {kLead, kCoachAssigned, kMemberOwn}},
    {Action::kBudgetAllocate, "budget.allocate", S::kFamily, kCaseWork},
    {Action::kBudgetRequestCreate, "budget.request_create", S::kFamily, kCaseWork},
    {Action::kBudgetApprove, "budget.approve", S::kFamily, {kLead, kCoachAssigned, kMemberOwn}},
    {Action::kBudgetApproveCoach, "budget.approve_coach", S::kFamily, {kCoachAssigned}},
    {Action::kBudgetApproveFamily, "budget.approve_family", S::kFamily, {kCoachAssigned, kMemberOwn}},
    {Action::kBudgetApproveTeamLead, "budget.approve_team_lead", S::kFamily, {kLead}},
    {Action::kBudgetPay, "budget.pay", S::kFamily, kCaseWork},
    {Action::kBudgetReceiptUpload, "budget.receipt_upload", S::kFamily, kCaseWork},
    {Action::kBudgetReceiptRead, "budget.receipt_read", S::kFamily, {kLead, kCoachAssigned, kMemberOwn}},
    {Action::kBudgetCorrect, "budget.correct", S::kFamily, {kLead}},
    {Action::kBudgetPotManage, "budget.pot_manage", S::kOrganisation, {kAdmin, kLead}},
    {Action::kBudgetReport, "budget.report", S::kOrganisation, {kLead}},
    {Action::kContactList, "contact.list", S::kFamily, kCaseWork},
    {Action::kContactCreate, "contact.create", S::kFamily, kCaseWork},
    // The note of a contact, like genogram notes: only the people who work with the family.
    {Action::kContactNoteRead, "contact.note_read", S::kFamily, kCaseWork},
    {Action::kContactHours, "contact.hours", S::kFamily, kCaseWork},
    {Action::kContactHoursOwn, "contact.hours_own", S::kOrganisation, {kLead, kCoachOrg}},
    {Action::kPlanUpdate, "plan.update", S::kFamily, kCaseWork},
    {Action::kPlanAgree, "plan.agree", S::kFamily, kCaseWork},
    {Action::kTodayRead, "today.read", S::kOrganisation, {kLead, kCoachOrg}},

    // Measurement settings, cell texts, corrections (issue 10). A programme's moments are set
    // by the people who run it; every coach reads them (the due list, the form's 12-16 choice).
    // Cell texts are licensed to the organisation: loaded by its admin like an instrument.
    {Action::kMeasurementSettingsRead, "measurement_settings.read", S::kOrganisation, {kAdmin, kLead, kCoachOrg}},
    {Action::kMeasurementSettingsUpdate, "measurement_settings.update", S::kOrganisation, {kAdmin, kLead}},
    {Action::kInstrumentCellsLoad, "instrument.cells_load", S::kOrganisation, {kAdmin}},
    {Action::kMeasurementUpdate, "measurement.update", S::kFamily, kCaseWork},
    // Budget reports, follow-ups, Vandaag (issue 11, second part).
    {Action::kContactHoursReport, "contact.hours_report", S::kOrganisation, {kLead}},
    {Action::kContactFollowUpToPlan, "contact.follow_up_to_plan", S::kFamily, kCaseWork},
};

bool Matches(const Grant& g, const Actor& a) {
  if (g.kind != a.kind) return false;
  if (a.kind == PrincipalKind::kStaff) return a.role.has_value() && g.role == a.role;
  return true;
}

bool Reaches(const Grant& g, const Actor& a, const FamilyScope* family, const ReferralScope* referral) {
  switch (g.reach) {
    case Reach::kOrganisation: return true;
    case Reach::kAssignedFamilies:
      return family && std::find(family->coach_ids.begin(), family->coach_ids.end(), a.user_id) != family->coach_ids.end();
    case Reach::kOwnFamily: return family && a.family_id && *a.family_id == family->family_id;
    case Reach::kOwnReferrals:
      return referral && a.partner_organisation_id && *a.partner_organisation_id == referral->partner_organisation_id;
  }
  return false;
}

}  // namespace

const std::vector<PolicyRow>& PolicyTable() { return kPolicy; }

const PolicyRow& RowFor(Action action) {
  for (const auto& row : kPolicy)
    if (row.action == action) return row;
  // Every Action has a row (policy_test.cc); an Action without one is a bug.
  std::abort();
}

std::string ActionName(Action action) { return std::string(RowFor(action).name); }

std::optional<Action> ActionByName(std::string_view name) {
  for (const auto& row : kPolicy)
    if (row.name == name) return row.action;
  return std::nullopt;
}

bool MayEver(const Actor& actor, Action action) {
  const auto& row = RowFor(action);
  return std::any_of(row.grants.begin(), row.grants.end(), [&](const Grant& g) { return Matches(g, actor); });
}

Decision Decide(const Actor& actor, Action action, const FamilyScope* family, const ReferralScope* referral) {
  const auto& row = RowFor(action);
  if (!MayEver(actor, action)) return Decision::kDenyRole;
  switch (row.scope) {
    case ScopeKind::kPublic:  // nobody is granted a public action; the pipeline lets it through unasked
    case ScopeKind::kOrganisation: return Decision::kAllow;
    case ScopeKind::kFamily:
      if (family == nullptr) return Decision::kDenyRole;
      if (family->organisation_id != actor.organisation_id) return Decision::kDenyScope;
      break;
    case ScopeKind::kReferral:
      if (referral == nullptr) return Decision::kDenyRole;
      if (referral->organisation_id != actor.organisation_id) return Decision::kDenyScope;
      break;
  }
  for (const auto& g : row.grants)
    if (Matches(g, actor) && Reaches(g, actor, family, referral)) return Decision::kAllow;
  return Decision::kDenyScope;
}

Status ToStatus(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return Status::Ok();
    case Decision::kDenyRole: return Status::Forbidden();
    case Decision::kDenyScope: return Status::NotFound("family_not_found");
  }
  return Status::Forbidden();
}

std::vector<std::string> Capabilities(const Actor& actor) {
  std::vector<std::string> out;
  for (const auto& row : kPolicy)
    if (MayEver(actor, row.action)) out.emplace_back(row.name);
  std::sort(out.begin(), out.end());
  return out;
}

Result<FamilyListScope> ScopeFamilyList(const Actor& actor) {
  const auto& row = RowFor(Action::kFamilyList);
  for (const auto& g : row.grants) {
    if (!Matches(g, actor)) continue;
    FamilyListScope scope{actor.organisation_id, std::nullopt, std::nullopt};
    switch (g.reach) {
      case Reach::kOrganisation: return scope;
      case Reach::kAssignedFamilies: scope.only_coach_id = actor.user_id; return scope;
      case Reach::kOwnFamily:
        if (!actor.family_id) return Status::Forbidden();
        scope.only_family_id = actor.family_id;
        return scope;
      case Reach::kOwnReferrals: break;  // partners list referrals, not families
    }
  }
  return Status::Forbidden();
}

}  // namespace kansrijk::security
