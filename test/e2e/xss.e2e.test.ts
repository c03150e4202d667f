/// <reference lib="dom" />
/**
 * Stored XSS in the browser: an organisation and an achievement whose text fields carry script payloads are
 * rendered on every page that shows them — search results with highlighting (the query matches inside the payload),
 * the detail page, the organisation page and the free-text match results. The payload must show as literal text and
 * never run (window.__xss stays undefined).
 *
 *   npm run build:web && npx vitest run test/e2e/xss.e2e.test.ts
 */
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, makeUscc, page, PASSWORD, T, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-xss-${stamp}@e2e.test` };
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const ORG = `恶意单位${stamp} ${IMG}`;
const TITLE = `伺服电机控制算法 ${IMG} ${SCRIPT}`;
const SUMMARY = `高精度伺服电机矢量控制算法，适用于数控机床。${SCRIPT} 注入测试 ${IMG} onerror 结尾`;
let achievementId = '';
let orgId = '';

useE2E({ tmpPrefix: 'tb-e2e-xss-', adminEmail: admin.email, hideToastsInShots: true });

async function xssFired(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

describe.skipIf(chromiumMissing())('stored XSS: hostile text renders literally and never runs', () => {
  it('stores an organisation and an achievement with script payloads (API)', async () => {
    const owner = new Api(base);
    const reg = await owner.ok('POST', '/api/auth/register', { email: `xss-${stamp}@e2e.test`, password: PASSWORD, name: `<b>联系人</b>${IMG}`, role: 'institution', organisation: { name: ORG, uscc: makeUscc('210200'), type: 'university', regionCode: '210202' } });
    orgId = reg.user?.organisationId ?? reg.organisation?.id ?? (await owner.ok('GET', '/api/auth/me')).user.organisationId;
    expect(orgId).toBeTruthy();
    const a = await owner.ok('POST', '/api/achievements', { title: TITLE, summary: SUMMARY, field: `智能制造 ${IMG}`, keywords: ['伺服', IMG], trl: 6, regionCode: '210202', submit: true });
    achievementId = a.id;
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    await adm.ok('POST', `/api/achievements/${achievementId}/approve`, {});
    // stored verbatim: escaping is the renderer's job, not a lossy filter on input
    const back = await new Api(base).ok('GET', `/api/achievements/${achievementId}`);
    expect(back.title).toBe(TITLE);
  }, 60_000);

  it('search results with the query highlighted inside the payload', async () => {
    await page.goto(`${base}/achievements?q=${encodeURIComponent('伺服 onerror img')}`);
    await visible(page.getByText(IMG, { exact: false }));
    expect(await page.locator('mark').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(await xssFired()).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<script>window.__xss=1</script>');
  }, 60_000);

  it('the detail page', async () => {
    await page.goto(`${base}/achievements/${achievementId}`);
    await visible(page.getByText('伺服电机控制算法', { exact: false }));
    await page.waitForTimeout(300);
    expect(await xssFired()).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(IMG);
    expect(text).toContain(SCRIPT);
  }, 60_000);

  it('the organisation page', async () => {
    await page.goto(`${base}/organisations/${orgId}`);
    await expect.poll(async () => (await page.locator('body').innerText()).includes(`恶意单位${stamp}`), T).toBe(true);
    await page.waitForTimeout(300);
    expect(await xssFired()).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain(IMG);
  }, 60_000);

  it('free-text match results (with highlighting)', async () => {
    await page.goto(`${base}/match`);
    await page.locator('textarea').first().fill(`伺服电机 矢量控制 数控机床 onerror ${IMG}`);
    await page.locator('button[type="submit"], form button.ant-btn-primary').first().click();
    await visible(page.getByText('伺服电机控制算法', { exact: false }));
    await page.waitForTimeout(300);
    expect(await xssFired()).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain(IMG);
  }, 60_000);
});
