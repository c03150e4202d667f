/// <reference lib="dom" />
/**
 * End-to-end: the government journey of issue #8 in the built web app against a real server.
 *
 *   npx vitest run test/e2e/gov.e2e.test.ts
 *
 * (a) A party raises a coordination case on its blocked deal (browser); it is routed to the city department, which
 *     sees it in its queue; the escalation sweep runs as on a date after the due date (`techbridge coordination
 *     escalate --as-of`, the same sweep the server schedules) and moves it to the province; the province resolves it
 *     and the party rates it 4/5 and closes it (browser). Public statistics per department show it without login.
 * (b) The plan view shows the local conversion rate computed from platform deals (3 of 4 industrialised in Liaoning)
 *     against its 60% target.
 * (c) A Liaodong county's GDP and GEP for two years (one entered through the API, one imported from xlsx in the
 *     browser) show with their ratio and year-on-year change.
 * Screenshots: test-output/screenshots/gov-*.png.
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { Api, base, chooseOption, chromiumMissing, consoleErrors, dbPath, makeUscc, page, PASSWORD, root, T, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-gov-${stamp}@e2e.test` };
const cityGov = { email: `sykj-${stamp}@e2e.test`, org: `沈阳市科学技术局${stamp}` };
const provGov = { email: `lnkj-${stamp}@e2e.test`, org: `辽宁省科学技术厅${stamp}` };
const inst = { email: `inst-gov-${stamp}@e2e.test`, org: `东北大学材料研究院${stamp}` };
const ent = { email: `ent-gov-${stamp}@e2e.test`, org: `沈阳新材料装备有限公司${stamp}` };
const caseTitle = `中试线缺少热处理产能 ${stamp}`;
let dealId = '';

const { shot, loginInBrowser, logout } = useE2E({ tmpPrefix: 'tb-e2e-gov-', adminEmail: admin.email, hideToastsInShots: true });

/** A date `days` from today (Shanghai), YYYY-MM-DD. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

describe.skipIf(chromiumMissing())('TechBridge government: coordination, plan indicator, GDP + GEP', () => {
  it('sets up departments, parties, a deal, industrialised deals and one year of GEP (API)', async () => {
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const cityOrg = await adm.ok('POST', '/api/organisations', { name: cityGov.org, uscc: makeUscc('210100'), type: 'government', regionCode: '210100' });
    const provOrg = await adm.ok('POST', '/api/organisations', { name: provGov.org, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: cityGov.email, password: PASSWORD, name: '市科技局经办人', role: 'government', organisationId: cityOrg.id });
    await adm.ok('POST', '/api/admin/users', { email: provGov.email, password: PASSWORD, name: '省科技厅经办人', role: 'government', organisationId: provOrg.id });
    // pilot-capacity cases go to the science and technology departments (kj): 沈阳 first, the province on escalation
    await adm.ok('PUT', '/api/coordination/departments/210100-kj', { organisationId: cityOrg.id });
    await adm.ok('PUT', '/api/coordination/departments/210000-kj', { organisationId: provOrg.id });

    const i = new Api(base);
    await i.ok('POST', '/api/auth/register', { email: inst.email, password: PASSWORD, name: '课题负责人', role: 'institution', organisation: { name: inst.org, uscc: makeUscc('210100'), type: 'university', regionCode: '210102' } });
    const a = await i.ok('POST', '/api/achievements', {
      title: `高熵合金涡轮叶片近净成形工艺 ${stamp}`, summary: '高熵合金涡轮叶片真空感应熔炼与近净成形工艺，已完成实验室样件，疲劳寿命提高 40%，需要中试热处理与批量验证。',
      field: '新材料', keywords: ['高熵合金', '近净成形', '热处理'], industries: ['EQ.ROB'], regionCode: '210102', modes: ['license'], trl: 5, priceMinWan: '100', priceMaxWan: '300', submit: true,
    });
    await adm.ok('POST', `/api/achievements/${a.id}/approve`, {});
    const e = new Api(base);
    const me = await e.ok('POST', '/api/auth/register', { email: ent.email, password: PASSWORD, name: '技术总监', role: 'enterprise', organisation: { name: ent.org, uscc: makeUscc('210100'), type: 'enterprise', regionCode: '210106' } });
    dealId = (await e.ok('POST', '/api/deals', { achievementId: a.id })).id;

    // platform deals already industrialised in 2025 (inside the plan period): three in Liaoning, one in Shanghai
    const db = new Database(dbPath);
    const ins = db.prepare(`INSERT INTO deals (id, title, demand_id, achievement_id, buyer_org_id, seller_org_id, mode, stage, opened_via, match_score, amount_fen, lost_reason, lost_note,
      industrialised_in_liaoning, industrialised_region, city_code, industry, created_by, created_at, updated_at, version) VALUES (?, ?, NULL, ?, ?, ?, 'agreement', 'industrialised', 'party', NULL, NULL, NULL, NULL, ?, ?, '210100', 'EQ.ROB', NULL, ?, ?, 1)`);
    const st = db.prepare('INSERT INTO deal_stage_times (deal_id, stage, at) VALUES (?, ?, ?)');
    for (const [n, inLn, region] of [[1, 1, '210100'], [2, 1, '210200'], [3, 1, '210600'], [4, 0, '310000']] as const) {
      const id = uuidv7();
      ins.run(id, `已产业化项目 ${n}`, a.id, me.organisation.id, a.organisation.id, inLn, region, '2025-01-10T00:00:00Z', '2025-06-01T00:00:00Z');
      st.run(id, 'matched', '2025-01-10T00:00:00Z');
      st.run(id, 'industrialised', `2025-0${n + 4}-15T02:00:00Z`);
    }
    db.close();

    // 庄河市 2024 through the API: GDP 1000 万元; agriculture 800 t × 3000 + 20,000 visits × 300 → GEP 840 万元
    const g = new Api(base);
    await g.ok('POST', '/api/auth/login', { email: cityGov.email, password: PASSWORD });
    await g.ok('PUT', '/api/gep/210283/2024/gdp', { gdpWan: '1000' });
    await g.ok('PUT', '/api/gep/210283/2024/quantities', { items: [{ code: 'agriculture', quantity: '800' }, { code: 'recreation', quantity: '20000' }] });
  });

  it('(a) the buyer raises a coordination case on the blocked deal; it is routed to the city department', async () => {
    await loginInBrowser(ent.email);
    await page.goto(`${base}/gov/coordination?subjectType=deal&subjectId=${dealId}`);
    const dialog = page.locator('.ant-modal').filter({ hasText: '提出协调事项' });
    await visible(dialog);
    await chooseOption(page, dialog.locator('.ant-form-item').filter({ hasText: '事项类型' }), '中试');
    await dialog.getByLabel('标题').fill(caseTitle);
    await dialog.getByLabel('情况说明').fill('成果需要真空热处理中试，沈阳本地中试基地排期已满。');
    await dialog.locator('.ant-btn-primary').click();
    await page.waitForURL(/\/gov\/coordination\/[0-9a-f-]+$/);
    await visible(page.getByTestId('case-detail').getByText(caseTitle));
    expect(await textOf(page.getByTestId('case-detail'))).toContain('沈阳市科学技术局');
    await shot('gov-case-raised');

    await loginInBrowser(cityGov.email);
    await page.goto(`${base}/gov/coordination?scope=queue`);
    await visible(page.getByText(caseTitle));
  });

  it('(a) overdue: the escalation sweep moves it to the province, which resolves it; the buyer rates and closes it', async () => {
    const sweep = spawnSync(process.execPath, ['bin/techbridge.js', '--db', dbPath, 'coordination', 'escalate', '--as-of', dayFromNow(10)], { cwd: root, env: { ...process.env, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(sweep.stdout).toContain('1 case(s)');

    // the city department no longer has it; the province does, marked as escalated
    await page.goto(`${base}/gov/coordination?scope=queue`);
    await expect.poll(() => page.getByText(caseTitle).count(), T).toBe(0);
    await loginInBrowser(provGov.email);
    await page.goto(`${base}/gov/coordination?scope=queue`);
    await page.getByText(caseTitle).click();
    const detail = page.getByTestId('case-detail');
    await visible(detail.getByText('已提级'));
    await visible(detail.getByText('逾期提级'));
    expect(await textOf(detail)).toContain('辽宁省科学技术厅');
    await page.getByLabel('办理结果').fill('已协调省中试基地联盟，由大连中试基地安排 12 月真空热处理排期。');
    await page.getByRole('button', { name: '办 结' }).or(page.getByRole('button', { name: '办结' })).last().click();
    await visible(detail.locator('.ant-tag').filter({ hasText: '已办结待评价' }));
    await shot('gov-case-escalated-resolved');

    await loginInBrowser(ent.email);
    await page.goto(`${base}/gov/coordination`);
    await page.getByText(caseTitle).click();
    await page.locator('.ant-rate').first().locator('li').nth(3).click();
    await page.getByLabel('评价意见 / 退回理由').fill('协调及时，排期已落实');
    await page.getByRole('button', { name: '评价并关闭' }).click();
    await visible(page.getByTestId('case-detail').locator('.ant-tag').filter({ hasText: '已关闭' }));
    await shot('gov-case-closed');
  });

  it('(a) public statistics per department show the closed case without signing in', async () => {
    await logout();
    await page.goto(`${base}/gov/coordination-stats`);
    const row = page.getByTestId('coordination-stats').locator('tr').filter({ hasText: '沈阳市科学技术局' });
    await visible(row);
    // raised 1, closed 1, open 0; resolved (on the real date) before its first due date → overdue share 0%; rating 4
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
    expect(cells.slice(1, 5)).toEqual(['1', '1', '0', '0']);
    expect(cells[5]).toBe('0%');
    expect(cells[6]).toContain('4.00');
    await shot('gov-coordination-stats');
  });

  it('(b) the plan view shows the local conversion rate computed from platform deals against its 60% target', async () => {
    await loginInBrowser(provGov.email);
    await page.goto(`${base}/gov/plan`);
    const card = page.getByTestId('local-conversion');
    await visible(card);
    await expect.poll(() => textOf(card.locator('.tb-stat-value')), T).toBe('75.0%');
    const text = await textOf(card);
    expect(text).toContain('本地产业化 3 项 / 已产业化 4 项');
    expect(text).toContain('目标 60%');
    await shot('gov-plan');
  });

  it('(c) a county’s GEP and GDP for two years show with their ratio; the second year comes from an xlsx import', async () => {
    await loginInBrowser(cityGov.email);
    await page.goto(`${base}/gov/gep`);
    await visible(page.getByTestId('gep-kpis'));
    await page.getByTestId('gep-region').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '庄河市' }).click();
    // 2025 from a workbook: GDP 1200 万元; agriculture 1000 t at the local price 3500 → 350; 20,000 visits → 600
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('GEP');
    ws.addRow(['地区代码', '年度', '项目', '实物量', '单价（元）']);
    ws.addRow(['210283', 2025, 'GDP', '1200', '']);
    ws.addRow(['210283', 2025, '农业产品', '1000', '3500']);
    ws.addRow(['210283', 2025, '休闲旅游', '20000', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('gep-import').click();
    await page.getByTestId('gep-file').setInputFiles({ name: 'gep-2025.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByTestId('gep-import-check').click();
    await visible(page.getByTestId('gep-import-summary').getByText('校验通过：3 行，1 个地区年度'));
    await page.getByTestId('gep-import-do').click();
    await expect.poll(() => page.getByTestId('gep-import-do').count(), T).toBe(0);

    const year = page.getByTestId('gep-year');
    await year.fill('2025');
    await year.press('Enter');
    await expect.poll(() => textOf(page.getByTestId('gep-total')), T).toBe('950');
    expect(await textOf(page.getByTestId('gep-gdp'))).toBe('1200');
    expect(await textOf(page.getByTestId('gep-ratio'))).toBe('0.7917');
    expect(await textOf(page.getByTestId('gep-gdp-yoy'))).toBe('+20.00%');
    expect(await textOf(page.getByTestId('gep-gep-yoy'))).toBe('+13.10%');
    await year.fill('2024');
    await year.press('Enter');
    await expect.poll(() => textOf(page.getByTestId('gep-total')), T).toBe('840');
    expect(await textOf(page.getByTestId('gep-ratio'))).toBe('0.8400');
    await visible(page.getByText('各年度 GDP 与 GEP · 庄河市'));
    expect(await page.locator('.ant-card').filter({ hasText: '各年度 GDP 与 GEP' }).locator('canvas').count()).toBe(1);
    await shot('gov-gep');
  });

  it('(d) cultivation: a measure recorded in an enterprise file shows in it; TRL-gap routing lists the TRL-5 achievement', async () => {
    await page.goto(`${base}/gov/cultivation`);
    await visible(page.getByTestId('cultivation'));
    await page.getByTestId('find-enterprise').locator('input').fill(ent.org.slice(0, 6));
    await page.locator('.ant-select-item-option').filter({ hasText: ent.org }).click();
    const file = page.locator('.ant-drawer');
    await visible(file.getByText(ent.org));
    await file.getByTestId('measure-title').fill('上门走访，协调中试热处理排期');
    await file.getByTestId('measure-add').click();
    await visible(file.getByTestId('measure').filter({ hasText: '上门走访，协调中试热处理排期' }));
    await shot('gov-cultivation-file');
    await page.keyboard.press('Escape');
    await page.goto(`${base}/gov/pilot-gaps`);
    await visible(page.getByTestId('gap-achievement').filter({ hasText: '高熵合金涡轮叶片' }));
    await shot('gov-pilot-gaps');
  });

  it('(e) at 375 px wide the government pages do not overflow sideways', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      for (const path of ['/gov/coordination', '/gov/plan', '/gov/pilot-gaps', '/gov/cultivation', '/gov/gep', '/gov/coordination-stats', '/gov/regional']) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(376);
        await shot(`gov-375-${path.slice(5)}`);
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
