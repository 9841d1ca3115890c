// The income check's calls: the household as the check sees it, checks, overrides, norm tables.
import { api } from '../../api/client';
import type { EligibilityCheck, HouseholdType } from '../../api/types';
import type { Coded } from '../../i18n/messages';

const fam = (id: string) => `/families/${encodeURIComponent(id)}`;

export const EXCLUSION_REASONS = ['studiefinanciering', 'bbl', 'commerciele_huur'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface HouseholdPerson {
  member_id: string;
  name: string;
  role: string;
  birth_date: string | null;
  age: number | null;
  age_group: 'under_21' | '21_to_pension' | 'pension_age' | null;
  claimant: boolean;
  counts: boolean;
  why: 'claimant' | 'age_min_or_older' | 'younger' | 'birth_date_unknown' | 'excluded';
  excluded_reason: ExclusionReason | null;
}

export interface NormTable {
  version: string;
  valid_from: string;
  valid_until: string | null;
  source: string;
  source_url: string;
  includes_holiday_allowance: boolean;
  norms_cents: Record<string, number>;
  scope: 'national' | 'organisation';
  pension_age: { years: number; months: number; source: string } | null;
  age_groups: Record<string, { includes_holiday_allowance: boolean; source: string; norms_cents: Record<string, number> }>;
}

export interface HouseholdView {
  date: string;
  claimant_ids: string[];
  people: HouseholdPerson[];
  with_children: boolean;
  cost_sharer_min_age: number;
  cost_sharers_required: number;
  cost_sharers_suggested: number;
  table: NormTable | null;
  stale: boolean;
  newest_valid_from: string;
}

export interface CheckDetails {
  age_group?: string;
  norm_key?: string;
  norm_valid_from?: string;
  norm_source?: string;
  norm_source_url?: string;
  norm_includes_holiday_allowance?: boolean;
  incomes_include_holiday_allowance?: boolean;
  income_entered_cents?: number;
  cost_sharers_suggested?: number;
  cost_sharers_applied?: boolean;
  stale?: boolean;
  warnings?: Coded[];
}

export type CheckWithDetails = EligibilityCheck & { details?: CheckDetails };

export interface CheckBody {
  household_type: HouseholdType;
  cost_sharers?: number;
  incomes: { source: string; amount_cents: number }[];
  date?: string;
  incomes_include_holiday_allowance: boolean;
  cost_sharer_exclusions: { member_id: string; reason: ExclusionReason }[];
}

export const eligibilityApi = {
  household: (id: string, date: string, exclusions: Record<string, ExclusionReason>, signal?: AbortSignal) => {
    const q = new URLSearchParams({ date });
    for (const [member, reason] of Object.entries(exclusions)) q.append('exclude', `${member}:${reason}`);
    return api.get<HouseholdView>(`${fam(id)}/eligibility/household?${q.toString()}`, undefined, signal);
  },
  checks: (id: string, signal?: AbortSignal) => api.get<{ items: CheckWithDetails[] }>(`${fam(id)}/eligibility`, undefined, signal),
  check: (id: string, body: CheckBody) => api.post<CheckWithDetails>(`${fam(id)}/eligibility`, body),
  override: (id: string, eid: string, body: { passes: boolean; reason: string }) =>
    api.post<CheckWithDetails>(`${fam(id)}/eligibility/${encodeURIComponent(eid)}/override`, body),
  norms: (signal?: AbortSignal) =>
    api.get<{ items: NormTable[]; stale: boolean; newest_valid_from: string; warnings: Coded[] }>('/norms', undefined, signal),
};
