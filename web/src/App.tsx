import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { Layout } from './ui/Layout';
import { ForbiddenPage, Loading, NotFoundPage } from './ui/States';
import { homePathFor, loginPath, useSession } from './features/auth/session';
import LoginPage from './features/auth/LoginPage';
import { useI18n } from './i18n';
import type { Role } from './api/types';

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

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { status, user, reason, retry } = useSession();
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
  if (roles && !roles.includes(user.role)) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { status, user } = useSession();
  if (status === 'loading') return <Loading />;
  return <Navigate to={user ? homePathFor(user.role) : '/login'} replace />;
}

const CASE: Role[] = ['team_lead', 'coach'];
const LEAD: Role[] = ['team_lead'];
const ADMIN: Role[] = ['admin'];

export default function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/activeren" element={<Suspense fallback={<Loading />}><ActivationPage /></Suspense>} />
        <Route path="/gezinnen" element={<Guard roles={CASE}><CaseloadPage /></Guard>} />
        <Route path="/gezinnen/:id" element={<Guard roles={CASE}><FamilyPage /></Guard>} />
        <Route path="/gezinnen/:id/:tab" element={<Guard roles={CASE}><FamilyPage /></Guard>} />
        <Route path="/aanmelden" element={<Guard roles={CASE}><ReferralPage /></Guard>} />
        <Route path="/wachtlijst" element={<Guard roles={LEAD}><WaitingListPage /></Guard>} />
        <Route path="/team" element={<Guard roles={LEAD}><TeamOverviewPage /></Guard>} />
        <Route path="/beheer/gebruikers" element={<Guard roles={ADMIN}><UsersPage /></Guard>} />
        <Route path="/beheer/programmas" element={<Guard roles={ADMIN}><ProgrammesPage /></Guard>} />
        <Route path="/beheer/themas" element={<Guard roles={ADMIN}><ThemesPage /></Guard>} />
        <Route path="/account" element={<Guard><AccountPage /></Guard>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
