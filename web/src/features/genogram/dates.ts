// Dates in the genogram are remembered, not documented: "1950", "ca. 1950", "maart 1972" or
// "12-03-1972". The server stores GEDCOM 5.5.1 date strings and also reads ISO; these helpers
// turn what a coach types into that, and a stored date back into something a coach can edit.
import { parseDate } from '../../i18n/format';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const ABOUT = /^(?:ca\.?|circa|ongeveer|rond|abt\.?|about|c\.)\s*(\d{3,4})$/i;

/** A stored GEDCOM date as text for a form field ("ABT 1950" → "ca. 1950", "12 MAR 1972" → "12-03-1972"). */
export function toDateInput(gedcom: string | undefined): string {
  const s = (gedcom ?? '').trim();
  if (!s) return '';
  let m = /^ABT (\d{3,4})$/i.exec(s);
  if (m) return `ca. ${m[1]}`;
  m = /^(\d{1,2}) ([A-Z]{3}) (\d{3,4})$/i.exec(s);
  if (m && MONTHS.includes(m[2].toUpperCase())) {
    return `${m[1].padStart(2, '0')}-${String(MONTHS.indexOf(m[2].toUpperCase()) + 1).padStart(2, '0')}-${m[3]}`;
  }
  m = /^([A-Z]{3}) (\d{3,4})$/i.exec(s);
  if (m && MONTHS.includes(m[1].toUpperCase())) return `${String(MONTHS.indexOf(m[1].toUpperCase()) + 1).padStart(2, '0')}-${m[2]}`;
  return s;
}

/**
 * What a coach typed, as the API takes it: "" (no date), a year, "ABT 1950", an ISO day, a GEDCOM
 * month ("MAR 1972"), or anything else unchanged (the server reads GEDCOM and keeps the rest as a
 * phrase, so nothing the family said is lost).
 */
export function fromDateInput(input: string): string {
  const s = input.trim();
  if (!s) return '';
  if (/^\d{3,4}$/.test(s)) return s;
  let m = ABOUT.exec(s);
  if (m) return `ABT ${m[1]}`;
  const iso = parseDate(s);
  if (iso) return iso;
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${MONTHS[Number(m[1]) - 1]} ${m[2]}`;
  return s;
}

/**
 * For a relative outside the household without consent only a year is kept ("1950" or
 * "ca. 1950"); true when the input is such a year or empty.
 */
export function isYearOnly(input: string): boolean {
  const s = input.trim();
  return !s || /^\d{3,4}$/.test(s) || ABOUT.test(s);
}
