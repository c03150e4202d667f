import os from 'node:os';
import path from 'node:path';

/** Runtime configuration, read once from the environment (plus CLI overrides) and validated at boot. */
export interface AppConfig {
  host: string;
  port: number;
  /** `sqlite:<path>` / a file path, or `postgres://…` */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  redisUrl: string | null;
  /** Prefix of every Redis key and channel this platform uses (several platforms or tests can share one Redis). */
  redisKeyPrefix: string;
  /** Bearer token that opens /metrics; null: /metrics answers only direct loopback callers. */
  metricsToken: string | null;
  /** Outbox events older than this are pruned (nodes further behind rebuild their index). */
  outboxRetentionHours: number;
  /** How often each node looks at the outbox when no pub/sub wake-up arrives. */
  outboxPollMs: number;
  /** Memory per matching index (MB) for decoded postings with precomputed impacts (term-at-a-time retrieval); 0 = off. */
  matchImpactCacheMb: number;
  /** SIGTERM: the node keeps serving this long while /readyz says 503 (load balancers stop sending), then closes. */
  shutdownDrainMs: number;
  /** SIGTERM: after the drain, in-flight requests get this long to finish before connections are cut. */
  shutdownGraceMs: number;
  /** API worker processes `serve` starts on one port (node:cluster); 1 = the serving process itself. */
  workers: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  cookieSecure: boolean;
  bodyLimitBytes: number;
  seedDemo: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  webDist: string | null;
  ndaTextVersion: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** WORKERS: an integer 1–64, or `auto` (one per available core). */
export function workersVar(raw: string | undefined, problems: string[], name = 'WORKERS'): number {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return Math.max(1, Math.min(64, os.availableParallelism()));
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 64) {
    problems.push(`${name} must be an integer 1–64 or "auto" (got "${raw}")`);
    return 1;
  }
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function intVar(env: Record<string, string | undefined>, name: string, dflt: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return dflt;
  }
  return n;
}

function boolVar(env: Record<string, string | undefined>, name: string, dflt: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return dflt;
}

/** Normalises a --db / TECHBRIDGE_DB / DATABASE_URL value into a URL and a dialect. */
export function resolveDatabase(raw: string): { url: string; dialect: 'sqlite' | 'postgres' } | null {
  const value = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { url: value, dialect: 'postgres' };
  if (value === ':memory:' || value === 'sqlite::memory:') return { url: ':memory:', dialect: 'sqlite' };
  const file = value.replace(/^sqlite:(\/\/)?/i, '');
  if (file === '' || /^[a-z]+:\/\//i.test(file)) return null;
  return { url: path.resolve(file), dialect: 'sqlite' };
}

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const problems: string[] = [];
  const dbRaw = env.TECHBRIDGE_DB || env.DATABASE_URL || './data/techbridge.db';
  const db = resolveDatabase(dbRaw);
  if (!db) problems.push(`DATABASE_URL / TECHBRIDGE_DB must be a SQLite file path or a postgres:// URL (got "${dbRaw}")`);
  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(redisUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^rediss?:$/.test(parsed.protocol)) problems.push(`REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0 (got "${redisUrl}")`);
    else if (parsed.pathname.length > 1 && !/^\/\d{1,2}$/.test(parsed.pathname)) problems.push(`REDIS_URL database must be a number 0–15 after the slash (got "${parsed.pathname.slice(1)}")`);
    if (db?.dialect === 'sqlite') problems.push('REDIS_URL is set but the database is SQLite: server mode (several API nodes sharing Redis) needs DATABASE_URL=postgres://… — unset REDIS_URL for embedded mode');
  }
  const redisKeyPrefix = env.REDIS_KEY_PREFIX ?? 'tb:';
  if (!/^[A-Za-z0-9:_.-]{0,64}$/.test(redisKeyPrefix)) problems.push(`REDIS_KEY_PREFIX may hold only letters, digits and : _ . - (at most 64; got "${redisKeyPrefix}")`);
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must have at least 16 characters');
  const host = env.HOST || '127.0.0.1';
  const config: AppConfig = {
    host,
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl: db?.url ?? '',
    dialect: db?.dialect ?? 'sqlite',
    redisUrl,
    redisKeyPrefix,
    metricsToken,
    outboxRetentionHours: intVar(env, 'OUTBOX_RETENTION_HOURS', 72, 1, 24 * 365, problems),
    outboxPollMs: intVar(env, 'OUTBOX_POLL_MS', 1000, 50, 60_000, problems),
    matchImpactCacheMb: intVar(env, 'MATCH_IMPACT_CACHE_MB', 256, 0, 65_536, problems),
    shutdownDrainMs: intVar(env, 'SHUTDOWN_DRAIN_MS', 1000, 0, 120_000, problems),
    shutdownGraceMs: intVar(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000, problems),
    workers: workersVar(env.WORKERS, problems),
    logLevel,
    sessionTtlHours: intVar(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90, problems),
    cookieSecure: boolVar(env, 'COOKIE_SECURE', false, problems),
    bodyLimitBytes: intVar(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576, problems),
    seedDemo: boolVar(env, 'SEED_DEMO', true, problems),
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 100, problems),
    loginLockMinutes: intVar(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60, problems),
    webDist: env.WEB_DIST ?? path.resolve('dist/web'),
    ndaTextVersion: env.NDA_TEXT_VERSION || 'NDA-2026-01',
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
