// Shapes of the kansrijk API (docs/openapi.yaml). Ids are opaque strings, money is cents.

/** A staff role: shown as a label only. What a user may do comes from their capabilities. */
export type Role = 'admin' | 'team_lead' | 'coach';

/** Who is logged in: staff of the organisation, a member of a family, or a partner organisation. */
export type PrincipalKind = 'staff' | 'family_member' | 'partner';

/**
 * An action a user may take, by its audit name: the rows of the policy table on the server
 * (src/security/policy.cc). GET /me lists the ones the user may ever take (`capabilities`);
 * whether a particular family is in reach, the server decides per request.
 */
export type Capability =
  | 'family.list'
  | 'family.create'
  | 'family.read'
  | 'family.update'
  | 'family.assign_coach'
  | 'member.list'
  | 'member.read'
  | 'member.create'
  | 'member.update'
  | 'access_log.read'
  | 'user.manage'
  | 'user.list_staff'
  | 'programme.read'
  | 'programme.create'
  | 'programme.update'
  | 'norm.read'
  | 'norm.create'
  | 'referral.create'
  | 'waiting_list.read'
  | 'team.overview'
  | 'family.phase'
  | 'timeline.read'
  | 'consent.list'
  | 'consent.create'
  | 'consent.withdraw'
  | 'eligibility.list'
  | 'eligibility.create'
  | 'eligibility.override'
  | 'genogram.read'
  | 'genogram.svg'
  | 'genogram.patterns'
  | 'genogram.export'
  | 'genogram.import'
  | 'genogram.import.dry_run'
  | 'genogram.from_household'
  | 'genogram.person.create'
  | 'genogram.person.read'
  | 'genogram.person.update'
  | 'genogram.person.delete'
  | 'genogram.relation.create'
  | 'genogram.relation.read'
  | 'genogram.relation.update'
  | 'genogram.relation.delete'
  | 'genogram.event.create'
  | 'genogram.event.read'
  | 'genogram.event.update'
  | 'genogram.event.delete'
  | 'genogram.note_read'
  | 'genogram.themes_read'
  | 'genogram.themes.replace'
  | 'plan.read'
  | 'referral.status_read'
  // Issue 14 (norms and consent)
  | 'eligibility.household'
  | 'partner_org.list'
  | 'partner_org.create'
  | 'partner_org.update'
  | 'consent.tasks'
  // Issue 14
  | 'follow_up.list'
  | 'follow_up.record'
  | 'follow_up.due'
  | 'family.coach_list'
  | 'family.coach_add'
  | 'family.coach_handover'
  | 'family.coach_end'
  | 'referrer_kind.read'
  | 'referrer_kind.replace'
  // Measurements (issue 10)
  | 'instrument.read'
  | 'measurement.list'
  | 'measurement.read'
  | 'measurement.create'
  | 'measurement.due'
  | 'measurement.export'
  | 'measurement_settings.read'
  | 'measurement_settings.update'
  | 'measurement.update'
  | 'instrument.cells_load'
  | 'programme.outcomes'
  // Kansplan, budget, contact log, Vandaag (issue 11)
  | 'plan.update'
  | 'plan.agree'
  | 'budget.read'
  | 'budget.allocate'
  | 'budget.request_create'
  | 'budget.approve_coach'
  | 'budget.approve_family'
  | 'budget.approve_team_lead'
  | 'budget.pay'
  | 'budget.receipt_read'
  | 'budget.receipt_upload'
  | 'budget.correct'
  | 'budget.report'
  | 'budget.pot_manage'
  | 'contact.list'
  | 'contact.create'
  | 'contact.hours'
  | 'contact.hours_own'
  | 'contact.note_read'
  | 'today.read'
  // Budget reports, follow-ups, Vandaag (issue 11)
  | 'contact.hours_report'
  | 'contact.follow_up_to_plan';

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  organisation_id: string;
  organisation_name: string;
  totp_enabled: boolean;
  disabled: boolean;
  /** Created by an admin, password not chosen yet (the activation link is not used yet). */
  activation_pending?: boolean;
  version?: number;
}

/** GET /api/v1/me (and the answer to a login). */
export interface MeAnswer {
  user: User;
  csrf_token: string;
  kind?: PrincipalKind;
  capabilities?: Capability[];
}

/** A one-time activation link, shown once to the admin who asked for it. */
export interface Activation {
  token: string;
  link: string;
  expires_at: string;
}

/** A role grant or change, or a new activation link, as team leads see them. */
export interface RoleChange {
  at: string;
  kind: 'role' | 'activation';
  user_id: string;
  username: string;
  display_name: string;
  old_role: Role | null;
  new_role: Role;
  changed_by_name: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  /** How many items all pages hold together (lists that count; issue 13). */
  total?: number;
}

export const PHASES = ['aanmelding', 'intake', 'actief', 'afsluiting', 'nazorg'] as const;
export type Phase = (typeof PHASES)[number];

// The default referrer kinds, with words in i18n (referrerKind.*). An organisation keeps its own
// list (GET /referrer-kinds); a code of its own is shown with the label it gave.
export const REFERRER_KINDS = [
  'woningcorporatie', 'school', 'voedselbank', 'kledingbank', 'vakantiebank', 'bibliotheek', 'schuldhulp',
  'welzijn', 'wijkteam', 'huisarts', 'gemeente', 'zelf', 'anders',
] as const;
export type ReferrerKind = string;
export interface ReferrerKindItem {
  code: string;
  label: string;
}

