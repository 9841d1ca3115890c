// The one way an API error becomes words on the screen: by its reason code and parameters,
// from the message catalogue, in the user's language. Nothing here (or anywhere in the web
// app) reads the server's sentences to decide something; `detail` is only shown, and only
// for a code the web does not know yet (the server wrote it in the language we asked for).
import { ApiError, type FieldError } from '../api/client';
import { PHASES } from '../api/types';
import type { Lang, MessageKey, T } from '../i18n';
import { en } from '../i18n/en';
import { knowsCode, renderCoded, type Coded } from '../i18n/messages';
import { nl } from '../i18n/nl';

// Parameters that name a trajectory phase carry its stable name ("actief"); the reader gets the
// phase's name in their language, like everywhere else on the screen.
const PHASE_PARAMS = new Set(['from', 'to', 'next', 'phase']);

function localised(message: Coded, lang: Lang): Coded {
  if (!message.params) return message;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params)) {
    const phase = PHASE_PARAMS.has(name) && (PHASES as readonly string[]).includes(value) ? (`phase.${value}` as MessageKey) : null;
    params[name] = phase ? (lang === 'en' ? en : nl)[phase] : value;
  }
  return { ...message, params };
}

/** The text for one coded message (a problem or a field error) in `lang`, or null. */
export function describeCoded(message: Coded, lang: Lang): string | null {
  return renderCoded(localised(message, lang), lang);
}

// Generic codes whose web text says more than the catalogue's (it can name the minutes to wait,
// or what was not found on this page); a specific code always wins over these.
const GENERIC_NOT_FOUND = new Set(['', 'not_found', 'route_not_found']);
const GENERIC_TOO_MANY = new Set(['', 'too_many_requests']);
const GENERIC_UNAUTHENTICATED = new Set(['', 'unauthenticated']);

export interface DescribeOptions {
  /** What to say for a plain 404 on this page ("this family is not available"). */
  notFoundKey?: MessageKey;
  /** What to say for a plain 401 here (on the login page: "name or password is wrong"). */
  unauthenticatedKey?: MessageKey;
  /** More codes that count as plain here, so the page's own key is said instead. */
  genericCodes?: string[];
}

/** The sentence for any error (an ApiError or anything else) in `lang`. */
export function describeError(error: unknown, lang: Lang, t: T, options: DescribeOptions = {}): string {
  if (!(error instanceof ApiError)) return t('state.error');
  if (error.status === 0) return t('state.networkError');
  const code = error.code;
  // A page that names what it could not find says it best; otherwise a specific code does.
  if (error.status === 404 && (options.notFoundKey || GENERIC_NOT_FOUND.has(code) || !knowsCode(code))) {
    return t(options.notFoundKey ?? 'state.notAvailable');
  }
  if (error.status === 401 && options.unauthenticatedKey && (GENERIC_UNAUTHENTICATED.has(code) || options.genericCodes?.includes(code) || !knowsCode(code))) {
    return t(options.unauthenticatedKey);
  }
  if (error.status === 429 && GENERIC_TOO_MANY.has(code)) {
    return t('state.tooMany', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)) });
  }
  const text = describeCoded(error.problem, lang);
  if (text) return text;
  if (error.status === 403) return t('state.forbidden');
  if (error.status === 412) return t('state.conflict');
  if (error.status === 422) return t('state.fixErrors');
  return t('state.error');
}

/** The text for one field's errors, joined into one message. */
export function describeFieldErrors(errors: FieldError[], lang: Lang): string {
  return errors
    .map((e) => describeCoded(e, lang))
    .filter((x): x is string => !!x)
    .join(' ');
}

/** True when the error carries reason `code` (e.g. "version_stale"). */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}
