import { api } from '../../api/client';
import type {
  ClosingReason,
  Consent,
  EligibilityCheck,
  Family,
  FamilyCoach,
  FollowUp,
  FurtherCoachRole,
  MemberInput,
  ReferrerKindItem,
  Page,
  Phase,
  Referral,
  TimelineItem,
} from '../../api/types';
import { nl } from '../../i18n/nl';
import type { MessageKey, T } from '../../i18n';

const fam = (id: string) => `/families/${encodeURIComponent(id)}`;

export interface ReferralInput extends Referral {
  family_name: string;
  programme_id?: string;
  members: MemberInput[];
}

export interface PhaseInput {
  to: Phase;
  date: string;
  note?: string;
  closing_reason?: ClosingReason;
  closing_summary?: string;
}

export const trajectoryApi = {
  refer: (body: ReferralInput) => api.post<Family>('/referrals', body),
  waitingList: (signal?: AbortSignal) => api.get<Page<Family>>('/waiting-list', { limit: 200 }, signal),
  assign: (id: string, body: { coach_id: string; note?: string }) => api.post<Family>(`${fam(id)}/assign`, body),
  phase: (id: string, body: PhaseInput) => api.post<Family>(`${fam(id)}/phase`, body),
  timeline: (id: string, signal?: AbortSignal) => api.get<Page<TimelineItem>>(`${fam(id)}/timeline`, undefined, signal),
  consents: (id: string, signal?: AbortSignal) => api.get<Page<Consent>>(`${fam(id)}/consents`, undefined, signal),
  addConsent: (id: string, body: Omit<Consent, 'id' | 'withdrawn_on' | 'withdrawal_note' | 'recorded_by_name' | 'version'>) =>
    api.post<Consent>(`${fam(id)}/consents`, body),
  withdrawConsent: (id: string, cid: string, body: { withdrawn_on: string; note?: string }) =>
    api.post<Consent>(`${fam(id)}/consents/${encodeURIComponent(cid)}/withdraw`, body),
  checks: (id: string, signal?: AbortSignal) => api.get<{ items: EligibilityCheck[] }>(`${fam(id)}/eligibility`, undefined, signal),
  check: (
    id: string,
    body: { household_type: string; cost_sharers: number; incomes: { source: string; amount_cents: number }[]; date?: string },
  ) => api.post<EligibilityCheck>(`${fam(id)}/eligibility`, body),
  override: (id: string, eid: string, body: { passes: boolean; reason: string }) =>
    api.post<EligibilityCheck>(`${fam(id)}/eligibility/${encodeURIComponent(eid)}/override`, body),
  // Issue 14: aftercare, further coaches, referrer kinds.
  followUps: (id: string, signal?: AbortSignal) => api.get<Page<FollowUp>>(`${fam(id)}/follow-ups`, undefined, signal),
  recordFollowUp: (id: string, fid: string, body: { outcome: 'done' | 'not_reachable'; note?: string }) =>
    api.post<Family>(`${fam(id)}/follow-ups/${encodeURIComponent(fid)}`, body),
  dueFollowUps: (dueBefore: string, signal?: AbortSignal) =>
    api.get<Page<FollowUp>>('/follow-ups', { due_before: dueBefore, limit: 200 }, signal),
  coaches: (id: string, signal?: AbortSignal) => api.get<Page<FamilyCoach>>(`${fam(id)}/coaches`, undefined, signal),
  addCoach: (id: string, body: { user_id: string; role: FurtherCoachRole; note?: string }) =>
    api.post<FamilyCoach>(`${fam(id)}/coaches`, body),
  handOverCoach: (id: string, cid: string, body: { user_id: string; note: string }) =>
    api.post<FamilyCoach>(`${fam(id)}/coaches/${encodeURIComponent(cid)}/handover`, body),
  endCoach: (id: string, cid: string, body: { note: string }) =>
    api.post<FamilyCoach>(`${fam(id)}/coaches/${encodeURIComponent(cid)}/end`, body),
  referrerKinds: (signal?: AbortSignal) => api.get<Page<ReferrerKindItem>>('/referrer-kinds', undefined, signal),
};

/** Words for a referrer kind: ours for the default codes, the organisation's label for its own. */
export function referrerKindLabel(t: T, code: string, items?: ReferrerKindItem[]): string {
  const key = `referrerKind.${code}`;
  if (key in nl) return t(key as MessageKey);
  return items?.find((k) => k.code === code)?.label ?? code;
}
