// The family file: a header with who and where in the trajectory, then tabs as links
// (each tab has its own address, so it can be bookmarked and Back works).
import { lazy, Suspense } from 'react';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link, NavLink, useLocation, useParams } from 'react-router';
import type { Capability, Family } from '../../api/types';
import { isNotFound } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/nl';
import { PhaseBadge } from '../../ui/Badges';
import { ErrorState, Loading, NotFoundPage, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import { familiesApi } from './api';
import OverviewTab from './OverviewTab';
import MembersTab from './MembersTab';

const TrajectoryTab = lazy(() => import('../trajectory/TrajectoryTab'));
const ConsentTab = lazy(() => import('../consent/ConsentTab'));
const GenogramTab = lazy(() => import('../genogram/GenogramTab'));
const AccessTab = lazy(() => import('./AccessTab'));
// Measurements (issue 10): Chart.js only in this lazy chunk.
const MeasurementsTab = lazy(() => import('../measurements/MeasurementsTab'));
// Kansplan, budget and contact log (issue 11).
const PlanTab = lazy(() => import('../plan/PlanTab'));
const BudgetTab = lazy(() => import('../budget/BudgetTab'));
const ContactsTab = lazy(() => import('../contacts/ContactsTab'));

// A tab shows when the user may take the action it needs (GET /me capabilities).
const TABS: { slug: string; key: MessageKey; need?: Capability }[] = [
  { slug: 'overzicht', key: 'family.tab.overview' },
  { slug: 'gezinsleden', key: 'family.tab.members' },
  { slug: 'traject', key: 'family.tab.trajectory' },
  { slug: 'toestemming', key: 'family.tab.consent' },
  { slug: 'genogram', key: 'family.tab.genogram' },
  { slug: 'metingen', key: 'family.tab.measurements', need: 'measurement.read' },
  { slug: 'kansplan', key: 'family.tab.plan', need: 'plan.read' },
  { slug: 'budget', key: 'family.tab.budget', need: 'budget.read' },
  { slug: 'contacten', key: 'family.tab.contacts', need: 'contact.list' },
  { slug: 'toegang', key: 'family.tab.access', need: 'access_log.read' },
];

/**
 * Navigation state a family page may be opened with: a notice to show, and the caseload's
 * filters, search and page to return to. The tabs pass it on, so the back link still knows
 * after switching tabs (and after a reload: history state survives it).
 */
export interface FamilyArrival {
  notice?: string;
  list?: { search: string; cursors: string[] };
}

export interface TabProps {
  family: Family;
  reload: () => void;
}

export default function FamilyPage() {
  const { id = '', tab = 'overzicht' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  // A message handed over by the page that sent us here (e.g. "referral saved").
  const location = useLocation();
  const arrival = location.state as FamilyArrival | null;
  const arrivalNotice = arrival?.notice;
  const backTo = arrival?.list;
  const family = useApi<Family>((signal) => familiesApi.get(id, signal), [id]);
  const tabs = TABS.filter((x) => !x.need || can(x.need));
  const current = tabs.find((x) => x.slug === tab);
  usePageTitle(family.data ? `${family.data.name}${current ? ` — ${t(current.key)}` : ''}` : null);

  if (family.loading && !family.data) return <Loading />;
  if (family.error != null && isNotFound(family.error)) return <NotFoundPage messageKey="family.notFound" />;
  if (family.error != null && !family.data) return <ErrorState error={family.error} onRetry={family.reload} />;
  if (!family.data) return null;
  if (!current) return <NotFoundPage messageKey="family.notFound" />;
  const f = family.data;

  return (
    <article aria-labelledby="page-title">
      <Paragraph>
        <Link className="utrecht-link" to={`/gezinnen${backTo?.search ?? ''}`} state={backTo ? { cursors: backTo.cursors } : undefined}>
          ← {t('family.back')}
        </Link>
      </Paragraph>
      <div className="k-family-head">
        <Heading1 id="page-title">{f.name}</Heading1>
        {f.phase && <PhaseBadge phase={f.phase} />}
        {f.status === 'archived' && <span className="k-badge k-badge--neutral">{t('family.archived')}</span>}
      </div>
      <ul className="k-meta">
        <li>
          {t('family.coach')}: <strong>{f.coach_name ?? t('caseload.noCoach')}</strong>
        </li>
        {f.programme_name && (
          <li>
            {t('family.programme')}: <strong>{f.programme_name}</strong>
          </li>
        )}
        <li>
          {t('family.memberCount')}: <strong>{f.member_count}</strong>
        </li>
      </ul>
      {arrivalNotice && tab === 'overzicht' && <Notice>{arrivalNotice}</Notice>}
      <nav className="k-tabs" aria-label={t('family.tabs')}>
        <ul>
          {tabs.map((x) => (
            <li key={x.slug}>
              <NavLink to={`/gezinnen/${f.id}/${x.slug}`} state={backTo ? ({ list: backTo } satisfies FamilyArrival) : undefined} aria-current={x.slug === current.slug ? 'page' : undefined} end>
                {t(x.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="k-tabpanel">
        {family.error != null && <ErrorState error={family.error} onRetry={family.reload} />}
        <Suspense fallback={<Loading />}>
          {current.slug === 'overzicht' && <OverviewTab family={f} reload={family.reload} />}
          {current.slug === 'gezinsleden' && <MembersTab family={f} reload={family.reload} />}
          {current.slug === 'traject' && <TrajectoryTab family={f} reload={family.reload} />}
          {current.slug === 'toestemming' && <ConsentTab family={f} reload={family.reload} />}
          {current.slug === 'genogram' && <GenogramTab family={f} reload={family.reload} />}
          {current.slug === 'metingen' && <MeasurementsTab family={f} reload={family.reload} />}
          {current.slug === 'toegang' && <AccessTab family={f} reload={family.reload} />}
          {current.slug === 'kansplan' && <PlanTab family={f} reload={family.reload} />}
          {current.slug === 'budget' && <BudgetTab family={f} reload={family.reload} />}
          {current.slug === 'contacten' && <ContactsTab family={f} reload={family.reload} />}
        </Suspense>
      </div>
    </article>
  );
}
