// "Save and continue later": a measurement in progress is kept in this browser's localStorage,
// one per family and person, and cleared when it is saved on the server (or thrown away).
import type { DateParts } from '../../ui/dates';
import type { FilledInBy, Moment, ScoreValue } from './api';

export interface Draft {
  family_id: string;
  member_id: string;
  instrument_key: string;
  moment: Moment | '';
  /** Older drafts kept the date as typed ("14-03-2016"); date_parts wins when it is there. */
  date_text: string;
  date_parts?: DateParts;
  filled_in_by: FilledInBy | '';
  scores: Record<string, ScoreValue>;
  notes: Record<string, string>;
  step: number;
  saved_at: string;
}

const PREFIX = 'kansrijk.meting.';
const key = (familyId: string, memberId: string) => `${PREFIX}${familyId}.${memberId}`;

export function saveDraft(draft: Draft): void {
  try {
    localStorage.setItem(key(draft.family_id, draft.member_id), JSON.stringify({ ...draft, saved_at: new Date().toISOString() }));
  } catch {
    /* storage full or blocked: the form still works, it just cannot be continued later */
  }
}

export function loadDraft(familyId: string, memberId: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(familyId, memberId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function removeDraft(familyId: string, memberId: string): void {
  try {
    localStorage.removeItem(key(familyId, memberId));
  } catch {
    /* nothing to remove */
  }
}

/** The drafts of one family, newest first. */
export function listDrafts(familyId: string): Draft[] {
  const out: Draft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(`${PREFIX}${familyId}.`)) continue;
      const d = JSON.parse(localStorage.getItem(k) ?? 'null') as Draft | null;
      if (d && d.member_id) out.push(d);
    }
  } catch {
    /* storage blocked */
  }
  return out.sort((a, b) => b.saved_at.localeCompare(a.saved_at));
}
