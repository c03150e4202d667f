/**
 * Issue 6 — services around the deal: pilot bases (concurrency-safe booking, TRL-gap routing), technology finance
 * (matching, workflow, who sees what, credit lists), supply-chain localisation (spec coverage with units, chain view),
 * incubation, alliances, shared instruments, dashboard counts. Runs on every database in DIALECTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser, PASSWORD, SYSTEM } from './factories.js';
import { createHash } from 'node:crypto';
import { servicesStats } from '../src/workflows/services-stats.js';
import { canonicalJson } from '../src/kernel/audit/index.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe.each(DIALECTS)('services around the deal on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  const cookieOf = new Map<string, string>();
  async function user(role: Parameters<typeof makeUser>[1], over: Parameters<typeof makeUser>[2] = {}) {
    const u = await makeUser(p, role, over);
    const cookie = await login(app, u.email, PASSWORD);
    cookieOf.set(u.userId, cookie);
    return { ...u, cookie };
  }

  beforeAll(async () => {
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 30 });
    app = await createTestApp(p);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  // ── pilot bases ───────────────────────────────────────────────────────────────────────────────

  describe('pilot bases', () => {
    let base: { cookie: string; orgId: string | null };
    let baseId: string;
    let lineId: string;
    let institution: Awaited<ReturnType<typeof user>>;
    let achievementId: string;

    beforeAll(async () => {
      base = await user('service', { orgType: 'pilot_base' });
      const created = await call(app, 'POST', '/api/pilot/bases', {
        cookie: base.cookie,
        body: {
          name: '大连精密传动中试基地', intro: '面向机器人关节与精密减速器的小批量试制与寿命验证', industries: ['EQ.ROB'],
          capabilities: ['摆线轮成形磨削', '精密减速器装配', '回差与寿命测试'], equipment: [{ name: '数控成形磨齿机', model: 'YK7250', params: [{ key: '加工精度', value: '3', unit: 'μm' }] }],
          certifications: ['CNAS'], scale: '中试线 2 条', regionCode: '210211', trlMin: 4, trlMax: 7,
        },
      });
      expect(created.status).toBe(201);
      baseId = created.json.id;
      const line = await call(app, 'POST', `/api/pilot/bases/${baseId}/units`, { cookie: base.cookie, body: { name: '减速器装配中试线 A' } });
      expect(line.status).toBe(201);
      lineId = line.json.id;
      // an unrelated base that should not be recommended for a reducer
      const chem = await user('service', { orgType: 'pilot_base' });
      expect((await call(app, 'POST', '/api/pilot/bases', { cookie: chem.cookie, body: { name: '精细化工中试基地', industries: ['PC'], capabilities: ['催化加氢', '精馏'], regionCode: '211100' } })).status).toBe(201);
      institution = await user('institution');
      achievementId = (await makePublished(p, 'achievement', institution.actor, { trl: 5, regionCode: '210200' })).row.id;
    });

    it('recommends pilot bases with reasons for a TRL-5 achievement, and none outside the gap', async () => {
      const recs = await call(app, 'GET', `/api/pilot/recommendations?achievement=${achievementId}`, { cookie: institution.cookie });
      expect(recs.status).toBe(200);
      expect(recs.json).toMatchObject({ inGap: true, trl: 5, reason: { code: 'TRL_GAP' } });
      expect(recs.json.recommendations.map((r: { base: { id: string } }) => r.base.id)).toEqual([baseId]);
      const codes = recs.json.recommendations[0].reasons.map((r: { code: string }) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['INDUSTRY', 'CAPABILITY', 'TRL_SERVED', 'SAME_CITY', 'FREE_CAPACITY']));
      const mature = (await makePublished(p, 'achievement', institution.actor, { trl: 8 })).row.id;
      expect((await call(app, 'GET', `/api/pilot/recommendations?achievement=${mature}`, { cookie: institution.cookie })).json).toMatchObject({ inGap: false, recommendations: [] });
    });

    it('under ten concurrent requests, exactly the non-overlapping ones hold the line', async () => {
      const windows = [['2026-12-01', '2026-12-03'], ['2026-12-04', '2026-12-06'], ['2026-12-10', '2026-12-10'], ['2026-12-11', '2026-12-15'], ['2026-12-20', '2026-12-22']];
      // each window asked for twice (the two copies overlap; different windows do not), all at once
      const bodies = [...windows, ...windows].map(([start, end]) => ({ unitId: lineId, achievementId, subject: 'RV 减速器 50 台小批量装配验证', quantities: [{ item: 'RV-40E', amount: '50', unit: '台' }], start, end }));
      const results = await Promise.all(bodies.map((body) => call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body })));
      const ok = results.filter((r) => r.status === 201).map((r) => r.json);
      expect(ok.map((b) => `${b.start}/${b.end}`).sort()).toEqual(windows.map(([s, e]) => `${s}/${e}`));
      const refused = results.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(windows.length);
      for (const r of refused) expect(r.json.error.code).toBe('BOOKING_CONFLICT');
      // a request straddling two held windows is refused too
      expect((await call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body: { ...bodies[0], start: '2026-12-03', end: '2026-12-04' } })).json.error.code).toBe('BOOKING_CONFLICT');
      const cal = await call(app, 'GET', `/api/pilot/bases/${baseId}/calendar?from=2026-12-01&to=2026-12-31`);
      expect(cal.json[0].days.filter((d: { state: string }) => d.state === 'requested').length).toBe(3 + 3 + 1 + 5 + 3);
      expect(cal.json[0].days.every((d: { bookingId: string | null }) => d.bookingId === null)).toBe(true); // who booked is the base's business
      expect((await call(app, 'GET', `/api/pilot/bases/${baseId}/calendar?from=2026-12-01&to=2026-12-02`, { cookie: base.cookie })).json[0].days[0].bookingId).not.toBeNull();
    });

    it('exactly one of ten concurrent requests for the same days succeeds', async () => {
      const body = { unitId: lineId, achievementId, subject: '同一时段', start: '2027-01-05', end: '2027-01-08' };
      const results = await Promise.all(Array.from({ length: 10 }, () => call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.json.error.code === 'BOOKING_CONFLICT')).toHaveLength(9);
    });

    it('lets only the base decide, needs a reason to decline, frees declined days, and records the pilot outcome', async () => {
      const req = await call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body: { unitId: lineId, achievementId, subject: '寿命试验', start: '2027-02-01', end: '2027-02-10' } });
      expect(req.status).toBe(201);
      const other = await user('service', { orgType: 'pilot_base' });
      expect((await call(app, 'POST', `/api/pilot/bookings/${req.json.id}/decision`, { cookie: other.cookie, body: { action: 'accept' } })).json.error.code).toBe('BOOKING_NOT_FOUND');
      expect((await call(app, 'POST', `/api/pilot/bookings/${req.json.id}/decision`, { cookie: institution.cookie, body: { action: 'accept' } })).json.error.code).toBe('BOOKING_NOT_YOURS');
      expect((await call(app, 'POST', `/api/pilot/bookings/${req.json.id}/decision`, { cookie: base.cookie, body: { action: 'decline' } })).json.error.code).toBe('BOOKING_REASON_REQUIRED');
      const declined = await call(app, 'POST', `/api/pilot/bookings/${req.json.id}/decision`, { cookie: base.cookie, body: { action: 'decline', reason: '二月产线检修' } });
      expect(declined.json).toMatchObject({ status: 'declined', decisionReason: '二月产线检修' });
      const again = await call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body: { unitId: lineId, achievementId, subject: '寿命试验', start: '2027-02-03', end: '2027-02-05' } });
      expect(again.status).toBe(201);
      expect((await call(app, 'POST', `/api/pilot/bookings/${again.json.id}/decision`, { cookie: base.cookie, body: { action: 'accept' } })).json.status).toBe('accepted');
      expect(Number((await p.services.government.plan.compute('pilot_bookings', { from: '2000-01-01', to: '2100-12-31' })).value)).toBeGreaterThanOrEqual(1);
      expect((await call(app, 'GET', '/api/pilot/bookings?scope=received', { cookie: base.cookie })).json.some((b: { id: string }) => b.id === again.json.id)).toBe(true);
      expect((await call(app, 'GET', '/api/pilot/bookings?scope=received', { cookie: other.cookie })).json).toEqual([]);
      const project = await call(app, 'POST', `/api/pilot/bookings/${again.json.id}/project`, { cookie: base.cookie, body: { outcome: 'succeeded', trlAfter: 7, report: '50 台装机验证通过' } });
      expect(project.status).toBe(201);
      expect(project.json).toMatchObject({ trlBefore: 5, trlAfter: 7, outcome: 'succeeded' });
      expect((await call(app, 'GET', `/api/pilot/bookings/${again.json.id}`, { cookie: institution.cookie })).json.status).toBe('completed');
      expect((await call(app, 'GET', `/api/pilot/bases/${baseId}/projects`)).json).toHaveLength(1);
    });

    it('refuses bookings in the past, without a deal or achievement, and from strangers to the achievement', async () => {
      expect((await call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body: { unitId: lineId, achievementId, subject: 'x', start: '2026-11-01', end: '2026-11-02' } })).json.error.fields[0].field).toBe('start');
      expect((await call(app, 'POST', '/api/pilot/bookings', { cookie: institution.cookie, body: { unitId: lineId, subject: 'x', start: '2027-03-01', end: '2027-03-02' } })).status).toBe(400);
      const stranger = await user('enterprise');
      expect((await call(app, 'POST', '/api/pilot/bookings', { cookie: stranger.cookie, body: { unitId: lineId, achievementId, subject: 'x', start: '2027-03-01', end: '2027-03-02' } })).status).toBe(403);
      expect((await call(app, 'POST', '/api/pilot/bookings', { body: { unitId: lineId, achievementId, subject: 'x', start: '2027-03-01', end: '2027-03-02' } })).status).toBe(401);
    });

    it('routes a deal lost for "no pilot capacity" to pilot bases, for its parties only', async () => {
      const buyer = await user('enterprise');
      const opened = await p.services.deals.open(buyer.actor, { achievementId: (await makePublished(p, 'achievement', institution.actor, { trl: 7 })).row.id });
      await p.services.deals.moveStage(buyer.actor, opened.row.id, { to: 'closed_lost', reason: 'no_pilot_capacity', note: '缺少减速器装配中试线' });
      const recs = await call(app, 'GET', `/api/pilot/recommendations?deal=${opened.row.id}`, { cookie: buyer.cookie });
      expect(recs.json).toMatchObject({ inGap: true, reason: { code: 'LOST_NO_PILOT_CAPACITY' } });
      expect(recs.json.recommendations[0].base.id).toBe(baseId);
      const outsider = await user('enterprise');
      expect((await call(app, 'GET', `/api/pilot/recommendations?deal=${opened.row.id}`, { cookie: outsider.cookie })).status).toBe(404);
      const gov = await user('government');
      const gaps = await call(app, 'GET', '/api/pilot/gaps', { cookie: gov.cookie });
      expect(gaps.json.find((g: { deal: { id: string } }) => g.deal.id === opened.row.id).recommendations[0].baseId).toBe(baseId);
      expect((await call(app, 'GET', '/api/pilot/gaps', { cookie: outsider.cookie })).status).toBe(403);
      // achievements in the TRL gap (4–6) are listed with their recommended bases; a TRL-7 one is not
      const trl5 = await makePublished(p, 'achievement', institution.actor, { trl: 5, title: '精密减速器装配工艺', keywords: ['精密减速器装配'] });
      const queue = await call(app, 'GET', '/api/pilot/gaps/achievements', { cookie: gov.cookie });
      const mine = queue.json.items.find((x: { achievement: { id: string } }) => x.achievement.id === trl5.row.id);
      expect(mine).toMatchObject({ achievement: { trl: 5 }, reason: { code: 'TRL_GAP' } });
      expect(mine.recommendations[0].baseId).toBe(baseId);
      expect(queue.json.items.every((x: { achievement: { trl: number } }) => x.achievement.trl >= 4 && x.achievement.trl <= 6)).toBe(true);
      expect((await call(app, 'GET', '/api/pilot/gaps/achievements', { cookie: outsider.cookie })).status).toBe(403);
    });
  });

  // ── technology finance ────────────────────────────────────────────────────────────────────────

  describe('technology finance', () => {
    let bank: Awaited<ReturnType<typeof user>>;
    let otherBank: Awaited<ReturnType<typeof user>>;
    let sme: Awaited<ReturnType<typeof user>>;
    let ipPledgeId: string;
    let creditLoanId: string;
    let requestId: string;

    beforeAll(async () => {
      bank = await user('service', { orgType: 'bank' });
      otherBank = await user('service', { orgType: 'bank' });
      for (const b of [bank, otherBank]) expect((await call(app, 'POST', '/api/finance/institutions', { cookie: b.cookie, body: { kind: 'bank' } })).status).toBe(201);
      const product = (body: object, cookie = bank.cookie) => call(app, 'POST', '/api/finance/products', { cookie, body });
      const ip = await product({
        kind: 'ip_pledge_loan', name: '科技成果转化知识产权质押贷', description: '以发明专利质押，支持中试放大与产线建设',
        conditions: { amountMinWan: '100', amountMaxWan: '1000', termMinMonths: 6, termMaxMonths: 36, rateMinPercent: '3.2', rateMaxPercent: '4.5', trlMin: 4, trlMax: 9, collateral: 'ip_pledge', industries: ['EQ'], regions: ['210000'], creditClasses: ['A', 'B'] },
      });
      expect(ip.status).toBe(201);
      ipPledgeId = ip.json.id;
      expect(ip.json.conditions).toMatchObject({ amountMinWan: '100', rateMinPercent: '3.2', collateral: 'ip_pledge' });
      creditLoanId = (await product({ kind: 'credit_loan', name: '科技型中小企业信用贷', description: '流动资金周转', conditions: { amountMinWan: '10', amountMaxWan: '300', termMinMonths: 3, termMaxMonths: 12, rateMinPercent: '3.8', rateMaxPercent: '5' } }, otherBank.cookie)).json.id;
      await product({ kind: 'equity', name: '天使投资', conditions: { amountMinWan: '50', amountMaxWan: '500', termMinMonths: 36, termMaxMonths: 96, stages: ['seed', 'startup'] } });
      sme = await user('enterprise');
      const req = await call(app, 'POST', '/api/finance/requests', {
        cookie: sme.cookie,
        body: { title: 'RV 减速器中试线建设融资', amountWan: '500', termMonths: 24, purpose: '建设减速器中试放大产线', stage: 'growth', trl: 5, industries: ['EQ.ROB.RED'], preferredKinds: ['ip_pledge_loan'], patents: [{ number: 'ZL201811564288.X', title: '一种摆线轮磨削方法' }, { number: 'ZL202010001234.5' }] },
      });
      expect(req.status).toBe(201);
      requestId = req.json.id;
    });

    it('matches the request: hard conditions filter, soft ones rank, both explained', async () => {
      const m = await call(app, 'GET', `/api/finance/requests/${requestId}/matches`, { cookie: sme.cookie });
      expect(m.status).toBe(200);
      expect(m.json.eligible.map((e: { product: { id: string } }) => e.product.id)).toEqual([ipPledgeId]);
      expect(m.json.eligible[0].reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['HARD_OK', 'INDUSTRY', 'KIND', 'IP_ASSETS']));
      const excluded = Object.fromEntries(m.json.excluded.map((e: { product: { kind: string }; failed: { code: string }[] }) => [e.product.kind, e.failed.map((f) => f.code)]));
      expect(excluded).toEqual({ credit_loan: ['AMOUNT_RANGE', 'TERM_RANGE'], equity: ['TERM_RANGE', 'STAGE'] });
      const stranger = await user('enterprise');
      expect((await call(app, 'GET', `/api/finance/requests/${requestId}/matches`, { cookie: stranger.cookie })).status).toBe(404);
    });

    it('runs an IP-pledge application to disbursement; only the bank applied to sees it', async () => {
      expect((await call(app, 'POST', '/api/finance/applications', { cookie: sme.cookie, body: { requestId, productId: creditLoanId } })).json.error.code).toBe('FINANCE_PRODUCT_NOT_ELIGIBLE');
      expect((await call(app, 'POST', '/api/finance/applications', { cookie: sme.cookie, body: { requestId, productId: ipPledgeId, pledgedPatents: ['ZL000000000000.0'] } })).status).toBe(400);
      const valuation = await call(app, 'POST', '/api/valuation', { body: { trl: 5, cost: { replacementCostWan: '800', obsolescence: '0.2' } } });
      expect(valuation.status).toBe(200);
      const appl = await call(app, 'POST', '/api/finance/applications', { cookie: sme.cookie, body: { requestId, productId: ipPledgeId, pledgedPatents: ['ZL201811564288.X'] } });
      expect(appl.status).toBe(201);
      expect(appl.json).toMatchObject({ status: 'submitted', flags: [], pledgedPatents: [{ number: 'ZL201811564288.X', title: '一种摆线轮磨削方法' }] });
      const withValuation = await call(app, 'PUT', `/api/finance/applications/${appl.json.id}/valuation`, { cookie: sme.cookie, body: valuation.json });
      expect(withValuation.json.valuation).toEqual(valuation.json);
      expect((await call(app, 'PUT', `/api/finance/applications/${appl.json.id}/valuation`, { cookie: sme.cookie, body: { note: 'no approaches' } })).status).toBe(400);
      expect((await call(app, 'PUT', `/api/finance/applications/${appl.json.id}/valuation`, { cookie: bank.cookie, body: valuation.json })).status).toBe(403);
      expect((await call(app, 'POST', '/api/finance/applications', { cookie: sme.cookie, body: { requestId, productId: ipPledgeId } })).json.error.code).toBe('FINANCE_APPLICATION_EXISTS');

      // another bank neither lists nor opens it
      expect((await call(app, 'GET', '/api/finance/applications?scope=received', { cookie: otherBank.cookie })).json).toEqual([]);
      expect((await call(app, 'GET', `/api/finance/applications/${appl.json.id}`, { cookie: otherBank.cookie })).status).toBe(404);
      expect((await call(app, 'POST', `/api/finance/applications/${appl.json.id}/actions`, { cookie: otherBank.cookie, body: { action: 'review' } })).status).toBe(404);
      expect((await call(app, 'GET', '/api/finance/applications?scope=received', { cookie: bank.cookie })).json.map((a: { id: string }) => a.id)).toEqual([appl.json.id]);

      const act = (body: object, cookie = bank.cookie) => call(app, 'POST', `/api/finance/applications/${appl.json.id}/actions`, { cookie, body });
      expect((await act({ action: 'review' }, sme.cookie)).json.error.code).toBe('APPLICATION_NOT_YOURS');
      expect((await act({ action: 'approve', amountWan: '400' })).json.error.code).toBe('APPLICATION_STATE_INVALID');
      expect((await act({ action: 'review' })).json.status).toBe('under_review');
      expect((await act({ action: 'approve', amountWan: '600' })).json.error.code).toBe('APPLICATION_AMOUNT_INVALID');
      const approved = await act({ action: 'approve', amountWan: '400', ratePercent: '3.45', termMonths: 24 });
      expect(approved.json).toMatchObject({ status: 'approved', approvedAmountWan: '400', approvedRatePercent: '3.45' });
      const paid = await act({ action: 'disburse', amountWan: '400', date: '2026-12-15' });
      expect(paid.json).toMatchObject({ status: 'disbursed', disbursedAmountWan: '400', disbursedOn: '2026-12-15' });
      expect((await servicesStats(p.services)).finance.disbursedWan).toBe('400');
      // the plan indicator counts it in the period of the disbursement
      expect((await p.services.government.plan.compute('financing_disbursed', { from: '2026-12-01', to: '2026-12-31' })).value).toBe('400');
      expect((await p.services.government.plan.compute('financing_disbursed', { from: '2026-11-01', to: '2026-11-30' })).value).toBe('0');
    });

    it('blocks applicants on the serious list and flags the abnormal list to the institution', async () => {
      const listed = await user('enterprise');
      const flagged = await user('enterprise');
      await p.services.credit.addRecord(SYSTEM, { organisationId: listed.orgId, kind: 'serious_list', detail: { legalBasis: '《市场监督管理严重违法失信名单管理办法》第二条' }, source: { type: 'authority', name: '辽宁省市场监督管理局' }, date: '2026-10-01' });
      await p.services.credit.addRecord(SYSTEM, { organisationId: flagged.orgId, kind: 'abnormal_list', detail: { reason: 'unreachable_at_address' }, source: { type: 'authority', name: '沈阳市市场监督管理局' }, date: '2026-10-01' });
      const body = { title: '流动资金', amountWan: '100', termMonths: 12, purpose: '原材料采购' };
      const r1 = (await call(app, 'POST', '/api/finance/requests', { cookie: listed.cookie, body })).json.id;
      const r2 = (await call(app, 'POST', '/api/finance/requests', { cookie: flagged.cookie, body })).json.id;
      expect((await call(app, 'POST', '/api/finance/applications', { cookie: listed.cookie, body: { requestId: r1, productId: creditLoanId } })).json.error.code).toBe('CREDIT_SERIOUS_LIST_BLOCKED');
      const a2 = await call(app, 'POST', '/api/finance/applications', { cookie: flagged.cookie, body: { requestId: r2, productId: creditLoanId } });
      expect(a2.status).toBe(201);
      const seen = await call(app, 'GET', `/api/finance/applications/${a2.json.id}`, { cookie: otherBank.cookie });
      expect(seen.json.flags.map((f: { code: string }) => f.code)).toEqual(['ABNORMAL_LIST']);
    });
  });

  // ── supply-chain localisation, alliances ─────────────────────────────────────────────────────

  describe('supply-chain localisation', () => {
    /** A user signed in through the accounts service (same session as the login route), so this file stays under the route's 30/min throttle. */
    async function member(role: Parameters<typeof makeUser>[1]) {
      const u = await makeUser(p, role);
      const session = await p.services.accounts.login(u.email, PASSWORD);
      return { ...u, cookie: `tb_session=${session.token}` };
    }

    it('finds the provincial supplier whose ranges cover an imported part’s spec (units converted), tracks the sample trial and shows the chain', async () => {
      const head = await user('enterprise');
      const part = await call(app, 'POST', '/api/chains/parts', {
        cookie: head.cookie,
        body: {
          chainCode: 'EQ.ROB', name: 'RV 减速器主轴承', description: '机器人关节用精密交叉滚子轴承', currentSource: 'imported', annualVolume: 4000, volumeUnit: '套',
          specs: [{ key: '外径', unit: 'mm', nominal: 80, tolerance: 0.01 }, { key: '工作温度', unit: '℃', min: -20, max: 80 }, { key: '材质', type: 'text', values: ['GCr15'] }],
        },
      });
      expect(part.status).toBe(201);
      const gap = await call(app, 'POST', '/api/chains/parts', { cookie: head.cookie, body: { chainCode: 'EQ.ROB', name: '谐波减速器柔轮', currentSource: 'other_province', specs: [{ key: '齿数', unit: '%', nominal: 100 }] } });
      expect(gap.status).toBe(201);

      const covering = await user('enterprise');
      const near = await user('enterprise');
      const outside = await makeOrganisation(p, { regionCode: '110000' });
      const outsider = await user('enterprise', { orgId: outside.id });
      const declare = (cookie: string, body: object) => call(app, 'POST', '/api/chains/capabilities', { cookie, body });
      expect((await declare(covering.cookie, { name: '精密轴承', description: '交叉滚子轴承', specs: [{ key: '外径', unit: 'μm', min: 30000, max: 300000, tolerance: 5 }, { key: '工作温度', unit: 'K', min: 233.15, max: 393.15 }, { key: '材质', type: 'text', values: ['GCr15', 'G20CrNi2Mo'] }] })).status).toBe(201);
      expect((await declare(near.cookie, { name: '轴承', description: '深沟球轴承', specs: [{ key: '外径', unit: 'mm', min: 10, max: 60, tolerance: 0.005 }, { key: '材质', type: 'text', values: ['GCr15'] }] })).status).toBe(201);
      expect((await declare(outsider.cookie, { name: '轴承', specs: [{ key: '外径', unit: 'mm', min: 1, max: 500, tolerance: 0.001 }] })).json.error.code).toBe('CHAIN_SUPPLIER_NOT_PROVINCIAL');

      const matches = await call(app, 'GET', `/api/chains/parts/${part.json.id}/matches`, { cookie: head.cookie });
      expect(matches.json.map((m: { capability: { organisationId: string } }) => m.capability.organisationId)).toEqual([covering.orgId, near.orgId]);
      expect(matches.json[0]).toMatchObject({ fullyCovered: true, coveragePercent: '100' });
      expect(matches.json[1].fullyCovered).toBe(false);
      expect(matches.json[0].reasons[0].code).toBe('ALL_SPECS_COVERED');

      const view = await call(app, 'GET', '/api/chains/view?chain=EQ.ROB');
      expect(view.json).toMatchObject({ parts: 2, covered: 1, localCoveragePercent: '50' });
      expect(view.json.gaps.map((g: { id: string }) => g.id)).toEqual([gap.json.id]);

      const resp = await call(app, 'POST', `/api/chains/parts/${part.json.id}/responses`, { cookie: covering.cookie, body: { message: '可提供样品 10 套' } });
      expect(resp.status).toBe(201);
      const act = (action: string, cookie = head.cookie) => call(app, 'POST', `/api/chains/responses/${resp.json.id}/actions`, { cookie, body: { action } });
      expect((await act('request_sample', covering.cookie)).status).toBe(403);
      expect((await act('request_sample')).json.status).toBe('sampling');
      expect((await act('qualify')).json.error.code).toBe('CHAIN_TRIAL_NOT_PASSED');
      expect((await call(app, 'POST', `/api/chains/responses/${resp.json.id}/trials`, { cookie: covering.cookie, body: { status: 'sent', note: '10 套样品' } })).status).toBe(201);
      expect((await call(app, 'POST', `/api/chains/responses/${resp.json.id}/trials`, { cookie: covering.cookie, body: { status: 'passed' } })).status).toBe(403);
      expect((await call(app, 'POST', `/api/chains/responses/${resp.json.id}/trials`, { cookie: head.cookie, body: { status: 'passed', note: '装机 500 小时无异常' } })).json.round).toBe(1);
      expect((await act('qualify')).json.status).toBe('qualified');
      expect((await act('award')).json.status).toBe('supplying');
      expect((await call(app, 'GET', `/api/chains/parts/${part.json.id}`)).json.status).toBe('localised');
      expect((await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: near.cookie })).json).toEqual([]);
      const stats = await servicesStats(p.services);
      expect(stats.chains).toMatchObject({ parts: 2, localised: 1, covered: 1, localCoveragePercent: '50' });
    });

    it('declines a supplier’s response only with a reason (2–500 characters) that is stored, audited and shown to the supplier; a failed sample needs one too', async () => {
      const head = await member('enterprise');
      const supplier = await member('enterprise');
      const other = await member('enterprise');
      const part = await call(app, 'POST', '/api/chains/parts', { cookie: head.cookie, body: { chainCode: 'EQ.ROB', name: '伺服电机编码器', currentSource: 'imported', specs: [{ key: '分辨率', unit: '%', nominal: 23 }] } });
      expect(part.status).toBe(201);
      const respondTo = async (cookie: string) => (await call(app, 'POST', `/api/chains/parts/${part.json.id}/responses`, { cookie, body: { message: '可提供 23 位绝对值编码器' } })).json.id as string;
      const rid = await respondTo(supplier.cookie);
      const decline = (body: object, cookie = head.cookie, id = rid) => call(app, 'POST', `/api/chains/responses/${id}/actions`, { cookie, body: { action: 'decline', ...body } });

      const missing = await decline({});
      expect(missing.status).toBe(400);
      expect(missing.json.error.code).toBe('CHAIN_DECLINE_REASON_REQUIRED');
      expect(missing.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
      expect((await decline({ reason: '  x ' })).json.error).toMatchObject({ code: 'CHAIN_DECLINE_REASON_REQUIRED', fields: [{ field: 'reason' }] });
      const tooLong = await decline({ reason: '长'.repeat(501) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.json.error.fields[0].field).toBe('reason');
      // nobody but the head enterprise declines: the supplier itself (403), an unrelated company (404)
      expect((await decline({ reason: '价格偏高' }, supplier.cookie)).status).toBe(403);
      expect((await decline({ reason: '价格偏高' }, other.cookie)).status).toBe(404);
      const listed = await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: supplier.cookie });
      expect(listed.json[0]).toMatchObject({ status: 'submitted', declineReason: null });

      const done = await decline({ reason: '  分辨率仅 20 位，达不到 23 位要求  ' });
      expect(done.status).toBe(200);
      expect(done.json).toMatchObject({ status: 'declined', declineReason: '分辨率仅 20 位，达不到 23 位要求' });
      const seen = await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: supplier.cookie });
      expect(seen.json).toHaveLength(1);
      expect(seen.json[0]).toMatchObject({ id: rid, status: 'declined', declineReason: '分辨率仅 20 位，达不到 23 位要求', trials: [] });
      expect((await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: other.cookie })).json).toEqual([]);
      // the audit entry names the changed fields and digests their values (the reason included)
      const audit = await p.ctx.db.selectFrom('audit_log').select(['action', 'changes', 'digest', 'at']).where('subject_id', '=', rid).execute();
      const entry = audit.find((a) => a.action === 'chain.response.decline')!;
      expect(JSON.parse(entry.changes!)).toEqual(['reason', 'status']);
      const digestOf = (reason: string) => createHash('sha256').update(canonicalJson({ action: 'chain.response.decline', subject: ['chain_response', rid], before: { status: 'submitted' }, after: { status: 'declined', reason }, at: entry.at })).digest('hex');
      expect(entry.digest).toBe(digestOf('分辨率仅 20 位，达不到 23 位要求'));
      expect(entry.digest).not.toBe(digestOf('价格偏高'));
      expect((await decline({ reason: '再次拒绝' })).json.error.code).toBe('CHAIN_RESPONSE_STATE_INVALID');

      // a failed sample trial is a refusal too: the note says why
      const rid2 = await respondTo(other.cookie);
      expect((await call(app, 'POST', `/api/chains/responses/${rid2}/actions`, { cookie: head.cookie, body: { action: 'request_sample' } })).json.status).toBe('sampling');
      expect((await call(app, 'POST', `/api/chains/responses/${rid2}/trials`, { cookie: other.cookie, body: { status: 'sent' } })).status).toBe(201);
      const noNote = await call(app, 'POST', `/api/chains/responses/${rid2}/trials`, { cookie: head.cookie, body: { status: 'failed' } });
      expect(noNote.json.error).toMatchObject({ code: 'CHAIN_TRIAL_NOTE_REQUIRED', fields: [{ field: 'note' }] });
      expect((await call(app, 'POST', `/api/chains/responses/${rid2}/trials`, { cookie: head.cookie, body: { status: 'failed', note: '高温 80℃ 下信号丢失' } })).status).toBe(201);
      const trials = (await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: other.cookie })).json[0].trials;
      expect(trials.map((t: { status: string; note: string }) => [t.status, t.note])).toEqual([['sent', ''], ['failed', '高温 80℃ 下信号丢失']]);
    });

    it('answers the GET routes in the declared response shapes (nothing dropped)', async () => {
      const head = await member('enterprise');
      const supplier = await member('enterprise');
      const part = await call(app, 'POST', '/api/chains/parts', { cookie: head.cookie, body: { chainCode: 'EQ.ROB', name: '谐波减速器', description: '关节减速', currentSource: 'other_province', annualVolume: 1200, volumeUnit: '台', specs: [{ key: '减速比', unit: '%', min: 50, max: 160, tolerance: 1 }, { key: '材质', type: 'text', values: ['40CrNiMo'] }] } });
      const cap = await call(app, 'POST', '/api/chains/capabilities', { cookie: supplier.cookie, body: { name: '谐波减速器', description: '关节减速', chainCodes: ['EQ.ROB'], specs: [{ key: '减速比', unit: '%', min: 30, max: 200, tolerance: 0.5 }, { key: '材质', type: 'text', values: ['40CrNiMo'] }] } });
      const got = await call(app, 'GET', `/api/chains/parts/${part.json.id}`);
      expect(got.json).toEqual({
        id: part.json.id, organisationId: head.orgId, chainCode: 'EQ.ROB', name: '谐波减速器', description: '关节减速', annualVolume: 1200, volumeUnit: '台', currentSource: 'other_province', status: 'open', createdAt: part.json.createdAt,
        specs: [{ key: '减速比', unit: '%', min: 50, max: 160, tolerance: 1 }, { key: '材质', type: 'text', values: ['40CrNiMo'] }],
      });
      const caps = (await call(app, 'GET', `/api/chains/capabilities?organisation=${supplier.orgId}`)).json;
      expect(caps).toEqual([{ id: cap.json.id, organisationId: supplier.orgId, name: '谐波减速器', description: '关节减速', chainCodes: ['EQ.ROB'], specs: [{ key: '减速比', unit: '%', min: 30, max: 200, tolerance: 0.5 }, { key: '材质', type: 'text', values: ['40CrNiMo'] }] }]);
      const m = (await call(app, 'GET', `/api/chains/parts/${part.json.id}/matches`, { cookie: head.cookie })).json.find((x: { capability: { id: string } }) => x.capability.id === cap.json.id);
      expect(Object.keys(m).sort()).toEqual(['capability', 'coveragePercent', 'fullyCovered', 'items', 'reasons', 'score']);
      expect(m.items).toEqual([{ key: '减速比', status: 'covered' }, { key: '材质', status: 'covered' }]);
      const view = (await call(app, 'GET', '/api/chains/view?chain=EQ.ROB')).json;
      expect(Object.keys(view).sort()).toEqual(['chainCode', 'chainName', 'covered', 'gaps', 'items', 'localCoveragePercent', 'partial', 'parts']);
      expect(view.items.find((i: { id: string }) => i.id === part.json.id)).toMatchObject({ status: 'covered', bestSupplier: { organisationId: supplier.orgId, coverage: 1 } });
      const resp = await call(app, 'POST', `/api/chains/parts/${part.json.id}/responses`, { cookie: supplier.cookie, body: { capabilityId: cap.json.id, message: '现货' } });
      const rs = (await call(app, 'GET', `/api/chains/parts/${part.json.id}/responses`, { cookie: head.cookie })).json;
      expect(rs).toEqual([{ id: resp.json.id, partId: part.json.id, capabilityId: cap.json.id, supplierOrgId: supplier.orgId, message: '现货', status: 'submitted', declineReason: null, createdAt: resp.json.createdAt, updatedAt: resp.json.updatedAt, trials: [] }]);

      const alliance = await call(app, 'POST', '/api/alliances', { cookie: head.cookie, body: { name: '辽宁减速器产学研联盟', kind: 'alliance', intro: '联合攻关' } });
      const detail = (await call(app, 'GET', `/api/alliances/${alliance.json.id}`)).json;
      expect(detail).toEqual({ id: alliance.json.id, name: '辽宁减速器产学研联盟', kind: 'alliance', leadOrgId: head.orgId, chainCode: null, intro: '联合攻关', createdAt: alliance.json.createdAt, members: [{ organisationId: head.orgId, role: 'lead', joinedAt: alliance.json.createdAt }] });
      expect((await call(app, 'GET', '/api/alliances')).json.find((a: { id: string }) => a.id === alliance.json.id)).toEqual({ ...detail, members: undefined });
      const o = (await call(app, 'GET', `/api/alliances/${alliance.json.id}/overview`, { cookie: head.cookie })).json;
      expect(Object.keys(o).sort()).toEqual(['alliance', 'contracts', 'deals', 'members', 'topics']);
      expect(o.deals).toEqual({ count: 0, internal: 0, items: [] });
      expect(o.contracts).toEqual({ count: 0, amountWan: '0', items: [] });
    });

    it('runs an alliance: members, topics from members’ demands, tasks, rolled-up deals', async () => {
      const lead = await user('enterprise');
      const uni = await user('institution');
      const outsider = await user('enterprise');
      const alliance = await call(app, 'POST', '/api/alliances', { cookie: lead.cookie, body: { name: '辽宁机器人产业创新联合体', kind: 'consortium', chainCode: 'EQ.ROB' } });
      expect(alliance.status).toBe(201);
      expect((await call(app, 'POST', `/api/alliances/${alliance.json.id}/members`, { cookie: uni.cookie, body: { organisationId: uni.orgId } })).status).toBe(403);
      expect((await call(app, 'POST', `/api/alliances/${alliance.json.id}/members`, { cookie: lead.cookie, body: { organisationId: uni.orgId } })).status).toBe(201);
      const demand = (await makePublished(p, 'demand', lead.actor)).row.id;
      const foreign = (await makePublished(p, 'demand', outsider.actor)).row.id;
      expect((await call(app, 'POST', `/api/alliances/${alliance.json.id}/topics`, { cookie: uni.cookie, body: { title: 'x', demandIds: [foreign] } })).status).toBe(400);
      const topic = await call(app, 'POST', `/api/alliances/${alliance.json.id}/topics`, { cookie: uni.cookie, body: { title: '高精度 RV 减速器联合攻关', demandIds: [demand] } });
      expect(topic.status).toBe(201);
      const task = await call(app, 'POST', `/api/alliance-topics/${topic.json.id}/tasks`, { cookie: lead.cookie, body: { title: '摆线轮磨削工艺验证', assigneeOrgId: uni.orgId, dueDate: '2027-03-31' } });
      expect(task.status).toBe(201);
      const achievement = (await makePublished(p, 'achievement', uni.actor)).row.id;
      await p.services.deals.open(lead.actor, { achievementId: achievement });
      const o = await call(app, 'GET', `/api/alliances/${alliance.json.id}/overview`, { cookie: lead.cookie });
      expect(o.json.topics[0].tasks[0]).toMatchObject({ title: '摆线轮磨削工艺验证', assigneeOrgId: uni.orgId });
      expect(o.json.deals).toMatchObject({ count: 1, internal: 1 });
      expect((await call(app, 'GET', `/api/alliances/${alliance.json.id}/overview`, { cookie: outsider.cookie })).status).toBe(403);
    });
  });

  // ── incubation, shared instruments ───────────────────────────────────────────────────────────

  describe('incubation and shared instruments', () => {
    it('takes a spin-off into an incubator and graduates it to the accelerator stage', async () => {
      const inc = await user('service', { orgType: 'incubator' });
      const carrier = await call(app, 'POST', '/api/incubation/carriers', { cookie: inc.cookie, body: { kind: 'incubator', name: '沈阳科技企业孵化器', services: ['场地', '创业导师', '投融资对接'], seats: 1 } });
      expect(carrier.json.stages).toEqual(['nursery', 'incubator']);
      expect((await call(app, 'GET', '/api/incubation/carriers?stage=incubator')).json.map((c: { id: string }) => c.id)).toContain(carrier.json.id);
      const team = await user('institution');
      const achievement = (await makePublished(p, 'achievement', team.actor)).row.id;
      expect((await call(app, 'POST', `/api/incubation/carriers/${carrier.json.id}/applications`, { cookie: team.cookie, body: { kind: 'spin_off', teamName: '精传科技', stage: 'accelerator' } })).json.error.code).toBe('INCUBATION_STAGE_NOT_SERVED');
      const a = await call(app, 'POST', `/api/incubation/carriers/${carrier.json.id}/applications`, { cookie: team.cookie, body: { kind: 'spin_off', teamName: '精传科技', stage: 'incubator', achievementId: achievement } });
      expect(a.status).toBe(201);
      expect((await call(app, 'POST', `/api/incubation/applications/${a.json.id}/decision`, { cookie: team.cookie, body: { accept: true } })).status).toBe(403);
      const d = await call(app, 'POST', `/api/incubation/applications/${a.json.id}/decision`, { cookie: inc.cookie, body: { accept: true } });
      expect(d.json.resident).toMatchObject({ teamName: '精传科技', status: 'resident', stage: 'incubator' });
      const b = await call(app, 'POST', `/api/incubation/carriers/${carrier.json.id}/applications`, { cookie: team.cookie, body: { kind: 'team', teamName: '第二团队', stage: 'nursery' } });
      expect((await call(app, 'POST', `/api/incubation/applications/${b.json.id}/decision`, { cookie: inc.cookie, body: { accept: true } })).json.error.code).toBe('INCUBATION_FULL');
      const g = await call(app, 'POST', `/api/incubation/residents/${d.json.resident.id}/leave`, { cookie: inc.cookie, body: { how: 'graduate', outcome: '完成 A 轮融资' } });
      expect(g.json).toMatchObject({ status: 'graduated', nextStage: 'accelerator' });
    });

    it('books a shared instrument without double booking and records usage with the fee', async () => {
      const owner = await user('institution');
      const inst = await call(app, 'POST', '/api/instruments', { cookie: owner.cookie, body: { name: '三坐标测量机', model: 'Zeiss CONTURA', capabilities: ['齿轮精度检测', '形位公差'], feeWan: '0.08', feeUnit: 'hour', regionCode: '210102' } });
      expect(inst.status).toBe(201);
      const users = await Promise.all([user('enterprise'), user('enterprise'), user('enterprise')]);
      const results = await Promise.all(users.map((u) => call(app, 'POST', `/api/instruments/${inst.json.id}/bookings`, { cookie: u.cookie, body: { subject: '摆线轮检测', start: '2026-12-08', end: '2026-12-08' } })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const booking = results.find((r) => r.status === 201)!.json;
      expect((await call(app, 'POST', `/api/instrument-bookings/${booking.id}/decision`, { cookie: owner.cookie, body: { action: 'accept' } })).json.status).toBe('accepted');
      const usage = await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: owner.cookie, body: { date: '2026-12-08', quantity: 3 } });
      expect(usage.json.feeWan).toBe('0.24');
      expect((await servicesStats(p.services)).instruments).toMatchObject({ usages: 1, usageFeeWan: '0.24' });
    });

    it('lists an instrument’s usage history to its owner only: date, hours, user organisation, purpose, fee in fen', async () => {
      const owner = await user('institution');
      const inst = (await call(app, 'POST', '/api/instruments', { cookie: owner.cookie, body: { name: '扫描电镜', capabilities: ['断口形貌分析'], feeWan: '0.05', feeUnit: 'hour' } })).json;
      const lab = await user('enterprise');
      const booking = (await call(app, 'POST', `/api/instruments/${inst.id}/bookings`, { cookie: lab.cookie, body: { subject: '齿面疲劳断口分析', start: '2026-12-14', end: '2026-12-15' } })).json;
      // usage only inside a confirmed booking
      expect((await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: owner.cookie, body: { date: '2026-12-14', quantity: 2 } })).json.error.code).toBe('BOOKING_STATE_INVALID');
      await call(app, 'POST', `/api/instrument-bookings/${booking.id}/decision`, { cookie: owner.cookie, body: { action: 'accept' } });
      expect((await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: lab.cookie, body: { date: '2026-12-14', quantity: 2 } })).status).toBe(403);
      expect((await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: owner.cookie, body: { date: '2026-12-16', quantity: 2 } })).json.error.fields[0].field).toBe('date');
      await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: owner.cookie, body: { date: '2026-12-14', quantity: 2, note: '样品 3 件' } });
      await call(app, 'POST', `/api/instrument-bookings/${booking.id}/usages`, { cookie: owner.cookie, body: { date: '2026-12-15', quantity: 5 } });
      const history = await call(app, 'GET', `/api/instruments/${inst.id}/usages`, { cookie: owner.cookie });
      expect(history.json).toMatchObject({ totalQuantity: 7, totalFeeWan: '0.35', totalFeeFen: 350_000 });
      expect(history.json.items.map((u: { date: string; quantity: number; feeFen: number; userOrgId: string; purpose: string }) => [u.date, u.quantity, u.feeFen, u.userOrgId, u.purpose])).toEqual([
        ['2026-12-15', 5, 250_000, lab.orgId, '齿面疲劳断口分析'],
        ['2026-12-14', 2, 100_000, lab.orgId, '齿面疲劳断口分析'],
      ]);
      expect((await call(app, 'GET', `/api/instruments/${inst.id}/usages`, { cookie: lab.cookie })).status).toBe(403);
      expect((await call(app, 'GET', `/api/instruments/${inst.id}/usages`)).status).toBe(401);
    });
  });
});
