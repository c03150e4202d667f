import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, login, type TestPlatform } from './helpers.js';
import { makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';
import { loadConfig, ConfigError } from '../src/kernel/config.js';
import { pickLocale } from '../src/kernel/i18n/index.js';
import { errorCatalog } from '../src/kernel/errors.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';

describe('HTTP edge', () => {
  let p: TestPlatform;
  let app: HttpApp;
  beforeAll(async () => {
    p = await createTestPlatform('sqlite', { bodyLimitBytes: 4096 });
    app = await createTestApp(p);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('answers health and readiness probes and serves OpenAPI', async () => {
    expect((await call(app, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await call(app, 'GET', '/readyz')).json).toEqual({ status: 'ready' });
    const doc = await call(app, 'GET', '/docs/json');
    expect(doc.json.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json.paths)).toEqual(expect.arrayContaining(['/api/demands', '/api/achievements/{id}', '/api/auth/login', '/api/ndas']));
  });

  it('echoes a well-formed request id and makes one up otherwise', async () => {
    const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123-request' } });
    expect(given.headers['x-request-id']).toBe('abc-123-request');
    const bad = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'x\n<script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('localizes errors by Accept-Language, zh-CN by default', async () => {
    expect((await call(app, 'GET', '/api/nope')).json.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('接口不存在') });
    const en = await call(app, 'GET', '/api/nope', { headers: { 'accept-language': 'en-GB,en;q=0.8,zh;q=0.5' } });
    expect(en.json.error.message).toContain('No such endpoint');
    expect(pickLocale('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
    expect(pickLocale(undefined, 'en')).toBe('en');
  });

  it('refuses malformed JSON, wrong content types and oversized bodies with coded 4xx', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('MALFORMED_JSON');
    const text = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(text.statusCode).toBe(415);
    expect(JSON.parse(text.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a'.repeat(10_000), password: 'x' }) });
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('BODY_TOO_LARGE');
    const wrongType = await call(app, 'POST', '/api/auth/login', { body: { email: 'a@b.cn', password: { nested: true } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['password']));
  });

  it('refuses a cookie-authenticated mutation from another origin', async () => {
    const u = await makeUser(p, 'enterprise');
    const cookie = await login(app, u.email, PASSWORD);
    const res = await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: 'x' }, headers: { origin: 'https://evil.example', host: 'localhost:80' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CSRF_REJECTED');
  });

  it('serves the web app shell for page routes, but a 404 for missing files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>TechBridge</title>');
    const web = await buildApp(p, { logger: false, webDist: dir });
    expect((await web.inject({ method: 'GET', url: '/achievements/123' })).body).toContain('TechBridge');
    expect((await web.inject({ method: 'GET', url: '/assets/missing-abc123.js' })).statusCode).toBe(404);
    expect((await web.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
    await web.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a zh-CN and an English message for every error code', () => {
    for (const [code, spec] of errorCatalog()) {
      expect(spec.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.en, code).toMatch(/^[\x20-\x7E’—–≥≤]+$/);
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  it('lists every configuration problem at boot', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', COOKIE_SECURE: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'COOKIE_SECURE']) expect(problems).toContain(name);
    }
  });
});
