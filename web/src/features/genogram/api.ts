// The genogram API of one family (issue 5): persons, relations, life events, the drawing as SVG,
// patterns across generations, and GEDCOM import and export.
import { api, type ApiResponse } from '../../api/client';

export const GENOGRAM_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type GenogramSex = (typeof GENOGRAM_SEXES)[number];
/** A born person, or a pregnancy, miscarriage or stillbirth (each with its own small symbol). */
export const PERSON_KINDS = ['born', 'pregnancy', 'miscarriage', 'stillbirth'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface Person {
  id: string;
  given_names: string;
  surname: string;
  role_label: string;
  sex: GenogramSex;
  /** Not in the first contract; servers without it send no kind (= born). */
  kind?: PersonKind;
  birth: string;
  birth_text: string;
  death: string;
  death_text: string;
  deceased: boolean;
  index_person: boolean;
  in_household: boolean;
  details: 'minimal' | 'full';
  member_id: string | null;
  themes: string[];
  note?: string;
  display_name: string;
  generation: number;
  version: number;
}

export const RELATION_TYPES = ['partner', 'parent_child', 'emotional', 'twins'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export const PARTNER_KINDS = ['married', 'cohabiting', 'relationship'] as const;
export const PARENT_KINDS = ['biological', 'adoptive', 'foster', 'step'] as const;
export const EMOTIONAL_KINDS = ['close', 'fused', 'distant', 'conflict', 'hostile', 'cut_off', 'abuse'] as const;
export const TWIN_KINDS = ['identical', 'fraternal'] as const;
export const PARTNER_STATES = ['together', 'separated', 'divorced', 'widowed'] as const;
export type RelationKind =
  | (typeof PARTNER_KINDS)[number]
  | (typeof PARENT_KINDS)[number]
  | (typeof EMOTIONAL_KINDS)[number]
  | (typeof TWIN_KINDS)[number];
export type PartnerState = (typeof PARTNER_STATES)[number];

export const KINDS_OF: Record<RelationType, readonly RelationKind[]> = {
  partner: PARTNER_KINDS,
  parent_child: PARENT_KINDS,
  emotional: EMOTIONAL_KINDS,
  twins: TWIN_KINDS,
};

export interface Relation {
  id: string;
  type: RelationType;
  /** parent_child: a is the parent; emotional abuse: a abuses b; partner: a is drawn left. */
  a: string;
  b: string;
  kind: RelationKind;
  state?: PartnerState;
  start?: string;
  start_text?: string;
  end?: string;
  end_text?: string;
  note?: string;
  version: number;
}

export const EVENT_KINDS = [
  'birth',
  'death',
  'move',
  'broken_contact',
  'reconciliation',
  'divorce',
  'job_loss',
  'new_job',
  'debts_started',
  'debts_resolved',
  'school_drop_out',
  'diploma',
  'illness',
  'addiction',
  'detention',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface LifeEvent {
  id: string;
  person_id: string;
  kind: EventKind;
  label: string;
  date: string;
  date_text: string;
  year: number | null;
  description: string;
  place: string;
  place_from: string;
  other_person_id: string | null;
  version: number;
}

export interface Theme {
  id: string;
  label: string;
  strength: boolean;
}

export interface Genogram {
  family_id: string;
  persons: Person[];
  relations: Relation[];
  events: LifeEvent[];
  themes: Theme[];
  max_persons: number;
  notes_visible: boolean;
}

export interface Pattern {
  kind: 'theme' | 'event';
  key: string;
  label: string;
  strength: boolean;
  person_ids: string[];
  generations: number[];
}

export type PersonInput = Partial<
  Pick<Person, 'given_names' | 'surname' | 'role_label' | 'sex' | 'kind' | 'birth' | 'death' | 'deceased' | 'index_person' | 'in_household' | 'details' | 'themes' | 'note'>
>;

export type LinkType = 'parent' | 'child' | 'partner' | 'sibling';
export interface Link {
  type: LinkType;
  person_id: string;
  other_parent_id?: string;
}

export interface RelationInput {
  type: RelationType;
  a: string;
  b: string;
  kind: RelationKind;
  state?: PartnerState;
  start?: string;
  end?: string;
  note?: string;
}

/** What PATCH of a relation takes: who it is between and its type stay as they are. */
export type RelationPatch = Partial<Pick<RelationInput, 'kind' | 'state' | 'start' | 'end' | 'note'>>;

export interface EventInput {
  person_id: string;
  kind: EventKind;
  date?: string;
  description?: string;
  place?: string;
  place_from?: string;
  other_person_id?: string | null;
}

export interface ImportReport {
  dry_run: boolean;
  charset: string;
  lines: number;
  records: number;
  persons: number;
  relations: number;
  events: number;
  people: { name: string; years: string }[];
  details: 'minimal' | 'full';
  reduced: number;
  /** Lines not used, with the reason as a code (text from the catalogue) and the server's text. */
  unused: { line: number; text: string; reason: string; code?: string; params?: Record<string, string> }[];
  unused_not_listed: number;
  summary: string;
}

const base = (id: string) => `/families/${encodeURIComponent(id)}/genogram`;
const item = (id: string, what: string, itemId: string) => `${base(id)}/${what}/${encodeURIComponent(itemId)}`;

export const genogramApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Genogram>(base(id), undefined, signal),
  /** The drawing as SVG text; `highlight` marks the persons of one pattern. */
  svg: (id: string, highlight: string[], signal?: AbortSignal) =>
    api.text(`/families/${encodeURIComponent(id)}/genogram.svg`, { highlight: highlight.join(',') }, signal, 'image/svg+xml'),
  patterns: (id: string, signal?: AbortSignal) => api.get<{ items: Pattern[] }>(`${base(id)}/patterns`, undefined, signal),
  fromHousehold: (id: string) => api.post<{ persons: Person[]; relations: Relation[] }>(`${base(id)}/from-household`),
  addPerson: (id: string, body: PersonInput & { link?: Link }) =>
    api.post<{ person: Person; relations: Relation[] }>(`${base(id)}/persons`, body),
  updatePerson: (id: string, pid: string, body: PersonInput, version: number) => api.patch<Person>(item(id, 'persons', pid), body, version),
  deletePerson: (id: string, pid: string, version: number) => api.delete(item(id, 'persons', pid), version),
  addRelation: (id: string, body: RelationInput) => api.post<Relation>(`${base(id)}/relations`, body),
  updateRelation: (id: string, rid: string, body: RelationPatch, version: number) => api.patch<Relation>(item(id, 'relations', rid), body, version),
  deleteRelation: (id: string, rid: string, version: number) => api.delete(item(id, 'relations', rid), version),
  addEvent: (id: string, body: EventInput) => api.post<LifeEvent>(`${base(id)}/events`, body),
  updateEvent: (id: string, eid: string, body: Partial<EventInput>, version: number) => api.patch<LifeEvent>(item(id, 'events', eid), body, version),
  deleteEvent: (id: string, eid: string, version: number) => api.delete(item(id, 'events', eid), version),
  /** GEDCOM import: a dry run reports what would happen; without it the persons are added. */
  importGedcom: (id: string, file: Blob, opts: { dryRun: boolean; full: boolean }, signal?: AbortSignal): Promise<ApiResponse<ImportReport>> =>
    api.postBytes<ImportReport>(`${base(id)}/import`, file, { dry_run: opts.dryRun ? 'true' : undefined, details: opts.full ? 'full' : undefined }, signal),
  /** Address of the GEDCOM export, for a download link (the session cookie goes along). */
  gedcomUrl: (id: string) => `/api/v1/families/${encodeURIComponent(id)}/genogram.ged`,
};
