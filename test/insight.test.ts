/**
 * Demand insight (需求洞察) over HTTP on every database: topics found by clustering, gaps against provincial supply only,
 * counts by chain / city / month, confidentiality of demand detail, the xlsx export, and who may see it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

const SECRET = '绝密配方XQ7731';

const HYDROGEN = [
  { title: '氢燃料电池电堆双极板耐腐蚀', summary: '我公司生产氢燃料电池电堆，金属双极板在酸性环境下腐蚀，需要涂层技术提升寿命。', keywords: ['氢燃料电池', '双极板', '涂层'], regionCode: '210213' },
  { title: '氢燃料电池空压机国产化', summary: '车用氢燃料电池系统需要高速离心空压机，转速10万转以上，寻求国产化方案。', keywords: ['氢燃料电池', '空压机'], regionCode: '210213' },
  { title: '燃料电池膜电极催化剂降本', summary: '氢燃料电池膜电极铂载量0.4mg/cm2偏高，希望降低催化剂成本并保持电堆性能。', keywords: ['燃料电池', '膜电极', '催化剂'], regionCode: '210102' },
];
const VISION = [
  { title: '工业机器人视觉引导上下料', summary: '产线工业机器人需要3D视觉引导抓取工件，实现无序上下料，节拍6秒以内。', keywords: ['工业机器人', '机器视觉', '抓取'], regionCode: '210102' },
  { title: '工业机器人视觉焊缝跟踪', summary: '焊接工业机器人需要视觉系统识别焊缝并实时纠偏，跟踪精度0.2mm以内。', keywords: ['工业机器人', '视觉', '焊缝跟踪'], regionCode: '211002' },
];

describe.each(DIALECTS)('demand insight on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  const c: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    p = await createTestPlatform(dialect, {}, '2026-09-10T02:00:00Z');
    app = await createTestApp(p);
    const enterprise = await makeUser(p, 'enterprise');
    const gov = await makeUser(p, 'government');
    const admin = await makeUser(p, 'admin');
    const lnInst = await makeUser(p, 'institution', { orgId: (await makeOrganisation(p, { type: 'university', regionCode: '210200' })).id });
    const bjInst = await makeUser(p, 'institution', { orgId: (await makeOrganisation(p, { type: 'university', regionCode: '110000' })).id });

    // September: two fuel-cell demands and one vision demand; November: the rest
    const mk = (d: (typeof HYDROGEN)[number], industries: string[]) =>
      makePublished(p, 'demand', enterprise.actor, { ...d, detail: `内部资料：${SECRET}，年需求5000套。${SECRET}用于${SECRET}工艺。`, field: '', industries });
    ids.h1 = (await mk(HYDROGEN[0], ['NE.H2.FC'])).row.id;
    ids.h2 = (await mk(HYDROGEN[1], ['NE.H2.FC'])).row.id;
    ids.v1 = (await mk(VISION[0], ['EQ.ROB.SEN'])).row.id;
    p.clock.set('2026-11-20T02:00:00Z');
    ids.h3 = (await mk(HYDROGEN[2], ['NE.H2.FC', 'MAT'])).row.id;
    ids.v2 = (await mk(VISION[1], ['EQ.ROB.SEN'])).row.id;
    // supply: a Liaoning institute covers robot vision; fuel cells are only offered from Beijing (not provincial supply)
    ids.aVision = (await makePublished(p, 'achievement', lnInst.actor, {
      title: '工业机器人3D视觉引导与焊缝跟踪系统', summary: '基于机器视觉的工业机器人引导抓取、焊缝识别与实时纠偏，已在焊接产线应用。',
      keywords: ['工业机器人', '机器视觉', '焊缝跟踪'], field: '', industries: ['EQ.ROB.SEN'], regionCode: '210200',
    })).row.id;
    ids.aBeijing = (await makePublished(p, 'achievement', bjInst.actor, {
      title: '氢燃料电池电堆双极板涂层与膜电极催化剂', summary: '燃料电池电堆金属双极板耐腐蚀涂层、高速离心空压机、低铂膜电极催化剂，已批量应用。',
      keywords: ['氢燃料电池', '双极板', '膜电极', '空压机'], field: '', industries: ['NE.H2.FC'], regionCode: '210200',
    })).row.id;
    p.clock.set('2026-11-27T02:00:00Z');
    for (const [k, u] of Object.entries({ enterprise, gov, admin })) c[k] = await login(app, u.email, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('finds the two topics, counts them by chain, city and month, and flags fuel cells as a gap (Beijing supply does not count)', async () => {
    const r = await call(app, 'GET', '/api/insight/demands?from=2026-09-01&to=2026-11-30', { cookie: c.gov });
    expect(r.status).toBe(200);
    const body = r.json;
    expect(body.totals).toEqual({ demands: 5, topics: 2, gaps: 1, supply: 1 });
    const [fuel, vision] = body.topics;
    expect(fuel).toMatchObject({ id: 'T01', demandCount: 3, gap: true, supplyCount: 0 });
    expect(fuel.terms).toContain('燃料电池');
    expect(fuel.demands.map((d: { id: string }) => d.id).sort()).toEqual([ids.h1, ids.h2, ids.h3].sort());
    expect(fuel.cities).toEqual([{ code: '210200', name: '大连市', count: 2 }, { code: '210100', name: '沈阳市', count: 1 }]);
    expect(fuel.chains).toEqual(['MAT', 'NE']);
    expect(fuel.best?.achievementId ?? null).not.toBe(ids.aBeijing);
    expect(vision).toMatchObject({ id: 'T02', demandCount: 2, gap: false, supplyCount: 1, best: { achievementId: ids.aVision, title: '工业机器人3D视觉引导与焊缝跟踪系统' } });
    expect(vision.best.score).toBeGreaterThanOrEqual(0.6);

    const chain = Object.fromEntries(body.byChain.map((x: { code: string; count: number }) => [x.code, x.count]));
    expect(chain).toMatchObject({ NE: 3, EQ: 2, MAT: 1, IC: 0 });
    expect(body.byChain.find((x: { code: string }) => x.code === 'NE').name).toBe('新能源');
    const city = Object.fromEntries(body.byCity.map((x: { code: string; count: number }) => [x.code, x.count]));
    expect(city).toMatchObject({ '210100': 2, '210200': 2, '211000': 1, '210300': 0 });
    expect(body.byCity).toHaveLength(14);

    expect(body.trend.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(body.trend.total).toEqual([3, 0, 2]);
    expect(body.trend.byTopic).toEqual({ T01: [2, 0, 1], T02: [1, 0, 1] });
    expect(body.trend.byChain.NE).toEqual([2, 0, 1]);
    expect(body.trend.byCity['211000']).toEqual([0, 0, 1]);

    const gaps = await call(app, 'GET', '/api/insight/gaps?from=2026-09-01&to=2026-11-30', { cookie: c.admin });
    expect(gaps.status).toBe(200);
    expect(gaps.json.gaps.map((g: { label: string; gap: boolean }) => g.gap)).toEqual([true]);
    expect(gaps.json.gaps[0].terms).toContain('燃料电池');
  });

  it('filters by chain, city and period, and rejects bad filters with a field error', async () => {
    const ne = await call(app, 'GET', '/api/insight/demands?from=2026-09-01&to=2026-11-30&chain=NE', { cookie: c.gov });
    expect(ne.json.totals.demands).toBe(3);
    expect(ne.json.topics).toHaveLength(1);
    const dalian = await call(app, 'GET', '/api/insight/demands?from=2026-09-01&to=2026-11-30&city=210200', { cookie: c.gov });
    expect(dalian.json.totals.demands).toBe(2);
    const nov = await call(app, 'GET', '/api/insight/demands?from=2026-11-01&to=2026-11-30', { cookie: c.gov });
    expect(nov.json.totals.demands).toBe(2);
    expect(nov.json.trend.months).toEqual(['2026-11']);
    // default period: the last 12 months up to today (2026-11-27)
    const def = await call(app, 'GET', '/api/insight/demands', { cookie: c.gov });
    expect(def.json.period).toEqual({ from: '2025-12-01', to: '2026-11-27' });
    expect(def.json.totals.demands).toBe(5);

    for (const [q, field] of [['chain=XX', 'chain'], ['city=210000', 'city'], ['city=211500', 'city'], ['from=2026-02-30', 'from'], ['from=2026-11-02&to=2026-11-01', 'to'], ['from=2000-01-01&to=2026-01-01', 'from']] as const) {
      const r = await call(app, 'GET', `/api/insight/demands?${q}`, { cookie: c.gov });
      expect(r.status, q).toBe(400);
      expect(r.json.error.code, q).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.json.error), q).toContain(field);
    }
  });

  it('reacts to new supply at once: a Liaoning achievement on fuel cells closes the gap', async () => {
    const inst = await makeUser(p, 'institution', { orgId: (await makeOrganisation(p, { type: 'university', regionCode: '210100' })).id });
    const before = await call(app, 'GET', '/api/insight/gaps?from=2026-09-01&to=2026-11-30', { cookie: c.gov });
    expect(before.json.gaps).toHaveLength(1);
    const a = await makePublished(p, 'achievement', inst.actor, {
      title: '车用氢燃料电池电堆与膜电极', summary: '燃料电池电堆金属双极板涂层、空压机匹配和低铂膜电极催化剂技术，寿命超过10000小时。', keywords: ['燃料电池', '膜电极', '双极板', '空压机'], field: '', industries: ['NE.H2.FC'],
    });
    const after = await call(app, 'GET', '/api/insight/demands?from=2026-09-01&to=2026-11-30', { cookie: c.gov });
    expect(after.json.totals.gaps).toBe(0);
    expect(after.json.topics[0].best.achievementId).toBe(a.row.id);
    await p.services.achievements.act(inst.actor, a.row.id, 'close');
    const again = await call(app, 'GET', '/api/insight/gaps?from=2026-09-01&to=2026-11-30', { cookie: c.gov });
    expect(again.json.gaps).toHaveLength(1);
  });

  it('never leaks a demand’s confidential detail, in JSON or in the export', async () => {
    for (const url of ['/api/insight/demands?from=2026-09-01&to=2026-11-30', '/api/insight/gaps?from=2026-09-01&to=2026-11-30']) {
      const r = await call(app, 'GET', url, { cookie: c.admin });
      expect(r.status).toBe(200);
      expect(r.body).not.toContain('XQ7731');
      expect(r.body).not.toContain('绝密');
      expect(r.body).not.toContain('5000套');
    }
    const x = await app.inject({ method: 'GET', url: '/api/insight/export?from=2026-09-01&to=2026-11-30', headers: { cookie: c.admin } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.join('\n')).not.toContain('XQ7731');
    expect(cells.join('\n')).not.toContain('绝密');
  });

  it('exports an xlsx that opens with sheets for topics, gaps, chains, cities and trend', async () => {
    const x = await app.inject({ method: 'GET', url: '/api/insight/export?format=xlsx&from=2026-09-01&to=2026-11-30', headers: { cookie: c.gov } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain('demand-insight-2026-09-01-2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主题 topics', '缺口 gaps', '按产业链 by chain', '按市 by city', '趋势 trend']);
    const topics = wb.getWorksheet('主题 topics')!;
    expect(topics.getRow(3).getCell(1).value).toBe('T01');
    expect(topics.getRow(3).getCell(4).value).toBe(3);
    expect(topics.getRow(3).getCell(10).value).toBe('缺口 — 建议立项');
    expect(topics.getRow(4).getCell(8).value).toBe('工业机器人3D视觉引导与焊缝跟踪系统');
    const gaps = wb.getWorksheet('缺口 gaps')!;
    expect(gaps.rowCount).toBe(3);
    const trend = wb.getWorksheet('趋势 trend')!;
    expect(trend.getRow(1).values).toEqual([undefined, '序列 series', '2026-09', '2026-10', '2026-11']);
    expect(trend.getRow(2).values).toEqual([undefined, '合计 total', 3, 0, 2]);
    const city = wb.getWorksheet('按市 by city')!;
    expect(city.rowCount).toBe(15);
  });

  it('is for government and admins only: enterprise users get 403, anonymous callers 401', async () => {
    for (const url of ['/api/insight/demands', '/api/insight/gaps', '/api/insight/export?format=xlsx']) {
      const anon = await call(app, 'GET', url);
      expect(anon.status, url).toBe(401);
      const ent = await call(app, 'GET', url, { cookie: c.enterprise });
      expect(ent.status, url).toBe(403);
      expect(ent.json.error.code).toBe('FORBIDDEN');
      const gov = await app.inject({ method: 'GET', url, headers: { cookie: c.gov } });
      expect(gov.statusCode, url).toBe(200);
    }
  });
});
