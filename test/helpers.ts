/**
 * Test harness: the same suites run over every database in DIALECTS (SQLite always; PostgreSQL when one answers at
 * TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test — under CI=true a missing PostgreSQL fails).
 * Each test platform gets its own fresh database: a temporary SQLite file, or a new PostgreSQL database dropped after.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { loadConfig, type AppConfig } from '../src/kernel/config.js';
import { createPlatform, type Platform } from '../src/platform.js';
import { buildApp } from '../src/app.js';
import type { HttpApp } from '../src/kernel/http/index.js';
import { fixedClock, type Clock } from '../src/kernel/clock.js';
import { makeOrganisation, makeUser } from './factories.js';

export type TestDialect = 'sqlite' | 'postgres';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgAvailable = await postgresAnswers();
if (!pgAvailable && process.env.CI === 'true') {
  throw new Error(`CI=true but PostgreSQL does not answer at ${PG_URL}: the PostgreSQL half of the suite cannot be skipped in CI`);
}

/** Databases to run integration suites on. */
export const DIALECTS: TestDialect[] = pgAvailable ? ['sqlite', 'postgres'] : ['sqlite'];
if (!pgAvailable) console.warn(`[test] PostgreSQL not reachable at ${PG_URL}: running SQLite only (set CI=true to make this an error)`);

export interface TestPlatform extends Platform {
  dialect: TestDialect;
  clock: Clock & { set(iso: string): void; advance(ms: number): void };
  destroy(): Promise<void>;
}

/** A fresh PostgreSQL database beside PG_URL's; drop() removes it (forcing out leftover connections). */
export async function createPgDatabase(prefix = 'tb_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestPlatform(dialect: TestDialect, overrides: Partial<AppConfig> = {}, now = '2026-11-27T02:00:00Z'): Promise<TestPlatform> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'postgres') {
    const d = await createPgDatabase();
    url = d.url;
    cleanup = d.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-test-'));
    url = path.join(dir, 'test.db');
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const config = loadConfig({ TECHBRIDGE_DB: url, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null, ...overrides });
  const clock = fixedClock(now);
  const platform = await createPlatform(config, { clock });
  return {
    ...platform,
    dialect,
    clock,
    async destroy() {
      await platform.close();
      await cleanup();
    },
  };
}

export async function createTestApp(platform: Platform): Promise<HttpApp> {
  return buildApp(platform, { logger: false, webDist: null });
}

/** Signs in through the API and returns the session cookie header value. */
export async function login(app: HttpApp, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tb_session');
  if (!cookie) throw new Error('no session cookie');
  return `tb_session=${cookie.value}`;
}

export interface CallOptions {
  cookie?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API call through inject; returns status and parsed JSON. */
export async function call(app: HttpApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
  let json: any = null;
  try {
    json = res.body ? JSON.parse(res.body) : null;
  } catch {
    json = null;
  }
  return { status: res.statusCode, json, body: res.body, headers: res.headers, cookies: res.cookies };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for servers started as child processes). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers at REDIS_URL (server-mode tests skip without it, except under CI=true). */
export async function redisAnswers(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** A response body as JSON, or null when it is empty or not JSON (tests read error pages and empty replies too). */
export function jsonOrNull(text: string): any {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Migrates the database `env` names (TECHBRIDGE_DB or DATABASE_URL) in-process and creates an admin and an
 * organisation, for tests that then start `techbridge serve` processes on it.
 */
export async function prepareAccounts(env: Record<string, string>): Promise<{ adminEmail: string; orgId: string }> {
  const p = await createPlatform(loadConfig({ ...env, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null }));
  try {
    return { adminEmail: (await makeUser(p, 'admin')).email, orgId: (await makeOrganisation(p)).id };
  } finally {
    await p.close();
  }
}
