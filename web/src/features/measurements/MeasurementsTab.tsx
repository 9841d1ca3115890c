// The Metingen tab of a family (issue 10): the family at a glance (every member's latest
// measurement), then per person a radar chart with the moments laid over each other and, for the
// ZRM, a heat map of domains × moments in the level colours. Every chart has its table; the tab
// prints. The form (one domain at a time) opens in place; a draft kept on this device is offered.
import './measurements.css';
import { useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n, type Lang, type T } from '../../i18n';
import { formatDate, formatDateTime, todayIso } from '../../i18n/format';
import { useConfirm } from '../../ui/ConfirmDialog';
import { Empty, ErrorState, Loading, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import type { TabProps } from '../families/FamilyPage';
import {
  instrumentKey,
  levelLabel,
  levelsOf,
  measurementsApi,
  scoredDomains,
  scoreRange,
  text,
  type Instrument,
  type Level,
  type Measurement,
  type Summary,
  type SummaryMeasurement,
  type SummaryMember,
} from './api';
import { ChartFigure, RadarCanvas } from './charts';
import { listDrafts, removeDraft, type Draft } from './drafts';
import MeasurementForm from './MeasurementForm';

function seriesLabel(m: SummaryMeasurement, t: T, lang: Lang): string {
  return t('meas.series', { moment: t(`moment.${m.moment}`), date: formatDate(m.taken_on, lang) });
}

/** The figures of a radar as a table: domains down, series across. */
function ScoreTable({
  caption,
  instrument,
  columns,
  lang,
  t,
}: {
  caption: string;
  instrument: Instrument;
  columns: { label: string; m: SummaryMeasurement }[];
  lang: Lang;
  t: T;
}) {
  const levels = levelsOf(instrument);
  return (
    <div className="k-table-wrap">
      <table className="utrecht-table k-score-table">
        <caption>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              {t('meas.domain')}
            </th>
            {columns.map((c) => (
              <th key={c.m.id} scope="col" className="utrecht-table__header-cell">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {scoredDomains(instrument).map((d) => (
            <tr key={d.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {text(d.name, lang)}
              </th>
              {columns.map((c) => {
                const v = c.m.domain_scores[d.id];
                return (
                  <td key={c.m.id} className="utrecht-table__cell">
                    {v == null ? <span className="k-muted">{t('meas.notFilled')}</span> : levelLabel(levels, v, lang)}
                    {c.m.talk_about?.includes(d.id) && <span className="k-meas-talk"> ({t('meas.talk')})</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The ZRM over time: one row per domain, one column per moment, each cell its level's colour, number and name. */
function HeatMap({ member, instrument, ms, levels }: { member: SummaryMember; instrument: Instrument; ms: SummaryMeasurement[]; levels: Level[] }) {
  const { t, lang } = useI18n();
  return (
    <div className="k-heatmap">
      <h4 className="utrecht-heading-4">{t('meas.heatmap')}</h4>
      {/* Many moments make the table wider than a tablet: the region scrolls, and the keyboard can reach it. */}
      <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t('meas.heatmapCaption', { name: member.given_name })}>
        <table className="utrecht-table k-heatmap__table">
          <caption>{t('meas.heatmapCaption', { name: member.given_name })}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('meas.domain')}
              </th>
              {ms.map((m) => (
                <th key={m.id} scope="col" className="utrecht-table__header-cell">
                  {t(`moment.${m.moment}`)}
                  <br />
                  <span className="k-muted">{formatDate(m.taken_on, lang)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {scoredDomains(instrument).map((d) => (
              <tr key={d.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {text(d.name, lang)}
                </th>
                {ms.map((m) => {
                  const v = m.domain_scores[d.id];
                  const level = v == null ? null : Math.round(v);
                  return (
                    <td key={m.id} className={`utrecht-table__cell k-level ${level ? `k-level--${level}` : 'k-level--none'}`}>
                      {v == null ? t('meas.notFilled') : levelLabel(levels, v, lang)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="k-legend-title">{t('meas.legend')}</p>
      <ul className="k-legend">
        {levels.map((l) => (
          <li key={l.value} className={`k-level k-level--${l.value}`}>
            {l.value} {text(l.name, lang)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The person's measurements with one list, each with a button to correct it (when the caller may). */
function CorrectList({ member, ms, onCorrect }: { member: SummaryMember; ms: SummaryMeasurement[]; onCorrect: (m: SummaryMeasurement) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="k-noprint k-meas-list">
      <p className="k-legend-title">{t('meas.list')}</p>
      <ul className="k-meas-drafts">
        {ms.map((m) => (
          <li key={m.id}>
            <span>{seriesLabel(m, t, lang)}</span>
            <Button
              appearance="subtle-button"
              aria-label={`${member.given_name}: ${t('meas.correctLabel', { moment: t(`moment.${m.moment}`), date: formatDate(m.taken_on, lang) })}`}
              onClick={() => onCorrect(m)}
            >
              {t('meas.correct')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PersonSection({
  member,
  instruments,
  onCorrect,
}: {
  member: SummaryMember;
  instruments: Map<string, Instrument>;
  onCorrect?: (m: SummaryMeasurement) => void;
}) {
  const { t, lang } = useI18n();
  // Per instrument version, the person's measurements, oldest first.
  const groups = new Map<string, SummaryMeasurement[]>();
  for (const m of member.measurements) {
    const key = instrumentKey(m.instrument_id, m.instrument_version);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return (
    <section className="k-meas-person" aria-labelledby={`meas-p-${member.member_id}`}>
      <Heading3 id={`meas-p-${member.member_id}`}>{member.given_name}</Heading3>
      {groups.size === 0 && <Paragraph className="k-muted">{t('meas.noneForPerson', { name: member.given_name })}</Paragraph>}
      {[...groups.entries()].map(([key, ms]) => {
        const instrument = instruments.get(key);
        // Lists without domain scores (the research questionnaire) have no picture.
        if (!instrument || scoredDomains(instrument).length === 0) return null;
        const name = text(instrument.name, lang);
        const domains = scoredDomains(instrument);
        const { min, max } = scoreRange(instrument);
        const levels = levelsOf(instrument);
        const columns = ms.map((m) => ({ label: seriesLabel(m, t, lang), m }));
        return (
          <div key={key} className="k-meas-instrument">
            <ChartFigure
              title={t('meas.radar', { instrument: name, name: member.given_name })}
              chart={
                <RadarCanvas
                  axes={domains.map((d) => text(d.name, lang))}
                  series={columns.map((c) => ({ label: c.label, values: domains.map((d) => c.m.domain_scores[d.id] ?? null) }))}
                  min={min}
                  max={max}
                  label={t('meas.radarLabel', { instrument: name, name: member.given_name })}
                />
              }
              table={<ScoreTable caption={t('meas.tableCaption', { instrument: name, name: member.given_name })} instrument={instrument} columns={columns} lang={lang} t={t} />}
            />
            {levels && <HeatMap member={member} instrument={instrument} ms={ms} levels={levels} />}
            {onCorrect && <CorrectList member={member} ms={ms} onCorrect={onCorrect} />}
          </div>
        );
      })}
    </section>
  );
}

/** All members, their latest measurement, one radar per instrument. */
function Glance({ summary, instruments }: { summary: Summary; instruments: Map<string, Instrument> }) {
  const { t, lang } = useI18n();
  const byInstrument = new Map<string, { member: SummaryMember; m: SummaryMeasurement }[]>();
  for (const member of summary.members) {
    const latest = new Map<string, SummaryMeasurement>();
    for (const m of member.measurements) latest.set(instrumentKey(m.instrument_id, m.instrument_version), m);
    for (const [key, m] of latest) byInstrument.set(key, [...(byInstrument.get(key) ?? []), { member, m }]);
  }
  return (
    <section aria-labelledby="meas-glance" className="k-meas-glance">
      <Heading3 id="meas-glance">{t('meas.glance')}</Heading3>
      <Paragraph>{t('meas.glanceIntro')}</Paragraph>
      <div className="k-meas-glance__grid">
        {[...byInstrument.entries()].map(([key, rows]) => {
          const instrument = instruments.get(key);
          if (!instrument || scoredDomains(instrument).length === 0) return null;
          const name = text(instrument.name, lang);
          const domains = scoredDomains(instrument);
          const { min, max } = scoreRange(instrument);
          const columns = rows.map(({ member, m }) => ({
            label: t('meas.personSeries', { name: member.given_name, moment: t(`moment.${m.moment}`), date: formatDate(m.taken_on, lang) }),
            m,
          }));
          return (
            <ChartFigure
              key={key}
              headingLevel={4}
              title={t('meas.glanceChart', { instrument: name })}
              chart={
                <RadarCanvas
                  axes={domains.map((d) => text(d.name, lang))}
                  series={columns.map((c) => ({ label: c.label, values: domains.map((d) => c.m.domain_scores[d.id] ?? null) }))}
                  min={min}
                  max={max}
                  label={t('meas.glanceLabel', { instrument: name })}
                />
              }
              table={<ScoreTable caption={t('meas.glanceCaption', { instrument: name })} instrument={instrument} columns={columns} lang={lang} t={t} />}
            />
          );
        })}
      </div>
    </section>
  );
}

export default function MeasurementsTab({ family }: TabProps) {
  const { t, lang } = useI18n();
  const { confirm, dialog } = useConfirm();
  const can = useCan();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const instruments = useApi((signal) => measurementsApi.instruments(signal), []);
  const summary = useApi((signal) => measurementsApi.summary(family.id, signal), [family.id]);
  const [form, setForm] = useState<{ draft?: Draft; memberId?: string; editing?: Measurement } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draftTick, setDraftTick] = useState(0);
  const drafts = useMemo(() => listDrafts(family.id), [family.id, draftTick, form]); // eslint-disable-line react-hooks/exhaustive-deps
  const mayCreate = can('measurement.create');
  const mayCorrect = can('measurement.update') && can('measurement.list');

  // A correction opens the saved measurement in full (scores, notes, version) in the form.
  async function correct(m: SummaryMeasurement, memberId: string) {
    setNotice(null);
    setLoadError(null);
    try {
      const all = await measurementsApi.ofMember(family.id, memberId);
      const full = all.find((x) => x.id === m.id);
      if (full) setForm({ editing: full });
    } catch (err) {
      setLoadError(err);
    }
  }

  const byKey = useMemo(() => {
    const map = new Map<string, Instrument>();
    for (const i of instruments.data ?? []) map.set(instrumentKey(i.id, i.version), i);
    return map;
  }, [instruments.data]);

  const members = summary.data?.members ?? [];
  const nameOf = (id: string) => members.find((m) => m.member_id === id)?.given_name ?? family.members?.find((m) => m.id === id)?.given_name ?? '';
  const any = members.some((m) => m.measurements.length > 0);

  function closeForm(message: string | null, saved: boolean) {
    flushSync(() => {
      setForm(null);
      setNotice(message);
    });
    if (saved) summary.reload();
    titleRef.current?.focus();
  }

  if (form && instruments.data && summary.data) {
    return (
      <MeasurementForm
        family={family}
        summary={summary.data}
        instruments={instruments.data}
        draft={form.draft}
        memberId={form.memberId}
        editing={form.editing}
        onSaved={(m) =>
          closeForm(t(form.editing ? 'meas.corrected' : 'meas.saved', { moment: t(`moment.${m.moment}`), name: nameOf(m.member_id) }), true)
        }
        onLater={(d) => closeForm(t('meas.draftKept', { name: nameOf(d.member_id) }), false)}
        onCancel={() => closeForm(null, false)}
      />
    );
  }

  return (
    <section aria-labelledby="meas-title" className="k-meas">
      <div className="k-toolbar">
        <Heading2 id="meas-title" ref={titleRef} tabIndex={-1}>
          {t('meas.title')}
        </Heading2>
        <ButtonGroup className="k-noprint">
          {mayCreate && any && (
            <Button appearance="primary-action-button" onClick={() => setForm({})} disabled={!instruments.data || !summary.data}>
              {t('meas.new')}
            </Button>
          )}
          {any && (
            <Button appearance="secondary-action-button" onClick={() => window.print()}>
              {t('meas.print')}
            </Button>
          )}
        </ButtonGroup>
      </div>
      <p className="k-print-only">
        {family.name} — {t('meas.printedOn', { date: formatDate(todayIso(), lang) })}
      </p>
      {notice && <Notice>{notice}</Notice>}
      {loadError != null && <ErrorState error={loadError} />}
      {mayCreate && drafts.length > 0 && (
        <div className="k-card k-noprint" role="region" aria-labelledby="meas-drafts">
          <h3 id="meas-drafts" className="utrecht-heading-3">
            {t('meas.drafts')}
          </h3>
          <ul className="k-meas-drafts">
            {drafts.map((d) => (
              <li key={d.member_id}>
                <span>{t('meas.draftOf', { name: nameOf(d.member_id), date: formatDateTime(d.saved_at, lang) })}</span>
                <ButtonGroup>
                  <Button appearance="secondary-action-button" onClick={() => setForm({ draft: d })} disabled={!instruments.data || !summary.data}>
                    {t('meas.draftContinue')}
                  </Button>
                  <Button
                    appearance="subtle-button"
                    hint="danger"
                    className="k-danger"
                    onClick={async () => {
                      const name = nameOf(d.member_id);
                      if (!(await confirm({ title: t('confirm.draftTitle', { name }), text: t('confirm.draftText', { name }), confirmLabel: t('confirm.discardYes') }))) return;
                      removeDraft(family.id, d.member_id);
                      setDraftTick((n) => n + 1);
                    }}
                  >
                    {t('meas.draftDiscard')}
                  </Button>
                </ButtonGroup>
              </li>
            ))}
          </ul>
          {dialog}
        </div>
      )}
      {(summary.loading || instruments.loading) && !(summary.data && instruments.data) && <Loading />}
      {summary.error != null && <ErrorState error={summary.error} onRetry={summary.reload} />}
      {instruments.error != null && <ErrorState error={instruments.error} onRetry={instruments.reload} />}
      {summary.data && instruments.data && !any && (
        <Empty>
          {t('meas.empty')}
          {mayCreate && (
            <>
              {' '}
              <Button appearance="primary-action-button" onClick={() => setForm({})}>
                {t('meas.startBaseline')}
              </Button>
            </>
          )}
        </Empty>
      )}
      {summary.data && instruments.data && any && (
        <>
          <Paragraph className="k-lead">{t('meas.intro')}</Paragraph>
          <Glance summary={summary.data} instruments={byKey} />
          {members.map((m) => (
            <PersonSection key={m.member_id} member={m} instruments={byKey} onCorrect={mayCorrect ? (x) => void correct(x, m.member_id) : undefined} />
          ))}
        </>
      )}
    </section>
  );
}
