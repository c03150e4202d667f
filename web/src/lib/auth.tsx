import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, unwrap, ApiError, type Organisation, type User, type Role } from './api';

export interface Session {
  user: User & { role: Role };
  organisation: Organisation | null;
}

interface AuthState {
  session: Session | null;
  loading: boolean;
  refresh(): Promise<Session | null>;
  /** asks the server once per page load even without the local hint (used by pages that need a login) */
  verify(): void;
  setSession(s: Session | null): void;
  logout(): Promise<void>;
}

const Ctx = createContext<AuthState | null>(null);

/**
 * The session cookie is HttpOnly, so the page cannot see it. GET /api/auth/me answers 401 for anonymous
 * visitors, which browsers log as a console error on every page load; a small hint in localStorage, set when
 * this browser logs in, lets anonymous visitors skip that request.
 */
const HINT = 'techbridge.session';
function hasHint(): boolean {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}
function setHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    /* ignore */
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const setSession = useCallback((s: Session | null) => {
    setHint(Boolean(s));
    setSessionState(s);
  }, []);
  const refresh = useCallback(async () => {
    try {
      const me = (await unwrap(api.GET('/api/auth/me'))) as Session;
      setSession(me);
      return me;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.warn('session check failed', e);
      setSession(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (hasHint()) void refresh();
    else setLoading(false);
  }, [refresh]);
  const verified = useRef(false);
  useEffect(() => {
    if (hasHint()) verified.current = true;
  }, []);
  const verify = useCallback(() => {
    if (verified.current) return;
    verified.current = true;
    setLoading(true);
    void refresh();
  }, [refresh]);
  const logout = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/auth/logout'));
    } finally {
      setSession(null);
    }
  }, [setSession]);
  const value = useMemo(() => ({ session, loading, refresh, verify, setSession, logout }), [session, loading, refresh, verify, setSession, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Which listing kinds a role may publish (mirrors the server's rule; the server decides). */
export function canPublish(role: Role | undefined, kind: 'demand' | 'achievement'): boolean {
  if (!role) return false;
  if (role === 'admin') return false; // admins publish on behalf of an organisation via the API only
  return kind === 'demand' ? role === 'enterprise' || role === 'service' : role === 'institution' || role === 'enterprise';
}
