/// <reference lib="dom" />
/**
 * End-to-end: policy push (惠企政策直达) and first-of-kind promotion (首台套) in the built web app against a real server.
 *
 *   npx vitest run test/e2e/policies.e2e.test.ts
 *
 * (a) A government user writes one policy in the browser with the structured condition builder and publishes it and
 *     a second one; an enterprise (专精特新 + 高新技术企业, 大连) signs in and sees exactly the two policies it
 *     qualifies for, each with the conditions it meets — and the Shenyang-only policy among the near misses with the
 *     condition it misses.
 * (b) The enterprise applies for first-of-kind insurance compensation for its catalogued product with the four
 *     required documents (hashed in the browser); the government accepts and approves it in the browser.
 * Accounts and the catalogue entry are set up through the API. Screenshots: test-output/screenshots/policies-*.png.
 */
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, consoleErrors, makeUscc, page, PASSWORD, T, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-po-${stamp}@e2e.test` };
const gov = { email: `gov-po-${stamp}@e2e.test` };
const ent = { email: `ent-po-${stamp}@e2e.test`, org: `大连瑞衡传动科技有限公司${stamp}` };
const p1 = `专精特新中小企业研发投入后补助 ${stamp}`;
const p2 = `高端装备关键部件首购首用奖励 ${stamp}`;
const p3 = `沈阳市科技创新券 ${stamp}`;
let productId = '';
let applicationId = '';

const { shot, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-policies-', adminEmail: admin.email, hideToastsInShots: true });

describe.skipIf(chromiumMissing())('TechBridge policy push and first-of-kind', () => {
  it('sets up a government user, a flagged enterprise in Dalian, two draft policies and a catalogue entry (API)', async () => {
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const govOrg = await adm.ok('POST', '/api/organisations', { name: `辽宁省科学技术厅${stamp}`, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: gov.email, password: PASSWORD, name: '政策处', role: 'government', organisationId: govOrg.id });

    const e = new Api(base);
    const me = await e.ok('POST', '/api/auth/register', {
      email: ent.email, password: PASSWORD, name: '王工', role: 'enterprise',
      organisation: { name: ent.org, uscc: makeUscc('210200'), type: 'enterprise', regionCode: '210213', industries: ['EQ.ROB.RED'], flags: ['专精特新', '高新技术企业'] },
    });
    const orgId = me.organisation.id as string;
    const org = await adm.ok('GET', `/api/organisations/${orgId}`);
    if (!org.flags?.includes('专精特新')) await adm.ok('PATCH', `/api/organisations/${orgId}`, { flags: ['专精特新', '高新技术企业'], industries: ['EQ.ROB.RED'] });

    const g = new Api(base);
    await g.ok('POST', '/api/auth/login', { email: gov.email, password: PASSWORD });
    await g.ok('POST', '/api/policies', { title: p2, issuer: '大连市科学技术局', benefit: '按首台（套）合同额的 5% 奖励，最高 50 万元', effectiveFrom: '2026-01-01', effectiveTo: '2030-12-31', conditions: { regions: ['210200'], orgTypes: ['enterprise'], industries: ['EQ'], flagsAny: ['高新技术企业', '瞪羚企业'] } });
    const sy = await g.ok('POST', '/api/policies', { title: p3, issuer: '沈阳市科学技术局', benefit: '每年最高 20 万元创新券', effectiveFrom: '2026-01-01', conditions: { regions: ['210100'], orgTypes: ['enterprise'] } });
    await g.ok('POST', `/api/policies/${sy.id}/publish`);
    productId = (await g.ok('POST', '/api/firstkind/products', {
      kind: 'equipment', name: `RV-40E 高精度机器人关节减速器 ${stamp}`, makerOrgId: orgId, industries: ['EQ.ROB.RED'], recognitionYear: 2026, batch: '2026 年第一批',
      description: '六轴工业机器人关节用 RV 减速器，替代进口', indicators: [{ key: '回差', type: 'number', value: 1, unit: 'arcmin', comparator: '<=' }, { key: '额定寿命', type: 'number', value: 6000, unit: 'h', comparator: '>=' }],
    })).id;
  });

  it('government writes a policy with the condition builder and publishes both drafts (browser)', async () => {
    await loginInBrowser(gov.email);
    await page.goto(`${base}/policies/manage`);
    await page.getByTestId('po-new').click();
    await page.getByTestId('po-f-title').fill(p1);
    await page.getByTestId('po-f-issuer').fill('辽宁省工业和信息化厅');
    await page.getByTestId('po-f-benefit').fill('按研发费用增量的 10% 补助，单户最高 100 万元');
    // regions (辽宁省) and organisation type (企业) are preset; require the 专精特新 recognition
    await page.getByLabel('须全部具备的资质').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '专精特新' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('po-save').click();
    const row1 = page.locator('tr', { hasText: p1 });
    await visible(row1);
    await row1.getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => textOf(row1.locator('.ant-tag')), T).toBe('已发布');
    const row2 = page.locator('tr', { hasText: p2 });
    await row2.getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => textOf(row2.locator('.ant-tag')), T).toBe('已发布');
    await shot('policies-manage');
  });

  it('the enterprise sees exactly the two policies it qualifies for, with the reasons (browser)', async () => {
    await loginInBrowser(ent.email);
    await page.goto(`${base}/policies/mine`);
    await expect.poll(() => textOf(page.getByTestId('po-qualify-count')), T).toBe('符合 2 项政策');
    const cards = page.getByTestId('po-qualifying').getByTestId('po-policy');
    await expect.poll(() => cards.count(), T).toBe(2);
    const c1 = cards.filter({ hasText: p1 });
    const c2 = cards.filter({ hasText: p2 });
    expect(await c1.getByTestId('po-met').textContent()).toContain('已认定为专精特新');
    expect(await c1.getByTestId('po-met').textContent()).toContain('注册地在辽宁省');
    expect(await c2.getByTestId('po-met').textContent()).toContain('注册地在大连市');
    expect(await c2.getByTestId('po-met').textContent()).toContain('已认定为高新技术企业');
    const near = page.getByTestId('po-near').getByTestId('po-policy').filter({ hasText: p3 });
    expect(await near.getByTestId('po-missed').textContent()).toContain('不在适用范围');
    await shot('policies-mine');
    // 375 px: nothing wider than the screen
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), T).toBeLessThanOrEqual(375);
    await shot('policies-mine-375');
    await page.setViewportSize({ width: 1366, height: 900 });
    // and the publication reached the enterprise as notifications
    const e = new Api(base);
    await e.ok('POST', '/api/auth/login', { email: ent.email, password: PASSWORD });
    const n = await e.ok('GET', '/api/notifications');
    const titles = (n.items as { title: string }[]).map((x) => x.title);
    expect(titles.filter((x) => x.includes(stamp))).toHaveLength(2);
  });

  it('the enterprise applies for insurance compensation with the four documents (browser)', async () => {
    await page.goto(`${base}/firstkind/${productId}`);
    await page.getByTestId('fk-apply').click();
    await page.getByTestId('fk-premium').fill('100');
    await page.getByTestId('fk-insurer').fill('人保财险辽宁省分公司');
    for (const [type, name] of [['certificate', '认定证书.pdf'], ['insurance_contract', '保险合同.pdf'], ['premium_invoice', '保费发票.pdf'], ['sales_contract', '销售合同.pdf']]) {
      await page.getByTestId(`fk-doc-${type}`).setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${type} ${stamp}`) });
      await visible(page.getByText(name));
    }
    await page.getByTestId('fk-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/firstkind/applications/'), { timeout: 15_000 });
    applicationId = page.url().split('/').pop()!;
    await expect.poll(() => textOf(page.getByTestId('fk-app-status')), T).toBe('已提交');
    expect(await page.locator('body').textContent()).toContain('80'); // 80 % of the premium requested
    await shot('policies-firstkind-application');
  });

  it('government accepts and approves the application (browser)', async () => {
    await loginInBrowser(gov.email);
    await page.goto(`${base}/firstkind/applications`);
    await visible(page.locator('tr', { hasText: 'RV-40E' }));
    await page.goto(`${base}/firstkind/applications/${applicationId}`);
    await page.getByTestId('fk-act-review').click();
    await expect.poll(() => textOf(page.getByTestId('fk-app-status')), T).toBe('审核中');
    await page.getByTestId('fk-act-approve').click();
    await expect.poll(() => page.getByTestId('fk-amount').inputValue(), T).toBe('80');
    await page.getByTestId('fk-modal-ok').click();
    await expect.poll(() => textOf(page.getByTestId('fk-app-status')), T).toBe('已批准');
    expect(await textOf(page.getByTestId('fk-approved'))).toBe('80');
    await shot('policies-firstkind-approved');
    expect(consoleErrors).toEqual([]);
  });
});
