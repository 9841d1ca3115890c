// Team lead: families per coach per phase, and how long families wait. Every number links to
// the caseload filtered to the families behind it (coach as main coach, phase, running), and a
// coach above the caseload setting carries a flag in words (issue 13).
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
import { Link } from 'react-router';
import { api } from '../../api/client';
import { CLOSING_REASONS, PHASES, type Page, type ReferrerKindItem, type TeamOverview } from '../../api/types';
import { referrerKindLabel, trajectoryApi } from '../trajectory/api';
import { useI18n } from '../../i18n';
import { useDays } from '../../ui/Badges';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { TableWrap } from '../../ui/TableWrap';
import { useCan } from '../auth/session';
import RoleChanges from '../users/RoleChanges';

export default function TeamOverviewPage() {
  const { t } = useI18n();
  const days = useDays();
  const can = useCan();
  usePageTitle(t('team.title'));
  const data = useApi<TeamOverview>((signal) => api.get<TeamOverview>('/team/overview', undefined, signal), []);
  const kinds = useApi<Page<ReferrerKindItem> | null>((signal) => trajectoryApi.referrerKinds(signal).catch(() => null), []);
  const o = data.data;
  const reasonLabel = (r: string) => ((CLOSING_REASONS as readonly string[]).includes(r) || r === 'op_eigen_verzoek' ? t(`closingReason.${r as 'anders'}`) : r);
  const roleLabel = (r: string) =>
    r === 'gezinscoach' || r === 'kindercoach' || r === 'jongerencoach' || r === 'anders' ? t(`coachRole.${r}`) : r;
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
              <dd>
                {can('waiting_list.read') && o.waiting.count > 0 ? (
                  <Link className="utrecht-link k-count-link" to="/wachtlijst" aria-label={t('team.linkWaiting', { count: o.waiting.count })}>
                    {o.waiting.count}
                  </Link>
                ) : (
                  o.waiting.count
                )}
              </dd>
              <dt>{t('team.waitingLongest')}</dt>
              <dd>{days(o.waiting.longest_days)}</dd>
              <dt>{t('team.waitingAverage')}</dt>
              <dd>{o.waiting.average_days === null ? t('common.none') : days(Math.round(o.waiting.average_days))}</dd>
            </dl>
          </section>
          {o.closed && (
            <section className="k-card" aria-labelledby="team-closed">
              <Heading2 id="team-closed">{t('team.closed')}</Heading2>
              <dl className="k-dl">
                <dt>{t('team.closedCompleted')}</dt>
                <dd id="team-closed-completed">{o.closed.completed}</dd>
                <dt>{t('team.closedNotStarted')}</dt>
                <dd id="team-closed-not-started">{o.closed.not_started}</dd>
              </dl>
              {Object.keys(o.closed.not_started_by_reason).length > 0 && (
                <TableWrap>
                  <Table>
                    <TableCaption>{t('team.notStartedCaption')}</TableCaption>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">{t('team.reason')}</TableHeaderCell>
                        <TableHeaderCell scope="col" className="k-num">{t('team.count')}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {Object.entries(o.closed.not_started_by_reason).map(([r, n]) => (
                        <TableRow key={r}>
                          <TableHeaderCell scope="row">{reasonLabel(r)}</TableHeaderCell>
                          <TableCell className="k-num">{n}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableWrap>
              )}
            </section>
          )}
          {o.referrals_by_kind && (
            <section className="k-card" aria-labelledby="team-referrals">
              <Heading2 id="team-referrals">{t('team.referrals')}</Heading2>
              <TableWrap>
                <Table>
                  <TableCaption>{t('team.referralsCaption')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('team.kind')}</TableHeaderCell>
                      <TableHeaderCell scope="col" className="k-num">{t('team.count')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {Object.entries(o.referrals_by_kind).map(([k, n]) => (
                      <TableRow key={k}>
                        <TableHeaderCell scope="row">{referrerKindLabel(t, k, kinds.data?.items)}</TableHeaderCell>
                        <TableCell className="k-num">{n}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableWrap>
            </section>
          )}
          {o.coaches.length === 0 ? (
            <Empty>{t('team.empty')}</Empty>
          ) : (
            <TableWrap>
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
                    <TableHeaderCell scope="col">{t('team.byRole')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {o.coaches.map((c) => (
                    <TableRow key={c.id} data-coach={c.id}>
                      <TableHeaderCell scope="row">
                        {c.display_name}
                        {c.over_caseload && o.caseload_max !== undefined && (
                          <>
                            {' '}
                            <span className="k-flag" data-testid="over-caseload">
                              {t('team.overCaseload', { max: o.caseload_max })}
                            </span>
                          </>
                        )}
                      </TableHeaderCell>
                      {PHASES.map((p) => (
                        <TableCell key={p} className="k-num">
                          <CountLink
                            count={c.families_by_phase[p] ?? 0}
                            to={caseloadLink(c.id, p)}
                            label={t('team.linkPhase', { count: c.families_by_phase[p] ?? 0, coach: c.display_name, phase: t(`phase.${p}`) })}
                          />
                        </TableCell>
                      ))}
                      <TableCell className="k-num">
                        <strong>
                          <CountLink count={c.total_active} to={caseloadLink(c.id)} label={t('team.linkTotal', { count: c.total_active, coach: c.display_name })} />
                        </strong>
                      </TableCell>
                      <TableCell>
                        {Object.entries(c.families_by_role ?? {})
                          .filter(([, n]) => n > 0)
                          .map(([r, n]) => `${roleLabel(r)}: ${n}`)
                          .join(', ') || t('common.none')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
        </>
      )}
      <RoleChanges />
    </section>
  );
}

/** The caseload with the families a team overview number counts: running, with this main coach. */
function caseloadLink(coach: string, phase?: string): string {
  const q = new URLSearchParams({ coach, rol: 'hoofdcoach', status: 'active' });
  if (phase) q.set('fase', phase);
  return `/gezinnen?${q.toString()}`;
}

/** A count that opens the list behind it; 0 opens nothing. */
function CountLink({ count, to, label }: { count: number; to: string; label: string }) {
  if (count === 0) return <>{count}</>;
  return (
    <Link className="utrecht-link k-count-link" to={to} aria-label={label}>
      {count}
    </Link>
  );
}
