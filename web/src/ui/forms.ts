// Client-side checks that mirror the server's (the server stays the authority), and the
// mapping of problem+json field errors onto form fields.
import { ApiError } from '../api/client';
import { parseDate, todayIso } from '../i18n/format';
import { currentLang, type T } from '../i18n';
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

/** Checks a day-month-year field; returns [iso or null, error or null]. */
export function checkDate(
  t: T,
  value: string,
  opts: { required?: boolean; allowFuture?: boolean; min?: string } = {},
): [string | null, string | null] {
  if (!value.trim()) return [null, opts.required ? t('validation.required') : null];
  const iso = parseDate(value);
  if (!iso) return [null, t('validation.date')];
  if (!opts.allowFuture && iso > todayIso()) return [null, t('validation.dateFuture')];
  if (iso < (opts.min ?? '1900-01-01')) return [null, t('validation.dateTooEarly')];
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
