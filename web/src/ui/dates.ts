// The day, month and year of a date input, checked part by part (pure, no React), so the
// date field can say which part is wrong and the form can turn the parts into 'YYYY-MM-DD'.
import type { MessageKey } from '../i18n/nl';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** 'YYYY-MM-DD' → the three parts as a person types them ("14", "3", "2016"); empty for nothing. */
export function toDateParts(iso: string | null | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { ...EMPTY_DATE };
}

export function isEmptyDate(v: DateParts): boolean {
  return !v.day.trim() && !v.month.trim() && !v.year.trim();
}

export interface DateCheck {
  /** The date as 'YYYY-MM-DD' when the parts make a real date. */
  iso: string | null;
  /** What is wrong, or null (also null when all parts are empty: whether that is allowed is the form's call). */
  problem: MessageKey | null;
  /** The part the problem is about, to mark and to focus. */
  part: DatePart | null;
}

const MISSING: Record<string, MessageKey> = {
  day: 'date.missingDay',
  month: 'date.missingMonth',
  year: 'date.missingYear',
  'day,month': 'date.missingDayMonth',
  'day,year': 'date.missingDayYear',
  'month,year': 'date.missingMonthYear',
};

/** Checks the parts of a date: each part on its own first, then whether the day exists. */
export function checkDateParts(v: DateParts): DateCheck {
  const day = v.day.trim();
  const month = v.month.trim();
  const year = v.year.trim();
  if (!day && !month && !year) return { iso: null, problem: null, part: null };
  const missing = DATE_PARTS.filter((p) => !v[p].trim());
  if (missing.length) return { iso: null, problem: MISSING[missing.join(',')], part: missing[0] };
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { iso: null, problem: 'date.day', part: 'day' };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { iso: null, problem: 'date.month', part: 'month' };
  if (!/^\d{4}$/.test(year)) return { iso: null, problem: 'date.year', part: 'year' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { iso: null, problem: 'date.notReal', part: 'day' };
  }
  return { iso: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, problem: null, part: null };
}

/** The date as 'YYYY-MM-DD', or null when the parts are not (yet) a real date. */
export function dateIso(v: DateParts): string | null {
  return checkDateParts(v).iso;
}
