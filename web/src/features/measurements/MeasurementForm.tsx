// The measurement form (issue 10), made for a tablet at the kitchen table and for the keyboard:
// first who, which list, which moment, when and who filled it in; then one domain at a time with
// the level names (and the cell texts an organisation loaded) as large choices, previous/next and
// "Domein 3 van 13"; then a check of everything before saving. Every step is kept on this device,
// so the measurement can be continued later; saving clears it. Positive Health is a conversation:
// per dimension a mark, "hier wil ik over praten" and the person's own words. A saved measurement
// opens here too, to be corrected (`editing`): at the check of everything, with the person and the
// list fixed, not kept as a draft, saved with If-Match.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Checkbox, Heading2, Paragraph, RadioButton, Textarea } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, parseDate, todayIso } from '../../i18n/format';
import { SelectField } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { dateIso, toDateParts, type DateParts } from '../../ui/dates';
import { checkDate, type Errors } from '../../ui/forms';
import { describeFieldErrors } from '../../ui/errors';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../ui/States';
import type { Family } from '../../api/types';
import {
  adviceFor,
  FILLED_IN_BY,
  instrumentKey,
  measurementsApi,
  MOMENTS,
  scaleOf,
  text,
  type Domain,
  type Instrument,
  type Item,
  type Measurement,
  type ScoreValue,
  type Summary,
  type Tool1216,
} from './api';
import { loadDraft, removeDraft, saveDraft, type Draft } from './drafts';

function toNl(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

/** A saved measurement as the form's state, at the check of everything. */
function draftOf(m: Measurement, instruments: Instrument[]): Draft {
  const instrument = instruments.find((i) => i.id === m.instrument_id && i.version === m.instrument_version);
  return {
    family_id: m.family_id,
    member_id: m.member_id,
    instrument_key: instrumentKey(m.instrument_id, m.instrument_version),
    moment: m.moment,
    date_text: toNl(m.taken_on),
    date_parts: toDateParts(m.taken_on),
    filled_in_by: m.filled_in_by,
    scores: { ...m.scores },
    notes: { ...(m.notes ?? {}) },
    step: (instrument?.domains.length ?? 0) + 1,
    saved_at: m.created_at,
  };
}

/** The date of a draft as its three parts (a draft saved before the date input had parts has only the text). */
function partsOf(d: Draft): DateParts {
  return d.date_parts ?? toDateParts(parseDate(d.date_text));
}

function emptyDraft(familyId: string, memberId: string): Draft {
  return {
    family_id: familyId,
    member_id: memberId,
    instrument_key: '',
    moment: '',
    date_text: toNl(todayIso()),
    date_parts: toDateParts(todayIso()),
    filled_in_by: '',
    scores: {},
    notes: {},
    step: 0,
    saved_at: new Date().toISOString(),
  };
}

const ABOUT_FIELDS: Record<string, string> = {
  member_id: 'mf-member',
  instrument_id: 'mf-instrument',
  instrument_version: 'mf-instrument',
  moment: 'mf-moment',
  taken_on: 'mf-date',
  filled_in_by: 'mf-filled',
};

/** The domain a field error belongs to: "scores.financien", "scores[financien]", "notes.x" → its step. */
function domainOfField(field: string, instrument: Instrument | undefined): Domain | undefined {
  const m = /^(?:scores|notes)[.[/]([^\]]+)\]?$/.exec(field);
  if (!m || !instrument) return undefined;
  const id = m[1];
  return instrument.domains.find((d) => d.id === id || d.items.some((i) => i.id === id));
}

