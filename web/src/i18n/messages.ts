// The server's catalogue of reason codes (data/messages/*.json at the repository root),
// bundled into the web app: every API error is shown from here by its code and parameters,
// in the language the user chose, so browser and server say the same thing in the same words.
import type { Lang } from './index';

type Texts = Partial<Record<Lang, string>>;
type CatalogueFile = Record<string, Texts | string>;

// One file per area, each its own small chunk fetched right after start (outside the initial
// JavaScript); until a file has arrived, its codes fall back to the server's `detail`, which is
// in the UI language too. "_comment" and other keys starting with "_" are notes, not codes.
const files = import.meta.glob<CatalogueFile>('../../../data/messages/*.json', { import: 'default' });

const catalogue: Record<string, Texts> = {};

function add(file: CatalogueFile): void {
  for (const [code, texts] of Object.entries(file)) {
    if (code.startsWith('_') || typeof texts !== 'object' || texts === null) continue;
    catalogue[code] = texts;
  }
}

/** Settles when every catalogue file has loaded (or failed to: then `detail` is shown). */
export const catalogueLoaded: Promise<void> = Promise.all(
  Object.values(files).map((load) =>
    load().then(add, () => {
      /* offline: the server's detail stands in */
    }),
  ),
).then(() => undefined);

/** A reason code with its parameters, as the server sends it (problem+json and field errors). */
export interface Coded {
  code?: string;
  params?: Record<string, string>;
  /** The server's own rendering: shown only when the web does not know the code. */
  detail?: string;
}

/** True when the web app has a text for `code`. */
export function knowsCode(code: string | undefined): boolean {
  return !!code && Object.prototype.hasOwnProperty.call(catalogue, code) && !!catalogue[code].nl;
}

function fill(text: string, params: Record<string, string> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/**
 * The text for a coded message in `lang`: the catalogue's text with {name} filled from the
 * parameters; the server's `detail` when the code is unknown here (the server rendered it in
 * the language the request asked for); null when there is neither.
 */
export function renderCoded(message: Coded, lang: Lang): string | null {
  if (knowsCode(message.code)) {
    const texts = catalogue[message.code as string];
    return fill(texts[lang] ?? texts.nl ?? '', message.params);
  }
  return message.detail || null;
}

/** Every code the web knows (for tests and debugging). */
export function catalogueCodes(): string[] {
  return Object.keys(catalogue).sort();
}
