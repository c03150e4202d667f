import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser, PASSWORD, SYSTEM } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';
import { dueDateFor, type GovernmentServices } from '../src/modules/government/index.js';
import { coordinationParams, workingCalendar } from '../src/modules/government/government.params.js';

async function governmentApp(p: TestPlatform): Promise<{ app: HttpApp; gov: GovernmentServices }> {
  return { app: await createTestApp(p), gov: p.services.government };
}

describe.each(DIALECTS)('government on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let gov: GovernmentServices;
  type U = Awaited<ReturnType<typeof makeUser>>;
  let enterprise: U, institution: U, outsider: U, cityGov: U, provinceGov: U, admin: U;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 90 });
    ({ app, gov } = await governmentApp(p));
    enterprise = await makeUser(p, 'enterprise');
    institution = await makeUser(p, 'institution');
    outsider = await makeUser(p, 'enterprise');
    cityGov = await makeUser(p, 'government');
    provinceGov = await makeUser(p, 'government');
    admin = await makeUser(p, 'admin');
    for (const [k, u] of Object.entries({ enterprise, institution, outsider, cityGov, provinceGov, admin })) c[k] = await login(app, u.email, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('routes a blocked deal’s case to the city department, reminds, escalates it to the province when overdue, and closes it with a rating', async () => {
    const achievement = await makePublished(p, 'achievement', institution.actor);
    const deal = await p.services.deals.open(enterprise.actor, { achievementId: achievement.row.id });
    // departments are bound to government organisations by an admin only
    expect((await call(app, 'PUT', '/api/coordination/departments/210100-zrzy', { cookie: c.cityGov, body: { organisationId: cityGov.orgId } })).status).toBe(403);
    expect((await call(app, 'PUT', '/api/coordination/departments/210100-zrzy', { cookie: c.admin, body: { organisationId: enterprise.orgId } })).json.error.fields[0].field).toBe('organisationId');
    expect((await call(app, 'PUT', '/api/coordination/departments/210100-zrzy', { cookie: c.admin, body: { organisationId: cityGov.orgId } })).json).toMatchObject({ name: '沈阳市自然资源局', organisationId: cityGov.orgId });
    await call(app, 'PUT', '/api/coordination/departments/210000-zrzy', { cookie: c.admin, body: { organisationId: provinceGov.orgId } });

    const body = { subjectType: 'deal', subjectId: deal.row.id, type: 'land', title: '中试线用地审批受阻', description: '拟在沈阳铁西建设中试线，用地指标迟迟未落实', regionCode: '210106' };
    expect((await call(app, 'POST', '/api/coordination/cases', { body })).status).toBe(401);
    expect((await call(app, 'POST', '/api/coordination/cases', { cookie: c.outsider, body })).json.error.code).toBe('DEAL_NOT_FOUND');
    const raised = await call(app, 'POST', '/api/coordination/cases', { cookie: c.enterprise, body });
    expect(raised.status).toBe(201);
    // raised Friday 2026-11-27; land SLA 20 working days → Friday 2026-12-25
    expect(raised.json).toMatchObject({ department: '210100-zrzy', level: 'city', status: 'open', raisedOn: '2026-11-27', dueDate: '2026-12-25', regionCode: '210106' });
    const id = raised.json.id;
    expect((await call(app, 'GET', `/api/coordination/cases/${id}`, { cookie: c.outsider })).status).toBe(404);
    expect((await call(app, 'GET', '/api/coordination/cases?scope=queue', { cookie: c.cityGov })).json.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await call(app, 'GET', '/api/coordination/cases?scope=queue', { cookie: c.provinceGov })).json).toEqual([]);
    expect((await call(app, 'GET', '/api/coordination/cases?scope=queue', { cookie: c.enterprise })).status).toBe(403);
    const notified = async (userId: string) => (await p.ctx.db.selectFrom('notifications').select('title').where('user_id', '=', userId).execute()).map((n) => n.title);
    expect(await notified(cityGov.userId)).toEqual([expect.stringContaining('新的协调事项')]);

    // the sweep: nothing to do well before the due date; a reminder the day before; escalation the day after
    p.clock.set('2026-12-20T02:00:00Z');
    expect(await gov.coordination.escalateOverdue()).toBe(0);
    p.clock.set('2026-12-24T02:00:00Z');
    expect(await gov.coordination.escalateOverdue()).toBe(1);
    expect(await gov.coordination.escalateOverdue()).toBe(0); // once per due date
    expect(await notified(cityGov.userId)).toContainEqual(expect.stringContaining('即将到期'));
    p.clock.set('2026-12-26T02:00:00Z');
    expect(await gov.coordination.escalateOverdue()).toBe(1);
    const escalated = await call(app, 'GET', `/api/coordination/cases/${id}`, { cookie: c.enterprise });
    expect(escalated.json.case).toMatchObject({ department: '210000-zrzy', level: 'province', firstDepartment: '210100-zrzy', firstDueDate: '2026-12-25', dueDate: dueDateFor('2026-12-26', coordinationParams().escalation.provinceSla, workingCalendar()) });
    expect(escalated.json.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'reminded', 'escalated']);
    expect(await notified(provinceGov.userId)).toContainEqual(expect.stringContaining('升级至省级'));
    expect(await notified(enterprise.userId)).toContainEqual(expect.stringContaining('升级至省级'));
    expect((await call(app, 'GET', '/api/coordination/cases?scope=queue', { cookie: c.provinceGov })).json[0]).toMatchObject({ id, overdue: false });

    // the city department may still read and comment, but the province now resolves; the raiser rates and closes
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/comments`, { cookie: c.cityGov, body: { text: '已移交省自然资源厅' } })).status).toBe(200);
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/resolve`, { cookie: c.cityGov, body: { resolution: '已协调' } })).json.error.code).toBe('CASE_NOT_HANDLER');
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/close`, { cookie: c.enterprise, body: { rating: 5 } })).json.error.code).toBe('CASE_STATUS_INVALID');
    p.clock.set('2026-12-28T02:00:00Z');
    const resolved = await call(app, 'POST', `/api/coordination/cases/${id}/resolve`, { cookie: c.provinceGov, body: { resolution: '省厅协调追加用地指标 20 亩' } });
    expect(resolved.json).toMatchObject({ status: 'resolved', resolvedOn: '2026-12-28' });
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/close`, { cookie: c.provinceGov, body: { rating: 5 } })).json.error.code).toBe('CASE_NOT_RAISER');
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/close`, { cookie: c.enterprise, body: { rating: 6 } })).status).toBe(400);
    expect((await call(app, 'POST', `/api/coordination/cases/${id}/close`, { cookie: c.enterprise, body: { rating: 4, comment: '解决及时' } })).json).toMatchObject({ status: 'closed', rating: 4 });
    expect(await gov.coordination.escalateOverdue()).toBe(0);

    // public statistics, attributed to the department first routed to (it owned the SLA)
    const stats = await call(app, 'GET', '/api/coordination/stats');
    expect(stats.status).toBe(200);
    expect(stats.json.find((s: { department: string }) => s.department === '210100-zrzy')).toMatchObject({ name: '沈阳市自然资源局', raised: 1, closed: 1, medianDaysToClose: 31, overdue: 1, overdueSharePercent: '100', meanRating: '4.00' });
    const actions = (await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['coordination.raise', 'coordination.remind', 'coordination.escalate', 'coordination.resolve', 'coordination.close']));
    p.clock.set('2026-11-27T02:00:00Z');
  });

  it('computes the local conversion rate from deals and shows it in the plan view against its 60% target', async () => {
    const lnOrg = await makeOrganisation(p, { type: 'university', regionCode: '210200' });
    const outOrg = await makeOrganisation(p, { type: 'university', regionCode: '110000' });
    const lnUser = await makeUser(p, 'institution', { orgId: lnOrg.id });
    const outUser = await makeUser(p, 'institution', { orgId: outOrg.id });
    const lnAch = (await makePublished(p, 'achievement', lnUser.actor)).row;
    const outAch = (await makePublished(p, 'achievement', outUser.actor)).row;
    // constructed deals: [achievement, stage, industrialised at (UTC), in Liaoning]
    const rows: [typeof lnAch, string, string | null, number | null][] = [
      [lnAch, 'industrialised', '2026-03-10T02:00:00Z', 1],
      [lnAch, 'industrialised', '2026-05-01T02:00:00Z', 1],
      [lnAch, 'industrialised', '2026-06-01T02:00:00Z', 0], // industrialised in another province
      [lnAch, 'industrialised', '2025-12-31T16:30:00Z', 1], // 00:30 on 1 January 2026 in Shanghai: counts in 2026
      [outAch, 'industrialised', '2026-04-01T02:00:00Z', 1], // achievement from Beijing: not part of the indicator
      [lnAch, 'implementing', null, null],
      [lnAch, 'industrialised', '2026-12-31T16:30:00Z', 1], // 1 January 2027 in Shanghai
    ];
    for (const [ach, stage, at, inLn] of rows) {
      const id = uuidv7();
      await p.ctx.db.insertInto('deals').values({
        id, title: '构造的对接项目', demand_id: null, achievement_id: ach.id, buyer_org_id: enterprise.orgId!, seller_org_id: ach.organisation_id, mode: 'agreement', stage, opened_via: 'party',
        match_score: null, amount_fen: null, lost_reason: null, lost_note: null, industrialised_in_liaoning: inLn, industrialised_region: inLn === null ? null : inLn ? '210100' : '310000',
        city_code: '210200', industry: 'EQ.ROB', created_by: null, created_at: '2025-06-01T00:00:00Z', updated_at: '2025-06-01T00:00:00Z', version: 1,
      }).execute();
      await p.ctx.db.insertInto('deal_stage_times').values({ deal_id: id, stage: 'matched', at: '2025-06-01T00:00:00Z' }).execute();
      if (at) await p.ctx.db.insertInto('deal_stage_times').values({ deal_id: id, stage: 'industrialised', at }).execute();
    }
    // 2026: numerator 3 (Mar, May, 1 Jan), denominator 4 (+ June outside Liaoning) → 75%
    const year = await call(app, 'GET', '/api/plan/computed/local_conversion_rate?period=2026');
    expect(year.status).toBe(200);
    expect(year.json).toMatchObject({ availability: 'available', value: '75', detail: { numerator: 3, denominator: 4, rateBp: 7500, excludedOutsideOrigin: 1 } });
    expect((await call(app, 'GET', '/api/plan/computed/local_conversion_rate?period=2026-Q1')).json).toMatchObject({ value: '100', detail: { numerator: 2, denominator: 2 } });
    expect((await call(app, 'GET', '/api/plan/computed/deals_industrialised?from=2026-01-01&to=2026-12-31')).json.value).toBe('5');
    // pilot bookings and financing come from the services modules (none booked or disbursed in this suite)
    expect((await call(app, 'GET', '/api/plan/computed/pilot_bookings?period=2026')).json).toMatchObject({ availability: 'available', value: '0' });
    expect((await call(app, 'GET', '/api/plan/computed/financing_disbursed?period=2026')).json).toMatchObject({ availability: 'available', value: '0' });
    expect((await call(app, 'GET', '/api/plan/computed/local_conversion_rate?from=2026-02-01')).json.error.fields[0].field).toBe('to');

    // the seeded plan: 10 areas; admins edit indicators, others may not
    const planView = await call(app, 'GET', '/api/plan', { cookie: c.enterprise });
    expect(planView.json.areas).toHaveLength(10);
    expect(planView.json.indicators.find((i: { code: string }) => i.code === 'local_conversion_rate')).toMatchObject({ target: '60', unit: '%', source: 'computed' });
    expect((await call(app, 'PUT', '/api/plan/indicators/local_conversion_rate', { cookie: c.cityGov, body: { periodStart: '2026-01-01' } })).status).toBe(403);
    expect((await call(app, 'PUT', '/api/plan/indicators/new_one', { cookie: c.admin, body: { areaCode: 'A02', name: 'x', unit: '项', baseline: '0', target: '1', periodStart: '2026-01-01', periodEnd: '2026-12-31', ownerDepartment: '210000-kj', source: 'computed', definition: 'x' } })).json.error.fields[0].field).toBe('computation');
    for (const code of ['local_conversion_rate', 'pilot_bookings', 'rd_spending_growth']) {
      expect((await call(app, 'PUT', `/api/plan/indicators/${code}`, { cookie: c.admin, body: { periodStart: '2026-01-01', periodEnd: '2026-12-31' } })).status).toBe(200);
    }
    // the R&D growth is reported by a department with evidence; computed indicators take no reports
    expect((await call(app, 'POST', '/api/plan/indicators/rd_spending_growth/progress', { cookie: c.enterprise, body: { asOf: '2026-06-30', value: '8.5', evidence: '统计公报' } })).status).toBe(403);
    expect((await call(app, 'POST', '/api/plan/indicators/local_conversion_rate/progress', { cookie: c.cityGov, body: { asOf: '2026-06-30', value: '80', evidence: '自报' } })).json.error.code).toBe('INDICATOR_COMPUTED');
    expect((await call(app, 'POST', '/api/plan/indicators/rd_spending_growth/progress', { cookie: c.cityGov, body: { asOf: '2026-06-30', value: '8.5', evidence: '   ' } })).json.error.fields[0].field).toBe('evidence');
    expect((await call(app, 'POST', '/api/plan/indicators/rd_spending_growth/progress', { cookie: c.cityGov, body: { asOf: '2026-06-30', value: '8.5', evidence: '2026 年上半年统计快报', evidenceUrl: 'https://tjj.ln.gov.cn/' } })).status).toBe(201);

    expect((await call(app, 'GET', '/api/plan/progress', { cookie: c.enterprise })).status).toBe(403);
    const progress = await call(app, 'GET', '/api/plan/progress?asOf=2026-11-27', { cookie: c.cityGov });
    const by = Object.fromEntries(progress.json.indicators.map((i: { code: string }) => [i.code, i]));
    // 27 November is day 331 of 365: expected 60 × 331 / 365 = 54.410959 (to 6 places); 75 is ahead → green
    expect(by.local_conversion_rate).toMatchObject({ value: '75', valueAsOf: '2026-11-27', expected: '54.410959', light: 'green', target: '60' });
    // growth 8.5% against the 9% level: 94% of the target → amber
    expect(by.rd_spending_growth).toMatchObject({ value: '8.5', valueAsOf: '2026-06-30', light: 'amber', evidence: '2026 年上半年统计快报' });
    expect(by.pilot_bookings).toMatchObject({ value: '0', light: 'red' });
  });

  it('counts regional statistics by city and by overlapping groupings, and exports them to xlsx', async () => {
    const jinzhou = await makeUser(p, 'institution', { orgId: (await makeOrganisation(p, { type: 'university', regionCode: '210700' })).id });
    await makePublished(p, 'achievement', jinzhou.actor, { regionCode: '210702' });
    const s = await call(app, 'GET', '/api/regional/stats?period=2026-11');
    expect(s.status).toBe(200);
    const group = (code: string) => s.json.groups.find((g: { code: string }) => g.code === code);
    expect(s.json.cities.find((x: { code: string }) => x.code === '210700')).toMatchObject({ name: '锦州市', achievements: 1 });
    // 锦州 belongs to both the coastal belt and the 辽西 pilot zone: counted once in each, once in the province
    expect(group('liaoxi-pilot-zone').achievements).toBe(1);
    expect(group('coastal-belt').achievements).toBe(s.json.cities.filter((x: { code: string }) => ['210200', '210600', '210700', '210800', '211100', '211400'].includes(x.code)).reduce((n: number, x: { achievements: number }) => n + x.achievements, 0));
    expect(s.json.province.achievements).toBe(s.json.cities.reduce((n: number, x: { achievements: number }) => n + x.achievements, 0));
    expect(s.json.province.contracts).toMatchObject({ outputCount: 0, outputWan: '0' });
    expect(s.json.countingRule.zh).toContain('各计一次');
    const chain = await call(app, 'GET', '/api/regional/stats?period=2026&chain=EQ');
    expect(chain.json.province.contracts).toBeNull();
    expect(chain.json.cities.find((x: { code: string }) => x.code === '210200').dealsByStage.industrialised).toBe(5); // the constructed deals industrialised in 2026 (Shanghai dates)
    const xlsx = await app.inject({ method: 'GET', url: '/api/regional/stats?period=2026-11&format=xlsx' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按市 by city', '按区域板块 by grouping']);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === '210700')?.slice(0, 4)).toEqual(['210700', '锦州市', 0, 1]);
  });

  it('classifies reported revenue against the 四上 thresholds and lists cultivation candidates per city', async () => {
    const url = (year: number) => `/api/cultivation/organisations/${enterprise.orgId}/reports/${year}`;
    expect((await call(app, 'PUT', url(2025), { cookie: c.outsider, body: { category: 'industry', revenueWan: '1700' } })).status).toBe(403);
    expect((await call(app, 'PUT', url(2025), { cookie: c.enterprise, body: { category: 'mining', revenueWan: '1700' } })).json.error.fields[0].field).toBe('category');
    const r2025 = await call(app, 'PUT', url(2025), { cookie: c.enterprise, body: { category: 'industry', revenueWan: '1700' } });
    expect(r2025.json.classification).toMatchObject({ above: false, candidate: true, thresholdWan: '2000', gapWan: '300', sharePercent: '85' });
    const r2026 = await call(app, 'PUT', url(2026), { cookie: c.enterprise, body: { category: 'industry', revenueWan: '2000' } });
    expect(r2026.json.classification).toMatchObject({ above: true, candidate: false, gapWan: '0' });
    const other = await makeOrganisation(p, { regionCode: '210200' });
    await gov.cultivation.report(SYSTEM, other.id, { year: 2025, category: 'retail', revenueFen: 450 * 1_000_000 });
    expect((await call(app, 'GET', '/api/cultivation/candidates?year=2025', { cookie: c.enterprise })).status).toBe(403);
    const shenyang = await call(app, 'GET', '/api/cultivation/candidates?year=2025&city=210100', { cookie: c.cityGov });
    expect(shenyang.json.map((x: { organisation: { id: string } }) => x.organisation.id)).toEqual([enterprise.orgId]);
    const all = await call(app, 'GET', '/api/cultivation/candidates?year=2025', { cookie: c.cityGov });
    expect(all.json.map((x: { classification: { sharePercent: string } }) => x.classification.sharePercent)).toEqual(['90', '85']);
    const crossings = await call(app, 'GET', '/api/cultivation/crossings?fromYear=2025&toYear=2026', { cookie: c.cityGov });
    expect(crossings.json).toEqual([{ year: 2025, reported: 2, above: 0, crossed: 0, candidates: 2 }, { year: 2026, reported: 1, above: 1, crossed: 1, candidates: 0 }]);
    // a narrower distance (within 12% below the threshold) keeps only the retailer at 90%
    const near = await call(app, 'GET', '/api/cultivation/candidates?year=2025&withinPercent=12', { cookie: c.cityGov });
    expect(near.json.map((x: { organisation: { id: string } }) => x.organisation.id)).toEqual([other.id]);
  });

  it('tracks 专精特新 / high-tech recognitions and records cultivation measures per enterprise', async () => {
    const url = `/api/cultivation/organisations/${enterprise.orgId}`;
    expect((await call(app, 'PUT', `${url}/designations/high_tech`, { cookie: c.enterprise, body: { status: 'recognised', recognisedOn: '2024-12-01' } })).status).toBe(403);
    expect((await call(app, 'PUT', `${url}/designations/high_tech`, { cookie: c.cityGov, body: { status: 'recognised' } })).json.error.fields[0].field).toBe('recognisedOn');
    // recognised 2023-11-20 for three years → expires 2026-11-20, before today (2026-11-27): shown as expired
    const hte = await call(app, 'PUT', `${url}/designations/high_tech`, { cookie: c.cityGov, body: { status: 'recognised', recognisedOn: '2023-11-20', certificateNo: 'GR202321001234' } });
    expect(hte.json).toMatchObject({ kind: 'high_tech', kindLabel: { zh: '高新技术企业' }, status: 'recognised', expiresOn: '2026-11-20' });
    await call(app, 'PUT', `${url}/designations/zjtx`, { cookie: c.cityGov, body: { status: 'applying', note: '已提交省级专精特新申报材料' } });
    const mine = await call(app, 'GET', `${url}/designations`, { cookie: c.enterprise });
    expect(mine.json.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([['high_tech', 'expired'], ['zjtx', 'applying']]);
    expect((await call(app, 'GET', `${url}/designations`, { cookie: c.outsider })).status).toBe(403);
    const tracking = await call(app, 'GET', '/api/cultivation/designations?kind=zjtx', { cookie: c.cityGov });
    expect(tracking.json.counts).toEqual({ zjtx: { applying: 1 } });
    expect(tracking.json.items[0].organisation).toMatchObject({ id: enterprise.orgId, regionCode: expect.stringMatching(/^21/) });
    expect((await call(app, 'GET', '/api/cultivation/designations', { cookie: c.enterprise })).status).toBe(403);

    expect((await call(app, 'POST', `${url}/measures`, { cookie: c.enterprise, body: { kind: 'visit', title: '走访', takenOn: '2026-11-01' } })).status).toBe(403);
    expect((await call(app, 'POST', `${url}/measures`, { cookie: c.cityGov, body: { kind: 'visit', title: '走访', takenOn: '2026-12-31' } })).json.error.fields[0].field).toBe('takenOn');
    await call(app, 'POST', `${url}/measures`, { cookie: c.cityGov, body: { kind: 'visit', title: '上门走访，了解入规困难', takenOn: '2026-10-12' } });
    const m2 = await call(app, 'POST', `${url}/measures`, { cookie: c.cityGov, body: { kind: 'finance', title: '对接科技贷 300 万元', description: '盛京银行科技支行', takenOn: '2026-11-03' } });
    expect(m2.status).toBe(201);
    const measures = await call(app, 'GET', `${url}/measures`, { cookie: c.enterprise });
    expect(measures.json.map((m: { kind: string; takenOn: string; kindLabel: { zh: string } }) => [m.kind, m.takenOn, m.kindLabel.zh])).toEqual([['finance', '2026-11-03', '融资对接'], ['visit', '2026-10-12', '走访服务']]);
    const audit = await p.ctx.db.selectFrom('audit_log' as never).select('action' as never).where('action' as never, '=', 'cultivation.measure' as never).execute();
    expect(audit).toHaveLength(2);
  });

  it('accounts a Liaodong county’s GDP and GEP for two years with their ratio and year-on-year change', async () => {
    const base = '/api/gep/210283';
    expect((await call(app, 'PUT', `${base}/2026/gdp`, { cookie: c.enterprise, body: { gdpWan: '1200' } })).status).toBe(403);
    expect((await call(app, 'PUT', '/api/gep/110000/2026/gdp', { cookie: c.cityGov, body: { gdpWan: '1' } })).json.error.code).toBe('GEP_REGION_INVALID');
    const bad = await call(app, 'PUT', `${base}/2026/quantities`, { cookie: c.cityGov, body: { items: [{ code: 'recreation', quantity: '1' }, { code: 'gold', quantity: '1' }] } });
    expect(bad.json.error).toMatchObject({ code: 'GEP_INPUT_INVALID', fields: [{ field: 'items.1' }] });
    await call(app, 'PUT', `${base}/2025/gdp`, { cookie: c.cityGov, body: { gdpWan: '1000' } });
    await call(app, 'PUT', `${base}/2025/quantities`, { cookie: c.cityGov, body: { items: [{ code: 'agriculture', quantity: '800' }, { code: 'recreation', quantity: '20000' }] } });
    await call(app, 'PUT', `${base}/2026/gdp`, { cookie: c.cityGov, body: { gdpWan: '1200' } });
    const put = await call(app, 'PUT', `${base}/2026/quantities`, { cookie: c.cityGov, body: { items: [
      { code: 'agriculture', quantity: '1000' }, { code: 'carbon_sequestration', quantity: '10000' }, { code: 'oxygen_release', quantity: '7272.7' }, { code: 'recreation', quantity: '20000' },
    ] } });
    expect(put.status).toBe(200);
    // by hand (default prices): agriculture 1000 t × 3000 = 300 万元; carbon 10000 t × 60 = 60 万元; oxygen not counted
    // where carbon is (double counting); recreation 20000 visits × 300 = 600 万元 → GEP 960 万元, GDP 1200 → 0.8
    const y2026 = await call(app, 'GET', `${base}/2026`);
    expect(y2026.json).toMatchObject({ regionName: '庄河市', gdpWan: '1200', gepGdpRatio: '0.8000', gdpYoyPercent: '20.00', gepYoyPercent: '14.29', gep: { totalWan: '960', byCategory: { material: '300', regulating: '60', cultural: '600' } } });
    expect(y2026.json.gep.lines.find((l: { code: string }) => l.code === 'oxygen_release')).toMatchObject({ counted: false, excludedBecause: 'double_counting_oxygen_carbon', valueWan: '727.27' });
    const series = await call(app, 'GET', base);
    expect(series.json.map((a: { year: number; gepGdpRatio: string }) => [a.year, a.gepGdpRatio])).toEqual([[2025, '0.8400'], [2026, '0.8000']]);
    expect((await call(app, 'GET', '/api/gep/regions')).json.map((r: { code: string }) => r.code)).toContain('210283');
  });

  it('imports GEP quantities and GDP from xlsx: every bad row reported with its column and nothing written, then the good file replaces the year', async () => {
    const sheet = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('GEP');
      ws.addRow(['地区代码', '年度', '项目', '实物量', '单价（元）']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    };
    const bad = await sheet([
      ['210681', 2026, '农业产品', '1200', ''],
      ['110000', 2026, '农业产品', '1', ''],
      ['210681', 2026, '黄金', '1', ''],
      ['210681', 2026, 'recreation', '-3', ''],
      ['210681', 2026, 'agriculture', '10', 'abc'],
      ['210681', 2026, '农业产品', '5', ''],
    ]);
    expect((await call(app, 'POST', '/api/gep/import', { cookie: c.enterprise, body: { fileBase64: bad } })).status).toBe(403);
    const r = await call(app, 'POST', '/api/gep/import', { cookie: c.cityGov, body: { fileBase64: bad } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('GEP_IMPORT_INVALID');
    expect(r.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['rows.3.region', 'rows.4.item', 'rows.5.quantity', 'rows.6.price', 'rows.7.item']);
    expect(r.json.error.fields[1].message).toContain('黄金');
    expect((await call(app, 'GET', '/api/gep/210681/2026')).json.gep.lines).toEqual([]);
    expect((await call(app, 'POST', '/api/gep/import', { cookie: c.cityGov, body: { fileBase64: Buffer.from('not a workbook').toString('base64') } })).json.error.fields[0].field).toBe('fileBase64');

    const good = await sheet([
      ['210681', 2025, 'GDP', '2000', ''],
      ['210681', 2025, '农业产品', '1000', ''],
      ['210681', 2026, 'GDP', '2500', ''],
      ['210681', 2026, '农业产品', '1000', '3500'],
      ['210681', 2026, 'water_conservation', '1000000', ''],
    ]);
    const dry = await call(app, 'POST', '/api/gep/import', { cookie: c.cityGov, body: { fileBase64: good, dryRun: true } });
    expect(dry.json).toMatchObject({ dryRun: true, rows: 5 });
    expect((await call(app, 'GET', '/api/gep/210681/2026')).json.gdpWan).toBeNull();
    const ok = await call(app, 'POST', '/api/gep/import', { cookie: c.cityGov, body: { fileBase64: good } });
    // 2026: agriculture 1000 t × 3500 (local price) = 350 万元; water 1,000,000 m³ × 6.11 = 611 万元 → 961 万元
    expect(ok.json.groups).toEqual([
      { regionCode: '210681', regionName: '东港市', year: 2025, items: 1, gdpWan: '2000', gepWan: '300' },
      { regionCode: '210681', regionName: '东港市', year: 2026, items: 2, gdpWan: '2500', gepWan: '961' },
    ]);
    expect((await call(app, 'GET', '/api/gep/210681/2026')).json).toMatchObject({ gdpWan: '2500', gepGdpRatio: '0.3844', gepYoyPercent: '220.33', gdpYoyPercent: '25.00' });
  });
});
