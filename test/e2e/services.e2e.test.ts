/// <reference lib="dom" />
/**
 * End-to-end: the services around the deal (交易服务) in the built web app against a real server.
 *
 *   npx vitest run test/e2e/services.e2e.test.ts
 *
 * (a) A TRL-5 achievement gets pilot-base recommendations with reasons; its owner books the recommended line in the
 *     browser and the base accepts it in the browser (the booking is confirmed).
 * (b) An SME's financing request is matched to an IP-pledge product (the excluded product says why); the SME applies
 *     with its pledged patent, and the bank reviews and approves it in the browser.
 * (c) A head enterprise's imported part finds the provincial supplier whose capability covers every spec; declining a
 *     supplier's response needs a reason (the dialog refuses an empty one), and the supplier sees it.
 * Accounts and catalogue data are set up through the API. Screenshots: test-output/screenshots/services-*.png.
 */
import { describe, expect, it } from 'vitest';
import { Api, base, buttonTransitionDuration, chromiumMissing, confirmDialog, consoleErrors, makeUscc, page, PASSWORD, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-sv-${stamp}@e2e.test` };
const pilotStaff = { email: `pilot-${stamp}@e2e.test`, org: `大连精密传动中试基地有限公司${stamp}` };
const inst = { email: `inst-${stamp}@e2e.test`, org: `大连理工精密传动研究所${stamp}` };
const bank = { email: `bank-${stamp}@e2e.test`, org: `盛京科技银行${stamp}` };
const sme = { email: `sme-${stamp}@e2e.test`, org: `沈阳精工减速机有限公司${stamp}` };
const head = { email: `head-${stamp}@e2e.test`, org: `新松机器人装备集团${stamp}` };
const supplier = { email: `sup-${stamp}@e2e.test`, org: `瓦房店精密轴承有限公司${stamp}` };
const baseName = `大连精密传动中试基地 ${stamp}`;
const lineName = '减速器装配中试线 A';
let achievementId = '';
let requestId = '';
let partId = '';

const { shot, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-services-', adminEmail: admin.email, hideToastsInShots: true });

async function register(u: { email: string; org: string }, role: string, type: string, regionCode: string): Promise<Api> {
  const a = new Api(base);
  await a.ok('POST', '/api/auth/register', { email: u.email, password: PASSWORD, name: '联系人', role, organisation: { name: u.org, uscc: makeUscc(regionCode.slice(0, 4) + '00'), type, regionCode } });
  return a;
}

/** A date `days` from today (Shanghai), YYYY-MM-DD. */
function dayFromNow(days: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(chromiumMissing())('TechBridge services: pilot bases, technology finance, supply-chain localisation', () => {
  it('sets up a pilot base, a TRL-5 achievement, a bank with an IP-pledge product and a head enterprise’s part (API)', async () => {
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });

    const pilot = await register(pilotStaff, 'service', 'pilot_base', '210211');
    const b = await pilot.ok('POST', '/api/pilot/bases', {
      name: baseName, intro: '面向机器人关节与精密减速器的小批量试制、回差与寿命验证', industries: ['EQ.ROB'], capabilities: ['摆线轮成形磨削', '精密减速器装配', '回差与寿命测试'],
      equipment: [{ name: '数控成形磨齿机', model: 'YK7250', params: [{ key: '加工精度', value: '3', unit: 'μm' }] }], certifications: ['CNAS'], scale: '中试线 2 条，年试制能力 2000 台', regionCode: '210211', address: '大连市甘井子区', trlMin: 4, trlMax: 7,
    });
    await pilot.ok('POST', `/api/pilot/bases/${b.id}/units`, { name: lineName, description: 'RV/谐波减速器装配与跑合，批量 10–200 台' });

    const ins = await register(inst, 'institution', 'institute', '210200');
    const a = await ins.ok('POST', '/api/achievements', {
      title: `RV 减速器摆线轮高精度磨削工艺 ${stamp}`, summary: '面向工业机器人关节 RV 减速器的摆线轮成形磨削与修形工艺，回差 ≤ 1 arcmin，已完成样机验证，需要小批量中试装配与寿命验证。',
      field: '先进装备制造/机器人', keywords: ['RV 减速器', '摆线轮', '磨削', '精密减速器装配'], industries: ['EQ.ROB.RED'], regionCode: '210200', modes: ['license'], trl: 5, priceMinWan: '80', priceMaxWan: '200', submit: true,
    });
    achievementId = a.id;
    expect((await adm.ok('POST', `/api/achievements/${achievementId}/approve`, {})).status).toBe('published');

    const bk = await register(bank, 'service', 'bank', '210100');
    await bk.ok('POST', '/api/finance/institutions', { kind: 'bank', intro: '科技支行' });
    await bk.ok('POST', '/api/finance/products', {
      kind: 'ip_pledge_loan', name: '科技成果转化知识产权质押贷', description: '以发明专利质押，支持中试放大与产线建设',
      conditions: { amountMinWan: '100', amountMaxWan: '1000', termMinMonths: 6, termMaxMonths: 36, rateMinPercent: '3.2', rateMaxPercent: '4.5', trlMin: 4, trlMax: 9, collateral: 'ip_pledge', industries: ['EQ'] },
    });
    await bk.ok('POST', '/api/finance/products', { kind: 'credit_loan', name: '科技型中小企业信用贷', description: '流动资金周转', conditions: { amountMinWan: '10', amountMaxWan: '300', termMinMonths: 3, termMaxMonths: 12, rateMinPercent: '3.8', rateMaxPercent: '5' } });
    const ent = await register(sme, 'enterprise', 'enterprise', '210100');
    requestId = (await ent.ok('POST', '/api/finance/requests', {
      title: 'RV 减速器中试线建设融资', amountWan: '500', termMonths: 24, purpose: '建设减速器中试放大产线', stage: 'growth', trl: 5, industries: ['EQ.ROB.RED'], preferredKinds: ['ip_pledge_loan'],
      patents: [{ number: 'ZL201811564288.X', title: '一种摆线轮磨削方法' }],
    })).id;

    const hd = await register(head, 'enterprise', 'enterprise', '210100');
    partId = (await hd.ok('POST', '/api/chains/parts', {
      chainCode: 'EQ.ROB', name: 'RV 减速器主轴承', description: '机器人关节用精密交叉滚子轴承，现依赖进口', currentSource: 'imported', annualVolume: 4000, volumeUnit: '套',
      specs: [{ key: '外径', unit: 'mm', nominal: 80, tolerance: 0.01 }, { key: '工作温度', unit: '℃', min: -20, max: 80 }, { key: '材质', type: 'text', values: ['GCr15'] }],
    })).id;
    const sup = await register(supplier, 'enterprise', 'enterprise', '210283');
    await sup.ok('POST', '/api/chains/capabilities', {
      name: '精密交叉滚子轴承', description: 'P4 级精密轴承批量制造', chainCodes: ['EQ.ROB'],
      specs: [{ key: '外径', unit: 'μm', min: 30000, max: 300000, tolerance: 5 }, { key: '工作温度', unit: 'K', min: 233.15, max: 393.15 }, { key: '材质', type: 'text', values: ['GCr15', 'G20CrNi2Mo'] }],
    });
  });

  it('(a) a TRL-5 achievement gets pilot-base recommendations and its owner books the line', async () => {
    await loginInBrowser(inst.email);
    await page.goto(`${base}/achievements/${achievementId}`);
    await page.getByTestId('pilot-recommend-link').click();
    await page.waitForURL(/\/services\/pilot\/recommend\?achievement=/);
    await visible(page.getByTestId('gap-reason'));
    const rec = page.getByTestId('pilot-rec').filter({ hasText: baseName });
    await visible(rec);
    expect(await textOf(rec)).toContain('推荐理由');
    await shot('services-pilot-recommendations');
    await rec.getByTestId('rec-book').click();
    await visible(page.getByTestId('pilot-base-page'));
    await visible(page.getByTestId('capacity-calendar'));
    const form = page.getByTestId('booking-form');
    const [start, end] = [dayFromNow(20), dayFromNow(24)];
    const inputs = form.locator('.ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(start);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(end);
    await inputs.nth(1).press('Enter');
    await form.getByLabel('中试内容').fill('RV 减速器 50 台小批量装配与 2000 小时寿命验证');
    await form.getByTestId('booking-submit').click();
    await visible(page.getByText('预约申请已提交'));
    await shot('services-pilot-base');
  });

  it('(a) the base accepts the booking in the browser', async () => {
    await loginInBrowser(pilotStaff.email);
    await page.goto(`${base}/services/pilot/bookings?scope=received`);
    const row = page.getByTestId('pilot-bookings').locator('tr').filter({ hasText: 'RV 减速器 50 台' });
    await visible(row);
    await row.getByTestId('booking-accept').click();
    await confirmDialog(page);
    await visible(row.getByText('已确认'));
    await shot('services-pilot-bookings');
  });

  it('(b) an SME’s request is matched to the IP-pledge product, and it applies with its patent', async () => {
    await loginInBrowser(sme.email);
    await page.goto(`${base}/services/finance/requests/${requestId}`);
    const eligible = page.getByTestId('finance-eligible');
    await visible(eligible.getByText('科技成果转化知识产权质押贷'));
    await visible(page.getByTestId('finance-excluded').getByText('科技型中小企业信用贷'));
    expect(await textOf(page.getByTestId('finance-excluded'))).toContain('申请金额不在产品额度');
    await shot('services-finance-matches');
    await eligible.getByTestId('finance-apply').first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '质押专利' });
    await visible(dialog);
    await dialog.getByLabel('重置成本').fill('800');
    await dialog.locator('.ant-btn-primary').click();
    await page.waitForURL(/\/services\/finance\/applications/);
    await visible(page.getByTestId('finance-applications').getByText('ZL201811564288.X'));
  });

  it('(b) the bank reviews and approves it in the browser', async () => {
    await loginInBrowser(bank.email);
    await page.goto(`${base}/services/finance/applications?scope=received`);
    const table = page.getByTestId('finance-applications');
    await visible(table.getByText(sme.org));
    await table.getByTestId('app-review').click();
    await table.getByTestId('app-approve').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '批准金额' });
    await dialog.getByLabel('批准金额').fill('400');
    await dialog.getByLabel('年化费率').fill('3.45');
    await dialog.locator('.ant-btn-primary').click();
    await visible(table.getByText('已批准'));
    await visible(table.getByText('批准 400 万元'));
    await shot('services-finance-queue');
  });

  it('(c) a head enterprise’s imported part finds the provincial supplier that covers the spec', async () => {
    await loginInBrowser(head.email);
    await page.goto(`${base}/services/chains/parts/${partId}`);
    const match = page.getByTestId('part-match').first();
    await visible(match.getByText(supplier.org));
    await visible(match.getByText('全部参数覆盖'));
    expect(await textOf(match)).toContain('100%');
    await shot('services-chain-part');
    await page.goto(`${base}/services/chains?chain=EQ.ROB`);
    await visible(page.getByTestId('chain-view'));
    await shot('services-chain-view');
  });

  it('(c) declining a supplier’s response needs a reason, which the supplier then sees', async () => {
    const sup = new Api(base);
    await sup.ok('POST', '/api/auth/login', { email: supplier.email, password: PASSWORD });
    await sup.ok('POST', `/api/chains/parts/${partId}/responses`, { message: `P4 级交叉滚子轴承 ${stamp}` });
    await loginInBrowser(head.email);
    await page.goto(`${base}/services/chains/parts/${partId}`);
    const row = page.locator('tr').filter({ hasText: `P4 级交叉滚子轴承 ${stamp}` });
    await visible(row);
    await row.getByTestId('chain-decline').click();
    await page.getByTestId('reason-ok').click();
    await visible(page.getByText('请填写理由（至少 2 个字）'));
    await page.getByTestId('reason-input').fill('外径公差需 ±0.005 mm，当前工艺达不到');
    await page.getByTestId('reason-ok').click();
    await visible(row.getByTestId('chain-decline-reason'));
    expect(await textOf(row.getByTestId('chain-decline-reason'))).toContain('外径公差需 ±0.005 mm');
    await visible(row.locator('.ant-tag').filter({ hasText: '不予采用' }));
    await shot('services-chain-decline');

    await loginInBrowser(supplier.email);
    await page.goto(`${base}/services/chains/parts/${partId}`);
    const mine = page.getByTestId('chain-my-decline-reason');
    await visible(mine);
    expect(await textOf(mine)).toContain('外径公差需 ±0.005 mm，当前工艺达不到');
  });

  it('(d) the instrument owner records usage on a confirmed booking and reads the usage history; a decline needs a reason', async () => {
    const owner = new Api(base);
    await owner.ok('POST', '/api/auth/login', { email: inst.email, password: PASSWORD });
    const instrument = await owner.ok('POST', '/api/instruments', { name: `三坐标测量机 ${stamp}`, model: 'Zeiss CONTURA', capabilities: ['齿轮精度检测'], feeWan: '0.05', feeUnit: 'hour' });
    const user = new Api(base);
    await user.ok('POST', '/api/auth/login', { email: sme.email, password: PASSWORD });
    const ok = await user.ok('POST', `/api/instruments/${instrument.id}/bookings`, { subject: '摆线轮齿形精度检测', start: dayFromNow(3), end: dayFromNow(4) });
    await user.ok('POST', `/api/instruments/${instrument.id}/bookings`, { subject: '重复送检', start: dayFromNow(6), end: dayFromNow(6) });
    await owner.ok('POST', `/api/instrument-bookings/${ok.id}/decision`, { action: 'accept' });

    await loginInBrowser(inst.email);
    await page.goto(`${base}/services/instruments`);
    // the browser asks for reduced motion (harness default): the theme turns Ant Design's motion off
    expect(await buttonTransitionDuration(page)).toBe('0s');
    // decline: the dialog refuses an empty reason, then sends the reason
    const pending = page.locator('tr').filter({ hasText: '重复送检' });
    await pending.getByTestId('instrument-decline').click();
    await page.getByTestId('reason-ok').click();
    await visible(page.getByText('请填写理由（至少 2 个字）'));
    await page.getByTestId('reason-input').fill('同批样品已在 3 日检测');
    await page.getByTestId('reason-ok').click();
    await visible(pending.getByText('已拒绝').or(pending.locator('.ant-tag').filter({ hasText: /拒绝/ })));
    // usage on the confirmed booking: 3 hours at 500 yuan
    await page.locator('tr').filter({ hasText: '摆线轮齿形精度检测' }).getByTestId('usage-record').click();
    await page.getByTestId('usage-quantity').fill('3');
    await visible(page.getByTestId('usage-fee-preview').getByText('1500.00 元'));
    await page.getByTestId('usage-ok').click();
    await visible(page.getByText('已登记使用记录'));
    await page.locator('tr').filter({ hasText: `三坐标测量机 ${stamp}` }).getByTestId('usage-history').click();
    await visible(page.getByTestId('usage-totals').getByText('共 1 次，合计 3 小时，收费 1500.00 元'));
    expect(await textOf(page.locator('.ant-drawer'))).toContain(sme.org);
    await shot('services-instrument-usage');
    await page.keyboard.press('Escape');
  });

  it('(e) at 375 px wide the services pages do not overflow sideways', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      for (const path of ['/services/pilot', '/services/pilot/bookings?scope=received', '/services/finance', '/services/chains?chain=EQ.ROB', '/services/incubation', '/services/instruments', '/services/alliances', `/services/pilot/recommend?achievement=${achievementId}`]) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        await shot(`services-375-${path.split('?')[0].replace(/\W+/g, '-').replace(/^-|-$/g, '')}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, path).toBeLessThanOrEqual(376);
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
