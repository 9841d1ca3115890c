// Who is logged in and what they may do. Asks GET /me once at start (the user, their kind and
// capabilities); a 401 anywhere later sends the user to the login page with the current
// address, so they come back where they were. Menus, routes, tabs and buttons ask `can(...)`
// for a capability, never for a role name.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, request, setCsrfToken, setUnauthenticatedHandler } from '../../api/client';
import type { Capability, MeAnswer, PrincipalKind, User } from '../../api/types';

/** True when the logged-in user may ever take `action` (from GET /me capabilities). */
export type Can = (action: Capability) => boolean;

/** What the session knows about the logged-in user after GET /me. */
export interface Me {
  user: User;
  kind: PrincipalKind;
  capabilities: ReadonlySet<Capability>;
}

interface Session {
  status: 'loading' | 'anonymous' | 'authenticated' | 'error';
  user: User | null;
  me: Me | null;
  can: Can;
  /** Why the user is on the login page: a session that ran out, or a logout. */
  reason: 'expired' | 'logout' | null;
  /** After a login: takes the answer, asks /me for the capabilities when it has none. */
  signedIn: (answer: MeAnswer) => Promise<Me>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login') ? `/login?terug=${encodeURIComponent(next)}` : '/login';
}

function toMe(answer: MeAnswer): Me {
  return { user: answer.user, kind: answer.kind ?? 'staff', capabilities: new Set(answer.capabilities ?? []) };
}

const NOBODY: Can = () => false;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const user = me?.user ?? null;
  const [reason, setReason] = useState<Session['reason']>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();

  const load = useCallback(async () => {
    try {
      const { data } = await request<MeAnswer>('GET', '/me', { noAuthRedirect: true });
      setCsrfToken(data.csrf_token);
      setMe(toMe(data));
      setStatus('authenticated');
    } catch (err) {
      setCsrfToken(null);
      setMe(null);
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
      setMe(null);
      setStatus('anonymous');
      setReason('expired');
      navigate(loginPath(location.pathname + location.search), { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, location.pathname, location.search]);

  const signedIn = useCallback(async (answer: MeAnswer): Promise<Me> => {
    setCsrfToken(answer.csrf_token);
    let full = answer;
    if (!answer.capabilities) {
      const { data } = await request<MeAnswer>('GET', '/me', { noAuthRedirect: true });
      setCsrfToken(data.csrf_token);
      full = data;
    }
    const next = toMe(full);
    setMe(next);
    setStatus('authenticated');
    setReason(null);
    return next;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await request('POST', '/auth/logout', { noAuthRedirect: true });
    } catch {
      /* the session is gone either way */
    }
    setCsrfToken(null);
    setMe(null);
    setStatus('anonymous');
    setReason('logout');
    navigate('/login', { replace: true });
  }, [navigate]);

  const can = useMemo<Can>(() => (me ? (action) => me.capabilities.has(action) : NOBODY), [me]);
  const value = useMemo<Session>(
    () => ({ status, user, me, can, reason, signedIn, signOut, refresh: load, retry: () => setAttempt((n) => n + 1) }),
    [status, user, me, can, reason, signedIn, signOut, load],
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

/** `can(action)`: whether the logged-in user may ever take the action. */
export function useCan(): Can {
  return useSession().can;
}

/** The start page after login: Vandaag for case work, else the caseload; the users page for management. */
export function homePathFor(can: Can): string {
  if (can('today.read')) return '/vandaag';
  if (can('family.list')) return '/gezinnen';
  if (can('user.manage')) return '/beheer/gebruikers';
  return '/account';
}
