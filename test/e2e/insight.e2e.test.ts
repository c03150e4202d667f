/// <reference lib="dom" />
/**
 * End-to-end: 需求洞察 (demand insight) in the built web app against a real server.
 *
 *   npx vitest run test/e2e/insight.e2e.test.ts
 *
 * An enterprise publishes two fuel-cell demands and two robot-vision demands; a Liaoning institute publishes a
 * robot-vision achievement. A government user opens 需求洞察, sees the fuel-cell topic tagged as a gap (缺口 — 建议立项)
 * and the vision topic linked to its best supply, downloads the xlsx export, filters (gaps only, chain 新能源), and the
 * page works at 375 px.
 * Screenshots: test-output/screenshots/insight-*.png.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, consoleErrors, makeUscc, page, PASSWORD, T, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-in-${stamp}@e2e.test` };
const gov = { email: `gov-in-${stamp}@e2e.test` };
const ent = { email: `ent-in-${stamp}@e2e.test`, org: `大连氢能装备有限公司${stamp}` };
const inst = { email: `inst-in-${stamp}@e2e.test`, org: `沈阳机器视觉研究所${stamp}` };
const visionTitle = `工业机器人3D视觉引导与焊缝跟踪系统 ${stamp}`;

const { shot, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-insight-', adminEmail: admin.email, hideToastsInShots: true });

async function register(u: { email: string; org: string }, role: string, type: string, regionCode: string): Promise<Api> {
  const a = new Api(base);
  await a.ok('POST', '/api/auth/register', { email: u.email, password: PASSWORD, name: '联系人', role, organisation: { name: u.org, uscc: makeUscc(regionCode.slice(0, 4) + '00'), type, regionCode } });
  return a;
}

describe.skipIf(chromiumMissing())('TechBridge demand insight (需求洞察)', () => {
  it('sets up demands, a provincial achievement and a government user (API)', async () => {
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const govOrg = await adm.ok('POST', '/api/organisations', { name: `辽宁省科学技术厅${stamp}`, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: gov.email, password: PASSWORD, name: '省科技厅', role: 'government', organisationId: govOrg.id });

    const e = await register(ent, 'enterprise', 'enterprise', '210200');
    const demands = [
      { title: '氢燃料电池电堆双极板耐腐蚀涂层', description: '我公司生产氢燃料电池电堆，金属双极板在酸性环境下腐蚀，需要涂层技术把寿命提升到10000小时以上。', keywords: ['氢燃料电池', '双极板', '涂层'], industries: ['NE.H2.FC'], regionCode: '210213' },
      { title: '氢燃料电池膜电极催化剂降本', description: '氢燃料电池膜电极铂载量0.4mg/cm2偏高，希望降低催化剂成本并保持电堆性能，年需求5000片。', keywords: ['燃料电池', '膜电极', '催化剂'], industries: ['NE.H2.FC'], regionCode: '210213' },
      { title: '工业机器人视觉引导上下料', description: '产线工业机器人需要3D视觉引导抓取工件，实现无序上下料，节拍6秒以内，定位精度0.5mm。', keywords: ['工业机器人', '机器视觉', '抓取'], industries: ['EQ.ROB.SEN'], regionCode: '210211' },
      { title: '工业机器人视觉焊缝跟踪', description: '焊接工业机器人需要视觉系统识别焊缝并实时纠偏，跟踪精度0.2mm以内，适配厚板多层多道焊。', keywords: ['工业机器人', '视觉', '焊缝跟踪'], industries: ['EQ.ROB.SEN'], regionCode: '210211' },
    ];
    const ids: string[] = [];
    for (const d of demands) ids.push((await e.ok('POST', '/api/demands', { ...d, detail: '保密：目标成本XQ7731元', modes: ['co_development'], submit: true })).id);
    const i = await register(inst, 'institution', 'institute', '210100');
    const a = await i.ok('POST', '/api/achievements', {
      title: visionTitle, summary: '基于机器视觉的工业机器人引导抓取、焊缝识别与实时纠偏，定位精度0.2mm，已在焊接产线应用。', keywords: ['工业机器人', '机器视觉', '焊缝跟踪'],
      industries: ['EQ.ROB.SEN'], regionCode: '210100', modes: ['license'], trl: 7, submit: true,
    });
    for (const [kind, id] of [...ids.map((x) => ['demands', x]), ['achievements', a.id]]) expect((await adm.ok('POST', `/api/${kind}/${id}/approve`, {})).status).toBe('published');
  });

  it('a government user sees the fuel-cell gap and the vision topic’s best supply, and downloads the export', async () => {
    await loginInBrowser(gov.email);
    // (the top bar folds entries into its overflow menu as the nav grows; the 375 px check below uses the menu)
    await page.goto(`${base}/insight`);
    await visible(page.getByRole('heading', { name: '需求洞察' }));
    const gapRow = page.locator('tr', { has: page.getByTestId('gap-tag') });
    await visible(gapRow);
    expect(await gapRow.count()).toBe(1);
    expect(await textOf(gapRow)).toContain('燃料电池');
    const supplied = page.locator('tr', { has: page.getByRole('link', { name: visionTitle }) });
    await visible(supplied);
    expect(await textOf(supplied)).toContain('有供给');
    expect(await page.locator('body').innerText()).not.toContain('XQ7731');
    await shot('insight-01-page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insight-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^demand-insight-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主题 topics', '缺口 gaps', '按产业链 by chain', '按市 by city', '趋势 trend']);
    expect(wb.getWorksheet('缺口 gaps')!.rowCount).toBe(3);

    // the gap switch leaves only the gap; the chain filter 新能源 keeps only the fuel-cell demands
    const rows = page.locator('tbody tr.ant-table-row');
    await page.getByRole('switch', { name: '只看缺口' }).click();
    await expect.poll(() => rows.count(), T).toBe(1);
    await page.getByRole('switch', { name: '只看缺口' }).click();
    await expect.poll(() => rows.count(), T).toBe(2);
    await page.getByLabel('产业链').click();
    await page.locator('.ant-select-item-option', { hasText: '新能源' }).click();
    await expect.poll(() => textOf(page.locator('.tb-stat', { hasText: '需求数' }).locator('.tb-stat-value')), T).toBe('2');
    await expect.poll(() => rows.count(), T).toBe(1);
    expect(await textOf(rows)).toContain('缺口 — 建议立项');

    await page.setViewportSize({ width: 375, height: 812 });
    await visible(page.getByTestId('gap-tag'));
    // the nav entry: open the menu drawer, follow 需求洞察 (filters reset on a fresh page)
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('.ant-drawer').getByRole('link', { name: '需求洞察' }).click();
    await page.waitForURL(/\/insight$/);
    await visible(page.getByTestId('gap-tag'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('insight-02-375px');
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(consoleErrors).toEqual([]);
  });
});
