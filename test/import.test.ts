import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DIALECTS, type TestPlatform } from './helpers.js';
import { SYSTEM } from './factories.js';
import { importListings } from '../src/workflows/import-listings.js';
import { exportListings } from '../src/workflows/export-listings.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-import-'));
function file(name: string, lines: unknown[]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return f;
}

const A = (id: string, over: Record<string, unknown> = {}) => ({
  id, title: `激光熔覆修复轧辊技术${id}`, summary: '采用同轴送粉激光熔覆在轧辊表面制备铁基合金涂层，硬度HRC58，结合强度≥400MPa，修复后寿命提高1.5倍。',
  field: '冶金/钢铁', org: '鞍山示例科技大学', region: '鞍山市', trl: 7, keywords: ['激光熔覆', '轧辊修复'], ...over,
});

describe.each(DIALECTS)('import and export on %s', (dialect) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(dialect);
  });
  afterAll(async () => {
    await p?.destroy();
  });

  it('reports every bad row with line, field and reason, and lands only whole good rows', async () => {
    const f = file('mixed.jsonl', [
      A('X-1'),
      A('X-2', { trl: 12 }),
      '{not json',
      A('X-3', { region: '火星市' }),
      A('X-4', { title: '' }),
      A('X-5', { ip: ['201811564288.1'] }),
      A('X-6', { price: { min_wan: '50', max_wan: '20' } }),
      A('X-1', { title: '重复编号' }),
      A('X-7', { ip: ['ZL201811564288.X'], price: 'negotiable', modes: ['许可', 'transfer'] }),
    ]);
    const r = await importListings(p.ctx, p.services, SYSTEM, 'achievement', f);
    expect(r).toMatchObject({ total: 9, created: 2, skipped: 7, organisationsCreated: 1 });
    expect(r.problems.map((x) => [x.line, x.field])).toEqual([
      [2, 'trl'], [3, '-'], [4, 'region'], [5, 'title'], [6, 'ip.0'], [7, 'price'], [8, 'id'],
    ]);
    expect(r.problems[0].reason).toMatch(/1–9/);
    const rows = await p.ctx.db.selectFrom('achievements').selectAll().execute();
    expect(rows.map((x) => x.external_id).sort()).toEqual(['X-1', 'X-7']);
    const x7 = rows.find((x) => x.external_id === 'X-7')!;
    expect(x7).toMatchObject({ status: 'published', region_code: '210300', price_negotiable: 1, trl: 7 });
    expect(JSON.parse(x7.modes)).toEqual(['license', 'transfer']);
    const ip = await p.ctx.db.selectFrom('ip_items').selectAll().where('achievement_id', '=', x7.id).execute();
    expect(ip.map((i) => [i.type, i.number])).toEqual([['invention_patent', 'ZL201811564288.X']]);
    const org = await p.ctx.db.selectFrom('organisations').selectAll().where('name', '=', '鞍山示例科技大学').executeTakeFirstOrThrow();
    expect(org).toMatchObject({ verified: 0, type: 'university' });
  });

  it('is idempotent by external id: a re-import updates, never duplicates', async () => {
    const f1 = file('v1.jsonl', [A('R-1'), A('R-2')]);
    const first = await importListings(p.ctx, p.services, SYSTEM, 'achievement', f1);
    expect(first).toMatchObject({ created: 2, updated: 0 });
    const again = await importListings(p.ctx, p.services, SYSTEM, 'achievement', f1);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const f2 = file('v2.jsonl', [A('R-1', { title: '激光熔覆修复轧辊技术（第二版）', trl: 8 }), A('R-2')]);
    const second = await importListings(p.ctx, p.services, SYSTEM, 'achievement', f2);
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const rows = await p.ctx.db.selectFrom('achievements').selectAll().where('external_id', 'in', ['R-1', 'R-2']).execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.external_id === 'R-1')).toMatchObject({ title: '激光熔覆修复轧辊技术（第二版）', trl: 8 });
  });

  it('refuses the whole file under --strict, and writes nothing on --dry-run', async () => {
    const f = file('strict.jsonl', [A('S-1'), A('S-2', { trl: 0 })]);
    const strict = await importListings(p.ctx, p.services, SYSTEM, 'achievement', f, { strict: true });
    expect(strict.created).toBe(0);
    expect(strict.problems).toHaveLength(1);
    const dry = await importListings(p.ctx, p.services, SYSTEM, 'achievement', file('dry.jsonl', [A('D-1')]), { dryRun: true });
    expect(dry).toMatchObject({ created: 0, dryRun: true, problems: [] });
    const n = await p.ctx.db.selectFrom('achievements').select('id').where('external_id', 'in', ['S-1', 'S-2', 'D-1']).execute();
    expect(n).toHaveLength(0);
  });

  it('imports demands from CSV and .xlsx with the same rules', async () => {
    const csv = path.join(dir, 'demands.csv');
    fs.writeFileSync(csv, [
      'id,title,description,field,org,region,min_trl,budget_wan,deadline,modes',
      'C-1,转炉煤气回收提效,转炉煤气回收率目前仅85%，希望提升至95%以上并降低放散，要求可在现有OG系统上改造。,冶金/钢铁,营口示例钢铁有限公司,营口市,6,300.5,2027-10-01,合作开发',
      'C-2,坏预算,描述足够长的一段需求描述文本用于测试预算字段校验。,冶金/钢铁,营口示例钢铁有限公司,营口市,,abc,,',
    ].join('\n'));
    const r = await importListings(p.ctx, p.services, SYSTEM, 'demand', csv);
    expect(r).toMatchObject({ created: 1, skipped: 1 });
    expect(r.problems[0]).toMatchObject({ line: 3, field: 'budget_wan' });
    const xlsx = path.join(dir, 'demands.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('需求');
    ws.addRow(['id', 'title', 'description', 'field', 'org', 'region', 'min_trl', 'budget_wan']);
    ws.addRow(['X-1', '盘锦稠油降黏开采', '针对稠油黏度高于5000mPa·s的区块，寻求低成本化学降黏与热采结合技术，采收率提高5个百分点。', '石化/油气', '盘锦示例石油装备有限公司', '211100', 5, 120]);
    ws.addRow(['X-2', '', '缺标题', '石化', '盘锦示例石油装备有限公司', '盘锦市', 5, 120]);
    await wb.xlsx.writeFile(xlsx);
    const rx = await importListings(p.ctx, p.services, SYSTEM, 'demand', xlsx);
    expect(rx).toMatchObject({ created: 1, skipped: 1 });
    expect(rx.problems[0]).toMatchObject({ line: 3, field: 'title' });
    const d = await p.ctx.db.selectFrom('demands').selectAll().where('external_id', '=', 'C-1').executeTakeFirstOrThrow();
    expect(d).toMatchObject({ budget_max_fen: 300_500_000, min_trl: 6, region_code: '210800', deadline: '2027-10-01' });
  });

  it('exports in the import contract, without confidential detail unless asked', async () => {
    await importListings(p.ctx, p.services, SYSTEM, 'achievement', file('e.jsonl', [A('E-1', { detail: '保密：熔覆功率2.8kW' })]));
    const out = path.join(dir, 'out.jsonl');
    await exportListings(p.services, 'achievement', out, { includeDetail: false, scope: 'public' });
    const rec = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((x) => x.id === 'E-1');
    expect(rec).toMatchObject({ id: 'E-1', org: '鞍山示例科技大学', region: '鞍山市', trl: 7, keywords: ['激光熔覆', '轧辊修复'] });
    expect(rec.detail).toBeUndefined();
    await exportListings(p.services, 'achievement', out, { includeDetail: true, scope: 'public' });
    expect(fs.readFileSync(out, 'utf8')).toContain('熔覆功率2.8kW');
    // the export imports back unchanged
    const back = await importListings(p.ctx, p.services, SYSTEM, 'achievement', out);
    expect(back.problems).toEqual([]);
    expect(back.created).toBe(0);
    const xlsx = path.join(dir, 'out.xlsx');
    await exportListings(p.services, 'achievement', xlsx, { includeDetail: false, scope: 'public' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0].getRow(1).getCell(1).text).toBe('id');
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(1);
  });

  it('refreshes the planner statistics of the tables a bulk import wrote (PostgreSQL), and finds the imported rows through the search box', async () => {
    const stats = async () =>
      dialect === 'postgres' ? ((await sql<{ n: number }>`select count(*)::int as n from pg_stat_user_tables where relname = 'achievements' and last_analyze is not null`.execute(p.ctx.db)).rows[0].n) : null;
    const small = file('stats-small.jsonl', [A('S-1'), A('S-2')]);
    await importListings(p.ctx, p.services, SYSTEM, 'achievement', small, { analyzeAfterRows: 3 });
    if (dialect === 'postgres') expect(await stats()).toBe(0); // 2 rows: below the threshold, nothing analysed
    const bulk = file('stats-bulk.jsonl', [A('S-3'), A('S-4'), A('S-5')]);
    const r = await importListings(p.ctx, p.services, SYSTEM, 'achievement', bulk, { analyzeAfterRows: 3 });
    expect(r.created).toBe(3);
    if (dialect === 'postgres') expect(await stats()).toBe(1);
    await p.services.matching.build();
    const list = await p.services.achievements.list({ kind: 'anonymous' } as never, { q: '激光熔覆 轧辊', pageSize: 50 });
    expect(list.items.map((i) => i.row.external_id)).toEqual(expect.arrayContaining(['S-1', 'S-2', 'S-3', 'S-4', 'S-5']));
  });
});
