/// <reference lib="dom" />
/**
 * End-to-end: credit supervision (信用监管) in the built web app against a real server (child process, fresh SQLite
 * file, SEED_DEMO=false), driven by playwright-core on Debian's /usr/bin/chromium.
 *
 *   npx vitest run test/e2e/credit.e2e.test.ts
 *
 * A government user draws a "双随机" inspection plan in the browser from a published seed, verifies the draw
 * (复核抽取 re-runs it from the seed and pools: OK), enters a result for the drawn enterprise and publishes; the
 * enterprise's public credit page then shows the inspection record, its list status and risk class. Screenshots
 * go to test-output/screenshots/ (credit-*.png), including the credit page at 375 px.
 */
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, confirmDialog, consoleErrors, makeUscc, page, PASSWORD, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const enterprise = { email: `ent-${stamp}@e2e.test`, org: `沈阳信诚精密机械有限公司${stamp}`, uscc: makeUscc('210100'), name: '周经理' };
const inspectorA = { email: `gov-a-${stamp}@e2e.test`, name: '李处长' };
const inspectorB = { email: `gov-b-${stamp}@e2e.test`, name: '王科长' };
const admin = { email: `admin-${stamp}@e2e.test` };
const planName = `2026年度双随机抽查 ${stamp}`;
const seed = `LN-2026-${stamp}`;
let enterpriseId = '';
let inspectorBId = '';
let planId = '';

const { shot, logout, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-credit-', adminEmail: admin.email, hideToastsInShots: true });

// ── the inspection ──────────────────────────────────────────────────────────────────────────────────

const browserMissing = chromiumMissing();

describe.skipIf(browserMissing)('TechBridge credit: random inspection → published result → public credit page', () => {
  it('sets up an enterprise and two government inspectors (API)', async () => {
    const ent = new Api(base);
    const reg = await ent.ok('POST', '/api/auth/register', {
      email: enterprise.email,
      password: PASSWORD,
      name: enterprise.name,
      role: 'enterprise',
      organisation: { name: enterprise.org, uscc: enterprise.uscc, type: 'enterprise', regionCode: '210100' },
    });
    enterpriseId = reg.organisation?.id ?? (await ent.ok('GET', '/api/auth/session')).organisation.id;
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const govOrg = await adm.ok('POST', '/api/organisations', { name: `辽宁省市场监督管理局${stamp}`, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: inspectorA.email, password: PASSWORD, name: inspectorA.name, role: 'government', organisationId: govOrg.id });
    inspectorBId = (await adm.ok('POST', '/api/admin/users', { email: inspectorB.email, password: PASSWORD, name: inspectorB.name, role: 'government', organisationId: govOrg.id })).id;
    expect(enterpriseId).toBeTruthy();
  });

  it('a government user draws a plan from a published seed and the draw verifies', async () => {
    await loginInBrowser(inspectorA.email);
    await page.goto(`${base}/credit/gov/inspections`);
    await page.getByTestId('plan-new').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建抽查计划' });
    await visible(dialog);
    await dialog.getByLabel('计划名称').fill(planName);
    await dialog.getByLabel('随机种子').fill(seed);
    // the signed-in inspector is filled in; add the second by user id, and the enterprise as a target with cause
    await dialog.getByLabel('检查人员').fill(inspectorBId);
    await dialog.getByLabel('检查人员').press('Enter');
    await dialog.getByLabel('有因检查对象（单位编号）').fill(enterpriseId);
    await dialog.getByLabel('有因检查对象（单位编号）').press('Enter');
    await shot('credit-plan-form');
    await dialog.getByTestId('plan-draw').click();
    await page.waitForURL(/\/credit\/gov\/inspections\/[^/]+$/);
    planId = page.url().split('/').pop()!;
    await visible(page.getByTestId('plan-page'));
    expect(await textOf(page.getByTestId('plan-seed'))).toBe(seed);
    await visible(page.getByTestId('plan-selections').getByText(enterprise.org));

    await page.getByTestId('plan-verify').click();
    await visible(page.getByTestId('verify-result'));
    expect(await textOf(page.getByTestId('verify-result'))).toContain('复核通过');
    // the public verification endpoint agrees
    const v = await new Api(base).ok('GET', `/api/credit/inspections/${planId}/verify`);
    expect(v).toEqual({ ok: true, mismatches: [] });
    await shot('credit-plan-verified');
  });

  it('the inspector enters a result and publishes it', async () => {
    const row = page.getByTestId('plan-selections').locator('tr').filter({ hasText: enterprise.org });
    await row.getByTestId('result-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '发现问题已责令整改' }).click();
    await row.getByLabel('说明').fill('研发费用台账不完整，已责令 30 日内整改');
    await row.getByTestId('result-save').click();
    await visible(row.getByText('已录入'));
    await page.getByTestId('plan-publish').click();
    await confirmDialog(page);
    await visible(page.getByText('已公示'));
    await visible(page.getByTestId('plan-selections').getByText('研发费用台账不完整'));
    await shot('credit-plan-published');
  });

  it("the enterprise's public credit page shows the inspection record", async () => {
    await logout();
    await page.goto(`${base}/organisations/${enterpriseId}`);
    await page.getByTestId('org-credit-link').click();
    await page.waitForURL(`${base}/credit/${enterpriseId}`);
    await visible(page.getByTestId('credit-page'));
    const records = page.getByTestId('credit-records');
    await visible(records.getByText(planName));
    await visible(records.getByText('抽查检查'));
    await visible(page.getByTestId('risk-class'));
    await visible(page.getByTestId('credit-status'));
    await visible(page.getByTestId('credit-breakdown').locator('tbody tr'));
    await shot('credit-public-page');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await visible(page.getByTestId('credit-records').getByText(planName));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot('credit-public-page-375');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
