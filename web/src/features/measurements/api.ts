// Measurements (issue 10): the instruments (ZRM, Positive Health, the child version, …) as the
// server serves them from data/instruments, the measurements of a family, the due list and a
// programme's outcomes. Shapes follow docs/openapi.yaml; names come per language from the server
// (the instrument files), never from the web.
import { api, buildPath, request } from '../../api/client';
import type { Page } from '../../api/types';
import type { Lang } from '../../i18n';

/** A name in the instrument file: one text per language, or one text for all. */
export type LocalText = string | Partial<Record<Lang, string>>;

export function text(value: LocalText | null | undefined, lang: Lang): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? value.nl ?? value.en ?? Object.values(value)[0] ?? '';
}

export interface Level {
  value: number;
  name: LocalText;
}

export interface Scale {
  /** ordinal: whole levels each with a name (ZRM 1–5); range: whole marks (0–10); yes_no; text. */
  kind: 'ordinal' | 'range' | 'yes_no' | 'text';
  min?: number;
  max?: number;
  max_chars?: number;
  levels?: Level[];
}

export interface Item {
  id: string;
  name?: LocalText;
  /** A key of the instrument's `scales`. */
  scale: string;
}

export interface Domain {
  id: string;
  name: LocalText;
  items: Item[];
  scoring: { rule: 'level' | 'mean' | 'none'; items?: string[] };
  /** Cell texts per level ("1".."5"), only when the organisation loaded them (ZRM © GGD Amsterdam). */
  cells?: Record<string, LocalText> | null;
}

export interface Instrument {
  id: string;
  version: string;
  name: LocalText;
  /** Only `outcome` instruments give programme figures; Positive Health is a `conversation`. */
  purpose: 'outcome' | 'conversation' | 'research';
  audience: { kind: 'adult' | 'child' | 'household'; min_age?: number; max_age?: number; note_code?: string };
  scales: Record<string, Scale>;
  domains: Domain[];
  licence: LocalText;
  source?: string;
  shipped?: boolean;
}

export const MOMENTS = ['nulmeting', 'tussenmeting', 'eindmeting', 'nazorg'] as const;
export type Moment = (typeof MOMENTS)[number];

export const FILLED_IN_BY = ['coach', 'together', 'person'] as const;
export type FilledInBy = (typeof FILLED_IN_BY)[number];

export type ScoreValue = number | boolean | string;

export interface MeasurementInput {
  member_id: string;
  instrument_id: string;
  instrument_version: string;
  moment: Moment;
  taken_on: string;
  filled_in_by: FilledInBy;
  /** item id → value (for the ZRM and Positive Health marks the item id is the domain id). */
  scores: Record<string, ScoreValue>;
  notes?: Record<string, string>;
}

export interface Measurement extends MeasurementInput {
  id: string;
  family_id: string;
  domain_scores: Record<string, number>;
  recorded_by_name: string;
  version: number;
  created_at: string;
}

export interface SummaryMeasurement {
  id: string;
  instrument_id: string;
  instrument_version: string;
  moment: Moment;
  taken_on: string;
  filled_in_by: string;
  domain_scores: Record<string, number>;
  talk_about?: string[];
}

export interface SummaryMember {
  member_id: string;
  given_name: string;
  sex: string;
  household_role: string;
  birth_date: string | null;
  poverty_generation: number | null;
  /** Oldest first. */
  measurements: SummaryMeasurement[];
}

export interface Summary {
  family_id: string;
  members: SummaryMember[];
}

export interface DueMeasurement {
  family_id: string;
  family_name: string;
  member_id: string;
  given_name: string;
  moment: Moment;
  due_on: string;
  overdue: boolean;
}

export interface DomainChange {
  domain_id: string;
  name: LocalText;
  suppressed: boolean;
  code?: string;
  params?: Record<string, string>;
  n?: number;
  mean_from?: number;
  mean_to?: number;
  mean_change?: number;
  improved?: number;
  same?: number;
  worsened?: number;
}

export interface Outcomes {
  programme_id: string;
  instrument_id: string;
  instrument_version: string;
  from: Moment;
  to: Moment;
  min_group_size: number;
  domains: DomainChange[];
  by_generation: { group: string; domains: DomainChange[] }[];
  by_sex: { group: string; domains: DomainChange[] }[];
}

/** Which Positive Health version youths of 12–16 get; null: the programme did not choose (the coach does). */
export type Tool1216 = 'adult' | 'child' | null;

export interface MeasurementSettings {
  programme_id: string;
  interim_every_months: number;
  /** The nazorg moments: the programme's own follow_up_months, or the default schedule. */
  follow_up_months: number[];
  follow_up_default: boolean;
  tool_12_16: Tool1216;
  version: number;
}

/** What a correction may change: never the person or the instrument (docs/decisions.md). */
export interface MeasurementCorrection {
  moment?: Moment;
  taken_on?: string;
  filled_in_by?: FilledInBy;
  scores?: Record<string, ScoreValue>;
  notes?: Record<string, string>;
}

const fam = (id: string) => `/families/${encodeURIComponent(id)}`;

