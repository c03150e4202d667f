/**
 * Where sessions and login-throttle counters live.
 *
 * - Embedded mode (no REDIS_URL): the database tables `sessions` and `login_attempts`, as always.
 * - Server mode (REDIS_URL): Redis is the session store — a session is the key `<prefix>sess:<sha256(token)>` with a
 *   TTL equal to its remaining lifetime, plus a per-user set for "end every other session" (password change, account
 *   disabled); the login throttle is an atomic counter per e-mail with the lock window as TTL. Every API node sees
 *   the same sessions and counters. The account itself (status, role) is still read from the database on every
 *   request, so disabling a user takes effect at once. Redis unreachable → SESSION_STORE_UNAVAILABLE (503): sign-in
 *   and cookie-authenticated requests are refused with that code (public pages and API tokens keep working).
 */
import type { Redis } from 'ioredis';
import { AppError } from '../../kernel/errors.js';
import type { Executor } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { SessionRow } from './accounts.table.js';

export interface SessionStore {
  readonly kind: 'database' | 'redis';
  create(db: Executor<DB>, row: SessionRow, ttlMs: number): Promise<void>;
  get(db: Executor<DB>, id: string): Promise<SessionRow | null>;
  delete(db: Executor<DB>, id: string): Promise<void>;
  deleteOfUser(db: Executor<DB>, userId: string, exceptId?: string): Promise<void>;
  purgeExpired(db: Executor<DB>, nowIso: string): Promise<void>;
}

export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
}

export interface LoginThrottle {
  /** the lock end when the key is locked now */
  lockedUntil(db: Executor<DB>, key: string, now: Date): Promise<string | null>;
  /** counts one failure in the window; locks the key for the window when `max` is reached */
  fail(db: Executor<DB>, key: string, now: Date, windowMs: number, max: number): Promise<ThrottleState>;
  clear(db: Executor<DB>, key: string): Promise<void>;
}

export class DatabaseSessionStore implements SessionStore {
  readonly kind = 'database' as const;
  constructor(private readonly repo: AccountsRepository) {}
  async create(db: Executor<DB>, row: SessionRow): Promise<void> {
    await this.repo.insertSession(db, row);
  }
  async get(db: Executor<DB>, id: string): Promise<SessionRow | null> {
    return (await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }
  delete(db: Executor<DB>, id: string): Promise<void> {
    return this.repo.deleteSession(db, id);
  }
  deleteOfUser(db: Executor<DB>, userId: string, exceptId?: string): Promise<void> {
    return this.repo.deleteSessionsOfUser(db, userId, exceptId);
  }
  purgeExpired(db: Executor<DB>, nowIso: string): Promise<void> {
    return this.repo.deleteExpiredSessions(db, nowIso);
  }
}

export class DatabaseLoginThrottle implements LoginThrottle {
  constructor(private readonly repo: AccountsRepository) {}
  async lockedUntil(db: Executor<DB>, key: string, now: Date): Promise<string | null> {
    const a = await this.repo.loginAttempt(db, key);
    return a?.locked_until && a.locked_until > now.toISOString() ? a.locked_until : null;
  }
  async fail(db: Executor<DB>, key: string, now: Date, windowMs: number, max: number): Promise<ThrottleState> {
    const attempt = await this.repo.loginAttempt(db, key);
    const fresh = !attempt || now.getTime() - Date.parse(attempt.window_start) > windowMs;
    const failures = fresh ? 1 : attempt.failures + 1;
    const lockedUntil = failures >= max ? new Date(now.getTime() + windowMs).toISOString() : null;
    await this.repo.saveLoginAttempt(db, { key, failures, window_start: fresh ? now.toISOString() : attempt!.window_start, locked_until: lockedUntil });
    return { failures, lockedUntil };
  }
  clear(db: Executor<DB>, key: string): Promise<void> {
    return this.repo.clearLoginAttempts(db, key);
  }
}

/** Any Redis failure becomes the stable 503 code (never a 500, never a silent anonymous fallback). */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('SESSION_STORE_UNAVAILABLE');
  }
}

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  private sessionKey(id: string): string {
    return `${this.prefix}sess:${id}`;
  }
  private userKey(userId: string): string {
    return `${this.prefix}user-sess:${userId}`;
  }
  create(_db: Executor<DB>, row: SessionRow, ttlMs: number): Promise<void> {
    return guarded(async () => {
      const ttl = Math.max(1000, Math.round(ttlMs));
      const r = await this.redis.multi()
        .set(this.sessionKey(row.id), JSON.stringify(row), 'PX', ttl)
        .sadd(this.userKey(row.user_id), row.id)
        .pexpire(this.userKey(row.user_id), ttl, 'GT')
        .pexpire(this.userKey(row.user_id), ttl, 'NX')
        .exec();
      const failed = r?.find(([err]) => err);
      if (!r || failed) throw failed?.[0] ?? new Error('redis transaction aborted');
    });
  }
  get(_db: Executor<DB>, id: string): Promise<SessionRow | null> {
    return guarded(async () => {
      const raw = await this.redis.get(this.sessionKey(id));
      if (!raw) return null;
      try {
        return JSON.parse(raw) as SessionRow;
      } catch {
        return null;
      }
    });
  }
  delete(db: Executor<DB>, id: string): Promise<void> {
    return guarded(async () => {
      const s = await this.get(db, id);
      await this.redis.del(this.sessionKey(id));
      if (s) await this.redis.srem(this.userKey(s.user_id), id);
    });
  }
  deleteOfUser(_db: Executor<DB>, userId: string, exceptId?: string): Promise<void> {
    return guarded(async () => {
      const ids = (await this.redis.smembers(this.userKey(userId))).filter((id) => id !== exceptId);
      if (!ids.length) return;
      await this.redis.multi().del(...ids.map((id) => this.sessionKey(id))).srem(this.userKey(userId), ...ids).exec();
    });
  }
  async purgeExpired(): Promise<void> {
    // Redis expires sessions by TTL
  }
}

export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  private keys(key: string) {
    return { count: `${this.prefix}throttle:${key}`, lock: `${this.prefix}throttle-lock:${key}` };
  }
  lockedUntil(_db: Executor<DB>, key: string, now: Date): Promise<string | null> {
    return guarded(async () => {
      const until = await this.redis.get(this.keys(key).lock);
      return until && until > now.toISOString() ? until : null;
    });
  }
  fail(_db: Executor<DB>, key: string, now: Date, windowMs: number, max: number): Promise<ThrottleState> {
    return guarded(async () => {
      const k = this.keys(key);
      // atomic across nodes: concurrent failures on several nodes all count
      const r = await this.redis.multi().incr(k.count).pexpire(k.count, windowMs, 'NX').exec();
      const failures = Number(r?.[0]?.[1] ?? 0);
      if (!r || r[0][0] || failures < 1) throw new Error('redis transaction aborted');
      let lockedUntil: string | null = null;
      if (failures >= max) {
        lockedUntil = new Date(now.getTime() + windowMs).toISOString();
        await this.redis.multi().set(k.lock, lockedUntil, 'PX', windowMs).del(k.count).exec();
      }
      return { failures, lockedUntil };
    });
  }
  clear(_db: Executor<DB>, key: string): Promise<void> {
    return guarded(async () => {
      const k = this.keys(key);
      await this.redis.del(k.count, k.lock);
    });
  }
}
