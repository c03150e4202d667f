import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe.each(DIALECTS)('deals on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let enterprise: Awaited<ReturnType<typeof makeUser>>;
  let institution: Awaited<ReturnType<typeof makeUser>>;
  let broker: Awaited<ReturnType<typeof makeUser>>;
  let outsider: Awaited<ReturnType<typeof makeUser>>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
    enterprise = await makeUser(p, 'enterprise');
    institution = await makeUser(p, 'institution');
    broker = await makeUser(p, 'broker');
    outsider = await makeUser(p, 'enterprise');
    for (const [k, u] of Object.entries({ enterprise, institution, broker, outsider })) cookies[k] = await login(app, u.email, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  async function pair() {
    const demand = await makePublished(p, 'demand', enterprise.actor);
    const achievement = await makePublished(p, 'achievement', institution.actor, { detail: '保密工艺参数' });
    return { demandId: demand.row.id, achievementId: achievement.row.id };
  }

  it('carries a match through NDA, two rounds of offers and agreement, with stage times and an audit trail', async () => {
    const { demandId, achievementId } = await pair();
    const opened = await call(app, 'POST', '/api/deals', { cookie: cookies.broker, body: { demandId, achievementId, matchScore: 87 } });
    expect(opened.status).toBe(201);
    const deal = opened.json;
    expect(deal).toMatchObject({ stage: 'matched', openedVia: 'broker', buyer: { id: enterprise.orgId }, seller: { id: institution.orgId }, roles: ['broker'] });
    expect((await call(app, 'POST', '/api/deals', { cookie: cookies.broker, body: { demandId, achievementId } })).json.error.code).toBe('DEAL_EXISTS');
    // outsiders cannot see it; the NDA stage cannot be claimed without an NDA
    expect((await call(app, 'GET', `/api/deals/${deal.id}`, { cookie: cookies.outsider })).status).toBe(404);
    expect((await call(app, 'GET', `/api/deals/${deal.id}`)).status).toBe(401);
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.broker, body: { to: 'contacted' } })).json.stage).toBe('contacted');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.broker, body: { to: 'nda_signed' } })).json.error.code).toBe('DEAL_STAGE_GUARDED');
    // the enterprise requests the detail; the institution approves; acceptance moves the deal to NDA signed
    const nda = await call(app, 'POST', '/api/ndas', { cookie: cookies.enterprise, body: { listingKind: 'achievement', listingId: achievementId } });
    await call(app, 'POST', `/api/ndas/${nda.json.id}/approve`, { cookie: cookies.institution });
    await call(app, 'POST', `/api/ndas/${nda.json.id}/accept`, { cookie: cookies.enterprise, body: { ndaVersion: nda.json.ndaVersion } });
    expect((await call(app, 'GET', `/api/deals/${deal.id}`, { cookie: cookies.enterprise })).json.stage).toBe('nda_signed');
    // round 1: the buyer offers, the seller counters; round 2: the buyer raises, the seller accepts
    const o1 = await call(app, 'POST', `/api/deals/${deal.id}/offers`, { cookie: cookies.enterprise, body: { priceWan: '120', payment: 'lump_sum', exclusivity: 'non_exclusive', termMonths: 60, territory: '辽宁省' } });
    expect(o1.status).toBe(201);
    expect(o1.json).toMatchObject({ round: 1, side: 'buyer', priceWan: '120' });
    expect((await call(app, 'GET', `/api/deals/${deal.id}`, { cookie: cookies.enterprise })).json.stage).toBe('negotiating');
    expect((await call(app, 'GET', `/api/demands/${demandId}`)).json.status).toBe('in_negotiation');
    const c1 = await call(app, 'POST', `/api/deals/${deal.id}/offers`, { cookie: cookies.institution, body: { priceWan: '200', payment: 'royalty', royaltyPercent: '3.5', exclusivity: 'exclusive', termMonths: 60 } });
    expect(c1.json).toMatchObject({ round: 1, side: 'seller', royaltyPercent: '3.5' });
    expect((await call(app, 'POST', `/api/deals/${deal.id}/offers`, { cookie: cookies.broker, body: { priceWan: '150', payment: 'lump_sum', exclusivity: 'sole' } })).json.error.code).toBe('DEAL_OFFER_PARTIES_ONLY');
    const o2 = await call(app, 'POST', `/api/deals/${deal.id}/offers`, { cookie: cookies.enterprise, body: { priceWan: '160.5', payment: 'instalments', instalments: [{ dueDate: '2027-01-31', amountWan: '80' }, { dueDate: '2027-07-31', amountWan: '80.5' }], exclusivity: 'sole', termMonths: 60 } });
    expect(o2.json.round).toBe(2);
    const side = await call(app, 'GET', `/api/deals/${deal.id}/offers`, { cookie: cookies.broker });
    expect(side.json.latest.buyer.priceWan).toBe('160.5');
    expect(side.json.latest.seller.priceWan).toBe('200');
    expect(side.json.offers.map((o: { status: string }) => o.status)).toEqual(['superseded', 'open', 'open']);
    expect((await call(app, 'POST', `/api/deals/${deal.id}/offers/${o2.json.id}/accept`, { cookie: cookies.enterprise })).json.error.code).toBe('OFFER_OWN');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/offers/${o1.json.id}/accept`, { cookie: cookies.institution })).json.error.code).toBe('OFFER_NOT_OPEN');
    const agreed = await call(app, 'POST', `/api/deals/${deal.id}/offers/${o2.json.id}/accept`, { cookie: cookies.institution });
    expect(agreed.json).toMatchObject({ stage: 'agreed', amountWan: '160.5' });
    expect(Object.keys(agreed.json.stageTimes)).toEqual(expect.arrayContaining(['matched', 'contacted', 'nda_signed', 'negotiating', 'agreed']));
    expect(agreed.json.nextStages).toEqual(['contract_signed', 'closed_lost']);
    const signed = await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.institution, body: { to: 'contract_signed' } });
    expect(signed.json.stage).toBe('contract_signed');
    expect((await call(app, 'GET', `/api/demands/${demandId}`)).json.status).toBe('solved');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.institution, body: { to: 'registered' } })).json.error.code).toBe('DEAL_STAGE_GUARDED');
    // contract registration: the seller applies; 技术交易额 = 成交额 − non-technical payments; the registrar decides
    const contractBody = { dealId: deal.id, title: '摆线轮磨削技术普通许可合同', type: 'license', subtype: 'ordinary', licenseObject: 'patent', amountWan: '160.5', nonTechnical: [{ label: '设备费', amountWan: '20.5' }], signDate: '2026-11-20' };
    expect((await call(app, 'POST', '/api/contracts', { cookie: cookies.enterprise, body: contractBody })).json.error.code).toBe('CONTRACT_APPLICANT_MISMATCH');
    expect((await call(app, 'POST', '/api/contracts', { cookie: cookies.institution, body: { ...contractBody, nonTechnical: [{ label: '设备费', amountWan: '200' }] } })).json.error.fields[0].field).toBe('nonTechnical');
    const contract = await call(app, 'POST', '/api/contracts', { cookie: cookies.institution, body: contractBody });
    expect(contract.status).toBe(201);
    expect(contract.json).toMatchObject({ status: 'draft', amountWan: '160.5', techTradeWan: '140', parties: [{ role: 'seller', organisationId: institution.orgId }, { role: 'buyer', organisationId: enterprise.orgId }] });
    // accepted on Wednesday 30 September 2026: the National Day holiday (1–7 October) and the make-up Saturday (10 October) shape the 15 working days
    p.clock.set('2026-09-30T02:00:00Z');
    const submitted = await call(app, 'POST', `/api/contracts/${contract.json.id}/submit`, { cookie: cookies.institution });
    p.clock.set('2026-11-27T02:00:00Z');
    expect(submitted.json).toMatchObject({ status: 'submitted', acceptedOn: '2026-09-30', dueDate: '2026-10-27', dueCoverage: 'confirmed' });
    const gov = await makeUser(p, 'government');
    const govCookie = await login(app, gov.email, PASSWORD);
    expect((await call(app, 'POST', `/api/contracts/${contract.json.id}/register`, { cookie: cookies.institution })).status).toBe(403);
    const queue = await call(app, 'GET', '/api/contracts?scope=registrar', { cookie: govCookie });
    expect(queue.json.map((c: { id: string }) => c.id)).toContain(contract.json.id);
    const registered = await call(app, 'POST', `/api/contracts/${contract.json.id}/register`, { cookie: govCookie });
    expect(registered.json.status).toBe('registered');
    expect(registered.json.certificateNo).toMatch(/^2026\d{4}\d{6}$/);
    expect((await call(app, 'GET', `/api/deals/${deal.id}`, { cookie: cookies.enterprise })).json.stage).toBe('registered');
    const stats = await call(app, 'GET', '/api/contracts/stats');
    expect(stats.json.counted).toBe(1);
    expect(stats.json.output[0]).toMatchObject({ count: 1, amountWan: '160.5', techTradeWan: '140' });
    expect((await call(app, 'GET', `/api/contracts/${contract.json.id}`, { cookie: cookies.outsider })).status).toBe(404);
    await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.institution, body: { to: 'implementing' } });
    const done = await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.enterprise, body: { to: 'industrialised', where: { inLiaoning: true, regionCode: '210100' } } });
    expect(done.json).toMatchObject({ stage: 'industrialised', industrialised: { inLiaoning: true, regionCode: '210100' } });
    const timeline = await call(app, 'GET', `/api/deals/${deal.id}/timeline`, { cookie: cookies.enterprise });
    expect(timeline.json.filter((e: { kind: string }) => e.kind === 'offer')).toHaveLength(3);
    const audit = await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', deal.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['deal.open', 'deal.stage.contacted', 'deal.stage.nda_signed', 'deal.offer', 'deal.stage.agreed', 'deal.stage.contract_signed']));
  });

  it('closes a lost deal with a structured reason the listing owner sees, and reopens the demand', async () => {
    const { demandId, achievementId } = await pair();
    const deal = (await call(app, 'POST', '/api/deals', { cookie: cookies.enterprise, body: { demandId, achievementId } })).json;
    expect(deal.openedVia).toBe('match');
    await call(app, 'POST', `/api/deals/${deal.id}/offers`, { cookie: cookies.enterprise, body: { priceWan: '10', payment: 'lump_sum', exclusivity: 'non_exclusive' } });
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.enterprise, body: { to: 'closed_lost' } })).json.error.fields[0].field).toBe('reason');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.enterprise, body: { to: 'closed_lost', reason: 'other' } })).json.error.code).toBe('DEAL_LOST_REASON_REQUIRED');
    const lost = await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.enterprise, body: { to: 'closed_lost', reason: 'price_gap', note: '报价差距超过一倍' } });
    expect(lost.json).toMatchObject({ stage: 'closed_lost', lostReason: 'price_gap', lostReasonLabel: { zh: '价格差距过大' } });
    const ownerView = await call(app, 'GET', `/api/deals?listing=${achievementId}`, { cookie: cookies.institution });
    expect(ownerView.json.items[0]).toMatchObject({ lostReason: 'price_gap', lostNote: '报价差距超过一倍' });
    const notes = await call(app, 'GET', '/api/notifications', { cookie: cookies.institution });
    expect(notes.json.items.some((n: { body: string }) => n.body.includes('价格差距过大'))).toBe(true);
    expect((await call(app, 'GET', `/api/demands/${demandId}`)).json.status).toBe('published');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/stage`, { cookie: cookies.enterprise, body: { to: 'contacted' } })).json.error.code).toBe('DEAL_CLOSED');
  });

  it('lets parties assign a broker with commission terms; brokers keep tasks with reminders', async () => {
    const { achievementId } = await pair();
    const deal = (await call(app, 'POST', '/api/deals', { cookie: cookies.enterprise, body: { achievementId } })).json;
    expect(deal).toMatchObject({ buyer: { id: enterprise.orgId }, seller: { id: institution.orgId }, openedVia: 'party' });
    expect((await call(app, 'POST', `/api/deals/${deal.id}/brokers`, { cookie: cookies.enterprise, body: { brokerUserId: outsider.userId, commissionType: 'percent', commissionPercent: '5' } })).json.error.fields[0].field).toBe('brokerUserId');
    expect((await call(app, 'POST', `/api/deals/${deal.id}/brokers`, { cookie: cookies.outsider, body: { brokerUserId: broker.userId, commissionType: 'percent', commissionPercent: '5' } })).status).toBe(404);
    const assigned = await call(app, 'POST', `/api/deals/${deal.id}/brokers`, { cookie: cookies.enterprise, body: { brokerUserId: broker.userId, commissionType: 'percent', commissionPercent: '4.5' } });
    expect(assigned.json.brokers[0]).toMatchObject({ userId: broker.userId, commissionType: 'percent', commissionPercent: '4.5' });
    const mine = await call(app, 'GET', '/api/deals?scope=brokered', { cookie: cookies.broker });
    expect(mine.json.items.map((d: { id: string }) => d.id)).toContain(deal.id);
    expect((await call(app, 'POST', `/api/deals/${deal.id}/tasks`, { cookie: cookies.enterprise, body: { title: '约见', dueDate: '2026-11-30' } })).status).toBe(403);
    const task = await call(app, 'POST', `/api/deals/${deal.id}/tasks`, { cookie: cookies.broker, body: { title: '安排双方技术交流会', dueDate: '2026-11-28' } });
    expect(task.status).toBe(201);
    expect(await p.services.deals.remindDueTasks()).toBe(0); // clock is 2026-11-27
    p.clock.advance(2 * 86_400_000);
    expect(await p.services.deals.remindDueTasks()).toBe(1);
    expect(await p.services.deals.remindDueTasks()).toBe(0); // once per task
    p.clock.advance(-2 * 86_400_000); // back, so the broker's session is still valid
    const notes = await call(app, 'GET', '/api/notifications', { cookie: cookies.broker });
    expect(notes.json.items.map((n: { kind: string }) => n.kind)).toContain('task');
    expect((await call(app, 'POST', `/api/tasks/${task.json.id}/done`, { cookie: cookies.broker })).status).toBe(200);
  });

  it('shows government the funnel and the public a broker track record computed from deals', async () => {
    const gov = await makeUser(p, 'government');
    const govCookie = await login(app, gov.email, PASSWORD);
    expect((await call(app, 'GET', '/api/deals/funnel?from=2026-11-01&to=2026-11-30', { cookie: cookies.enterprise })).status).toBe(403);
    expect((await call(app, 'GET', '/api/deals/funnel?from=2026-11-30&to=2026-11-01', { cookie: govCookie })).json.error.fields[0].field).toBe('to');
    const f = await call(app, 'GET', '/api/deals/funnel?from=2026-11-01&to=2026-11-30&by=industry', { cookie: govCookie });
    expect(f.status).toBe(200);
    const reached = Object.fromEntries(f.json.overall.stages.map((s: { stage: string; reached: number }) => [s.stage, s.reached]));
    expect(reached.matched).toBeGreaterThanOrEqual(3);
    expect(reached.contract_signed).toBe(1);
    expect(reached.registered).toBe(1);
    // the home page's headline figures: signed deals, registered 成交额, this year's local conversion rate
    const headline = (await call(app, 'GET', '/api/stats/headline')).json;
    expect(headline).toMatchObject({ dealsSigned: 1, contractAmountWan: '160.5', localConversionRatePercent: '100' });
    expect(reached.industrialised).toBe(1);
    expect(f.json.overall.lost.reasons[0]).toMatchObject({ reason: 'price_gap', count: 1 });
    const csv = await call(app, 'GET', '/api/deals/funnel?from=2026-11-01&to=2026-11-30&format=csv', { cookie: govCookie });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('contract_signed');
    // the broker's public record: handled and signed come from deals, not from the profile
    expect((await call(app, 'PUT', '/api/brokers/me', { cookie: cookies.enterprise, body: { certificateNo: 'LN-2026-0001', specialities: [], regions: [] } })).status).toBe(403);
    const profile = await call(app, 'PUT', '/api/brokers/me', { cookie: cookies.broker, body: { certificateNo: 'LN-2026-0001', specialities: ['EQ'], regions: ['210100'], bio: '专注装备制造领域技术转移', defaultCommissionPercent: '3' } });
    expect(profile.status).toBe(200);
    const dir = await call(app, 'GET', '/api/brokers');
    const me = dir.json.find((b: { userId: string }) => b.userId === broker.userId);
    expect(me).toMatchObject({ certificateNo: 'LN-2026-0001', defaultCommissionPercent: '3', record: { signed: 1, amountWan: '160.5' } });
    expect(me.record.handled).toBeGreaterThanOrEqual(2);
    expect((await call(app, 'GET', '/api/brokers?speciality=EQ')).json.map((b: { userId: string }) => b.userId)).toContain(broker.userId);
  });

  it('refuses deals on unpublished listings and between the same organisation', async () => {
    const draft = await p.services.achievements.create(institution.actor, { title: '未发布的成果标题', summary: 'x'.repeat(40), regionCode: '210100' });
    expect((await call(app, 'POST', '/api/deals', { cookie: cookies.enterprise, body: { achievementId: draft.row.id } })).status).toBe(404);
    const own = await makePublished(p, 'achievement', institution.actor);
    expect((await call(app, 'POST', '/api/deals', { cookie: cookies.institution, body: { achievementId: own.row.id } })).json.error.code).toBe('DEAL_SAME_PARTY');
    expect((await call(app, 'POST', '/api/deals', { cookie: cookies.enterprise, body: {} })).json.error.fields[0].field).toBe('achievementId');
  });
});
