// Team lead: families per coach per phase, and how long families wait.
import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api } from '../../api/client';
import { PHASES, type TeamOverview } from '../../api/types';
import { useI18n } from '../../i18n';
import { useDays } from '../../ui/Badges';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import RoleChanges from '../users/RoleChanges';

export default function TeamOverviewPage() {
  const { t } = useI18n();
  const days = useDays();
  usePageTitle(t('team.title'));
  const data = useApi<TeamOverview>((signal) => api.get<TeamOverview>('/team/overview', undefined, signal), []);
  const o = data.data;
  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('team.title')}</Heading1>
      <Paragraph className="k-lead">{t('team.intro')}</Paragraph>
      {data.loading && !o && <Loading />}
      {data.error != null && <ErrorState error={data.error} onRetry={data.reload} />}
      {o && (
        <>
          <section className="k-card" aria-labelledby="team-waiting">
            <Heading2 id="team-waiting">{t('team.waiting')}</Heading2>
            <dl className="k-dl">
              <dt>{t('team.waitingCount')}</dt>
              <dd>{o.waiting.count}</dd>
              <dt>{t('team.waitingLongest')}</dt>
              <dd>{days(o.waiting.longest_days)}</dd>
              <dt>{t('team.waitingAverage')}</dt>
              <dd>{o.waiting.average_days === null ? t('common.none') : days(Math.round(o.waiting.average_days))}</dd>
            </dl>
          </section>
          {o.coaches.length === 0 ? (
            <Empty>{t('team.empty')}</Empty>
          ) : (
            <div className="k-table-wrap">
              <Table>
                <TableCaption>{t('team.caption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('team.coach')}</TableHeaderCell>
                    {PHASES.map((p) => (
                      <TableHeaderCell scope="col" key={p} className="k-num">
                        {t(`phase.${p}`)}
                      </TableHeaderCell>
                    ))}
                    <TableHeaderCell scope="col" className="k-num">{t('team.totalActive')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {o.coaches.map((c) => (
                    <TableRow key={c.id}>
                      <TableHeaderCell scope="row">{c.display_name}</TableHeaderCell>
                      {PHASES.map((p) => (
                        <TableCell key={p} className="k-num">
                          {c.families_by_phase[p] ?? 0}
                        </TableCell>
                      ))}
                      <TableCell className="k-num">
                        <strong>{c.total_active}</strong>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
      <RoleChanges />
    </section>
  );
}
