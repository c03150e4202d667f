/**
 * Server mode in-process: configuration checks, /metrics access, draining, and Redis-backed sessions and login
 * throttle shared by two platforms ("nodes") on one PostgreSQL database and one Redis (own key prefix).
 * The multi-process test (three real nodes, kill -9, Redis cut) is test/multinode.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../src/kernel/config.js';
import { createPlatform, type Platform } from '../src/platform.js';
import type { HttpApp } from '../src/kernel/http/index.js';
import { DIALECTS, call, createTestApp, createTestPlatform, login, REDIS_URL, redisAnswers, type TestPlatform } from './helpers.js';
import { makeUser, PASSWORD, SYSTEM } from './factories.js';

const redisOk = await redisAnswers();
const pgOk = DIALECTS.includes('postgres');
if ((!redisOk || !pgOk) && process.env.CI === 'true') throw new Error(`CI=true but Redis (${REDIS_URL}) or PostgreSQL is missing: server mode cannot be tested`);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ LOG_LEVEL: 'silent', ...env });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('server-mode configuration', () => {
  it('names each REDIS_URL / METRICS_TOKEN problem', () => {
    expect(problems({ DATABASE_URL: 'postgres://x@h/db', REDIS_URL: 'http://127.0.0.1:6379' }).join()).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(problems({ DATABASE_URL: 'postgres://x@h/db', REDIS_URL: 'redis://127.0.0.1:6379/cache' }).join()).toMatch(/REDIS_URL database must be a number/);
    expect(problems({ DATABASE_URL: './x.db', REDIS_URL: 'redis://127.0.0.1:6379' }).join()).toMatch(/server mode .* needs DATABASE_URL=postgres/);
    expect(problems({ DATABASE_URL: 'postgres://x@h/db', REDIS_KEY_PREFIX: 'a b' }).join()).toMatch(/REDIS_KEY_PREFIX/);
    expect(problems({ METRICS_TOKEN: 'short' }).join()).toMatch(/METRICS_TOKEN must have at least 16 characters/);
    expect(problems({ OUTBOX_POLL_MS: '5' }).join()).toMatch(/OUTBOX_POLL_MS must be an integer between 50/);
    expect(problems({ DATABASE_URL: 'postgres://x@h/db', REDIS_URL: 'redis://127.0.0.1:6379/2' })).toEqual([]);
    expect(loadConfig({ LOG_LEVEL: 'silent' }).redisUrl).toBeNull(); // embedded mode by default
  });

  it('reads WORKERS as 1–64 or auto, and names a bad value', () => {
    expect(loadConfig({ LOG_LEVEL: 'silent' }).workers).toBe(1);
    expect(loadConfig({ LOG_LEVEL: 'silent', WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ LOG_LEVEL: 'silent', WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '65', '2.5', 'two', '-1']) expect(problems({ WORKERS: bad }).join()).toMatch(/WORKERS must be an integer 1–64 or "auto"/);
  });
});

describe('/metrics access and draining', () => {
  let p: TestPlatform;
  let open: HttpApp;
  let guarded: HttpApp;
  const token = randomBytes(16).toString('hex');
  beforeAll(async () => {
    p = await createTestPlatform('sqlite');
    open = await createTestApp(p);
    guarded = await createTestApp({ ...p, config: { ...p.config, metricsToken: token } });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
    await p?.destroy();
  });

  it('answers a direct loopback caller, but not one relayed by a proxy', async () => {
    await call(open, 'GET', '/api/demands');
    const ok = await call(open, 'GET', '/metrics');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/techbridge_http_request_duration_seconds_count\{method="GET",route="\/api\/demands",status_code="200"\} 1/);
    expect(ok.body).toMatch(/^techbridge_outbox_lag_events 0$/m);
    expect(ok.body).not.toMatch(/techbridge_redis_up/); // embedded mode: no Redis
    const relayed = await call(open, 'GET', '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(relayed.json.error.code).toBe('FORBIDDEN');
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    expect((await call(guarded, 'GET', '/metrics')).status).toBe(401);
    expect((await call(guarded, 'GET', '/metrics', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await call(guarded, 'GET', '/metrics', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
  });

  it('sends secure headers, and says 503 SHUTTING_DOWN on /readyz while draining', async () => {
    const r = await call(open, 'GET', '/healthz');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['strict-transport-security']).toBeUndefined(); // plain HTTP (COOKIE_SECURE=false)
    open.draining = true;
    try {
      const ready = await call(open, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json.error.code).toBe('SHUTTING_DOWN');
      expect(ready.headers.connection).toBe('close');
    } finally {
      open.draining = false;
    }
    expect((await call(open, 'GET', '/readyz')).status).toBe(200);
  });
});

describe.skipIf(!redisOk || !pgOk)('sessions and login throttle in Redis, shared by two nodes', () => {
  const prefix = `tbtest:${randomBytes(4).toString('hex')}:`;
  let a: TestPlatform;
  let b: Platform;
  let appA: HttpApp;
  let appB: HttpApp;
  beforeAll(async () => {
    a = await createTestPlatform('postgres', { redisUrl: REDIS_URL, redisKeyPrefix: prefix, loginMaxFailures: 3 });
    b = await createPlatform(a.config, { clock: a.clock, migrate: false });
    await a.redis!.waitReady(3000);
    await b.redis!.waitReady(3000);
    appA = await createTestApp(a);
    appB = await createTestApp(b);
  });
  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
    await b?.close();
    await a?.destroy();
  });

  it('keeps sessions in Redis: opened on A, valid on B, ended on B for A too', async () => {
    const u = await makeUser(a, 'enterprise');
    const cookie = await login(appA, u.email, PASSWORD);
    expect((await call(appB, 'GET', '/api/auth/me', { cookie })).json.user.email).toBe(u.email);
    expect(Number((await a.ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    const r = new Redis(REDIS_URL);
    try {
      const keys = await r.keys(`${prefix}sess:*`);
      expect(keys.length).toBe(1);
      const ttl = await r.pttl(keys[0]);
      expect(ttl).toBeGreaterThan((a.config.sessionTtlHours - 1) * 3_600_000);
    } finally {
      r.disconnect();
    }
    expect((await call(appB, 'POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect((await call(appA, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('ends every other session on every node when the password changes, and when an admin disables the account', async () => {
    const u = await makeUser(a, 'institution');
    const first = await login(appA, u.email, PASSWORD);
    const second = await login(appB, u.email, PASSWORD);
    const changed = await call(appB, 'POST', '/api/auth/password', { cookie: second, body: { oldPassword: PASSWORD, newPassword: 'Changed#2026pw' } });
    expect(changed.status).toBe(200);
    expect((await call(appA, 'GET', '/api/auth/me', { cookie: first })).status).toBe(401);
    expect((await call(appA, 'GET', '/api/auth/me', { cookie: second })).status).toBe(200);
    await a.services.accounts.updateUser(SYSTEM, u.userId, { status: 'disabled' });
    expect((await call(appB, 'GET', '/api/auth/me', { cookie: second })).status).toBe(401);
    const r = new Redis(REDIS_URL);
    try {
      expect(await r.smembers(`${prefix}user-sess:${u.userId}`)).toEqual([]);
    } finally {
      r.disconnect();
    }
  });

  it('counts failed sign-ins across nodes: the lock reached through A and B holds on both', async () => {
    const u = await makeUser(a, 'broker');
    expect((await call(appA, 'POST', '/api/auth/login', { body: { email: u.email, password: 'Wrong#2026pw' } })).json.error.code).toBe('LOGIN_FAILED');
    expect((await call(appB, 'POST', '/api/auth/login', { body: { email: u.email, password: 'Wrong#2026pw' } })).json.error.code).toBe('LOGIN_FAILED');
    expect((await call(appA, 'POST', '/api/auth/login', { body: { email: u.email, password: 'Wrong#2026pw' } })).json.error.code).toBe('LOGIN_FAILED');
    // three failures (loginMaxFailures=3) spread over two nodes: locked everywhere, even with the right password
    for (const app of [appA, appB]) {
      const r = await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe('LOGIN_THROTTLED');
    }
    expect(Number((await a.ctx.db.selectFrom('login_attempts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('relays live auction-room events between nodes through Redis pub/sub', async () => {
    const got: unknown[] = [];
    const listener = (e: unknown) => got.push(e);
    b.services.auctions.events.on('auction-x', listener);
    try {
      a.services.auctions.events.emit('auction-x', { type: 'bid', auctionId: 'auction-x', amountFen: 100, endAt: '2026-12-01T00:00:00Z', bids: 1 });
      const until = Date.now() + 3000;
      while (got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([{ type: 'bid', auctionId: 'auction-x', amountFen: 100, endAt: '2026-12-01T00:00:00Z', bids: 1 }]);
    } finally {
      b.services.auctions.events.off('auction-x', listener);
    }
  });
});
