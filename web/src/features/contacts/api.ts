// The contact log API (docs/openapi.yaml, /api/v1/families/{id}/contacts): who met whom, how
// long, direct or indirect, and minutes per week against the programme's target.
import { api, buildPath } from '../../api/client';
import type { Page } from '../../api/types';

export const CONTACT_KINDS = ['kitchen_table', 'home_visit', 'phone', 'video', 'office', 'accompanied_appointment', 'group_activity'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactEntry {
  id: string;
  started_at: string;
  duration_minutes: number;
  kind: ContactKind;
  direct: boolean;
  planned: boolean;
  member_ids: string[];
  topics: string[];
  note?: string | null;
  follow_ups: string[];
  /** Per follow-up line: the plan action made of it, or null (absent from older servers). */
  follow_up_actions?: (string | null)[];
  coach_id: string | null;
  coach_name: string;
  created_at: string;
}

export interface ContactInput {
  started_at: string;
  duration_minutes: number;
  kind: ContactKind;
  direct: boolean;
  planned?: boolean;
  member_ids: string[];
  topics: string[];
  note?: string;
  follow_ups: string[];
}

export interface Hours {
  target_minutes_per_week: number | null;
  weeks: { week_start: string; direct_minutes: number; indirect_minutes: number }[];
}

const base = (id: string) => `/families/${encodeURIComponent(id)}/contacts`;

export const contactsApi = {
  list: (id: string, cursor?: string, signal?: AbortSignal) => api.get<Page<ContactEntry>>(base(id), { limit: 20, cursor }, signal),
  create: (id: string, body: ContactInput) => api.post<ContactEntry>(base(id), body),
  hours: (id: string, signal?: AbortSignal) => api.get<Hours>(`${base(id)}/hours`, { weeks: 8 }, signal),
  /** Follow-up line `n` (0-based) of a contact becomes an action in the kansplan. */
  toPlan: (id: string, contactId: string, n: number) =>
    api.post<{ action_id: string; contact: ContactEntry }>(`${base(id)}/${encodeURIComponent(contactId)}/plan-actions`, { follow_up: n }),
};

/** One family's hours in the programme report. */
export interface FamilyHours {
  family_id: string;
  family_name: string;
  coach_id: string | null;
  coach_name: string | null;
  direct_minutes: number;
  indirect_minutes: number;
  target_minutes: number;
}

/** One coach's hours in the programme's families. */
export interface CoachHours {
  coach_id: string;
  coach_name: string;
  families: number;
  direct_minutes: number;
  indirect_minutes: number;
  target_minutes: number;
}

/** The team lead's hours report (/api/v1/programmes/{pid}/contact-hours). */
export interface HoursReport {
  programme_id: string;
  weeks: number;
  from: string;
  to: string;
  target_minutes_per_week: number;
  families: FamilyHours[];
  coaches: CoachHours[];
}

const programmeHours = (pid: string) => `/programmes/${encodeURIComponent(pid)}/contact-hours`;

export const hoursApi = {
  report: (pid: string, weeks: number, signal?: AbortSignal) => api.get<HoursReport>(programmeHours(pid), { weeks }, signal),
  /** A download link: CSV of the families or the coaches, or the workbook with both. */
  reportUrl: (pid: string, weeks: number, format: 'csv' | 'xlsx', sheet?: 'families' | 'coaches') =>
    buildPath(`/api/v1${programmeHours(pid)}`, { weeks, format, ...(sheet ? { sheet } : {}) }),
};
