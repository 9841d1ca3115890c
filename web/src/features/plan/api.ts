// The kansplan API (docs/openapi.yaml, /api/v1/families/{id}/plan): each person's dreams and
// talents in their own words, goals, actions, reviews, and the versions the family agreed.
import { api, request } from '../../api/client';

export const LIFE_DOMAINS = [
  'zrm.financien', 'zrm.werk_opleiding', 'zrm.tijdsbesteding', 'zrm.huisvesting', 'zrm.huiselijke_relaties',
  'zrm.geestelijke_gezondheid', 'zrm.lichamelijke_gezondheid', 'zrm.middelengebruik', 'zrm.basale_adl',
  'zrm.instrumentele_adl', 'zrm.sociaal_netwerk', 'zrm.maatschappelijke_participatie', 'zrm.justitie',
  'ph.lichaamsfuncties', 'ph.mentaal_welbevinden', 'ph.zingeving', 'ph.kwaliteit_van_leven', 'ph.meedoen', 'ph.dagelijks_functioneren',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
export const HORIZONS = ['short', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const GOAL_STATUSES = ['idea', 'active', 'achieved', 'stopped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface Words {
  id: string;
  type: 'dream' | 'talent';
  member_id: string;
  text: string;
}

export interface Goal {
  id: string;
  title: string;
  description: string;
  life_domain: string;
  horizon: Horizon;
  owner_ids: string[];
  target_date: string | null;
  status: GoalStatus;
  history?: { status: string; at: string; by_name: string }[];
  /** Row version: a change sends it back as If-Match. */
  version: number;
}

export interface PlanAction {
  id: string;
  goal_id: string | null;
  member_id: string | null;
  what: string;
  due_on: string | null;
  done: boolean;
  version: number;
}

export interface Review {
  id: string;
  held_on: string;
  went_well: string;
  next_steps: string;
}

export interface VersionInfo {
  id: string;
  number: number;
  status: 'draft' | 'agreed';
  agreed_on: string | null;
  /** Household members who agreed (ids). */
  agreed_by?: string[];
}

export interface Plan {
  version: VersionInfo | null;
  versions: VersionInfo[];
  dreams: Words[];
  goals: Goal[];
  actions: PlanAction[];
  reviews: Review[];
}

export type PlanItemInput =
  | { type: 'dream' | 'talent'; member_id: string; text: string }
  | { type: 'goal'; title: string; description: string; life_domain: string; horizon: Horizon; owner_ids: string[]; target_date: string | null; status: GoalStatus }
  | { type: 'action'; goal_id: string | null; member_id: string | null; what: string; due_on: string | null }
  | { type: 'review'; held_on: string; went_well: string; next_steps: string };

const base = (id: string) => `/families/${encodeURIComponent(id)}/plan`;

export const planApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Plan>(base(id), undefined, signal),
  version: (id: string, vid: string, signal?: AbortSignal) => api.get<Plan>(`${base(id)}/versions/${encodeURIComponent(vid)}`, undefined, signal),
  add: (id: string, body: PlanItemInput) => api.post<Plan>(`${base(id)}/items`, body),
  /** Changes one item as the user saw it (`version` goes as If-Match: a stale screen gets 412). */
  change: (id: string, itemId: string, version: number, body: Record<string, unknown>) =>
    request<Plan>('PATCH', `${base(id)}/items/${encodeURIComponent(itemId)}`, { body, version }).then((r) => r.data),
  agree: (id: string, vid: string, body: { agreed_on: string; member_ids: string[] }) =>
    api.post<Plan>(`${base(id)}/versions/${encodeURIComponent(vid)}/agree`, body),
};
