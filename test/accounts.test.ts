import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeUscc, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe.each(DIALECTS)('accounts and organisations on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;

  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  const registration = (over: Record<string, unknown> = {}) => ({
    email: `reg-${Math.random().toString(36).slice(2, 8)}@example.cn`,
    password: 'Sy#2026abc',
    name: '李工',
    role: 'enterprise',
    organisation: { name: '沈阳示例精密机械有限公司', uscc: makeUscc('210100'), type: 'enterprise', regionCode: '210100' },
    ...over,
  });

  it('registers an enterprise with its organisation, signs in with an HttpOnly SameSite cookie, and audits it', async () => {
    const body = registration();
    const res = await call(app, 'POST', '/api/auth/register', { body });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: body.email, role: 'enterprise', orgAdmin: true });
    expect(res.json.organisation).toMatchObject({ name: '沈阳示例精密机械有限公司', verified: false, regionCode: '210100' });
    const cookie = res.cookies.find((c) => c.name === 'tb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await call(app, 'GET', '/api/auth/session')).json).toEqual({ user: null, organisation: null });
    expect((await call(app, 'GET', '/api/auth/session', { cookie: `tb_session=${cookie.value}` })).json.user.email).toBe(body.email);
    const me = await call(app, 'GET', '/api/auth/me', { cookie: `tb_session=${cookie.value}` });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(body.email);
    const audit = await p.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', res.json.user.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.register', 'account.login']));
    expect(audit.every((a) => /^[0-9a-f]{64}$/.test(a.digest))).toBe(true);
    // the password hash is argon2id and never leaves the server
    const row = await p.ctx.db.selectFrom('users').select('password_hash').where('id', '=', res.json.user.id).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(JSON.stringify(me.json)).not.toContain('argon2');
  });

  it('refuses a wrong check character in the 统一社会信用代码, naming the field in zh-CN and en', async () => {
    const good = makeUscc('210200');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const zh = await call(app, 'POST', '/api/auth/register', { body: registration({ organisation: { name: '大连示例', uscc: bad, type: 'enterprise', regionCode: '210200' } }) });
    expect(zh.status).toBe(400);
    expect(zh.json.error.code).toBe('VALIDATION_FAILED');
    expect(zh.json.error.fields[0].field).toBe('uscc');
    expect(zh.json.error.fields[0].message).toContain('校验位');
    const en = await call(app, 'POST', '/api/auth/register', { headers: { 'accept-language': 'en-US,en;q=0.9' }, body: registration({ organisation: { name: '大连示例', uscc: bad, type: 'enterprise', regionCode: '210200' } }) });
    expect(en.json.error.fields[0].message).toContain('check character');
  });

  it('refuses self-registration as government or with a mismatched organisation type', async () => {
    expect((await call(app, 'POST', '/api/auth/register', { body: registration({ role: 'government' }) })).status).toBe(400);
    const res = await call(app, 'POST', '/api/auth/register', { body: registration({ role: 'institution' }) });
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].field).toBe('organisation.type');
  });

  it('refuses a duplicate e-mail and a duplicate credit code with 409', async () => {
    const body = registration();
    expect((await call(app, 'POST', '/api/auth/register', { body })).status).toBe(201);
    const again = await call(app, 'POST', '/api/auth/register', { body: { ...body, organisation: { ...body.organisation, uscc: makeUscc() } } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('EMAIL_TAKEN');
    const sameOrg = await call(app, 'POST', '/api/auth/register', { body: { ...registration(), organisation: body.organisation } });
    expect(sameOrg.json.error.code).toBe('ORGANISATION_EXISTS');
  });

  it('throttles sign-in after repeated failures, even with the right password', async () => {
    const u = await makeUser(p, 'enterprise');
    for (let i = 0; i < 5; i++) {
      const r = await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: 'wrong-password-1' } });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('LOGIN_FAILED');
    }
    const locked = await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('LOGIN_THROTTLED');
    p.clock.advance(16 * 60_000);
    expect((await call(app, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(200);
  });

  it('ends the session on logout and other sessions on password change', async () => {
    const u = await makeUser(p, 'institution');
    const a = await login(app, u.email, PASSWORD);
    const b = await login(app, u.email, PASSWORD);
    const changed = await call(app, 'POST', '/api/auth/password', { cookie: a, body: { oldPassword: PASSWORD, newPassword: 'New#2026pass' } });
    expect(changed.status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: a })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: b })).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/password', { cookie: a, body: { oldPassword: 'nope', newPassword: 'New#2026pass2' } })).json.error.code).toBe('PASSWORD_WRONG');
    await call(app, 'POST', '/api/auth/logout', { cookie: a });
    expect((await call(app, 'GET', '/api/auth/me', { cookie: a })).status).toBe(401);
  });

  it('issues API tokens for machine clients, shown once, and honours revocation', async () => {
    const u = await makeUser(p, 'enterprise');
    const cookie = await login(app, u.email, PASSWORD);
    const created = await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: 'ERP 集成' } });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token.startsWith('tb_')).toBe(true);
    expect((await call(app, 'GET', '/api/auth/me', { token })).json.user.email).toBe(u.email);
    const list = await call(app, 'GET', '/api/auth/tokens', { cookie });
    expect(JSON.stringify(list.json)).not.toContain(token);
    const used = await p.ctx.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', created.json.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).toBe(p.clock.now().toISOString());
    expect((await call(app, 'DELETE', `/api/auth/tokens/${created.json.id}`, { cookie })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await call(app, 'GET', '/api/auth/me', { token: 'tb_not-a-token-anyone-was-given' })).status).toBe(401);
  });

  it('refuses an expired token, and the token of a disabled account', async () => {
    const u = await makeUser(p, 'enterprise');
    const cookie = await login(app, u.email, PASSWORD);
    const short = (await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: '一日令牌', expiresInDays: 1 } })).json.token as string;
    const long = (await call(app, 'POST', '/api/auth/tokens', { cookie, body: { name: '长期令牌' } })).json.token as string;
    expect((await call(app, 'GET', '/api/auth/me', { token: short })).status).toBe(200);
    const start = p.clock.now().toISOString();
    try {
      p.clock.advance(2 * 86_400_000);
      expect((await call(app, 'GET', '/api/auth/me', { token: short })).status).toBe(401);
      expect((await call(app, 'GET', '/api/auth/me', { token: long })).status).toBe(200);
    } finally {
      p.clock.set(start);
    }
    await p.ctx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', u.userId).execute();
    expect((await call(app, 'GET', '/api/auth/me', { token: long })).status).toBe(401);
  });

  it('lets org-admins add members to their own organisation only, and only admins list all users', async () => {
    const admin = await makeUser(p, 'enterprise', { orgAdmin: true });
    const plain = await makeUser(p, 'enterprise', { orgAdmin: false, orgId: admin.orgId });
    const other = await makeUser(p, 'enterprise');
    const adminCookie = await login(app, admin.email, PASSWORD);
    const member = { email: `m-${Date.now()}@example.cn`, password: 'Mem#2026x', name: '新成员' };
    const added = await call(app, 'POST', `/api/organisations/${admin.orgId}/members`, { cookie: adminCookie, body: member });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ organisationId: admin.orgId, role: 'enterprise', orgAdmin: false });
    const plainCookie = await login(app, plain.email, PASSWORD);
    expect((await call(app, 'POST', `/api/organisations/${admin.orgId}/members`, { cookie: plainCookie, body: { ...member, email: 'x1@example.cn' } })).status).toBe(403);
    expect((await call(app, 'POST', `/api/organisations/${other.orgId}/members`, { cookie: adminCookie, body: { ...member, email: 'x2@example.cn' } })).status).toBe(403);
    expect((await call(app, 'GET', '/api/admin/users', { cookie: adminCookie })).status).toBe(403);
    expect((await call(app, 'GET', '/api/admin/users')).status).toBe(401);
    const root = await makeUser(p, 'admin', { orgId: null });
    const rootCookie = await login(app, root.email, PASSWORD);
    const users = await call(app, 'GET', '/api/admin/users?role=enterprise', { cookie: rootCookie });
    expect(users.status).toBe(200);
    expect(users.json.total).toBeGreaterThan(2);
    // an admin disables an account: its sessions end and sign-in is refused
    expect((await call(app, 'PATCH', `/api/users/${plain.userId}`, { cookie: rootCookie, body: { status: 'disabled' } })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', { cookie: plainCookie })).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/login', { body: { email: plain.email, password: PASSWORD } })).json.error.code).toBe('ACCOUNT_DISABLED');
  });

  it('lets org-admins edit their organisation, not others, and admins verify it', async () => {
    const a = await makeUser(p, 'enterprise');
    const b = await makeUser(p, 'enterprise');
    const cookie = await login(app, a.email, PASSWORD);
    const ok = await call(app, 'PATCH', `/api/organisations/${a.orgId}`, { cookie, body: { intro: '专注精密传动二十年', flags: ['专精特新'], industries: [] } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ intro: '专注精密传动二十年', flags: ['专精特新'] });
    expect((await call(app, 'PATCH', `/api/organisations/${b.orgId}`, { cookie, body: { intro: 'hijack' } })).status).toBe(403);
    expect((await call(app, 'PATCH', `/api/organisations/${a.orgId}`, { cookie, body: { regionCode: '999999' } })).json.error.fields[0].field).toBe('regionCode');
    expect((await call(app, 'POST', `/api/organisations/${a.orgId}/verify`, { cookie, body: { verified: true } })).status).toBe(403);
    const pub = await call(app, 'GET', `/api/organisations/${a.orgId}`);
    expect(pub.status).toBe(200);
    expect(pub.json.regionName).toBe('沈阳市');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const first = await p.ctx.db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'tampered' where id = ${first.id}`.execute(p.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${first.id}`.execute(p.ctx.db)).rejects.toThrow(/append-only/);
  });
});
