// Dates and money the Dutch way: Europe/Amsterdam calendar, € 1.234,56, day-month-year.
import type { Lang } from './index';

const TZ = 'Europe/Amsterdam';
const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'nl-NL');

/** A calendar date 'YYYY-MM-DD' as e.g. "14 maart 2016". */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An ISO UTC time as a date and time in Amsterdam, e.g. "23 nov 2026, 10:00". */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ,
  }).format(d);
}

/** The date part of an ISO UTC time in Amsterdam, as a calendar date. */
export function formatDayOf(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return formatDate(isoDateInAmsterdam(new Date(iso)), lang);
}

const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return money.format(cents / 100);
}

export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(value);
}

/** 'YYYY-MM-DD' for a moment, in the Amsterdam calendar. */
export function isoDateInAmsterdam(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function todayIso(): string {
  return isoDateInAmsterdam(new Date());
}

/** Parses "14-03-2016", "14/3/2016", "14.03.2016" or "2016-03-14" into 'YYYY-MM-DD'; null if not a real date. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    d = Number(m[1]); mo = Number(m[2]); y = Number(m[3]);
  } else {
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (!m) return null;
    y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]);
  }
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "1.250,50", "1250,5", "1250.50", "€ 1250" → cents; null for letters or negative amounts. */
export function parseEuro(input: string): number | null {
  let s = input.trim().replace(/^€\s*/, '').replace(/\s/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  const decimalSep = lastComma > lastDot ? ',' : lastDot > lastComma && /\.\d{1,2}$/.test(s) ? '.' : null;
  if (decimalSep) {
    const idx = s.lastIndexOf(decimalSep);
    const whole = s.slice(0, idx).replace(/[.,]/g, '');
    const frac = s.slice(idx + 1);
    if (!/^\d{1,2}$/.test(frac) || !/^\d+$/.test(whole)) return null;
    return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  }
  s = s.replace(/[.,]/g, '');
  return /^\d+$/.test(s) ? Number(s) * 100 : null;
}

/** cents → "1250,50" for a form field. */
export function toInputEuro(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

export function ageOn(birthDate: string | null, today = todayIso()): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}
