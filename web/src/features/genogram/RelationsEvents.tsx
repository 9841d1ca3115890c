// The relations and life events of one person, each with a small form to add one or change one
// (the same form, filled in); removal goes through the confirmation dialog of the person panel.
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading3, Heading4, Paragraph } from '@utrecht/component-library-react';
import { useI18n, type T } from '../../i18n';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { maxLength, type Errors } from '../../ui/forms';
import { Notice } from '../../ui/States';
import { personName, relationsOf, useFormSubmit } from './common';
import { fromDateInput, isYearOnly, toDateInput } from './dates';
import {
  EVENT_KINDS,
  KINDS_OF,
  PARTNER_STATES,
  genogramApi,
  type EventInput,
  type EventKind,
  type Genogram,
  type LifeEvent,
  type PartnerState,
  type Person,
  type Relation,
  type RelationInput,
  type RelationKind,
  type RelationPatch,
} from './api';

/** How a relation reads from one person's side: "Partner van Jan (getrouwd, gescheiden, 1990 – 2004)". */
export function describeRelation(t: T, g: Genogram, r: Relation, personId: string): string {
  const unknown = t('genogram.unknownPerson');
  const other = personName(g, r.a === personId ? r.b : r.a, unknown);
  const kind = t(`genogram.kind.${r.kind}`);
  switch (r.type) {
    case 'partner': {
      const parts = [kind, r.state ? t(`genogram.state.${r.state}`) : '', [r.start_text, r.end_text].filter(Boolean).join(' – ')].filter(Boolean);
      return `${t('genogram.rel.partnerOf', { name: other })} (${parts.join(', ')})`;
    }
    case 'parent_child':
      return `${t(r.a === personId ? 'genogram.rel.parentOf' : 'genogram.rel.childOf', { name: other })}${r.kind === 'biological' ? '' : ` (${kind})`}`;
    case 'emotional':
      if (r.kind === 'abuse') return t(r.a === personId ? 'genogram.rel.abuses' : 'genogram.rel.abusedBy', { name: other });
      return t('genogram.rel.emotional', { kind, name: other });
    case 'twins':
      return t('genogram.rel.twin', { name: other, kind });
  }
  return other;
}

type Direction = 'partner' | 'parent' | 'child' | 'emotional' | 'twins';
const DIRECTIONS: Direction[] = ['partner', 'parent', 'child', 'emotional', 'twins'];

/** How `r` looks from `personId`: the direction the add form would have chosen for it. */
function directionOf(r: Relation, personId: string): Direction {
  if (r.type === 'parent_child') return r.a === personId ? 'parent' : 'child';
  return r.type;
}

/**
 * Adds a relation of `person`, or with `relation` changes that one: then who it is with and the
 * type stay (the API does not change them) and the form starts with what is stored.
 */
