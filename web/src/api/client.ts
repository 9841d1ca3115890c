// The one way the web app talks to the kansrijk API: same-origin fetch with the session
// cookie, the CSRF token on every write, If-Match on updates, and problem+json turned into
// an ApiError whose reason codes the UI turns into text from the message catalogue
// (i18n/messages.ts). Every request says which language the user reads (Accept-Language), so
// the server's own `detail` is in that language too when the web does not know a code.

/** One field error: a stable reason code with parameters (the text comes from the catalogue). */
export interface FieldError {
  code: string;
  params?: Record<string, string>;
  /** The server's rendering in the request's language; only for codes the web does not know. */
  detail?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  /** Stable snake_case reason code, e.g. "version_stale", "too_long". */
  code?: string;
  params?: Record<string, string>;
  detail?: string;
  errors?: Record<string, FieldError[]>;
  totp_required?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
    // The code, never a sentence: no code may decide anything on message text.
    super(problem.code ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The last part of the problem type, e.g. "validation", "not-found", "csrf". */
  get slug(): string {
    if (this.status === 0) return 'network';
    const type = this.problem.type ?? '';
    return type.slice(type.lastIndexOf('/') + 1);
  }

  /** The reason code ("" when the server sent none, e.g. no connection). */
  get code(): string {
    return this.problem.code ?? '';
  }

  /** The reason's parameters, e.g. { max: "200" } or { theme: "verslaving" }. */
  get params(): Record<string, string> {
    return this.problem.params ?? {};
  }

  /** Field name → coded errors. Older answers with plain strings are read as unknown codes. */
  get fieldErrors(): Record<string, FieldError[]> {
    const out: Record<string, FieldError[]> = {};
    for (const [field, list] of Object.entries(this.problem.errors ?? {})) {
      out[field] = (Array.isArray(list) ? list : [list]).map((e: FieldError | string) => (typeof e === 'string' ? { code: '', detail: e } : e));
    }
    return out;
  }
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;
let language = 'nl';

/** The user's UI language, sent as Accept-Language on every request (set by I18nProvider). */
export function setRequestLanguage(lang: string): void {
  language = lang;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 while the user thought they were logged in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  /** Row version for If-Match on PATCH. */
  version?: number;
  query?: Query;
  signal?: AbortSignal;
  /** Login and the first /me call handle 401 themselves. */
  noAuthRedirect?: boolean;
  /** A body sent as is (file bytes), instead of `body` as JSON. */
  rawBody?: Blob;
  /** Accept header, for answers that are not JSON (an SVG drawing). */
  accept?: string;
  /** Return the answer as text instead of parsing it as JSON. */
  asText?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

export function buildPath(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', 'Accept-Language': language };
  if (options.rawBody !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;

  let response: Response;
  try {
    response = await fetch(buildPath(`/api/v1${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { status: 0, title: 'network' });
  }

  const text = await response.text();
  if (response.ok && options.asText) return { data: text as T, status: response.status, etag: response.headers.get('ETag') };
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }

  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' ? { ...(parsed as Problem), status: response.status } : { status: response.status };
    const retry = Number(response.headers.get('Retry-After'));
    const error = new ApiError(response.status, problem, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (response.status === 401 && !problem.totp_required && !options.noAuthRedirect && unauthenticatedHandler) {
      unauthenticatedHandler();
    }
    throw error;
  }
  return { data: parsed as T, status: response.status, etag: response.headers.get('ETag') };
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }).then((r) => r.data),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, version: number) => request<T>('PATCH', path, { body, version }).then((r) => r.data),
  /** DELETE with If-Match: the row version the user saw. */
  delete: (path: string, version: number) => request<null>('DELETE', path, { version }).then(() => undefined),
  /** GET of a text answer (e.g. image/svg+xml). */
  text: (path: string, query?: Query, signal?: AbortSignal, accept = 'text/plain') =>
    request<string>('GET', path, { query, signal, accept, asText: true }).then((r) => r.data),
  /** POST of raw bytes (a file); the answer is JSON. */
  postBytes: <T>(path: string, bytes: Blob, query?: Query, signal?: AbortSignal) =>
    request<T>('POST', path, { rawBody: bytes, query, signal }),
};

/** True when the API has no such endpoint yet (or the object is out of reach): 404. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