export const measurementsApi = {
  instruments: (signal?: AbortSignal) => api.get<{ items: Instrument[] }>('/instruments', undefined, signal).then((r) => r.items),
  summary: (familyId: string, signal?: AbortSignal) => api.get<Summary>(`${fam(familyId)}/measurements/summary`, undefined, signal),
  create: (familyId: string, body: MeasurementInput) => api.post<Measurement>(`${fam(familyId)}/measurements`, body),
  due: (signal?: AbortSignal) => api.get<Page<DueMeasurement>>('/measurements/due', { limit: 50 }, signal),
  settings: (programmeId: string, signal?: AbortSignal) =>
    api.get<MeasurementSettings>(`/programmes/${encodeURIComponent(programmeId)}/measurement-settings`, undefined, signal),
  putSettings: (programmeId: string, body: { interim_every_months: number; tool_12_16: Tool1216 }, version: number) =>
    request<MeasurementSettings>('PUT', `/programmes/${encodeURIComponent(programmeId)}/measurement-settings`, { body, version }).then((r) => r.data),
  /** One person's measurements in full (scores, notes, version), newest first. */
  ofMember: (familyId: string, memberId: string, signal?: AbortSignal) =>
    api.get<Page<Measurement>>(`${fam(familyId)}/measurements`, { member_id: memberId, limit: 200 }, signal).then((r) => r.items),
  correct: (familyId: string, id: string, body: MeasurementCorrection, version: number) =>
    api.patch<Measurement>(`${fam(familyId)}/measurements/${encodeURIComponent(id)}`, body, version),
  outcomes: (programmeId: string, query: { instrument: string; version?: string; from: string; to: string }, signal?: AbortSignal) =>
    api.get<Outcomes>(`/programmes/${encodeURIComponent(programmeId)}/outcomes`, query, signal),
  /** The address of the export file (the browser downloads it with the session cookie). */
  exportUrl: (programmeId: string, format: 'csv' | 'xlsx', query: { instrument: string; version?: string }) =>
    buildPath(`/api/v1/programmes/${encodeURIComponent(programmeId)}/measurements/export`, { ...query, format }),
};

/** Age in whole years on a date (both 'YYYY-MM-DD'). */
export function ageOn(birth: string | null | undefined, on: string): number | null {
  if (!birth) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birth);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(on);
  if (!b || !d) return null;
  let age = Number(d[1]) - Number(b[1]);
  if (Number(d[2]) * 100 + Number(d[3]) < Number(b[2]) * 100 + Number(b[3])) age -= 1;
  return age;
}

/** The scale of an item. */
export function scaleOf(instrument: Instrument, item: Item): Scale | undefined {
  return instrument.scales[item.scale];
}

/** The scale a domain's score is on (its first scored item's), for chart axes and level names. */
export function domainScale(instrument: Instrument, domain: Domain): Scale | undefined {
  const first = domain.scoring.items?.[0] ?? domain.items[0]?.id;
  const item = domain.items.find((i) => i.id === first) ?? domain.items[0];
  return item ? scaleOf(instrument, item) : undefined;
}

/** Domains that have a score (for charts). */
export function scoredDomains(instrument: Instrument): Domain[] {
  return instrument.domains.filter((d) => d.scoring.rule !== 'none');
}

/** The score range of an instrument's charts: min and max over its scored domains. */
export function scoreRange(instrument: Instrument): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const d of scoredDomains(instrument)) {
    const s = domainScale(instrument, d);
    if (s?.min != null) min = Math.min(min, s.min);
    if (s?.max != null) max = Math.max(max, s.max);
  }
  return { min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 10 };
}

/** The level names of an instrument with named levels (the ZRM), or null. */
export function levelsOf(instrument: Instrument): Level[] | null {
  for (const d of scoredDomains(instrument)) {
    const s = domainScale(instrument, d);
    if (s?.kind === 'ordinal' && s.levels?.length) return s.levels;
  }
  return null;
}

/** "3 beperkt zelfredzaam", or the number alone on a scale without names. */
export function levelLabel(levels: Level[] | null, value: number, lang: Lang): string {
  const level = levels?.find((l) => l.value === value);
  return level ? `${value} ${text(level.name, lang)}` : formatScore(value, lang);
}

export function formatScore(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(value);
}

export function instrumentKey(id: string, version: string): string {
  return `${id}@${version}`;
}

/** What the form says and suggests for a person's age: the child version for 8–12; for 12–16 the programme's choice. */
export interface AgeAdvice {
  age: number | null;
  group: 'child' | 'youth' | 'other';
  /** The instrument to preselect, if the rules name one. */
  suggested: Instrument | null;
  /** Instruments made for this age first, then the rest. */
  ordered: Instrument[];
}

function fits(instrument: Instrument, age: number): boolean {
  const a = instrument.audience;
  const min = a.min_age ?? (a.kind === 'adult' ? 18 : 0);
  return age >= min && (a.max_age == null || age <= a.max_age);
}

/** The instrument the programme's 12–16 choice names: the child version, or the adult version of the same kind of list. */
export function youthInstrument(instruments: Instrument[], tool1216: Tool1216): Instrument | null {
  if (!tool1216) return null;
  const child = instruments.filter((i) => i.audience.kind === 'child' && i.audience.note_code).pop() ?? null;
  if (tool1216 === 'child') return child;
  // The adult list for the same purpose as the child version (Positive Health: a conversation).
  return instruments.filter((i) => i.audience.kind === 'adult' && (!child || i.purpose === child.purpose)).pop() ?? null;
}

export function adviceFor(instruments: Instrument[], birth: string | null | undefined, on: string, tool1216: Tool1216): AgeAdvice {
  const age = ageOn(birth, on);
  if (age == null) return { age, group: 'other', suggested: null, ordered: instruments };
  const fitting = instruments.filter((i) => fits(i, age));
  const ordered = [...fitting, ...instruments.filter((i) => !fitting.includes(i))];
  if (age >= 12 && age < 16) {
    const chosen = youthInstrument(instruments, tool1216);
    return { age, group: 'youth', suggested: chosen, ordered: chosen ? [chosen, ...ordered.filter((i) => i !== chosen)] : ordered };
  }
  if (age >= 8 && age < 12) {
    const child = fitting.filter((i) => i.audience.kind === 'child').pop() ?? null;
    return { age, group: 'child', suggested: child, ordered };
  }
  return { age, group: 'other', suggested: null, ordered };
}