function RelationForm({
  g,
  familyId,
  person,
  relation,
  title,
  onDone,
  onCancel,
  onConflict,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  relation?: Relation;
  title: string;
  onDone: () => void;
  onCancel: () => void;
  onConflict?: () => void;
}) {
  const { t } = useI18n();
  const ids = { type: 'gr-type', b: 'gr-other', kind: 'gr-kind', state: 'gr-state', start: 'gr-start', end: 'gr-end', note: 'gr-note' };
  const order = Object.values(ids);
  const [direction, setDirection] = useState<Direction>(relation ? directionOf(relation, person.id) : 'partner');
  const [other, setOther] = useState(relation ? (relation.a === person.id ? relation.b : relation.a) : '');
  const [kind, setKind] = useState<RelationKind>(relation?.kind ?? 'relationship');
  const [state, setState] = useState<PartnerState>(relation?.state ?? 'together');
  const [start, setStart] = useState(toDateInput(relation?.start));
  const [end, setEnd] = useState(toDateInput(relation?.end));
  const [note, setNote] = useState(relation?.note ?? '');
  const { errors, setErrors, general, setGeneral, busy, send } = useFormSubmit(ids, order);
  const type = direction === 'parent' || direction === 'child' ? 'parent_child' : direction;
  const kinds = KINDS_OF[type];
  const others = g.persons.filter((p) => p.id !== person.id);

  function changeDirection(d: Direction) {
    setDirection(d);
    const tp = d === 'parent' || d === 'child' ? 'parent_child' : d;
    setKind(tp === 'partner' ? 'relationship' : KINDS_OF[tp][0]);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!other) errs[ids.b] = t('genogram.rel.chooseOther');
    const n = maxLength(t, note, 2000);
    if (n) errs[ids.note] = n;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    const fields: RelationPatch = { kind };
    if (type === 'partner') {
      fields.state = state;
      fields.start = fromDateInput(start);
      fields.end = fromDateInput(end);
    }
    const withNote = (type === 'partner' || type === 'emotional') && g.notes_visible;
    await send(async () => {
      if (relation) {
        // A cleared note is sent as "" so it is cleared on the server too.
        if (withNote) fields.note = note.trim();
        await genogramApi.updateRelation(familyId, relation.id, fields, relation.version);
      } else {
        // parent_child: a is the parent; "is child of" turns the pair around.
        const [a, b] = direction === 'child' ? [other, person.id] : [person.id, other];
        const body: RelationInput = { type, a, b, ...fields, kind };
        if (withNote && note.trim()) body.note = note.trim();
        await genogramApi.addRelation(familyId, body);
      }
      onDone();
    }, onConflict);
  }

  return (
    <form className="k-form k-geno-subform" onSubmit={submit} noValidate aria-labelledby="gr-title">
      <Heading4 id="gr-title">{title}</Heading4>
      {general && <Notice type="error">{general}</Notice>}
      {!relation && (
        <>
          <SelectField
            id={ids.type}
            autoFocus
            label={t('genogram.rel.type')}
            value={direction}
            onValue={(v) => changeDirection(v as Direction)}
            options={DIRECTIONS.map((d) => ({ value: d, label: t(`genogram.rel.dir.${d}`, { name: person.display_name }) }))}
          />
          <SelectField
            id={ids.b}
            label={t('genogram.rel.other')}
            value={other}
            onValue={setOther}
            error={errors[ids.b]}
            placeholder={t('genogram.rel.choose')}
            options={others.map((p) => ({ value: p.id, label: p.display_name }))}
          />
        </>
      )}
      <SelectField
        id={ids.kind}
        autoFocus={!!relation}
        label={t('genogram.rel.kind')}
        value={kind}
        onValue={(v) => setKind(v as RelationKind)}
        error={errors[ids.kind]}
        description={direction === 'emotional' ? t('genogram.rel.abuseHint', { name: person.display_name }) : undefined}
        options={kinds.map((k) => ({ value: k, label: t(`genogram.kind.${k}`) }))}
      />
      {type === 'partner' && (
        <>
          <SelectField
            id={ids.state}
            label={t('genogram.rel.state')}
            value={state}
            onValue={(v) => setState(v as PartnerState)}
            options={PARTNER_STATES.map((s) => ({ value: s, label: t(`genogram.state.${s}`) }))}
          />
          <div className="k-row">
            <TextField id={ids.start} label={t('genogram.rel.start')} description={t('genogram.dateHint')} value={start} onValue={setStart} error={errors[ids.start]} autoComplete="off" optional />
            <TextField id={ids.end} label={t('genogram.rel.end')} value={end} onValue={setEnd} error={errors[ids.end]} autoComplete="off" optional />
          </div>
        </>
      )}
      {(type === 'partner' || type === 'emotional') && g.notes_visible && (
        <TextareaField id={ids.note} label={t('genogram.person.note')} value={note} onValue={setNote} error={errors[ids.note]} rows={2} optional />
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {relation ? t('common.save') : t('common.add')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The "Wijzigen" button of one item, where focus returns when its form closes. */
function focusEditButton(id: string) {
  document.getElementById(id)?.focus();
}

// "Wijzigen" and "Verwijderen" for one item of a list; the edit button gets `editId` so focus
// can return to it after the form closes.
function ItemActions({ editId, editLabel, removeLabel, onEdit, onRemove }: {
  editId: string;
  editLabel: string;
  removeLabel: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  return (
    <span className="k-geno-items__actions">
      <Button type="button" id={editId} appearance="subtle-button" aria-label={editLabel} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button type="button" appearance="subtle-button" aria-label={removeLabel} onClick={onRemove}>
        {t('common.remove')}
      </Button>
    </span>
  );
}

export function RelationsSection({
  g,
  familyId,
  person,
  onChanged,
  onEdited,
  onConflict,
  onRemove,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  onChanged: (notice: string) => void;
  /** A relation was changed: redraw and say so; focus is already back on its item. */
  onEdited: (notice: string) => void;
  onConflict: () => void;
  onRemove: (r: Relation, text: string) => void;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const rels = relationsOf(g, person.id);
  const editButton = (id: string) => `gr-edit-${id}`;

  function closeEdit(id: string) {
    flushSync(() => setEditing(null));
    focusEditButton(editButton(id));
  }
  return (
    <section aria-labelledby="gr-list-title" className="k-geno-section">
      <Heading3 id="gr-list-title">{t('genogram.rel.title')}</Heading3>
      {rels.length === 0 ? (
        <Paragraph className="k-muted">{t('genogram.rel.empty')}</Paragraph>
      ) : (
        <ul className="k-geno-items">
          {rels.map((r) => {
            const text = describeRelation(t, g, r, person.id);
            if (editing === r.id) {
              return (
                <li key={r.id} className="is-editing">
                  <RelationForm
                    key={`${r.id}:${r.version}`}
                    g={g}
                    familyId={familyId}
                    person={person}
                    relation={r}
                    title={t('genogram.rel.editTitle', { text })}
                    onDone={() => {
                      closeEdit(r.id);
                      onEdited(t('genogram.rel.saved'));
                    }}
                    onCancel={() => closeEdit(r.id)}
                    onConflict={onConflict}
                  />
                </li>
              );
            }
            return (
              <li key={r.id}>
                <span>{text}</span>
                <ItemActions
                  editId={editButton(r.id)}
                  editLabel={t('genogram.rel.edit', { text })}
                  removeLabel={t('genogram.rel.remove', { text })}
                  onEdit={() => {
                    setAdding(false);
                    setEditing(r.id);
                  }}
                  onRemove={() => onRemove(r, text)}
                />
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <RelationForm
          g={g}
          familyId={familyId}
          person={person}
          title={t('genogram.rel.addTitle', { name: person.display_name })}
          onDone={() => {
            setAdding(false);
            onChanged(t('genogram.rel.added'));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            setEditing(null);
            setAdding(true);
          }}
          disabled={g.persons.length < 2}
        >
          {t('genogram.rel.add')}
        </Button>
      )}
    </section>
  );
}

const WITH_OTHER: EventKind[] = ['broken_contact', 'reconciliation', 'divorce'];

/** Adds a life event of `person`, or with `event` changes that one (the form starts with what is stored). */
function EventForm({
  g,
  familyId,
  person,
  event,
  title,
  onDone,
  onCancel,
  onConflict,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  event?: LifeEvent;
  title: string;
  onDone: () => void;
  onCancel: () => void;
  onConflict?: () => void;
}) {
  const { t } = useI18n();
  const ids = { kind: 'ge-kind', date: 'ge-date', description: 'ge-description', place: 'ge-place', place_from: 'ge-place-from', other_person_id: 'ge-other' };
  const order = Object.values(ids);
  const minimal = person.details === 'minimal' && !person.in_household;
  const [kind, setKind] = useState<EventKind>(event?.kind ?? 'move');
  const [date, setDate] = useState(toDateInput(event?.date));
  const [description, setDescription] = useState(event?.description ?? '');
  const [place, setPlace] = useState(event?.place ?? '');
  const [placeFrom, setPlaceFrom] = useState(event?.place_from ?? '');
  const [other, setOther] = useState(event?.other_person_id ?? '');
  const { errors, setErrors, general, setGeneral, busy, send } = useFormSubmit(ids, order);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (minimal && !isYearOnly(date)) errs[ids.date] = t('genogram.person.yearOnly');
    const d = maxLength(t, description, 2000);
    if (d) errs[ids.description] = d;
    for (const [id, v] of [[ids.place, place], [ids.place_from, placeFrom]] as const) {
      const m = maxLength(t, v, 200);
      if (m) errs[id] = m;
    }
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    const body: EventInput = { person_id: person.id, kind, date: fromDateInput(date), description: description.trim(), place: place.trim() };
    if (kind === 'move') body.place_from = placeFrom.trim();
    if (WITH_OTHER.includes(kind) && other) body.other_person_id = other;
    await send(async () => {
      if (event) {
        // A change of kind clears what only the old kind had (where from, with whom).
        await genogramApi.updateEvent(
          familyId,
          event.id,
          { ...body, place_from: body.place_from ?? '', other_person_id: body.other_person_id ?? null },
          event.version,
        );
      } else {
        await genogramApi.addEvent(familyId, body);
      }
      onDone();
    }, onConflict);
  }

  return (
    <form className="k-form k-geno-subform" onSubmit={submit} noValidate aria-labelledby="ge-title">
      <Heading4 id="ge-title">{title}</Heading4>
      {general && <Notice type="error">{general}</Notice>}
      <SelectField
        id={ids.kind}
        autoFocus
        label={t('genogram.event.kind')}
        value={kind}
        onValue={(v) => setKind(v as EventKind)}
        options={EVENT_KINDS.map((k) => ({ value: k, label: t(`genogram.eventKind.${k}`) }))}
      />
      <TextField
        id={ids.date}
        label={minimal ? t('genogram.event.year') : t('genogram.event.date')}
        description={minimal ? t('genogram.yearHint') : t('genogram.dateHint')}
        value={date}
        onValue={setDate}
        error={errors[ids.date]}
        autoComplete="off"
        optional
      />
      {kind === 'move' && <TextField id={ids.place_from} label={t('genogram.event.placeFrom')} value={placeFrom} onValue={setPlaceFrom} error={errors[ids.place_from]} optional />}
      <TextField id={ids.place} label={kind === 'move' ? t('genogram.event.placeTo') : t('genogram.event.place')} value={place} onValue={setPlace} error={errors[ids.place]} optional />
      {WITH_OTHER.includes(kind) && (
        <SelectField
          id={ids.other_person_id}
          label={t('genogram.event.other')}
          value={other}
          onValue={setOther}
          placeholder={t('genogram.event.noOther')}
          options={g.persons.filter((p) => p.id !== person.id).map((p) => ({ value: p.id, label: p.display_name }))}
        />
      )}
      <TextareaField id={ids.description} label={t('genogram.event.description')} value={description} onValue={setDescription} error={errors[ids.description]} rows={2} optional />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {event ? t('common.save') : t('common.add')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** "verhuizing, 1972: van Emmen naar Assen" — one event, for lists and the timeline. */
export function describeEvent(t: T, g: Genogram, e: LifeEvent): string {
  const parts: string[] = [];
  if (e.kind === 'move' && (e.place_from || e.place)) {
    parts.push([e.place_from && t('genogram.event.from', { place: e.place_from }), e.place && t('genogram.event.to', { place: e.place })].filter(Boolean).join(' '));
  } else if (e.place) parts.push(e.place);
  if (e.other_person_id) parts.push(t('genogram.event.with', { name: personName(g, e.other_person_id, t('genogram.unknownPerson')) }));
  if (e.description) parts.push(e.description);
  return parts.join(' · ');
}

export function EventsSection({
  g,
  familyId,
  person,
  onChanged,
  onEdited,
  onConflict,
  onRemove,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  onChanged: (notice: string) => void;
  /** An event was changed: redraw and say so; focus is already back on its item. */
  onEdited: (notice: string) => void;
  onConflict: () => void;
  onRemove: (e: LifeEvent, text: string) => void;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const events = g.events.filter((e) => e.person_id === person.id);
  const editButton = (id: string) => `ge-edit-${id}`;

  function closeEdit(id: string) {
    flushSync(() => setEditing(null));
    focusEditButton(editButton(id));
  }
  return (
    <section aria-labelledby="ge-list-title" className="k-geno-section">
      <Heading3 id="ge-list-title">{t('genogram.event.title')}</Heading3>
      {events.length === 0 ? (
        <Paragraph className="k-muted">{t('genogram.event.empty')}</Paragraph>
      ) : (
        <ul className="k-geno-items">
          {events.map((e) => {
            const label = t(`genogram.eventKind.${e.kind}`);
            const text = `${label}${e.date_text ? `, ${e.date_text}` : ''}`;
            const more = describeEvent(t, g, e);
            if (editing === e.id) {
              return (
                <li key={e.id} className="is-editing">
                  <EventForm
                    key={`${e.id}:${e.version}`}
                    g={g}
                    familyId={familyId}
                    person={person}
                    event={e}
                    title={t('genogram.event.editTitle', { text })}
                    onDone={() => {
                      closeEdit(e.id);
                      onEdited(t('genogram.event.saved'));
                    }}
                    onCancel={() => closeEdit(e.id)}
                    onConflict={onConflict}
                  />
                </li>
              );
            }
            return (
              <li key={e.id}>
                <span>
                  <strong>{text}</strong>
                  {more && <span className="k-muted"> — {more}</span>}
                </span>
                <ItemActions
                  editId={editButton(e.id)}
                  editLabel={t('genogram.event.edit', { text })}
                  removeLabel={t('genogram.event.remove', { text })}
                  onEdit={() => {
                    setAdding(false);
                    setEditing(e.id);
                  }}
                  onRemove={() => onRemove(e, text)}
                />
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <EventForm
          g={g}
          familyId={familyId}
          person={person}
          title={t('genogram.event.addTitle', { name: person.display_name })}
          onDone={() => {
            setAdding(false);
            onChanged(t('genogram.event.added'));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            setEditing(null);
            setAdding(true);
          }}
        >
          {t('genogram.event.add')}
        </Button>
      )}
    </section>
  );
}
