import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap, type Organisation, type User, type Role } from './api';

export interface Session {
  user: User & { role: Role };
  organisation: Organisation | null;
}

interface AuthState {
  session: Session | null;
  loading: boolean;
  refresh(): Promise<Session | null>;
  setSession(s: Session | null): void;
  logout(): Promise<void>;
}

const Ctx = createContext<AuthState | null>(null);

/**
 * GET /api/auth/session answers 200 for everyone ({user: null} when signed out), so anonymous visitors cause no
 * 401 in the console and the page needs no local hint about a login.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const s = (await unwrap(api.GET('/api/auth/session'))) as { user: Session['user'] | null; organisation: Organisation | null };
      const next = s.user ? ({ user: s.user, organisation: s.organisation } as Session) : null;
      setSession(next);
      return next;
    } catch (e) {
      console.warn('session check failed', e);
      setSession(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const logout = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/auth/logout'));
    } finally {
      setSession(null);
    }
  }, []);
  const value = useMemo(() => ({ session, loading, refresh, setSession, logout }), [session, loading, refresh, logout]);
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

/** Roles that take part in deals (对接项目) as a party or a broker. */
export function dealsRole(role: Role | undefined): boolean {
  return role === 'enterprise' || role === 'institution' || role === 'broker' || role === 'service' || role === 'admin';
}
