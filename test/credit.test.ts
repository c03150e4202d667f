import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

const run = promisify(execFile);

describe.each(DIALECTS)('credit supervision on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let govCookie: string;
  let gov: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    // the organisations exist since 2025, so they owe the 2025 annual report in 2026
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 3650 }, '2025-03-01T02:00:00Z');
    app = await createTestApp(p);
    gov = await makeUser(p, 'government');
    govCookie = await login(app, gov.email, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('recomputes one organisation\'s class from several callers at once without a collision (nodes starting together)', async () => {
    const org = await makeUser(p, 'enterprise');
    const scores = await Promise.all(Array.from({ length: 8 }, () => p.services.credit.recompute(org.orgId!)));
    expect(new Set(scores.map((s) => s.class)).size).toBe(1);
    const rows = await p.ctx.db.selectFrom('risk_classes').selectAll().where('organisation_id', '=', org.orgId!).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].class).toBe(scores[0].class);
  });

  it('lists a missing annual report on 1 July, removes it after the cure, and shows the history publicly', async () => {
    const late = await makeUser(p, 'enterprise');
    const punctual = await makeUser(p, 'enterprise');
    const lateCookie = await login(app, late.email, PASSWORD);
    p.clock.set('2026-05-10T02:00:00Z');
    expect((await call(app, 'POST', '/api/credit/annual-reports', { cookie: await login(app, punctual.email, PASSWORD), body: { reportYear: 2025 } })).json.status).toBe('on_time');
    // reminders go out 30 and 7 days before the deadline, once each, only to those who have not filed
    expect(await p.services.credit.remindAnnualReports()).toBe(0);
    p.clock.set('2026-06-01T02:00:00Z');
    expect(await p.services.credit.remindAnnualReports()).toBeGreaterThanOrEqual(1);
    expect(await p.services.credit.remindAnnualReports()).toBe(0);
    const lateNotes = await call(app, 'GET', '/api/notifications', { cookie: lateCookie });
    expect(lateNotes.json.items.some((n: { title: string }) => n.title.includes('2025 年度报告'))).toBe(true);
    expect((await call(app, 'GET', '/api/notifications', { cookie: await login(app, punctual.email, PASSWORD) })).json.items.some((n: { title: string }) => n.title.includes('年度报告'))).toBe(false);
    p.clock.set('2026-06-30T15:00:00Z'); // 23:00 on 30 June in Shanghai: still inside the window
    expect(await p.services.credit.listMissedAnnualReports()).toBe(0);
    p.clock.set('2026-06-30T16:30:00Z'); // 00:30 on 1 July in Shanghai
    const listed = await p.services.credit.listMissedAnnualReports();
    expect(listed).toBeGreaterThanOrEqual(1);
    expect(await p.services.credit.listMissedAnnualReports()).toBe(0); // once
    const abnormal = await call(app, 'GET', '/api/credit/abnormal', { cookie: govCookie });
    const entry = abnormal.json.find((a: { organisationId: string }) => a.organisationId === late.orgId);
    expect(entry).toMatchObject({ kind: 'abnormal_list', detail: { reason: 'annual_report_not_filed' }, moveOn: '2029-07-02' });
    expect(abnormal.json.some((a: { organisationId: string }) => a.organisationId === punctual.orgId)).toBe(false);
    const page = await call(app, 'GET', `/api/credit/organisations/${late.orgId}`);
    expect(page.json.status).toMatchObject({ abnormal: true, serious: false });
    expect(page.json.status.riskClass).toMatch(/^[CD]$/); // on the abnormal list: C at best
    // while listed, the organisation is flagged in match results
    await makePublished(p, 'demand', late.actor, { title: '风电齿轮箱行星轮轴承早期失效分析', summary: '风电齿轮箱行星轮轴承运行两年出现早期剥落失效，需要失效分析与改进方案，目标寿命20年。', deadline: '2027-06-30' });
    const matches = await call(app, 'POST', '/api/match', { body: { text: '风电齿轮箱 行星轮轴承 剥落失效', kind: 'demands' } });
    const flagged = matches.json.items.find((i: { listing: { organisation: { id: string } } }) => i.listing.organisation.id === late.orgId);
    expect(flagged.ownerCredit).toMatchObject({ abnormal: true, serious: false });
    // … and as a party of a deal
    const inst = await makeUser(p, 'institution');
    const ach = await makePublished(p, 'achievement', inst.actor, { title: '行星轮轴承早期失效分析与改进', summary: '针对风电齿轮箱行星轮轴承早期剥落，提供失效分析、材料与热处理改进方案，寿命提升至20年设计值。' });
    const deal = await p.services.deals.open(inst.actor, { demandId: flagged.id, achievementId: ach.row.id });
    const dealView = await call(app, 'GET', `/api/deals/${deal.row.id}`, { cookie: await login(app, inst.email, PASSWORD) });
    expect(dealView.json.buyer).toMatchObject({ id: late.orgId, creditFlag: 'abnormal' });
    expect(dealView.json.seller.creditFlag).toBeNull();
    // the enterprise files late: the cause is cured; the government removes it within 7 days
    p.clock.set('2026-07-10T02:00:00Z');
    expect((await call(app, 'POST', '/api/credit/annual-reports', { cookie: lateCookie, body: { reportYear: 2025 } })).json.status).toBe('late');
    const cured = (await call(app, 'GET', '/api/credit/abnormal', { cookie: govCookie })).json.find((a: { id: string }) => a.id === entry.id);
    expect(cured).toMatchObject({ curedOn: '2026-07-10', removalDue: '2026-07-17' });
    expect((await call(app, 'POST', `/api/credit/records/${entry.id}/remove`, { cookie: lateCookie, body: {} })).status).toBe(403);
    const removed = await call(app, 'POST', `/api/credit/records/${entry.id}/remove`, { cookie: govCookie, body: {} });
    expect(removed.json.removedOn).toBe('2026-07-10');
    const after = await call(app, 'GET', `/api/credit/organisations/${late.orgId}`);
    expect(after.json.status.abnormal).toBe(false);
    expect(after.json.riskHistory.length).toBeGreaterThanOrEqual(2);
    expect(after.json.riskHistory[0].breakdown.some((b: { indicator: string }) => b.indicator.startsWith('annual_report'))).toBe(true);
  });

  it('moves an uncured abnormal listing to the serious list after 3 years, with notice 60 days before', async () => {
    const org = await makeUser(p, 'enterprise');
    p.clock.set('2026-01-05T02:00:00Z');
    const rec = await call(app, 'POST', '/api/credit/records', { cookie: govCookie, body: { organisationId: org.orgId, kind: 'abnormal_list', detail: { reason: 'unreachable_at_address' }, source: { type: 'authority', name: '沈阳市市场监督管理局', documentNo: '沈市监异〔2026〕1号' }, date: '2026-01-05' } });
    expect(rec.status).toBe(201);
    p.clock.set('2028-11-05T02:00:00Z');
    expect(await p.services.credit.sweepAbnormalToSerious()).toEqual({ notices: 0, moved: 0, termEnded: 0 });
    p.clock.set('2028-11-08T02:00:00Z'); // 60 days before the move date
    const noticed = await p.services.credit.sweepAbnormalToSerious();
    expect(noticed.notices).toBeGreaterThanOrEqual(1);
    const notes = await call(app, 'GET', '/api/notifications', { cookie: await login(app, org.email, PASSWORD) });
    expect(notes.json.items.some((n: { title: string }) => n.title.includes('严重违法失信'))).toBe(true);
    p.clock.set('2029-01-06T02:00:00Z');
    expect((await p.services.credit.sweepAbnormalToSerious()).moved).toBeGreaterThanOrEqual(1);
    const status = (await call(app, 'GET', `/api/credit/organisations/${org.orgId}`)).json.status;
    expect(status).toMatchObject({ serious: true, riskClass: 'D' });
    // effects: no publishing while on the serious list (clear code); repair only after a year and with all conditions
    const cookie = await login(app, org.email, PASSWORD);
    const blocked = await call(app, 'POST', '/api/demands', { cookie, body: { title: '测试需求标题足够长', description: '一段足够长的需求描述文本，用于测试严重失信名单的惩戒效果是否生效。' } });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('CREDIT_SERIOUS_LIST_BLOCKED');
    // … nor bid in an auction
    const seller = await makeUser(p, 'institution');
    const lot = await makePublished(p, 'achievement', seller.actor);
    const auction = await p.services.auctions.createAuction(seller.actor, { achievementId: lot.row.id, startAt: '2029-01-01T00:00:00Z', endAt: '2029-02-01T00:00:00Z', startingPriceFen: 10_000_000, minIncrementFen: 1_000_000 });
    expect((await call(app, 'POST', `/api/auctions/${auction.id}/bids`, { cookie, body: { amountWan: '20' } })).json.error.code).toBe('CREDIT_SERIOUS_LIST_BLOCKED');
    const serious = (await call(app, 'GET', `/api/credit/records?organisationId=${org.orgId}&kind=serious_list`, { cookie: govCookie })).json[0];
    const early = await call(app, 'POST', `/api/credit/records/${serious.id}/repairs`, { cookie, body: { evidence: '已变更登记住所', commitment: '承诺守法经营', penaltyCarriedOut: true, harmRemoved: true } });
    expect(early.json.error.code).toBe('CREDIT_REPAIR_NOT_ELIGIBLE');
    p.clock.set('2030-01-07T02:00:00Z');
    const missing = await call(app, 'POST', `/api/credit/records/${serious.id}/repairs`, { cookie, body: { evidence: '已变更登记住所', commitment: '承诺守法经营', penaltyCarriedOut: false, harmRemoved: true } });
    expect(missing.json.error.message).toContain('处罚');
    const repair = await call(app, 'POST', `/api/credit/records/${serious.id}/repairs`, { cookie, body: { evidence: '已变更登记住所并履行处罚', commitment: '承诺守法经营', penaltyCarriedOut: true, harmRemoved: true } });
    expect(repair.status).toBe(201);
    expect((await call(app, 'POST', `/api/credit/repairs/${repair.json.id}/decision`, { cookie: govCookie, body: { approve: true } })).json.status).toBe('approved');
    expect((await call(app, 'GET', `/api/credit/organisations/${org.orgId}`)).json.status.serious).toBe(false);
    // a serious-list entry that is not repaired leaves the list at the end of its 3-year term
    const other = await makeUser(p, 'enterprise');
    await call(app, 'POST', '/api/credit/records', { cookie: govCookie, body: { organisationId: other.orgId, kind: 'serious_list', detail: { legalBasis: '《企业信息公示暂行条例》第十八条' }, source: { type: 'authority', name: '辽宁省市场监督管理局' }, date: '2030-01-07' } });
    p.clock.set('2033-01-07T02:00:00Z');
    expect((await p.services.credit.sweepAbnormalToSerious()).termEnded).toBe(0);
    p.clock.set('2033-01-08T02:00:00Z');
    expect((await p.services.credit.sweepAbnormalToSerious()).termEnded).toBe(1);
    expect((await call(app, 'GET', `/api/credit/organisations/${other.orgId}`)).json.status.serious).toBe(false);
    p.clock.set('2025-03-01T02:00:00Z');
  });

  it('draws inspection targets reproducibly by class with conflict exclusions, and publishes results', async () => {
    const inspectors = await Promise.all(Array.from({ length: 6 }, () => makeUser(p, 'government')));
    for (let i = 0; i < 12; i++) await makeOrganisation(p, { name: `抽查对象${i}`, regionCode: '210300' });
    await p.services.credit.recomputeAll(true);
    const body = { name: '2026 年第一批双随机抽查', seed: '20260115-辽宁福彩3D-512', regionPrefix: '2103', inspectorUserIds: inspectors.map((u) => u.userId) };
    const plan = await call(app, 'POST', '/api/credit/inspections', { cookie: govCookie, body });
    expect(plan.status).toBe(201);
    expect(plan.json.selections.length).toBeGreaterThan(0);
    for (const s of plan.json.selections) {
      expect(s.inspectorIds).toHaveLength(2);
      expect(new Set(s.inspectorIds).size).toBe(2);
    }
    const stratumB = plan.json.strata.find((s: { class: string }) => s.class === 'B');
    expect(stratumB.sampleSize).toBe(Math.ceil((stratumB.eligibleSize * 500) / 10000));
    expect((await call(app, 'GET', `/api/credit/inspections/${plan.json.id}/verify`)).json).toEqual({ ok: true, mismatches: [] });
    const again = await call(app, 'POST', '/api/credit/inspections', { cookie: govCookie, body: { ...body, name: '复抽' } });
    expect(again.json.selections.map((s: { orgId: string }) => s.orgId)).toEqual(plan.json.selections.map((s: { orgId: string }) => s.orgId));
    // the CLI re-runs the draw from the database
    const cli = await run(process.execPath, [path.resolve('bin/techbridge.js'), '--db', p.config.databaseUrl, 'inspection', 'verify', plan.json.id], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(cli.stdout).toContain('verified');
    const target = plan.json.selections[0].orgId;
    await call(app, 'POST', `/api/credit/inspections/${plan.json.id}/results`, { cookie: govCookie, body: { organisationId: target, result: 'problems', note: '台账不全' } });
    expect((await call(app, 'POST', `/api/credit/inspections/${plan.json.id}/results`, { cookie: govCookie, body: { organisationId: gov.orgId, result: 'pass' } })).json.error.code).toBe('CREDIT_NOT_A_TARGET');
    const published = await call(app, 'POST', `/api/credit/inspections/${plan.json.id}/publish`, { cookie: govCookie });
    expect(published.json.status).toBe('published');
    const page = await call(app, 'GET', `/api/credit/organisations/${target}`);
    expect(page.json.records.some((r: { kind: string; detail: { result: string } }) => r.kind === 'inspection' && r.detail.result === 'problems')).toBe(true);
    // the published result re-scores the organisation at once: its class and history show the inspection
    expect(page.json.status.riskClass).toMatch(/^[ABCD]$/);
    expect(page.json.riskHistory[0].breakdown.some((b: { indicator: string }) => b.indicator === 'inspection.problems')).toBe(true);
    expect((await call(app, 'POST', '/api/credit/inspections', { body })).status).toBe(401);
    const ent = await makeUser(p, 'enterprise');
    expect((await call(app, 'POST', '/api/credit/inspections', { cookie: await login(app, ent.email, PASSWORD), body })).status).toBe(403);
  });

  it('runs simplified deregistration: every failing reason, a 20-day notice, objections stop it, completion makes it read-only', async () => {
    const a = await makeUser(p, 'enterprise');
    const cookie = await login(app, a.email, PASSWORD);
    const refused = await call(app, 'POST', '/api/credit/deregistrations', { cookie, body: { equityFrozenOrPledged: true, underInvestigation: true, unfinishedPenalties: false } });
    expect(refused.json.error.code).toBe('CREDIT_DEREGISTRATION_NOT_ELIGIBLE');
    expect(refused.json.error.message.split('；').length).toBeGreaterThanOrEqual(2);
    const ok = await call(app, 'POST', '/api/credit/deregistrations', { cookie, body: { equityFrozenOrPledged: false, underInvestigation: false, unfinishedPenalties: false } });
    expect(ok.status).toBe(201);
    expect(ok.json.notice.completableFrom > ok.json.notice.startsOn).toBe(true);
    expect(await p.services.credit.completeDeregistrations()).toBe(0);
    p.clock.advance(25 * 86_400_000);
    expect(await p.services.credit.completeDeregistrations()).toBe(1);
    const blocked = await call(app, 'POST', '/api/achievements', { cookie, body: { title: '注销后的成果标题', summary: '一段足够长的成果简介文本用于测试注销后只读。' } });
    expect(blocked.json.error.code).toBe('ORGANISATION_DEREGISTERED');
    // an objection during the notice stops another one
    const b = await makeUser(p, 'enterprise');
    const d = await call(app, 'POST', '/api/credit/deregistrations', { cookie: await login(app, b.email, PASSWORD), body: { equityFrozenOrPledged: false, underInvestigation: false, unfinishedPenalties: false } });
    const objection = await call(app, 'POST', `/api/credit/deregistrations/${d.json.id}/objections`, { cookie: govCookie, body: { reason: '尚有未结清的债务' } });
    expect(objection.json.status).toBe('stopped');
    p.clock.advance(25 * 86_400_000);
    await p.services.credit.completeDeregistrations();
    expect((await call(app, 'GET', `/api/credit/deregistrations?organisationId=${b.orgId}`)).json[0].status).toBe('stopped');
  });
});
