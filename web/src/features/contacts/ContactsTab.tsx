// The contact log: every visit, call or talk with (or about) the family, and the hours per week
// against the programme's target, as a chart with the same figures in a table next to it.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, todayIso } from '../../i18n/format';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { toDateParts } from '../../ui/dates';
import { checkDate, maxLength, type Errors } from '../../ui/forms';
import { ErrorState, ListStates, Loading, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import type { TabProps } from '../families/FamilyPage';
import { CheckField, householdOf, useFailure } from '../plan/common';
import { LIFE_DOMAINS } from '../plan/api';
import { domainLabel } from '../plan/labels';
import { CONTACT_KINDS, contactsApi, type ContactEntry, type ContactKind, type Hours } from './api';
import '../plan/plan.css';
import { TableWrap } from '../../ui/TableWrap';

/** A wall-clock date and time in Amsterdam → the UTC instant, ISO 8601. */
export function amsterdamToUtc(dateIso: string, hhmm: string): string {
  const [y, mo, d] = dateIso.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // The offset of Amsterdam at that moment (CET or CEST), read back from the calendar.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}

function nowHhmm(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

const IDS = { date: 'contact-date', time: 'contact-time', duration_minutes: 'contact-duration', kind: 'contact-kind', direct: 'contact-direct', member_ids: 'contact-members', topics: 'contact-topics', note: 'contact-note', follow_ups: 'contact-follow-ups', started_at: 'contact-date' };
const ORDER = [IDS.date, IDS.time, IDS.duration_minutes, IDS.kind, IDS.note, IDS.follow_ups];

function ContactForm({ familyId, members, onSaved, onCancel }: { familyId: string; members: { id: string; name: string }[]; onSaved: () => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const fail = useFailure();
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [time, setTime] = useState(nowHhmm());
  const [duration, setDuration] = useState('60');
  const [kind, setKind] = useState<ContactKind>('kitchen_table');
  const [direct, setDirect] = useState('direct');
  const [planned, setPlanned] = useState(false);
  const [present, setPresent] = useState<string[]>([]);
  const [topics, setTopics] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [followUps, setFollowUps] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    // A planned contact may lie ahead; the check on the moment itself follows below.
    const [iso, dateErr] = checkDate(t, date, { required: true, allowFuture: true, min: '2000-01-01' });
    if (dateErr) errs[IDS.date] = dateErr;
    if (!/^([01]?\d|2[0-3])[:.][0-5]\d$/.test(time.trim())) errs[IDS.time] = t('contacts.timeInvalid');
    const minutes = Number(duration);
    if (!duration.trim()) errs[IDS.duration_minutes] = t('validation.required');
    else if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errs[IDS.duration_minutes] = t('contacts.durationRange');
    const n = maxLength(t, note, 4000);
    if (n) errs[IDS.note] = n;
    let startedAt = '';
    if (!errs[IDS.date] && !errs[IDS.time]) {
      startedAt = amsterdamToUtc(iso!, time.trim().replace('.', ':'));
      if (!planned && new Date(startedAt).getTime() > Date.now() + 60_000) errs[IDS.date] = t('contacts.inFuture');
    }
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, ORDER);
    setBusy(true);
    try {
      await contactsApi.create(familyId, {
        started_at: startedAt,
        duration_minutes: minutes,
        kind,
        direct: direct === 'direct',
        planned,
        member_ids: present,
        topics,
        ...(note.trim() ? { note: note.trim() } : {}),
        follow_ups: followUps.split('\n').map((x) => x.trim()).filter(Boolean),
      });
      onSaved();
    } catch (err) {
      const f = fail(err, IDS);
      setErrors(f.fields);
      setGeneral(f.general);
      focusFirstError(f.fields, ORDER);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="contact-form-title">
      <Heading3 id="contact-form-title">{t('contacts.add')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <div className="k-row">
        <DateField id={IDS.date} autoFocus legend={t('contacts.date')} value={date} onValue={setDate} error={errors[IDS.date]} required />
        <TextField id={IDS.time} label={t('contacts.time')} description={t('contacts.timeHint')} value={time} onValue={setTime} error={errors[IDS.time]} inputMode="numeric" autoComplete="off" required />
        <TextField id={IDS.duration_minutes} label={t('contacts.duration')} description={t('contacts.durationHint')} value={duration} onValue={setDuration} error={errors[IDS.duration_minutes]} inputMode="numeric" autoComplete="off" required />
      </div>
      <div className="k-row">
        <SelectField id={IDS.kind} label={t('contacts.kind')} value={kind} onValue={(v) => setKind(v as ContactKind)} error={errors[IDS.kind]} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contacts.kind.${k}`) }))} />
        <SelectField id={IDS.direct} label={t('contacts.directOrNot')} description={t('contacts.directHint')} value={direct} onValue={setDirect} error={errors[IDS.direct]} options={[{ value: 'direct', label: t('contacts.direct') }, { value: 'indirect', label: t('contacts.indirect') }]} />
      </div>
      <CheckField id="contact-planned" label={t('contacts.planned')} checked={planned} onChecked={setPlanned} />
      <fieldset className="k-fieldset" id={IDS.member_ids} tabIndex={-1}>
        <legend>{t('contacts.present')}</legend>
        {errors[IDS.member_ids] && <p className="k-field-error">{errors[IDS.member_ids]}</p>}
        {members.length === 0 && <Paragraph className="k-muted">{t('plan.noMembers')}</Paragraph>}
        {members.map((m) => (
          <CheckField key={m.id} id={`contact-member-${m.id}`} label={m.name} checked={present.includes(m.id)} onChecked={(on) => setPresent((p) => (on ? [...p, m.id] : p.filter((x) => x !== m.id)))} />
        ))}
      </fieldset>
      <details className="k-fieldset">
        <summary>{t('contacts.topics', { count: topics.length })}</summary>
        <fieldset className="k-fieldset" id={IDS.topics} tabIndex={-1}>
          <legend>{t('contacts.topicsLegend')}</legend>
          {LIFE_DOMAINS.map((d) => (
            <CheckField key={d} id={`contact-topic-${d.replace('.', '-')}`} label={domainLabel(d, lang)} checked={topics.includes(d)} onChecked={(on) => setTopics((p) => (on ? [...p, d] : p.filter((x) => x !== d)))} />
          ))}
        </fieldset>
      </details>
      <TextareaField id={IDS.note} label={t('contacts.note')} description={t('contacts.noteHint')} value={note} onValue={setNote} error={errors[IDS.note]} rows={3} optional />
      <TextareaField id={IDS.follow_ups} label={t('contacts.followUps')} description={t('contacts.followUpsHint')} value={followUps} onValue={setFollowUps} error={errors[IDS.follow_ups]} rows={2} optional />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('contacts.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function hoursText(minutes: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(minutes / 60);
}

/** Bars per week (direct stacked under indirect) and a dashed target line; the table says the same. */
export function HoursChart({ hours, titleId }: { hours: Hours; titleId: string }) {
  const { t, lang } = useI18n();
  const W = 640;
  const H = 220;
  const pad = { l: 40, r: 10, t: 10, b: 36 };
  const target = hours.target_minutes_per_week;
  const max = Math.max(60, target ?? 0, ...hours.weeks.map((w) => w.direct_minutes + w.indirect_minutes)) * 1.1;
  const y = (m: number) => pad.t + (H - pad.t - pad.b) * (1 - m / max);
  const bw = (W - pad.l - pad.r) / Math.max(1, hours.weeks.length);
  const weekLabel = (iso: string) => formatDate(iso, lang).replace(/ \d{4}$/, '');
  return (
    <div className="k-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
        {[0, 0.5, 1].map((f) => {
          const m = (max / 1.1) * f;
          return (
            <g key={f}>
              <line x1={pad.l} x2={W - pad.r} y1={y(m)} y2={y(m)} stroke="#e6d9c6" />
              <text x={pad.l - 6} y={y(m) + 4} textAnchor="end">
                {hoursText(m, lang)}
              </text>
            </g>
          );
        })}
        {hours.weeks.map((w, i) => {
          const x = pad.l + i * bw + bw * 0.15;
          const bwi = bw * 0.7;
          return (
            <g key={w.week_start}>
              <rect x={x} width={bwi} y={y(w.direct_minutes)} height={y(0) - y(w.direct_minutes)} fill="#1d5a55" />
              <rect x={x} width={bwi} y={y(w.direct_minutes + w.indirect_minutes)} height={y(0) - y(w.indirect_minutes)} fill="#a89d90" />
              <text x={x + bwi / 2} y={H - pad.b + 16} textAnchor="middle">
                {weekLabel(w.week_start)}
              </text>
            </g>
          );
        })}
        {target !== null && <line x1={pad.l} x2={W - pad.r} y1={y(target)} y2={y(target)} stroke="#9c4326" strokeWidth={2} strokeDasharray="6 4" />}
      </svg>
      <ul className="k-legend" aria-hidden="true">
        <li>
          <span aria-hidden="true" style={{ background: '#1d5a55' }} />
          {t('contacts.direct')}
        </li>
        <li>
          <span aria-hidden="true" style={{ background: '#a89d90' }} />
          {t('contacts.indirect')}
        </li>
        {target !== null && (
          <li>
            <span aria-hidden="true" style={{ background: '#9c4326', height: '3px' }} />
            {t('contacts.target', { hours: hoursText(target, lang) })}
          </li>
        )}
      </ul>
    </div>
  );
}

function HoursSection({ familyId }: { familyId: string }) {
  const { t, lang } = useI18n();
  const hours = useApi<Hours>((signal) => contactsApi.hours(familyId, signal), [familyId]);
  const [asTable, setAsTable] = useState(false);
  if (hours.loading && !hours.data) return <Loading />;
  if (hours.error != null && !hours.data) return <ErrorState error={hours.error} onRetry={hours.reload} />;
  const h = hours.data!;
  const target = h.target_minutes_per_week;
  const thisWeek = h.weeks[h.weeks.length - 1];
  return (
    <section className="k-card" aria-labelledby="hours-title">
      <div className="k-toolbar">
        <Heading3 id="hours-title">{t('contacts.hoursTitle')}</Heading3>
        <Button appearance="subtle-button" onClick={() => setAsTable((x) => !x)}>
          {asTable ? t('contacts.showChart') : t('contacts.showTable')}
        </Button>
      </div>
      {thisWeek && (
        <Paragraph>
          {target !== null
            ? t('contacts.thisWeek', { hours: hoursText(thisWeek.direct_minutes + thisWeek.indirect_minutes, lang), target: hoursText(target, lang) })
            : t('contacts.thisWeekNoTarget', { hours: hoursText(thisWeek.direct_minutes + thisWeek.indirect_minutes, lang) })}
        </Paragraph>
      )}
      <p id="hours-chart-title" className="k-visually-hidden">
        {t('contacts.chartLabel')}
      </p>
      {asTable ? (
        <TableWrap>
          <Table>
            <TableCaption>{t('contacts.hoursCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('contacts.week')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="k-num">{t('contacts.directHours')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="k-num">{t('contacts.indirectHours')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="k-num">{t('contacts.totalHours')}</TableHeaderCell>
                {target !== null && <TableHeaderCell scope="col" className="k-num">{t('contacts.targetHours')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {h.weeks.map((w) => (
                <TableRow key={w.week_start}>
                  <TableHeaderCell scope="row" className="k-date">{t('contacts.weekOf', { date: formatDate(w.week_start, lang) })}</TableHeaderCell>
                  <TableCell className="k-num">{hoursText(w.direct_minutes, lang)}</TableCell>
                  <TableCell className="k-num">{hoursText(w.indirect_minutes, lang)}</TableCell>
                  <TableCell className="k-num">{hoursText(w.direct_minutes + w.indirect_minutes, lang)}</TableCell>
                  {target !== null && <TableCell className="k-num">{hoursText(target, lang)}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      ) : (
        <HoursChart hours={h} titleId="hours-chart-title" />
      )}
    </section>
  );
}

export default function ContactsTab({ family }: TabProps) {
  const { t, lang } = useI18n();
  const can = useCan();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const list = useApi((signal) => contactsApi.list(family.id, cursor, signal), [family.id, cursor]);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const members = householdOf(family);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const fail = useFailure();
  const canToPlan = can('contact.follow_up_to_plan');
  const [busyLine, setBusyLine] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // A follow-up line becomes an action in the kansplan; the list shows it as taken over.
  async function toPlan(c: ContactEntry, n: number) {
    setBusyLine(`${c.id}/${n}`);
    setFailure(null);
    setNotice(null);
    try {
      await contactsApi.toPlan(family.id, c.id, n);
      setNotice(t('contacts.toPlanDone', { what: c.follow_ups[n] }));
      list.reload();
    } catch (err) {
      const f = fail(err, {});
      setFailure(f.general ?? Object.values(f.fields)[0] ?? null);
    } finally {
      setBusyLine(null);
    }
  }

  return (
    <div>
      <div className="k-toolbar">
        <Heading2 id="contacts-title">{t('contacts.title')}</Heading2>
        {can('contact.create') && !adding && (
          <Button appearance="primary-action-button" onClick={() => { setNotice(null); setAdding(true); }}>
            {t('contacts.add')}
          </Button>
        )}
      </div>
      <Paragraph className="k-lead">{t('contacts.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {failure && <Notice type="error">{failure}</Notice>}
      {adding && (
        <ContactForm
          familyId={family.id}
          members={members}
          onSaved={() => {
            setAdding(false);
            setNotice(t('contacts.saved'));
            setCursor(undefined);
            list.reload();
            setTick((n) => n + 1);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {can('contact.hours') && <HoursSection key={tick} familyId={family.id} />}
      <section aria-labelledby="contacts-list">
        <Heading3 id="contacts-list">{t('contacts.list')}</Heading3>
        {list.data?.total !== undefined && list.data.total > 0 && (
          <Paragraph className="k-total" id="contacts-total">
            {t('contacts.total', { count: list.data.total })}
          </Paragraph>
        )}
        <ListStates list={list} empty={t('contacts.empty')}>
          {(items: ContactEntry[]) => (
            <TableWrap>
              <Table>
                <TableCaption>{t('contacts.caption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('contacts.when')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.kind')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className="k-num">{t('contacts.minutes')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.present')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.about')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>
                        <span className="k-date">{formatDateTime(c.started_at, lang)}</span>
                        {c.planned && <div className="k-muted">{t('contacts.plannedBadge')}</div>}
                        <div className="k-muted">{c.coach_name}</div>
                      </TableCell>
                      <TableCell>
                        {t(`contacts.kind.${c.kind}`)}
                        <div className="k-muted">{c.direct ? t('contacts.direct') : t('contacts.indirect')}</div>
                      </TableCell>
                      <TableCell className="k-num">{c.duration_minutes}</TableCell>
                      <TableCell>{c.member_ids.length ? c.member_ids.map(nameOf).join(', ') : '—'}</TableCell>
                      <TableCell>
                        {c.topics.map((d) => domainLabel(d, lang)).join(', ')}
                        {c.note && <div className="k-pre">{c.note}</div>}
                        {c.follow_ups.length > 0 && (
                          <ul className="k-follow-ups">
                            {c.follow_ups.map((f, i) => (
                              <li key={i}>
                                {f}{' '}
                                {c.follow_up_actions?.[i] ? (
                                  <span className="k-muted">{t('contacts.inPlan')}</span>
                                ) : (
                                  canToPlan && (
                                    <Button
                                      appearance="subtle-button"
                                      disabled={busyLine === `${c.id}/${i}`}
                                      aria-label={t('contacts.toPlanLabel', { what: f })}
                                      onClick={() => toPlan(c, i)}
                                    >
                                      {t('contacts.toPlan')}
                                    </Button>
                                  )
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
        </ListStates>
        {list.data?.next_cursor && (
          <div className="k-pager">
            <Button appearance="secondary-action-button" onClick={() => setCursor(list.data!.next_cursor ?? undefined)}>
              {t('contacts.older')}
            </Button>
          </div>
        )}
        {cursor && (
          <div className="k-pager">
            <Button appearance="subtle-button" onClick={() => setCursor(undefined)}>
              {t('contacts.newest')}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}