// The reasons offered when closing; op_eigen_verzoek is still shown for older closings.
export const CLOSING_REASONS = [
  'niet_bereikbaar', 'wil_niet', 'inkomen_te_hoog', 'geen_toestemming', 'verhuisd', 'doorverwezen', 'doelen_bereikt', 'anders',
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number] | 'op_eigen_verzoek';

// Aftercare (nazorg): a follow-up moment after closing.
export interface FollowUp {
  id: string;
  family_id: string;
  months: number;
  due_on: string;
  status: 'open' | 'done' | 'not_reachable' | 'cancelled';
  note: string | null;
  recorded_on: string | null;
  recorded_by_name: string | null;
  family_name?: string;
}

// A further coach of a family (the main coach is Family.coach_id).
export const FURTHER_COACH_ROLES = ['kindercoach', 'jongerencoach', 'anders'] as const;
export type FurtherCoachRole = (typeof FURTHER_COACH_ROLES)[number];
export interface FamilyCoach {
  id: string;
  user_id: string;
  display_name: string;
  role: FurtherCoachRole;
  started_on: string;
  ended_on: string | null;
  note: string | null;
  end_note: string | null;
  active: boolean;
}

export interface Contact {
  phone?: string;
  email?: string;
  address?: string;
}

export interface Referral {
  referrer_organisation: string;
  referrer_kind: ReferrerKind;
  reason: string;
  contact: Contact;
}

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
export const HOUSEHOLD_ROLES = ['parent', 'child', 'grandparent', 'other'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

export interface Member {
  id: string;
  family_id: string;
  given_name: string;
  family_name: string;
  birth_date: string | null;
  sex: Sex;
  household_role: HouseholdRole;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MemberInput {
  given_name: string;
  family_name?: string;
  birth_date?: string | null;
  sex?: Sex;
  household_role?: HouseholdRole;
}

export interface Family {
  id: string;
  name: string;
  coach_id: string | null;
  coach_name: string | null;
  status: 'active' | 'archived';
  version: number;
  created_at: string;
  updated_at: string;
  member_count: number;
  members?: Member[];
  // Trajectory fields (issue 4); absent on servers without the trajectory module.
  programme_id?: string | null;
  programme_name?: string | null;
  phase?: Phase;
  waiting_since?: string | null;
  waiting_days?: number | null;
  /** Waited 28 days or more: the lists mark it (our default, docs/decisions.md). */
  long_wait?: boolean;
  intake_date?: string | null;
  closing_reason?: ClosingReason | null;
  closing_summary?: string | null;
  closed_on?: string | null;
  closed_from_phase?: Phase | null;
  not_started?: boolean;
  ended_on?: string | null;
  referral?: Referral | null;
}

export interface AccessLogEntry {
  seq: number;
  at: string;
  user_id: string;
  user_name: string;
  role: Role | string;
  action: string;
  outcome: string;
  request_id: string;
}

export interface Programme {
  id: string;
  name: string;
  threshold_percent: number;
  default_budget_cents: number;
  contact_target_minutes_per_week: number;
  planned_duration_weeks: number;
  follow_up_months: number[];
  active: boolean;
  version: number;
}

export type TimelineKind =
  | 'referral'
  | 'phase'
  | 'assign'
  | 'handover'
  | 'reopen'
  | 'consent'
  | 'consent_withdrawn'
  | 'eligibility'
  | 'override'
  // Issue 14
  | 'follow_up'
  | 'ended'
  | 'coach_added'
  | 'coach_handover'
  | 'coach_ended';

export interface TimelineItem {
  id: string;
  at: string;
  date: string;
  kind: TimelineKind;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  user_name: string;
}

export const CONSENT_PURPOSES = ['coaching', 'sharing', 'research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_METHODS = ['paper', 'verbal', 'digital'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  partner_organisation: string | null;
  given_by: string;
  given_on: string;
  method: ConsentMethod;
  withdrawn_on: string | null;
  withdrawal_note: string | null;
  recorded_by_name: string;
  version: number;
}

export const HOUSEHOLD_TYPES = ['alleenstaande', 'alleenstaande_ouder', 'gehuwden'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export interface EligibilityCheck {
  id: string;
  date: string;
  household_type: HouseholdType;
  cost_sharers: number;
  income_cents: number;
  norm_cents: number;
  percent: number;
  threshold_percent: number;
  passes: boolean;
  norm_table_version: string;
  override: null | { passes: boolean; reason: string; by_name: string };
}

export interface TeamOverview {
  coaches: {
    id: string;
    display_name: string;
    families_by_phase: Partial<Record<Phase, number>>;
    total_active: number;
    families_by_role?: Record<string, number>;
    /** More running families than caseload_max. */
    over_caseload?: boolean;
  }[];
  caseload_max?: number;
  waiting: { count: number; longest_days: number | null; average_days: number | null };
  closed?: { not_started: number; completed: number; not_started_by_reason: Record<string, number> };
  referrals_by_kind?: Record<string, number>;
}
