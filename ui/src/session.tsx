// The session: who is signed in, per the auth contract (GET/POST/DELETE
// /api/v1/session, POST /api/v1/session/totp). States: loading; signed_in (user and a
// CSRF token, which every state-changing call sends); anonymous (401); open (the
// server has no session API yet, answering 404, and serves the API to loopback
// callers: the signal screens work without login). A 401 from any later call means the
// session ended: the current path is remembered and the login page is shown; forms
// keep their drafts in sessionStorage and come back after login.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from './api/client';
import type { SessionInfo, TotpChallenge, User } from './api/types';
import { clearAllDrafts, rememberReturnTo } from './draft';
import { resetReference } from './api/reference';
import { useRouter } from './router';
import type { Viewer } from './nav';
import type { Role } from './api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'open' }
  | { status: 'signed_in'; user: User };

export type LoginResult = { ok: true } | { totp: string };

interface SessionValue {
  state: SessionState;
  viewer: Viewer;
  login: (username: string, password: string) => Promise<LoginResult>;
  verifyTotp: (challenge: string, code: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

function isChallenge(x: SessionInfo | TotpChallenge): x is TotpChallenge {
  return (x as TotpChallenge).totp_required === true;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { navigate, location } = useRouter();

  useEffect(() => {
    let cancelled = false;
    api<SessionInfo>('/session', { quiet401: true })
      .then((s) => {
        if (cancelled) return;
        setCsrfToken(s.csrf_token);
        setState({ status: 'signed_in', user: s.user });
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setState({ status: 'open' });
        else setState({ status: 'anonymous' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        setState({ status: 'anonymous', expired: true });
        const here = window.location.pathname + window.location.search;
        if (!here.startsWith('/inloggen')) {
          rememberReturnTo(here);
          navigate('/inloggen');
        }
      }),
    [navigate],
  );
  void location;

  const signedIn = useCallback((s: SessionInfo) => {
    resetReference();
    setCsrfToken(s.csrf_token);
    setState({ status: 'signed_in', user: s.user });
  }, []);

  const login = useCallback(
    async (username: string, password: string): Promise<LoginResult> => {
      const r = await api<SessionInfo | TotpChallenge>('/session', { method: 'POST', body: { username, password }, quiet401: true });
      if (isChallenge(r)) return { totp: r.challenge };
      signedIn(r);
      return { ok: true };
    },
    [signedIn],
  );

  const verifyTotp = useCallback(
    async (challenge: string, code: string) => {
      const r = await api<SessionInfo>('/session/totp', { method: 'POST', body: { challenge, code }, quiet401: true });
      signedIn(r);
    },
    [signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await api<void>('/session', { method: 'DELETE', quiet401: true });
    } catch {
      /* the session is gone either way */
    }
    setCsrfToken(null);
    clearAllDrafts();
    setState({ status: 'anonymous' });
    navigate('/inloggen');
  }, [navigate]);

  const viewer: Viewer = state.status === 'signed_in' ? (state.user.role as Role) : state.status === 'open' ? 'open' : null;
  return <SessionContext.Provider value={{ state, viewer, login, verifyTotp, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
