/**
 * Security rules through the HTTP API: the password policy on registration, account creation and password change
 * (stable field codes); CSRF for cookie sessions (foreign Origin refused, text/plain bodies refused with 415 so a
 * cross-site "simple request" cannot reach a handler, bearer tokens unaffected); sign-in throttling per account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, login, type TestPlatform } from './helpers.js';
import { makeUser, makeUscc, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe('security rules over HTTP', () => {
  let p: TestPlatform;
  let app: HttpApp;
  beforeAll(async () => {
    p = await createTestPlatform('sqlite');
    app = await createTestApp(p);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  const registration = (email: string, password: string) => ({
    email, password, name: '李工', role: 'enterprise',
    organisation: { name: `沈阳密码策略测试有限公司${Math.random().toString(36).slice(2, 6)}`, uscc: makeUscc('210100'), type: 'enterprise', regionCode: '210100' },
  });

  it('registration applies the password policy with a code per rule', async () => {
    const cases: [string, string, string][] = [
      ['pw1@example.cn', 'Ab#123', 'FIELD_MIN_LENGTH'], // the request schema already holds the minimum length
      ['pw2@example.cn', 'abcdefghijkl', 'PASSWORD_TOO_SIMPLE'],
      ['Zhang.Wei2026@example.cn', 'zhang.wei2026@EXAMPLE.cn', 'PASSWORD_SAME_AS_EMAIL'],
      ['zhang.wei2027@example.cn', 'zhang.wei2027', 'PASSWORD_SAME_AS_EMAIL'],
    ];
    for (const [email, password, code] of cases) {
      const res = await call(app, 'POST', '/api/auth/register', { body: registration(email, password), headers: { 'accept-language': 'en' } });
      expect(res.status, `${email} ${password}`).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(res.json.error.fields).toEqual([expect.objectContaining({ field: 'password', code })]);
      expect(res.json.error.fields[0].message).toMatch(/password/);
    }
    expect(await p.ctx.db.selectFrom('users').select('id').where('email', 'in', cases.map((c) => c[0].toLowerCase())).execute()).toEqual([]);
    expect((await call(app, 'POST', '/api/auth/register', { body: registration('pw-ok@example.cn', 'Str0ng#pass') })).status).toBe(201);
  });

  it('password change applies it too (field newPassword) and keeps the old password on refusal', async () => {
    const u = await makeUser(p, 'enterprise');
    const cookie = await login(app, u.email, PASSWORD);
    const same = await call(app, 'POST', '/api/auth/password', { cookie, body: { oldPassword: PASSWORD, newPassword: u.email.toUpperCase() } });
    expect(same.status).toBe(400);
    expect(same.json.error.fields).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_SAME_AS_EMAIL' })]);
    const simple = await call(app, 'POST', '/api/auth/password', { cookie, body: { oldPassword: PASSWORD, newPassword: 'onlyletters' } });
    expect(simple.json.error.fields[0].code).toBe('PASSWORD_TOO_SIMPLE');
    await login(app, u.email, PASSWORD);
  });

  it('admin-created accounts follow the same policy', async () => {
    const admin = await makeUser(p, 'admin');
    const cookie = await login(app, admin.email, PASSWORD);
    const res = await call(app, 'POST', '/api/admin/users', { cookie, body: { email: 'gov-weak@example.cn', password: 'weakweak', name: '政府用户', role: 'government', organisationId: null } });
    expect(res.status).toBe(400);
    expect(res.json.error.fields?.[0]?.code ?? res.json.error.code).toMatch(/PASSWORD_TOO_SIMPLE|VALIDATION_FAILED/);
  });

  it('CSRF: a foreign Origin is refused for cookie sessions; text/plain bodies get 415; bearer tokens are not cookie-bound', async () => {
    const u = await makeUser(p, 'enterprise');
    const cookie = await login(app, u.email, PASSWORD);
    const foreign = await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: 'x' }, headers: { origin: 'https://evil.example', host: 'localhost:80' } });
    expect(foreign.json.error.code).toBe('CSRF_REJECTED');
    const sameOrigin = await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: 'mine' }, headers: { origin: 'http://localhost:3000', host: 'localhost:3000' } });
    expect(sameOrigin.status).toBe(201);
    const simple = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie, 'content-type': 'text/plain' }, payload: '{"name":"csrf"}' });
    expect(simple.statusCode).toBe(415);
    expect(simple.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const token = sameOrigin.json.token as string;
    expect(token).toBeTruthy();
    const viaToken = await call(app, 'POST', '/api/auth/tokens', { token, body: { name: 'from-script' }, headers: { origin: 'https://elsewhere.example', host: 'localhost:80' } });
    expect(viaToken.status).toBe(201);
    const tokens = await p.ctx.db.selectFrom('api_tokens').select('name').where('user_id', '=', u.userId).execute();
    expect(tokens.map((t) => t.name).sort()).toEqual(['from-script', 'mine']);
  });

  it('throttles sign-in per account after repeated failures (the right password is refused while locked)', async () => {
    const u = await makeUser(p, 'institution');
    const max = p.config.loginMaxFailures;
    for (let i = 0; i < max; i++) expect((await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: `Wrong#${i}pass` } })).status).toBe(401);
    const locked = await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    expect(locked.json.error.code).toBe('LOGIN_THROTTLED');
    // another account is not affected
    const other = await makeUser(p, 'institution');
    expect((await call(app, 'POST', '/api/auth/login', { body: { email: other.email, password: PASSWORD } })).status).toBe(200);
    p.clock.advance(p.config.loginLockMinutes * 60_000 + 1000);
    expect((await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(200);
  });
});
