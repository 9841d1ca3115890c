import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { Layout } from './ui/Layout';
import { ForbiddenPage, Loading, NotFoundPage } from './ui/States';
import { homePathFor, loginPath, useSession } from './features/auth/session';
import LoginPage from './features/auth/LoginPage';
import { useI18n } from './i18n';
import type { Capability } from './api/types';

// Pages load on demand, so the first download stays small.
const ActivationPage = lazy(() => import('./features/auth/ActivationPage'));
const CaseloadPage = lazy(() => import('./features/families/CaseloadPage'));
const FamilyPage = lazy(() => import('./features/families/FamilyPage'));
const ReferralPage = lazy(() => import('./features/trajectory/ReferralPage'));
const WaitingListPage = lazy(() => import('./features/waiting/WaitingListPage'));
const TeamOverviewPage = lazy(() => import('./features/team/TeamOverviewPage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const ProgrammesPage = lazy(() => import('./features/programmes/ProgrammesPage'));
const ThemesPage = lazy(() => import('./features/genogram/ThemesPage'));
const AccountPage = lazy(() => import('./features/account/AccountPage'));
// Issue 14 (norms and consent)
const NormsPage = lazy(() => import('./features/eligibility/NormsPage'));
const PartnersPage = lazy(() => import('./features/consent/PartnersPage'));
// Measurements (issue 10)
const OutcomesPage = lazy(() => import('./features/measurements/OutcomesPage'));
// Vandaag, the coach's start page (issue 11).
const TodayPage = lazy(() => import('./features/today/TodayPage'));
// The team lead's programme budget: pot and report (issue 11).
const BudgetLeadPage = lazy(() => import('./features/budget/BudgetLeadPage'));
// The team lead's hours per family and per coach against the programme's target (issue 11).
const HoursReportPage = lazy(() => import('./features/contacts/HoursReportPage'));
// The footer's pages (issue 13): public, also before login.
const InfoPage = lazy(() => import('./features/info/InfoPage'));

/** A page for logged-in users; with `need`, only for those who may take that action. */
function Guard({ need, children }: { need?: Capability | Capability[]; children: ReactNode }) {
  const { status, user, can, reason, retry } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'error') {
    return (
      <Alert type="error" role="alert">
        <Paragraph>{t('state.networkError')}</Paragraph>
        <Button appearance="secondary-action-button" onClick={retry}>
          {t('state.retry')}
        </Button>
      </Alert>
    );
  }
  // After a logout there is nothing to come back to; otherwise return here after login.
  if (!user) return <Navigate to={reason === 'logout' ? '/login' : loginPath(location.pathname + location.search)} replace />;
  // A list of capabilities: any one of them opens the page (the page shows what each allows).
  if (need && !(Array.isArray(need) ? need.some((n) => can(n)) : can(need))) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { status, user, can } = useSession();
  if (status === 'loading') return <Loading />;
  return <Navigate to={user ? homePathFor(can) : '/login'} replace />;
}

export default function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/activeren" element={<Suspense fallback={<Loading />}><ActivationPage /></Suspense>} />
        <Route path="/gezinnen" element={<Guard need="family.list"><CaseloadPage /></Guard>} />
        <Route path="/gezinnen/:id" element={<Guard need="family.read"><FamilyPage /></Guard>} />
        <Route path="/gezinnen/:id/:tab" element={<Guard need="family.read"><FamilyPage /></Guard>} />
        <Route path="/aanmelden" element={<Guard need="referral.create"><ReferralPage /></Guard>} />
        <Route path="/wachtlijst" element={<Guard need="waiting_list.read"><WaitingListPage /></Guard>} />
        <Route path="/team" element={<Guard need="team.overview"><TeamOverviewPage /></Guard>} />
        <Route path="/beheer/gebruikers" element={<Guard need="user.manage"><UsersPage /></Guard>} />
        <Route path="/beheer/programmas" element={<Guard need="programme.update"><ProgrammesPage /></Guard>} />
        <Route path="/beheer/themas" element={<Guard need="genogram.themes.replace"><ThemesPage /></Guard>} />
        <Route path="/resultaten" element={<Guard need="programme.outcomes"><OutcomesPage /></Guard>} />
        <Route path="/account" element={<Guard><AccountPage /></Guard>} />
        {/* Issue 14 (norms and consent) */}
        <Route path="/beheer/normen" element={<Guard need="norm.read"><NormsPage /></Guard>} />
        <Route path="/beheer/partners" element={<Guard need="partner_org.create"><PartnersPage /></Guard>} />
        <Route path="/vandaag" element={<Guard need="today.read"><TodayPage /></Guard>} />
        <Route path="/budget" element={<Guard need={['budget.report', 'budget.pot_manage']}><BudgetLeadPage /></Guard>} />
        <Route path="/uren" element={<Guard need="contact.hours_report"><HoursReportPage /></Guard>} />
        <Route path="/toegankelijkheid" element={<Suspense fallback={<Loading />}><InfoPage page="accessibility" /></Suspense>} />
        <Route path="/privacy" element={<Suspense fallback={<Loading />}><InfoPage page="privacy" /></Suspense>} />
        <Route path="/hulp" element={<Suspense fallback={<Loading />}><InfoPage page="help" /></Suspense>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
