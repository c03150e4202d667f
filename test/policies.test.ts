/**
 * Issue 10 parts 3–4 over HTTP on every database in DIALECTS: the policy library (CRUD, publish, who may), the
 * policies an organisation qualifies for with the conditions it meets and misses, notification of newly qualifying
 * organisations (once per version), and first-of-kind promotion (catalogue, proposals, potential users, the
 * insurance-compensation workflow with its documents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeUscc, makeUser, PASSWORD, SYSTEM } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe.each(DIALECTS)('policy push and first-of-kind on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let gov: { cookie: string; userId: string };
  let ent: { cookie: string; userId: string; orgId: string }; // 专精特新 + 高新, 大连, EQ.ROB.RED
  let other: { cookie: string; userId: string; orgId: string }; // 沈阳, chemicals, no flags
  let uni: { cookie: string; userId: string; orgId: string };

  async function enterprise(name: string, regionCode: string, industries: string[], flags: string[]) {
    const org = await p.services.organisations.create(SYSTEM, { name, uscc: makeUscc(regionCode), type: 'enterprise', regionCode, industries, flags, intro: '' });
    const u = await makeUser(p, 'enterprise', { orgId: org.id });
    return { cookie: await login(app, u.email, PASSWORD), userId: u.userId, orgId: org.id };
  }
  async function unread(userId: string, kind: string) {
    return (await p.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', kind).execute());
  }

  beforeAll(async () => {
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 30 });
    app = await createTestApp(p);
    const g = await makeUser(p, 'government');
    gov = { cookie: await login(app, g.email, PASSWORD), userId: g.userId };
    ent = await enterprise('大连瑞衡传动科技有限公司', '210213', ['EQ.ROB.RED'], ['专精特新', '高新技术企业']);
    other = await enterprise('沈阳化工新材料有限公司', '210106', ['PC'], []);
    const uu = await makeUser(p, 'institution');
    uni = { cookie: await login(app, uu.email, PASSWORD), userId: uu.userId, orgId: uu.orgId! };
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  const base = { issuer: '辽宁省科学技术厅', effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31', benefit: '最高补助 50 万元' };
  const ids: Record<string, string> = {};

  describe('policy library', () => {
    it('lets government create drafts; enterprises, institutions and anonymous callers may not', async () => {
      const body = { ...base, title: '专精特新中小企业研发费用后补助', docNumber: '辽科发〔2026〕12号', conditions: { regions: ['210000'], orgTypes: ['enterprise'], flagsAll: ['专精特新'] } };
      expect((await call(app, 'POST', '/api/policies', { body })).status).toBe(401);
      const denied = await call(app, 'POST', '/api/policies', { cookie: ent.cookie, body });
      expect(denied.status).toBe(403);
      expect(denied.json.error.code).toBe('FORBIDDEN');
      expect((await call(app, 'POST', '/api/policies', { cookie: uni.cookie, body })).status).toBe(403);
      const created = await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ status: 'draft', version: 1, title: body.title, docNumber: body.docNumber, conditions: { regions: ['210000'], flagsAll: ['专精特新'], sizes: [], trlMin: null } });
      ids.srdi = created.json.id;
      // a draft is invisible to the public and to enterprises, visible to government
      expect((await call(app, 'GET', `/api/policies/${ids.srdi}`)).status).toBe(404);
      expect((await call(app, 'GET', `/api/policies/${ids.srdi}`, { cookie: ent.cookie })).status).toBe(404);
      expect((await call(app, 'GET', `/api/policies/${ids.srdi}`, { cookie: gov.cookie })).json.policy.status).toBe('draft');
      expect((await call(app, 'GET', '/api/policies')).json.map((x: { id: string }) => x.id)).not.toContain(ids.srdi);
      const notGov = await call(app, 'GET', '/api/policies?scope=all', { cookie: ent.cookie }); // falls back to the published ones
      expect(notGov.status).toBe(200);
      expect(notGov.json.map((x: { id: string }) => x.id)).not.toContain(ids.srdi);
      expect((await call(app, 'GET', '/api/policies?scope=all', { cookie: gov.cookie })).json.map((x: { id: string }) => x.id)).toContain(ids.srdi);
    });

    it('validates conditions and dates with stable codes naming the field', async () => {
      const bad = await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body: { ...base, title: '测试政策', conditions: { trlMin: 7, trlMax: 3 } } });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('VALIDATION_FAILED');
      expect(bad.json.error.fields[0].field).toBe('conditions.trlMax');
      expect((await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body: { ...base, title: '测试政策', conditions: { regions: ['21'] } } })).status).toBe(400);
      expect((await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body: { ...base, title: '测试政策', conditions: { sizes: ['giant'] } } })).status).toBe(400);
      const dates = await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body: { ...base, title: '测试政策', effectiveFrom: '2027-01-01', effectiveTo: '2026-01-01', conditions: {} } });
      expect(dates.status).toBe(400);
      expect(dates.json.error.fields[0].field).toBe('effectiveTo');
    });

    it('publishes, notifying the members of every organisation that qualifies — and nobody else', async () => {
      expect((await call(app, 'POST', `/api/policies/${ids.srdi}/publish`, { cookie: ent.cookie })).status).toBe(403);
      const pub = await call(app, 'POST', `/api/policies/${ids.srdi}/publish`, { cookie: gov.cookie });
      expect(pub.status).toBe(200);
      expect(pub.json.policy.status).toBe('published');
      expect(pub.json.notifiedOrganisations).toBe(1);
      const n = await unread(ent.userId, 'policy');
      expect(n).toHaveLength(1);
      expect(n[0].title).toContain('专精特新中小企业研发费用后补助');
      expect(n[0].link).toBe(`/policies/${ids.srdi}`);
      expect(await unread(other.userId, 'policy')).toHaveLength(0);
      expect(await unread(uni.userId, 'policy')).toHaveLength(0);
      expect((await call(app, 'POST', `/api/policies/${ids.srdi}/publish`, { cookie: gov.cookie })).json.error.code).toBe('POLICY_STATE_INVALID');
      const audit = await p.ctx.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', ids.srdi).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.create', 'policy.publish', 'policy.notify']));
    });

    it('notifies once per version: a rerun sends nothing; an edit notifies only the newly qualifying', async () => {
      const again = await call(app, 'POST', `/api/policies/${ids.srdi}/notify`, { cookie: gov.cookie });
      expect(again.json).toEqual({ recorded: 0, notifiedOrganisations: 0, notifiedUsers: 0 });
      expect((await call(app, 'POST', `/api/policies/${ids.srdi}/notify`, { cookie: ent.cookie })).status).toBe(403);
      expect(await unread(ent.userId, 'policy')).toHaveLength(1);
      // widen it: 专精特新 or 高新 no longer required → the Shenyang chemicals company newly qualifies
      const edit = await call(app, 'PATCH', `/api/policies/${ids.srdi}`, { cookie: gov.cookie, body: { conditions: { regions: ['210000'], orgTypes: ['enterprise'] } } });
      expect(edit.status).toBe(200);
      expect(edit.json.policy.version).toBe(2);
      expect(edit.json.notifiedOrganisations).toBe(1);
      expect(await unread(other.userId, 'policy')).toHaveLength(1);
      expect(await unread(ent.userId, 'policy')).toHaveLength(1); // already told under version 1
      const rows = await p.ctx.db.selectFrom('policy_matches').selectAll().where('policy_id', '=', ids.srdi).orderBy('version').execute();
      expect(rows.map((r) => [r.organisation_id === ent.orgId ? 'ent' : 'other', r.version, r.notified])).toEqual(expect.arrayContaining([['ent', 1, 1], ['ent', 2, 0], ['other', 2, 1]]));
      // narrow it back for the rest of the test
      await call(app, 'PATCH', `/api/policies/${ids.srdi}`, { cookie: gov.cookie, body: { conditions: { regions: ['210000'], orgTypes: ['enterprise'], flagsAll: ['专精特新'] } } });
    });
  });

  describe('the policies an organisation qualifies for', () => {
    beforeAll(async () => {
      const make = async (title: string, conditions: Record<string, unknown>, over: Record<string, unknown> = {}) => {
        const c = await call(app, 'POST', '/api/policies', { cookie: gov.cookie, body: { ...base, title, conditions, ...over } });
        expect(c.status).toBe(201);
        expect((await call(app, 'POST', `/api/policies/${c.json.id}/publish`, { cookie: gov.cookie })).status).toBe(200);
        return c.json.id as string;
      };
      ids.dalianEq = await make('大连市高端装备首购首用奖励', { regions: ['210200'], industries: ['EQ'], flagsAny: ['高新技术企业', '瞪羚企业'] }, { issuer: '大连市工业和信息化局' });
      ids.sme = await make('小微企业技术改造贴息', { regions: ['210000'], orgTypes: ['enterprise'], sizes: ['small', 'micro'] });
      ids.shenyang = await make('沈阳市科技型企业研发补助', { regions: ['210100'], orgTypes: ['enterprise'] });
      ids.expired = await make('已过期的旧政策', { regions: ['210000'] }, { effectiveFrom: '2024-01-01', effectiveTo: '2025-12-31' });
    });

    it('lists exactly the qualifying policies in force, with the conditions met', async () => {
      expect((await call(app, 'GET', '/api/policies/mine')).status).toBe(401);
      const r = await call(app, 'GET', '/api/policies/mine', { cookie: ent.cookie });
      expect(r.status).toBe(200);
      expect(r.json.facts).toMatchObject({ regionCode: '210213', type: 'enterprise', size: null, flags: ['专精特新', '高新技术企业'], industries: ['EQ.ROB.RED'] });
      const titles = r.json.qualifying.map((q: { policy: { title: string } }) => q.policy.title).sort();
      expect(titles).toEqual(['专精特新中小企业研发费用后补助', '大连市高端装备首购首用奖励'].sort());
      const eq = r.json.qualifying.find((q: { policy: { id: string } }) => q.policy.id === ids.dalianEq);
      expect(eq.met.map((m: { condition: string }) => m.condition)).toEqual(['region', 'industry', 'flagsAny']);
      expect(eq.met[0].zh).toBe('注册地在大连市');
      expect(eq.met[2].zh).toBe('已认定为高新技术企业');
      expect(eq.missed).toEqual([]);
      expect(r.json.nearMisses).toEqual([]);
    });

    it('adds near misses with the one condition missed', async () => {
      const r = await call(app, 'GET', '/api/policies/mine?nearMisses=true', { cookie: ent.cookie });
      const near = Object.fromEntries(r.json.nearMisses.map((q: { policy: { id: string }; missed: { condition: string; zh: string }[] }) => [q.policy.id, q.missed]));
      expect(Object.keys(near).sort()).toEqual([ids.sme, ids.shenyang].sort());
      expect(near[ids.sme][0].condition).toBe('size');
      expect(near[ids.sme][0].zh).toContain('未填报从业人员和营业收入');
      expect(near[ids.shenyang][0].condition).toBe('region');
      expect(r.json.nearMisses.map((q: { policy: { id: string } }) => q.policy.id)).not.toContain(ids.expired);
    });

    it('declaring employees and revenue sizes the enterprise, and the SME policy then applies and is notified by the sweep', async () => {
      expect((await call(app, 'PUT', '/api/policies/facts', { body: { employees: 10 } })).status).toBe(401);
      const bad = await call(app, 'PUT', '/api/policies/facts', { cookie: ent.cookie, body: { employees: 180, revenueWan: '9000.1234567' } });
      expect(bad.status).toBe(400);
      const put = await call(app, 'PUT', '/api/policies/facts', { cookie: ent.cookie, body: { employees: 180, revenueWan: '9000', stage: 'growth' } });
      expect(put.status).toBe(200);
      expect(put.json.declared).toMatchObject({ employees: 180, revenueWan: '9000', stage: 'growth' });
      expect(put.json.facts.size).toBe('small');
      const r = await call(app, 'GET', '/api/policies/mine', { cookie: ent.cookie });
      const sme = r.json.qualifying.find((q: { policy: { id: string } }) => q.policy.id === ids.sme);
      expect(sme.met.find((m: { condition: string }) => m.condition === 'size').zh).toBe('企业规模为小型');
      const before = (await unread(ent.userId, 'policy')).length;
      await p.services.policies.sweep(SYSTEM);
      const after = await unread(ent.userId, 'policy');
      expect(after.length).toBe(before + 1);
      expect(after.some((n) => n.title.includes('小微企业技术改造贴息'))).toBe(true);
      await p.services.policies.sweep(SYSTEM);
      expect((await unread(ent.userId, 'policy')).length).toBe(before + 1);
      const audit = await p.ctx.db.selectFrom('audit_log').select(['action']).where('action', '=', 'policy.facts.declare').execute();
      expect(audit.length).toBeGreaterThan(0);
    });

    it('shows the qualifying organisations to government only; an enterprise sees its own evaluation', async () => {
      const g = await call(app, 'GET', `/api/policies/${ids.dalianEq}`, { cookie: gov.cookie });
      expect(g.json.qualifying.map((q: { organisationId: string }) => q.organisationId)).toEqual([ent.orgId]);
      const e = await call(app, 'GET', `/api/policies/${ids.shenyang}`, { cookie: ent.cookie });
      expect(e.json.qualifying).toBeNull();
      expect(e.json.mine.qualifies).toBe(false);
      expect(e.json.mine.missed[0].condition).toBe('region');
      const anon = await call(app, 'GET', `/api/policies/${ids.dalianEq}`);
      expect(anon.status).toBe(200);
      expect(anon.json.mine).toBeNull();
      expect(anon.json.qualifying).toBeNull();
      expect((await call(app, 'GET', `/api/policies/${ids.expired}`)).json.inForce).toBe(false);
    });

    it('withdraws a policy: it leaves the public list and /mine', async () => {
      expect((await call(app, 'POST', `/api/policies/${ids.shenyang}/withdraw`, { cookie: ent.cookie })).status).toBe(403);
      expect((await call(app, 'POST', `/api/policies/${ids.shenyang}/withdraw`, { cookie: gov.cookie })).json.status).toBe('withdrawn');
      expect((await call(app, 'GET', '/api/policies')).json.map((x: { id: string }) => x.id)).not.toContain(ids.shenyang);
      expect((await call(app, 'PATCH', `/api/policies/${ids.shenyang}`, { cookie: gov.cookie, body: { title: '改一下' } })).json.error.code).toBe('POLICY_STATE_INVALID');
    });
  });

  describe('first-of-kind promotion', () => {
    let productId: string;
    let appId: string;
    const docs = [
      { type: 'certificate', name: '首台套认定证书.pdf', mime: 'application/pdf', size: 320_000, sha256: sha(1) },
      { type: 'insurance_contract', name: '保险合同.pdf', mime: 'application/pdf', size: 1_200_000, sha256: sha(2) },
      { type: 'premium_invoice', name: '保费发票.jpg', mime: 'image/jpeg', size: 180_000, sha256: sha(3) },
      { type: 'sales_contract', name: '销售合同.pdf', mime: 'application/pdf', size: 900_000, sha256: sha(4) },
    ];

    it('government enters a product; a maker proposes its own and government approves it', async () => {
      const body = {
        kind: 'equipment', name: '高精度 RV 减速器', makerOrgId: ent.orgId, industries: ['EQ.ROB.RED'], recognitionYear: 2026, batch: '2026 年第一批',
        description: '工业机器人关节用 RV 减速器，回差小、寿命长，替代进口', indicators: [{ key: '回差', type: 'number', value: 1, unit: 'arcmin', comparator: '<=' }, { key: '额定寿命', type: 'number', value: 6000, unit: 'h', comparator: '>=' }],
      };
      expect((await call(app, 'POST', '/api/firstkind/products', { body })).status).toBe(401);
      expect((await call(app, 'POST', '/api/firstkind/products', { cookie: uni.cookie, body })).status).toBe(403);
      const badUnit = await call(app, 'POST', '/api/firstkind/products', { cookie: gov.cookie, body: { ...body, indicators: [{ key: '回差', type: 'number', value: 1, unit: '' }] } });
      expect(badUnit.status).toBe(400);
      expect(badUnit.json.error.fields[0].field).toBe('indicators[0].unit');
      const created = await call(app, 'POST', '/api/firstkind/products', { cookie: gov.cookie, body });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ status: 'approved', makerName: '大连瑞衡传动科技有限公司', indicatorTexts: ['回差 ≤ 1 arcmin', '额定寿命 ≥ 6000 h'] });
      productId = created.json.id;

      // a maker proposes: it is the maker whatever it says, and the proposal waits for government
      const proposed = await call(app, 'POST', '/api/firstkind/products', { cookie: other.cookie, body: { kind: 'material', name: '茂金属聚乙烯专用料', industries: ['PC'], description: '首批次新材料' } });
      expect(proposed.status).toBe(201);
      expect(proposed.json).toMatchObject({ status: 'proposed', makerOrgId: other.orgId });
      expect((await call(app, 'GET', `/api/firstkind/products/${proposed.json.id}`)).status).toBe(404);
      expect((await call(app, 'GET', '/api/firstkind/products?scope=mine', { cookie: other.cookie })).json).toHaveLength(1);
      expect((await call(app, 'POST', `/api/firstkind/products/${proposed.json.id}/decision`, { cookie: other.cookie, body: { decision: 'approve' } })).status).toBe(403);
      expect((await call(app, 'POST', `/api/firstkind/products/${proposed.json.id}/decision`, { cookie: gov.cookie, body: { decision: 'reject' } })).json.error.code).toBe('FIRSTKIND_REASON_REQUIRED');
      const ok = await call(app, 'POST', `/api/firstkind/products/${proposed.json.id}/decision`, { cookie: gov.cookie, body: { decision: 'approve' } });
      expect(ok.json.status).toBe('approved');
      expect((await unread(other.userId, 'firstkind')).length).toBe(1);
      const pub = await call(app, 'GET', '/api/firstkind/products');
      expect(pub.json.map((x: { id: string }) => x.id).sort()).toEqual([productId, proposed.json.id].sort());
    });

    it('finds the enterprises that could use it, from their demands, with reasons', async () => {
      const buyer = await enterprise('沈阳新松机器人装备有限公司', '210112', ['EQ.ROB'], []);
      const u = await p.ctx.db.selectFrom('users').select(['id', 'email']).where('id', '=', buyer.userId).executeTakeFirstOrThrow();
      const { toActor } = await import('../src/modules/accounts/index.js');
      const row = await p.ctx.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
      const { makePublished } = await import('./factories.js');
      await makePublished(p, 'demand', toActor(row, 'session'), { title: '工业机器人关节 RV 减速器国产化替代', summary: '六轴机器人关节需要回差小于 1 弧分、寿命 6000 小时的 RV 减速器' });
      expect((await call(app, 'GET', `/api/firstkind/products/${productId}/potential-users`, { cookie: other.cookie })).status).toBe(403); // not the maker
      expect((await call(app, 'GET', `/api/firstkind/products/${productId}/potential-users`, { cookie: uni.cookie })).status).toBe(403);
      expect((await call(app, 'GET', `/api/firstkind/products/${productId}/potential-users`)).status).toBe(401);
      const r = await call(app, 'GET', `/api/firstkind/products/${productId}/potential-users`, { cookie: gov.cookie });
      expect(r.status).toBe(200);
      expect(r.json[0].organisationId).toBe(buyer.orgId);
      expect(r.json[0].demandTitle).toBe('工业机器人关节 RV 减速器国产化替代');
      expect(r.json[0].reasons.map((x: { code: string }) => x.code)).toContain('demand');
      expect(r.json.map((x: { organisationId: string }) => x.organisationId)).not.toContain(ent.orgId); // not the maker
      const maker = await call(app, 'GET', `/api/firstkind/products/${productId}/potential-users`, { cookie: ent.cookie });
      expect(maker.status).toBe(200);
    });

    it('takes an insurance-compensation application only with every required document, and computes the request', async () => {
      const body = { productId, applicantRole: 'maker', insurer: '人保财险辽宁分公司', policyNumber: 'PICC-2026-001', premiumWan: '100', documents: docs };
      const missing = await call(app, 'POST', '/api/firstkind/applications', { cookie: ent.cookie, body: { ...body, documents: docs.slice(0, 2) } });
      expect(missing.status).toBe(400);
      expect(missing.json.error.code).toBe('FIRSTKIND_DOCUMENTS_MISSING');
      expect(missing.json.error.message).toContain('保费发票');
      const tooBig = await call(app, 'POST', '/api/firstkind/applications', { cookie: ent.cookie, body: { ...body, documents: [{ ...docs[0], size: 50 * 1024 * 1024 }, ...docs.slice(1)] } });
      expect(tooBig.status).toBe(400);
      expect(tooBig.json.error.fields[0].field).toBe('documents[0].size');
      expect((await call(app, 'POST', '/api/firstkind/applications', { cookie: other.cookie, body })).status).toBe(400); // not the maker
      expect((await call(app, 'POST', '/api/firstkind/applications', { cookie: gov.cookie, body })).status).toBe(403);
      const created = await call(app, 'POST', '/api/firstkind/applications', { cookie: ent.cookie, body });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ status: 'submitted', premiumWan: '100', requestedWan: '80', applicantName: '大连瑞衡传动科技有限公司', productName: '高精度 RV 减速器' });
      appId = created.json.id;
      expect((await call(app, 'POST', '/api/firstkind/applications', { cookie: ent.cookie, body })).json.error.code).toBe('FIRSTKIND_APPLICATION_EXISTS');
      expect((await call(app, 'GET', `/api/firstkind/applications/${appId}`, { cookie: other.cookie })).status).toBe(404);
      // an enterprise asking for the review queue gets its own applications only
      const other2 = await call(app, 'GET', '/api/firstkind/applications?scope=review', { cookie: other.cookie });
      expect(other2.status).toBe(200);
      expect(other2.json).toEqual([]);
      expect((await call(app, 'GET', '/api/firstkind/applications?scope=review', { cookie: gov.cookie })).json.map((a: { id: string }) => a.id)).toContain(appId);
    });

    it('runs the review: return with reason → resubmit → review → approve within the request → pay', async () => {
      const act = (cookie: string, body: Record<string, unknown>) => call(app, 'POST', `/api/firstkind/applications/${appId}/actions`, { cookie, body });
      expect((await act(ent.cookie, { action: 'review' })).json.error.code).toBe('FIRSTKIND_NOT_YOURS');
      expect((await act(gov.cookie, { action: 'return' })).json.error.code).toBe('FIRSTKIND_REASON_REQUIRED');
      const ret = await act(gov.cookie, { action: 'return', reason: '保费发票金额与保险合同不一致' });
      expect(ret.json).toMatchObject({ status: 'returned', reason: '保费发票金额与保险合同不一致' });
      expect((await act(ent.cookie, { action: 'resubmit', premiumWan: '90', documents: [...docs.slice(0, 2), { ...docs[2], sha256: sha(9) }, docs[3]] })).json).toMatchObject({ status: 'submitted', requestedWan: '72', reason: null });
      expect((await act(gov.cookie, { action: 'approve', amountWan: '72' })).json.error.code).toBe('FIRSTKIND_STATE_INVALID');
      expect((await act(gov.cookie, { action: 'review' })).json.status).toBe('under_review');
      expect((await act(gov.cookie, { action: 'approve', amountWan: '73' })).json.error.code).toBe('FIRSTKIND_AMOUNT_INVALID');
      expect((await act(gov.cookie, { action: 'approve', amountWan: '70' })).json).toMatchObject({ status: 'approved', approvedWan: '70' });
      expect((await act(gov.cookie, { action: 'pay' })).json).toMatchObject({ status: 'paid', paidWan: '70', paidOn: '2026-11-27' });
      const titles = (await unread(ent.userId, 'firstkind')).map((n) => n.title);
      expect(titles.some((t) => t.includes('已批准'))).toBe(true);
      const audit = await p.ctx.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', appId).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['firstkind.application.submit', 'firstkind.application.return', 'firstkind.application.resubmit', 'firstkind.application.approve', 'firstkind.application.pay']));
    });
  });

  it('documents both modules in OpenAPI', async () => {
    const r = await call(app, 'GET', '/docs/json');
    expect(r.status).toBe(200);
    const paths = Object.keys(r.json.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/policies', '/api/policies/mine', '/api/firstkind/applications/{id}/actions']));
  });
});
