import path from 'node:path';

/** Runtime configuration, read once from the environment (plus CLI overrides) and validated at boot. */
export interface AppConfig {
  host: string;
  port: number;
  /** `sqlite:<path>` / a file path, or `postgres://…` */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  redisUrl: string | null;
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
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// (got "${redisUrl}")`);
  const host = env.HOST || '127.0.0.1';
  const config: AppConfig = {
    host,
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl: db?.url ?? '',
    dialect: db?.dialect ?? 'sqlite',
    redisUrl,
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
