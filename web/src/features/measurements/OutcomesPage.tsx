// A programme's results for the team lead (issue 10): choose a programme, an outcome list (the
// ZRM) and two moments; per domain the number of people, the mean change and how many improved,
// stayed the same or worsened, as a chart with its table. Groups under the server's minimum (5)
// show "te weinig om te tonen" and no figures. The scores can be downloaded as CSV or XLSX.
import './measurements.css';
import { useState, type FormEvent } from 'react';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { SelectField } from '../../ui/Field';
import { describeCoded } from '../../ui/errors';
import { Empty, ErrorState, Loading, Notice } from '../../ui/States';
import { Downloads } from '../../ui/Downloads';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import { loadProgrammes } from '../families/api';
import { formatScore, instrumentKey, measurementsApi, MOMENTS, text, type DomainChange, type Moment, type Outcomes } from './api';
import { BarCanvas, ChartFigure } from './charts';
import SettingsForm from './SettingsForm';

interface Choice {
  programme: string;
  instrument: string;
  from: Moment;
  to: Moment;
}

function signed(value: number, lang: 'nl' | 'en'): string {
  const s = formatScore(value, lang);
  return value > 0 ? `+${s}` : s;
}

export default function OutcomesPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  usePageTitle(t('outcomes.title'));
  const programmes = useApi((signal) => loadProgrammes(signal), []);
  const instruments = useApi((signal) => measurementsApi.instruments(signal), []);
  const outcomeLists = (instruments.data ?? []).filter((i) => i.purpose === 'outcome');
  const [draft, setDraft] = useState<{ programme: string; instrument: string; from: Moment; to: Moment }>({ programme: '', instrument: '', from: 'nulmeting', to: 'eindmeting' });
  const [choice, setChoice] = useState<Choice | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // A team lead changes the programme's measurement moments here (admins also on the programmes page).
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsNotice, setSettingsNotice] = useState<string | null>(null);

  const programme = draft.programme || programmes.data?.[0]?.id || '';
  const instrument = draft.instrument || (outcomeLists.length ? instrumentKey(outcomeLists[outcomeLists.length - 1].id, outcomeLists[outcomeLists.length - 1].version) : '');
  const chosenInstrument = choice ? instruments.data?.find((i) => instrumentKey(i.id, i.version) === choice.instrument) : undefined;

  const result = useApi(
    (signal) => {
      if (!choice || !chosenInstrument) return Promise.resolve(null);
      return measurementsApi.outcomes(choice.programme, { instrument: chosenInstrument.id, version: chosenInstrument.version, from: choice.from, to: choice.to }, signal);
    },
    [choice?.programme, choice?.instrument, choice?.from, choice?.to, !!chosenInstrument],
  );

  function show(e: FormEvent) {
    e.preventDefault();
    if (draft.from === draft.to) {
      setFormError(t('outcomes.sameMoment'));
      document.getElementById('out-to')?.focus();
      return;
    }
    setFormError(null);
    if (programme && instrument) setChoice({ programme, instrument, from: draft.from, to: draft.to });
  }

  const data = result.data;
  const fromName = choice ? t(`moment.${choice.from}`) : '';
  const toName = choice ? t(`moment.${choice.to}`) : '';
  const shown = (d: DomainChange) => !d.suppressed && d.mean_change != null;

  return (
    <section aria-labelledby="page-title" className="k-outcomes">
      <Heading1 id="page-title">{t('outcomes.title')}</Heading1>
      <Paragraph className="k-lead">{t('outcomes.intro')}</Paragraph>
      {(programmes.loading || instruments.loading) && !(programmes.data !== undefined && instruments.data) && <Loading />}
      {programmes.error != null && <ErrorState error={programmes.error} onRetry={programmes.reload} />}
      {instruments.error != null && <ErrorState error={instruments.error} onRetry={instruments.reload} />}
      {programmes.data && instruments.data && (
        <form className="k-form k-form--inline k-noprint" onSubmit={show} noValidate aria-label={t('outcomes.pick')}>
          <SelectField
            id="out-programme"
            label={t('outcomes.programme')}
            value={programme}
            onValue={(v) => setDraft({ ...draft, programme: v })}
            options={programmes.data.map((p) => ({ value: p.id, label: p.name }))}
          />
          <SelectField
            id="out-instrument"
            label={t('outcomes.instrument')}
            value={instrument}
            onValue={(v) => setDraft({ ...draft, instrument: v })}
            options={outcomeLists.map((i) => ({ value: instrumentKey(i.id, i.version), label: `${text(i.name, lang)} (${i.version})` }))}
          />
          <SelectField
            id="out-from"
            label={t('outcomes.from')}
            value={draft.from}
            onValue={(v) => setDraft({ ...draft, from: v as Moment })}
            options={MOMENTS.map((m) => ({ value: m, label: t(`moment.${m}`) }))}
          />
          <SelectField
            id="out-to"
            label={t('outcomes.to')}
            value={draft.to}
            error={formError}
            onValue={(v) => setDraft({ ...draft, to: v as Moment })}
            options={MOMENTS.map((m) => ({ value: m, label: t(`moment.${m}`) }))}
          />
          <Button type="submit" appearance="primary-action-button" disabled={!programme || !instrument}>
            {t('outcomes.show')}
          </Button>
          {can('measurement_settings.update') && programme && (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => {
                setSettingsNotice(null);
                setSettingsOpen(true);
              }}
            >
              {t('measSettings.openLabel', { name: programmes.data.find((p) => p.id === programme)?.name ?? '' })}
            </Button>
          )}
        </form>
      )}
      {settingsNotice && <Notice>{settingsNotice}</Notice>}
      {settingsOpen && programme && (
        <SettingsForm
          key={programme}
          programmeId={programme}
          programmeName={programmes.data?.find((p) => p.id === programme)?.name ?? ''}
          onClose={(message) => {
            setSettingsOpen(false);
            setSettingsNotice(message);
          }}
        />
      )}

      <div aria-live="polite" aria-busy={result.loading}>
        {choice && result.loading && <Loading />}
        {choice && !result.loading && result.error != null && <ErrorState error={result.error} onRetry={result.reload} />}
        {choice && data && !result.loading && (
          <>
            {data.domains.every((d) => !d.n && d.suppressed !== true) ? (
              <Empty>{t('outcomes.none')}</Empty>
            ) : (
              <>
                {data.domains.some((d) => !shown(d)) && <Paragraph className="k-muted">{t('outcomes.tooFewNote')}</Paragraph>}
                <ChartFigure
                  headingLevel={2}
                  title={t('outcomes.chart')}
                  chart={
                    data.domains.some(shown) ? (
                      <BarCanvas
                        categories={data.domains.map((d) => (shown(d) ? text(d.name, lang) : `${text(d.name, lang)} (${t('outcomes.tooFew')})`))}
                        values={data.domains.map((d) => (shown(d) ? (d.mean_change as number) : null))}
                        label={t('outcomes.chartLabel', { from: fromName, to: toName })}
                        axisLabel={t('outcomes.axis')}
                      />
                    ) : null
                  }
                  table={
                    <div className="k-table-wrap">
                      <table className="utrecht-table k-outcomes__table">
                        <caption>{t('outcomes.caption', { from: fromName, to: toName })}</caption>
                        <thead className="utrecht-table__header">
                          <tr className="utrecht-table__row">
                            <th scope="col" className="utrecht-table__header-cell">{t('meas.domain')}</th>
                            <th scope="col" className="utrecht-table__header-cell k-num">{t('outcomes.n')}</th>
                            <th scope="col" className="utrecht-table__header-cell k-num">{t('outcomes.mean')}</th>
                            <th scope="col" className="utrecht-table__header-cell">{t('outcomes.distribution')}</th>
                          </tr>
                        </thead>
                        <tbody className="utrecht-table__body">
                          {data.domains.map((d) => (
                            <tr key={d.domain_id} className="utrecht-table__row" data-domain={d.domain_id}>
                              <th scope="row" className="utrecht-table__header-cell">{text(d.name, lang)}</th>
                              {shown(d) ? (
                                <>
                                  <td className="utrecht-table__cell k-num">{d.n}</td>
                                  <td className="utrecht-table__cell k-num">{signed(d.mean_change as number, lang)}</td>
                                  <td className="utrecht-table__cell">
                                    <Distribution d={d} />
                                  </td>
                                </>
                              ) : (
                                <td className="utrecht-table__cell k-outcomes__too-few" colSpan={3}>
                                  {(d.code && describeCoded({ code: d.code, params: d.params }, lang)) || t('outcomes.tooFew')}
                                </td>
                              )}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  }
                />
              </>
            )}
            <Breakdown
              id="out-generation"
              title={t('outcomes.byGeneration')}
              caption={t('outcomes.byGenerationCaption', { from: fromName, to: toName })}
              groups={data.by_generation ?? []}
              groupName={(g) => (g === 'unknown' ? t('outcomes.generationUnknown') : t('outcomes.generation', { n: g }))}
            />
            <Breakdown
              id="out-sex"
              title={t('outcomes.bySex')}
              caption={t('outcomes.bySexCaption', { from: fromName, to: toName })}
              groups={data.by_sex ?? []}
              groupName={(g) => (['female', 'male', 'other', 'unknown'].includes(g) ? t(`sex.${g as 'female'}`) : g)}
            />
            {can('measurement.export') && chosenInstrument && (
              <Downloads
                title={t('outcomes.export')}
                links={(['csv', 'xlsx'] as const).map((format) => ({
                  href: measurementsApi.exportUrl(choice.programme, format, { instrument: chosenInstrument.id, version: chosenInstrument.version }),
                  label: t(format === 'csv' ? 'outcomes.csv' : 'outcomes.xlsx'),
                }))}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** The change per domain for each group (generation in poverty, sex): one table, groups across. */
function Breakdown({ id, title, groups, groupName, caption }: { id: string; title: string; groups: Outcomes['by_sex']; groupName: (g: string) => string; caption: string }) {
  const { t, lang } = useI18n();
  if (!groups.length) return null;
  const domains = groups[0].domains;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="utrecht-heading-2">
        {title}
      </h2>
      <div className="k-table-wrap">
        <table className="utrecht-table">
          <caption>{caption}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{t('meas.domain')}</th>
              {groups.map((g) => (
                <th key={g.group} scope="col" className="utrecht-table__header-cell">{groupName(g.group)}</th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {domains.map((dom, i) => (
              <tr key={dom.domain_id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">{text(dom.name, lang)}</th>
                {groups.map((g) => {
                  const d = g.domains[i];
                  return (
                    <td key={g.group} className="utrecht-table__cell">
                      {d && !d.suppressed && d.mean_change != null ? (
                        <>
                          {signed(d.mean_change, lang)} <span className="k-muted">({t('outcomes.nShort', { n: d.n ?? 0 })})</span>
                        </>
                      ) : (
                        <span className="k-outcomes__too-few">{t('outcomes.tooFew')}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Improved / same / worsened as a small stacked bar with the numbers written out. */
function Distribution({ d }: { d: DomainChange }) {
  const { t } = useI18n();
  const parts = [
    { key: 'up', n: d.improved ?? 0, label: t('outcomes.better') },
    { key: 'same', n: d.same ?? 0, label: t('outcomes.same') },
    { key: 'down', n: d.worsened ?? 0, label: t('outcomes.worse') },
  ];
  const total = parts.reduce((s, p) => s + p.n, 0) || 1;
  return (
    <div className="k-dist">
      <div className="k-dist__bar" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.key} className={`k-dist__${p.key}`} style={{ width: `${(p.n / total) * 100}%` }} />
        ))}
      </div>
      <span className="k-dist__text">{parts.map((p) => `${p.label}: ${p.n}`).join(', ')}</span>
    </div>
  );
}
