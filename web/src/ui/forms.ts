// Client-side checks that mirror the server's (the server stays the authority), and the
// mapping of problem+json field errors onto form fields.
import { ApiError } from '../api/client';
import { formatDate, todayIso } from '../i18n/format';
import { currentLang, type T } from '../i18n';
import { checkDateParts, isEmptyDate, type DateParts } from './dates';
import { describeFieldErrors } from './errors';

export type Errors = Record<string, string>;

export function required(t: T, value: string, max?: number): string | null {
  const v = value.trim();
  if (!v) return t('validation.required');
  if (max !== undefined && v.length > max) return t('validation.tooLong', { max });
  return null;
}

export function maxLength(t: T, value: string, max: number): string | null {
  return value.trim().length > max ? t('validation.tooLong', { max }) : null;
}

/**
 * Checks a date field (day, month and year apart); returns [iso or null, error or null].
 * The part-by-part message ("Vul een maand in van 1 tot en met 12.") comes first; the date
 * field marks and focuses the part it is about.
 */
export function checkDate(
  t: T,
  value: DateParts,
  opts: { required?: boolean; allowFuture?: boolean; min?: string } = {},
): [string | null, string | null] {
  if (isEmptyDate(value)) return [null, opts.required ? t('date.required') : null];
  const { iso, problem } = checkDateParts(value);
  if (!iso) return [null, t(problem ?? 'date.notReal')];
  if (!opts.allowFuture && iso > todayIso()) return [null, t('validation.dateFuture')];
  if (iso < (opts.min ?? '1900-01-01')) return [null, opts.min ? t('date.tooEarly', { date: formatDate(opts.min, currentLang()) }) : t('validation.dateTooEarly')];
  return [iso, null];
}

/**
 * Splits a 422 from the server into field errors (keyed by our field ids via `fieldIds`:
 * API field name → form field id) and one general message for whatever has no field. The
 * texts come from the message catalogue by code, in the UI language in use.
 */
export function serverErrors(error: unknown, fieldIds: Record<string, string> = {}): { fields: Errors; general: string[] } {
  const fields: Errors = {};
  const general: string[] = [];
  if (error instanceof ApiError && error.status === 422) {
    for (const [name, messages] of Object.entries(error.fieldErrors)) {
      const id = fieldIds[name];
      const text = describeFieldErrors(messages, currentLang());
      if (id) fields[id] = text;
      else general.push(text);
    }
  }
  return { fields, general };
}

export function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}
