/**
 * The team lead's hours report (issue 11): per programme, the time coaches spent with and for
 * each family against the programme's weekly target, and each coach's total per week. The
 * families furthest below the target come first: they are the ones to talk about.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { Badge } from '../../ui/Badges';
import { SelectField } from '../../ui/Field';
import { Pager, usePaged } from '../../ui/Paged';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { Downloads } from '../../ui/Downloads';
import { ListTable, numColumn } from '../../ui/ListTable';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { BarCanvas, ChartFigure } from '../measurements/charts';
import { ProgrammeChoiceState, useProgrammeChoice } from '../programmes/ProgrammeChoice';
import { hoursApi, type CoachHours, type FamilyHours } from './api';

const WEEK_CHOICES = [4, 8, 13, 26];

/** Hours with one decimal, as people say them ("7,5"). */
function useHours() {
  const { lang } = useI18n();
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return (minutes: number) => nf.format(minutes / 60);
}

/**
 * Share of the target reached, in whole percents; null without a target. Time with and about
 * the family count together, as on Vandaag and the family's Contacten tab.
 */
const shareOf = (f: { direct_minutes: number; indirect_minutes: number; target_minutes: number }) =>
  f.target_minutes > 0 ? Math.round((100 * (f.direct_minutes + f.indirect_minutes)) / f.target_minutes) : null;

