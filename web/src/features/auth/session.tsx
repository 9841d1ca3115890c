// Who is logged in. Asks GET /me once at start; a 401 anywhere later sends the user to
// the login page with the current address, so they come back where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, request, setCsrfToken, setUnauthenticatedHandler } from '../../api/client';
import type { Role, User } from '../../api/types';

interface Session {
  status: 'loading' | 'anonymous' | 'authenticated' | 'error';
  user: User | null;
  /** Why the user is on the login page: a session that ran out, or a logout. */
  reason: 'expired' | 'logout' | null;
  signedIn: (user: User, csrf: string) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login') ? `/login?terug=${encodeURIComponent(next)}` : '/login';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [reason, setReason] = useState<Session['reason']>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();

  const load = useCallback(async () => {
    try {
      const { data } = await request<{ user: User; csrf_token: string }>('GET', '/me', { noAuthRedirect: true });
      setCsrfToken(data.csrf_token);
      setUser(data.user);
      setStatus('authenticated');
    } catch (err) {
      setCsrfToken(null);
      setUser(null);
      setStatus(err instanceof ApiError && err.status === 401 ? 'anonymous' : 'error');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, attempt]);

  // The handler needs the current address; keep it fresh.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      setStatus('anonymous');
      setReason('expired');
      navigate(loginPath(location.pathname + location.search), { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, location.pathname, location.search]);

  const signedIn = useCallback((u: User, csrf: string) => {
    setCsrfToken(csrf);
    setUser(u);
    setStatus('authenticated');
    setReason(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await request('POST', '/auth/logout', { noAuthRedirect: true });
    } catch {
      /* the session is gone either way */
    }
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
    setReason('logout');
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<Session>(
    () => ({ status, user, reason, signedIn, signOut, refresh: load, retry: () => setAttempt((n) => n + 1) }),
    [status, user, reason, signedIn, signOut, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

export function homePathFor(role: Role): string {
  return role === 'admin' ? '/beheer/gebruikers' : '/gezinnen';
}