export default function MeasurementForm({
  family,
  summary,
  instruments,
  draft: initial,
  memberId,
  editing,
  onSaved,
  onLater,
  onCancel,
}: {
  family: Family;
  summary: Summary;
  instruments: Instrument[];
  draft?: Draft;
  memberId?: string;
  /** A saved measurement to correct. */
  editing?: Measurement;
  onSaved: (m: Measurement) => void;
  onLater: (d: Draft) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const { confirm, dialog } = useConfirm();
  const errorMessage = useErrorMessage();
  const [d, setD] = useState<Draft>(() => (editing ? draftOf(editing, instruments) : (initial ?? emptyDraft(family.id, memberId ?? ''))));
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [resumed, setResumed] = useState<string | null>(initial ? initial.saved_at : null);
  const [busy, setBusy] = useState(false);
  const [tool1216, setTool1216] = useState<Tool1216>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  // Which Positive Health version the programme chose for 12–16 (null: not chosen, or not readable).
  useEffect(() => {
    if (!family.programme_id) return;
    const controller = new AbortController();
    measurementsApi
      .settings(family.programme_id, controller.signal)
      .then((s) => setTool1216(s.tool_12_16))
      .catch(() => setTool1216(null));
    return () => controller.abort();
  }, [family.programme_id]);

  const member = summary.members.find((m) => m.member_id === d.member_id);
  const takenOn = dateIso(partsOf(d)) ?? todayIso();
  const advice = useMemo(() => adviceFor(instruments, member?.birth_date, takenOn, tool1216), [instruments, member?.birth_date, takenOn, tool1216]);
  const instrument = instruments.find((i) => instrumentKey(i.id, i.version) === d.instrument_key);
  const domains = instrument?.domains ?? [];
  const total = domains.length;
  const reviewStep = total + 1;

  // The programme's 12–16 choice may arrive after the person was chosen: preselect it then too.
  useEffect(() => {
    if (editing || !tool1216) return;
    setD((prev) => {
      if (!prev.member_id || prev.instrument_key || prev.step > 0) return prev;
      const m = summary.members.find((x) => x.member_id === prev.member_id);
      const a = adviceFor(instruments, m?.birth_date, dateIso(partsOf(prev)) ?? todayIso(), tool1216);
      return a.group === 'youth' && a.suggested ? { ...prev, instrument_key: instrumentKey(a.suggested.id, a.suggested.version) } : prev;
    });
  }, [tool1216]); // eslint-disable-line react-hooks/exhaustive-deps

  // Keep every change on this device (once a person is chosen), until it is saved.
  useEffect(() => {
    if (!editing && d.member_id && (d.step > 0 || d.instrument_key)) saveDraft(d);
  }, [d, editing]);

  // A new step starts at its heading, so a screen reader says where we are.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [d.step]);

  function set(patch: Partial<Draft>) {
    setD((prev) => ({ ...prev, ...patch }));
  }

  function chooseMember(id: string) {
    const kept = id ? loadDraft(family.id, id) : null;
    if (kept) {
      setD({ ...kept, step: 0 });
      setResumed(kept.saved_at);
      return;
    }
    setResumed(null);
    // The rules for the person's age preselect the list (the child version; the programme's choice for 12–16).
    const m = summary.members.find((x) => x.member_id === id);
    const a = adviceFor(instruments, m?.birth_date, takenOn, tool1216);
    set({ member_id: id, instrument_key: a.suggested ? instrumentKey(a.suggested.id, a.suggested.version) : d.instrument_key });
  }

  function setScore(item: string, value: ScoreValue | null) {
    setD((prev) => {
      const scores = { ...prev.scores };
      if (value === null || value === '') delete scores[item];
      else scores[item] = value;
      return { ...prev, scores };
    });
  }

  function checkAbout(): boolean {
    const e: Errors = {};
    if (!d.member_id) e['mf-member'] = t('validation.required');
    if (!d.instrument_key) e['mf-instrument'] = t('validation.required');
    if (!d.moment) e['mf-moment'] = t('validation.required');
    const [, dateError] = checkDate(t, partsOf(d), { required: true });
    if (dateError) e['mf-date'] = dateError;
    if (!d.filled_in_by) e['mf-filled'] = t('validation.required');
    setErrors(e);
    const firstId = ['mf-member', 'mf-instrument', 'mf-moment', 'mf-date', 'mf-filled'].find((id) => e[id]);
    if (firstId) {
      setTimeout(() => document.getElementById(firstId)?.focus(), 0);
      return false;
    }
    return true;
  }

  function go(step: number) {
    setGeneral(null);
    set({ step });
  }

  function next(e: FormEvent) {
    e.preventDefault();
    if (d.step === 0 && !checkAbout()) return;
    // A correction changes one thing at a time: back to the check of everything.
    go(editing ? reviewStep : Math.min(d.step + 1, reviewStep));
  }

  function later() {
    if (!d.member_id || editing) {
      onCancel();
      return;
    }
    saveDraft(d);
    onLater(d);
  }

  // Throwing away what was filled in cannot be undone: ask first (a form still empty goes at once).
  async function cancel() {
    const filled = Object.keys(d.scores).length > 0 || Object.values(d.notes).some((n) => n.trim());
    if (filled && !(await confirm({ title: t('confirm.discardTitle'), text: t('confirm.discardText'), confirmLabel: t('confirm.discardYes') }))) return;
    if (d.member_id && !initial && !editing) removeDraft(family.id, d.member_id);
    onCancel();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!instrument || !d.moment || !d.filled_in_by) {
      go(0);
      return;
    }
    const notes: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.notes)) if (v.trim()) notes[k] = v.trim();
    setBusy(true);
    setGeneral(null);
    try {
      const taken_on = dateIso(partsOf(d)) ?? '';
      if (editing) {
        // The person and the list stay: only what a correction may change is sent.
        const saved = await measurementsApi.correct(family.id, editing.id, { moment: d.moment, taken_on, filled_in_by: d.filled_in_by, scores: d.scores, notes }, editing.version);
        onSaved(saved);
        return;
      }
      const saved = await measurementsApi.create(family.id, {
        member_id: d.member_id,
        instrument_id: instrument.id,
        instrument_version: instrument.version,
        moment: d.moment,
        taken_on,
        filled_in_by: d.filled_in_by,
        scores: d.scores,
        notes,
      });
      removeDraft(family.id, d.member_id);
      onSaved(saved);
    } catch (err) {
      // Field errors by code, from the catalogue (ui/errors.ts); the about-fields by their form ids.
      const fieldErrors: Errors = {};
      if (err instanceof ApiError && err.status === 422) {
        for (const [field, list] of Object.entries(err.fieldErrors)) fieldErrors[ABOUT_FIELDS[field] ?? field] = describeFieldErrors(list, lang);
      }
      setErrors(fieldErrors);
      setGeneral(Object.keys(fieldErrors).length > 0 ? t('state.fixErrors') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const nav = (submitLabel: string) => (
    <div className="k-meas-nav">
      <ButtonGroup>
        {d.step > 0 && (
          <Button type="button" appearance="secondary-action-button" onClick={() => go(d.step - 1)}>
            ← {t('measForm.previous')}
          </Button>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {submitLabel}
        </Button>
      </ButtonGroup>
      <ButtonGroup>
        {!editing && (
          <Button type="button" appearance="subtle-button" onClick={later}>
            {t('measForm.later')}
          </Button>
        )}
        <Button type="button" appearance="subtle-button" hint="danger" className="k-danger" onClick={() => void cancel()}>
          {t('measForm.cancel')}
        </Button>
        {dialog}
      </ButtonGroup>
    </div>
  );

  const who = member?.given_name ?? '';

  // ---- Step 0: who, what, when
  if (d.step === 0 || !instrument) {
    let adviceText: string | null = null;
    if (member && advice.age != null) {
      if (advice.group === 'child') adviceText = t('measForm.instrumentChild', { name: who, age: advice.age });
      else if (advice.group === 'youth')
        adviceText = advice.suggested
          ? t('measForm.instrumentYouth', { name: who, age: advice.age, instrument: text(advice.suggested.name, lang) })
          : t('measForm.instrumentYouthOpen', { name: who, age: advice.age });
    }
    return (
      <section aria-labelledby="mf-title" className="k-meas-form">
        <Heading2 id="mf-title" ref={headingRef} tabIndex={-1}>
          {editing ? t('measForm.correctTitle') : t('measForm.title')}: {t('measForm.stepAbout')}
        </Heading2>
        {editing && (
          <Alert type="info">
            <Paragraph>{t('measForm.correctFixed')}</Paragraph>
          </Alert>
        )}
        {resumed && !editing && <Alert type="info" role="status"><Paragraph>{t('measForm.resumed', { date: formatDateTime(resumed, lang) })}</Paragraph></Alert>}
        {general && (
          <Alert type="error" role="alert">
            <Paragraph>{general}</Paragraph>
          </Alert>
        )}
        <form className="k-form" noValidate onSubmit={next}>
          <SelectField
            id="mf-member"
            label={t('measForm.person')}
            value={d.member_id}
            onValue={chooseMember}
            disabled={!!editing}
            placeholder={t('measForm.choose')}
            error={errors['mf-member']}
            options={summary.members.map((m) => ({ value: m.member_id, label: m.birth_date ? `${m.given_name} (${formatDate(m.birth_date, lang)})` : m.given_name }))}
          />
          <SelectField
            id="mf-instrument"
            label={t('measForm.instrument')}
            value={d.instrument_key}
            onValue={(v) => set({ instrument_key: v, scores: {}, notes: {} })}
            disabled={!!editing}
            placeholder={t('measForm.choose')}
            description={adviceText ?? undefined}
            error={errors['mf-instrument']}
            options={advice.ordered.map((i) => ({ value: instrumentKey(i.id, i.version), label: `${text(i.name, lang)} (${i.version})` }))}
          />
          <SelectField
            id="mf-moment"
            label={t('measForm.moment')}
            value={d.moment}
            onValue={(v) => set({ moment: v as Draft['moment'] })}
            placeholder={t('measForm.choose')}
            error={errors['mf-moment']}
            options={MOMENTS.map((m) => ({ value: m, label: t(`moment.${m}`) }))}
          />
          <DateField
            id="mf-date"
            legend={t('measForm.date')}
            value={partsOf(d)}
            onValue={(v) => set({ date_parts: v })}
            error={errors['mf-date']}
          />
          <SelectField
            id="mf-filled"
            label={t('measForm.filledInBy')}
            value={d.filled_in_by}
            onValue={(v) => set({ filled_in_by: v as Draft['filled_in_by'] })}
            placeholder={t('measForm.choose')}
            error={errors['mf-filled']}
            options={FILLED_IN_BY.map((f) => ({ value: f, label: t(`filledBy.${f}`) }))}
          />
          {nav((editing ? t('measForm.toReview') : t('measForm.next')) + ' →')}
        </form>
      </section>
    );
  }

  const instrumentName = text(instrument.name, lang);

  // ---- Review: everything at a glance, each domain one press from changing it
  if (d.step >= reviewStep) {
    const errorSteps = domains
      .map((dom, i) => ({ dom, step: i + 1 }))
      .filter(({ dom }) => Object.keys(errors).some((f) => domainOfField(f, instrument) === dom));
    const aboutError = Object.values(ABOUT_FIELDS).some((id) => errors[id]);
    return (
      <section aria-labelledby="mf-title" className="k-meas-form">
        <Heading2 id="mf-title" ref={headingRef} tabIndex={-1}>
          {editing ? t('measForm.correctTitle') : t('measForm.review')}: {instrumentName}, {who}
        </Heading2>
        {general && (
          <Alert type="error" role="alert">
            <Paragraph>{general}</Paragraph>
            {(aboutError || errorSteps.length > 0) && (
              <ul className="k-meas-errorlist">
                {aboutError && (
                  <li>
                    <Button appearance="subtle-button" onClick={() => go(0)}>
                      {t('measForm.about')}
                    </Button>
                  </li>
                )}
                {errorSteps.map(({ dom, step }) => (
                  <li key={dom.id}>
                    <Button appearance="subtle-button" onClick={() => go(step)}>
                      {text(dom.name, lang)}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <Paragraph>{t('measForm.reviewIntro')}</Paragraph>
        <dl className="k-dl k-meas-review">
          <dt>{t('measForm.moment')}</dt>
          <dd>
            {d.moment ? t(`moment.${d.moment}`) : ''}, {formatDate(dateIso(partsOf(d)), lang)} — {d.filled_in_by ? t(`filledBy.${d.filled_in_by}`) : ''}{' '}
            <Button appearance="subtle-button" className="k-meas-change" onClick={() => go(0)} aria-label={t('measForm.changeAbout')}>
              {t('common.edit')}
            </Button>
          </dd>
          {domains.map((dom, i) => (
            <div key={dom.id} className="k-meas-review__row">
              <dt>{text(dom.name, lang)}</dt>
              <dd>
                <span>{answerText(instrument, dom, d, t('meas.notFilled'), t('meas.talk'), lang)}</span>{' '}
                <Button appearance="subtle-button" className="k-meas-change" onClick={() => go(i + 1)} aria-label={t('measForm.change', { domain: text(dom.name, lang) })}>
                  {t('common.edit')}
                </Button>
              </dd>
            </div>
          ))}
        </dl>
        <form className="k-form" noValidate onSubmit={save}>
          {nav(busy ? t('state.saving') : editing ? t('measForm.saveCorrection') : t('measForm.save'))}
        </form>
      </section>
    );
  }

  // ---- One domain
  const domain = domains[d.step - 1];
  const hasText = domain.items.some((i) => scaleOf(instrument, i)?.kind === 'text');
  const noteError = errors[`notes.${domain.id}`];
  return (
    <section aria-labelledby="mf-title" className="k-meas-form">
      <p className="k-meas-progress" id="mf-progress">
        <span>{t('measForm.progress', { n: d.step, total })}</span>
        <progress max={total} value={d.step} aria-label={t('measForm.progressLabel')} />
      </p>
      <Heading2 id="mf-title" ref={headingRef} tabIndex={-1}>
        <span className="k-visually-hidden">{t('measForm.progress', { n: d.step, total })}: </span>
        {text(domain.name, lang)}
      </Heading2>
      <Paragraph className="k-muted">
        {instrumentName} — {who}
      </Paragraph>
      <form className="k-form k-meas-domain" noValidate onSubmit={next}>
        {domain.items.map((item, index) => (
          <ItemInput
            key={item.id}
            instrument={instrument}
            domain={domain}
            item={item}
            main={index === 0}
            who={who}
            value={d.scores[item.id]}
            error={errors[`scores.${item.id}`]}
            onValue={(v) => setScore(item.id, v)}
          />
        ))}
        {!hasText && (
          <div className="k-field">
            <label className="utrecht-form-label" htmlFor={`mf-note-${domain.id}`}>
              {t('measForm.note')} <span className="k-optional">{t('common.optional')}</span>
            </label>
            {noteError && (
              <p className="utrecht-form-field__error-message k-error-text" id={`mf-note-${domain.id}-error`}>
                {noteError}
              </p>
            )}
            <Textarea
              id={`mf-note-${domain.id}`}
              value={d.notes[domain.id] ?? ''}
              invalid={!!noteError}
              aria-describedby={noteError ? `mf-note-${domain.id}-error` : undefined}
              onChange={(e) => set({ notes: { ...d.notes, [domain.id]: e.target.value } })}
            />
          </div>
        )}
        {nav(d.step === total || editing ? t('measForm.toReview') + ' →' : t('measForm.next') + ' →')}
      </form>
    </section>
  );
}

/** One item of a domain, by its scale: named levels or marks as large radio choices, a yes/no box, or free words. */
function ItemInput({
  instrument,
  domain,
  item,
  main,
  who,
  value,
  error,
  onValue,
}: {
  instrument: Instrument;
  domain: Domain;
  item: Item;
  main: boolean;
  who: string;
  value: ScoreValue | undefined;
  error?: string;
  onValue: (value: ScoreValue | null) => void;
}) {
  const { t, lang } = useI18n();
  const scale = scaleOf(instrument, item);
  const id = `mf-item-${item.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!scale) return null;
  const errorId = `${id}-error`;
  const errorText = error ? (
    <p className="utrecht-form-field__error-message k-error-text" id={errorId}>
      {error}
    </p>
  ) : null;

  if (scale.kind === 'ordinal' || scale.kind === 'range') {
    const choices =
      scale.kind === 'ordinal' && scale.levels?.length
        ? scale.levels.map((l) => ({ value: l.value, name: text(l.name, lang) }))
        : Array.from({ length: (scale.max ?? 10) - (scale.min ?? 0) + 1 }, (_, i) => ({ value: (scale.min ?? 0) + i, name: '' }));
    // The main mark of a Positive Health dimension is asked as a question; other items by their own name.
    const legend =
      item.name && !(main && instrument.purpose === 'conversation') ? text(item.name, lang) : scale.kind === 'ordinal' ? t('measForm.level') : t('measForm.mark', { name: who });
    return (
      <fieldset className={`k-choices k-choices--${scale.kind}`} aria-describedby={error ? errorId : undefined}>
        <legend>{legend}</legend>
        {scale.kind === 'range' && instrument.purpose === 'conversation' && (
          <p className="k-muted k-choices__hint">
            {t('measForm.markLow')} · {t('measForm.markHigh')}
          </p>
        )}
        {errorText}
        <div className="k-choices__list">
          {choices.map((c) => {
            const cell = domain.cells?.[String(c.value)];
            const cid = `${id}-${c.value}`;
            return (
              <label key={c.value} htmlFor={cid} className={`k-choice${value === c.value ? ' is-checked' : ''}${scale.kind === 'ordinal' ? ` k-level--${c.value}` : ''}`}>
                <RadioButton id={cid} name={id} value={String(c.value)} checked={value === c.value} invalid={!!error} onChange={() => onValue(c.value)} />
                <span className="k-choice__text">
                  <strong className="k-choice__value">{c.value}</strong>
                  {c.name && <span className="k-choice__name"> {c.name}</span>}
                  {cell && <span className="k-choice__cell">{text(cell, lang)}</span>}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
    );
  }
  if (scale.kind === 'yes_no') {
    return (
      <div className="k-check k-choice-talk">
        <Checkbox id={id} checked={value === true} invalid={!!error} aria-describedby={error ? errorId : undefined} onChange={(e) => onValue(e.target.checked ? true : null)} />
        <label htmlFor={id} className="utrecht-form-label">
          {item.name ? text(item.name, lang) : t('measForm.talk')}
        </label>
        {errorText}
      </div>
    );
  }
  return (
    <div className="k-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {item.name ? text(item.name, lang) : t('measForm.words', { name: who })} <span className="k-optional">{t('common.optional')}</span>
      </label>
      {errorText}
      <Textarea
        id={id}
        value={typeof value === 'string' ? value : ''}
        maxLength={scale.max_chars}
        invalid={!!error}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onValue(e.target.value || null)}
      />
    </div>
  );
}

function answerText(instrument: Instrument, domain: Domain, d: Draft, none: string, talk: string, lang: 'nl' | 'en'): string {
  const parts: string[] = [];
  for (const item of domain.items) {
    const v = d.scores[item.id];
    if (v === undefined) continue;
    const scale = scaleOf(instrument, item);
    if (scale?.kind === 'ordinal') {
      const l = scale.levels?.find((x) => x.value === v);
      parts.push(l ? `${v} ${text(l.name, lang)}` : String(v));
    } else if (scale?.kind === 'yes_no') {
      if (v === true) parts.push(talk);
    } else if (scale?.kind === 'text') {
      parts.push(`“${String(v)}”`);
    } else parts.push(String(v));
  }
  if (d.notes[domain.id]?.trim()) parts.push(`“${d.notes[domain.id].trim()}”`);
  return parts.length ? parts.join(' · ') : none;
}