function FamiliesTable({ families, weeks }: { families: FamilyHours[]; weeks: number }) {
  const { t } = useI18n();
  const hours = useHours();
  // Furthest below the target first; families without a target last, by name.
  const sorted = [...families].sort((a, b) => (shareOf(a) ?? Infinity) - (shareOf(b) ?? Infinity) || a.family_name.localeCompare(b.family_name));
  const paged = usePaged(sorted);
  const caption = t('hours.familiesCaption', { weeks });
  return (
    <>
      <ListTable
        caption={paged.pages > 1 ? `${caption} (${paged.page + 1}/${paged.pages})` : caption}
        captionHidden={false}
        actions={false}
        testId="hours-families"
        columns={[t('hours.family'), t('hours.coach'), numColumn(t('hours.direct')), numColumn(t('hours.indirect')), numColumn(t('hours.total')), numColumn(t('hours.target')), t('hours.share')]}
      >
        {paged.rows.map((f) => {
          const share = shareOf(f);
          return (
            <tr key={f.family_id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                <Link className="utrecht-link" to={`/gezinnen/${encodeURIComponent(f.family_id)}/contacten`}>
                  {f.family_name}
                </Link>
              </th>
              <td className="utrecht-table__cell">{f.coach_name ?? t('hours.noCoach')}</td>
              <td className="utrecht-table__cell k-num">{hours(f.direct_minutes)}</td>
              <td className="utrecht-table__cell k-num">{hours(f.indirect_minutes)}</td>
              <td className="utrecht-table__cell k-num">{hours(f.direct_minutes + f.indirect_minutes)}</td>
              <td className="utrecht-table__cell k-num">{hours(f.target_minutes)}</td>
              {/* Not k-num: the words may wrap under the percentage, so the table fits a tablet. */}
              <td className="utrecht-table__cell">
                {share === null ? t('common.none') : `${share}%`}
                {share !== null && share < 100 && (
                  <>
                    {' '}
                    <Badge tone="neutral">{t('hours.below')}</Badge>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </ListTable>
      <Pager label={t('hours.byFamily')} page={paged.page} pages={paged.pages} total={paged.total} setPage={paged.setPage} />
    </>
  );
}

function CoachesTable({ coaches, weeks }: { coaches: CoachHours[]; weeks: number }) {
  const { t } = useI18n();
  const hours = useHours();
  return (
    <ListTable
      caption={t('hours.coachesCaption', { weeks })}
      captionHidden={false}
      actions={false}
      testId="hours-coaches"
      columns={[t('hours.coach'), numColumn(t('hours.families')), numColumn(t('hours.direct')), numColumn(t('hours.indirect')), numColumn(t('hours.perWeek')), numColumn(t('hours.target'))]}
    >
      {coaches.map((c) => (
        <tr key={c.coach_id} className="utrecht-table__row">
          <th scope="row" className="utrecht-table__header-cell">{c.coach_name}</th>
          <td className="utrecht-table__cell k-num">{c.families}</td>
          <td className="utrecht-table__cell k-num">{hours(c.direct_minutes)}</td>
          <td className="utrecht-table__cell k-num">{hours(c.indirect_minutes)}</td>
          <td className="utrecht-table__cell k-num">{hours((c.direct_minutes + c.indirect_minutes) / weeks)}</td>
          <td className="utrecht-table__cell k-num">{hours(c.target_minutes)}</td>
        </tr>
      ))}
    </ListTable>
  );
}

export default function HoursReportPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('hours.title'));
  const hours = useHours();
  const choice = useProgrammeChoice();
  const programme = choice.programme;
  const [weeks, setWeeks] = useState(4);
  const report = useApi((signal) => (programme ? hoursApi.report(programme.id, weeks, signal) : Promise.resolve(null)), [programme?.id, weeks]);
  const r = report.data;
  const coaches = r ? [...r.coaches].sort((a, b) => a.coach_name.localeCompare(b.coach_name)) : [];

  return (
    <section aria-labelledby="page-title" className="k-hours-report">
      <Heading1 id="page-title">{t('hours.title')}</Heading1>
      <Paragraph className="k-lead">{t('hours.intro')}</Paragraph>
      <ProgrammeChoiceState choice={choice} empty={t('hours.noProgrammes')} />
      {programme && (
        <div className="k-form k-form--inline k-noprint k-lead-pick" role="group" aria-label={t('hours.pick')}>
          <SelectField id="hours-programme" label={t('hours.programme')} value={programme.id} onValue={choice.choose} options={choice.options} />
          <SelectField id="hours-weeks" label={t('hours.period')} value={String(weeks)} onValue={(v) => setWeeks(Number(v))} options={WEEK_CHOICES.map((w) => ({ value: String(w), label: t('hours.lastWeeks', { weeks: w }) }))} />
        </div>
      )}
      {programme && (
        <div aria-live="polite" aria-busy={report.loading}>
          {report.loading && <Loading />}
          {!report.loading && report.error != null && <ErrorState error={report.error} onRetry={report.reload} />}
          {!report.loading && r && (
            <>
              <Paragraph data-testid="hours-summary">
                {t('hours.summary', {
                  from: formatDate(r.from, lang),
                  to: formatDate(r.to, lang),
                  target: hours(r.target_minutes_per_week),
                })}
              </Paragraph>
              {r.families.length === 0 ? (
                <Empty>{t('hours.noFamilies')}</Empty>
              ) : (
                <>
                  <section aria-labelledby="hours-coaches" className="k-report-section">
                    <Heading2 id="hours-coaches">{t('hours.byCoach')}</Heading2>
                    {coaches.length === 0 ? (
                      <Empty>{t('hours.noContacts')}</Empty>
                    ) : (
                      <ChartFigure
                        headingLevel={3}
                        title={t('hours.coachChartTitle')}
                        chart={
                          <BarCanvas
                            categories={coaches.map((c) => c.coach_name)}
                            values={coaches.map((c) => Math.round(((c.direct_minutes + c.indirect_minutes) / weeks / 60) * 10) / 10)}
                            label={t('hours.coachChart', { weeks })}
                            axisLabel={t('hours.axis')}
                          />
                        }
                        table={<CoachesTable coaches={coaches} weeks={weeks} />}
                      />
                    )}
                  </section>
                  <section aria-labelledby="hours-families" className="k-report-section">
                    <Heading2 id="hours-families">{t('hours.byFamily')}</Heading2>
                    <Paragraph className="k-muted">{t('hours.familiesHint')}</Paragraph>
                    <FamiliesTable key={`${programme.id}-${weeks}`} families={r.families} weeks={weeks} />
                  </section>
                </>
              )}
              <Downloads
                title={t('hours.download')}
                links={[
                  { href: hoursApi.reportUrl(programme.id, weeks, 'csv', 'families'), label: t('hours.csvFamilies') },
                  { href: hoursApi.reportUrl(programme.id, weeks, 'csv', 'coaches'), label: t('hours.csvCoaches') },
                  { href: hoursApi.reportUrl(programme.id, weeks, 'xlsx'), label: t('hours.xlsx') },
                ]}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
