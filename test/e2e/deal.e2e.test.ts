/// <reference lib="dom" />
/**
 * End-to-end: a deal from a match to a registered contract, in the built web app against a real server (child
 * process, fresh SQLite file, SEED_DEMO=false), driven by playwright-core on Debian's /usr/bin/chromium.
 *
 *   npx vitest run test/e2e/deal.e2e.test.ts
 *
 * An enterprise's demand is matched with an institution's achievement; a broker opens the deal from the demand's
 * page and moves it on the kanban; the NDA is accepted (API); in the browser the buyer offers, the seller counters,
 * the buyer raises with a valuation attached, and the seller accepts; the seller marks the contract signed, fills
 * in the registration form (技术交易额 = 成交额 − non-technical payments) and submits it; a government user
 * registers it in the registrar queue; the dashboard funnel counts the registered deal. An auction room is shown
 * with a live bid. Screenshots go to test-output/screenshots/ (deal-*.png).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, confirmDialog, consoleErrors, gone, makeUscc, page, PASSWORD, shots, T, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const buyer = { email: `buyer-${stamp}@e2e.test`, org: `沈阳新松精密传动有限公司${stamp}`, uscc: makeUscc('210100'), name: '赵工' };
const seller = { email: `seller-${stamp}@e2e.test`, org: `大连理工精密减速器研究所${stamp}`, uscc: makeUscc('210200'), name: '钱教授' };
const broker = { email: `broker-${stamp}@e2e.test`, org: `辽宁技术转移服务中心${stamp}`, uscc: makeUscc('210100'), name: '孙经纪' };
const gov = { email: `gov-${stamp}@e2e.test`, name: '李处长' };
const admin = { email: `admin-${stamp}@e2e.test` };
const demandTitle = `机器人关节RV减速器摆线轮磨削精度提升 ${stamp}`;
const achievementTitle = `RV减速器摆线轮高精度成形磨削技术 ${stamp}`;
const auctionTitle = `谐波减速器柔轮喷丸强化工艺 ${stamp}`;
let demandId = '';
let achievementId = '';
let auctionAchievementId = '';
let dealId = '';
let contractTitle = '';

const { shot, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-deal-', adminEmail: admin.email, hideToastsInShots: true });

// ── the deal ──────────────────────────────────────────────────────────────────────────────────

const browserMissing = chromiumMissing();

async function register(u: { email: string; org: string; uscc: string; name: string }, role: string, type: string, regionCode: string): Promise<Api> {
  const a = new Api(base);
  await a.ok('POST', '/api/auth/register', { email: u.email, password: PASSWORD, name: u.name, role, organisation: { name: u.org, uscc: u.uscc, type, regionCode } });
  return a;
}

async function fillOffer(o: { price: string; payment: string; exclusivity: string; term?: string; royalty?: string; territory?: string; note?: string }): Promise<void> {
  await page.getByTestId('make-offer').click();
  const form = page.getByTestId('offer-form');
  await visible(form);
  await form.getByLabel('价格（万元）').fill(o.price);
  await form.getByText(o.payment, { exact: true }).click();
  if (o.royalty) await form.getByLabel('提成比例（%）').fill(o.royalty);
  await form.getByText(o.exclusivity, { exact: true }).click();
  if (o.term) await form.getByLabel('期限（月）').fill(o.term);
  if (o.territory) await form.getByLabel('地域范围').fill(o.territory);
  if (o.note) await form.getByLabel('说明').fill(o.note);
}

async function sendOffer(): Promise<void> {
  await page.getByTestId('offer-submit').click();
  await gone(page.getByTestId('offer-form'));
}

describe.skipIf(browserMissing)('TechBridge deal: match → negotiation → registered contract', () => {
  let buyerApi: Api;
  let sellerApi: Api;

  it('sets up the parties, a broker, a registrar and two published listings (API)', async () => {
    buyerApi = await register(buyer, 'enterprise', 'enterprise', '210100');
    sellerApi = await register(seller, 'institution', 'institute', '210200');
    await register(broker, 'broker', 'broker_agency', '210100');
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const govOrg = await adm.ok('POST', '/api/organisations', { name: `辽宁省科学技术厅技术市场管理处${stamp}`, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: gov.email, password: PASSWORD, name: gov.name, role: 'government', organisationId: govOrg.id });

    const d = await buyerApi.ok('POST', '/api/demands', {
      title: demandTitle,
      description: '我司生产机器人关节用RV减速器，摆线轮磨削后齿廓误差偏大、批量一致性差，需要高精度成形磨削工艺与砂轮修整技术，使齿廓误差≤3 μm，传动回差≤1 arcmin。',
      field: '先进装备制造/机器人',
      keywords: ['RV减速器', '摆线轮', '成形磨削', '工业机器人'],
      industries: ['EQ.ROB.RED'],
      regionCode: '210100',
      modes: ['license', 'co_development'],
      minTrl: 5,
      budgetMinWan: '100',
      budgetMaxWan: '200',
      submit: true,
    });
    demandId = d.id;
    const a = await sellerApi.ok('POST', '/api/achievements', {
      title: achievementTitle,
      summary: '面向RV减速器摆线轮的高精度成形磨削技术：砂轮在线修整、齿廓误差补偿与磨削烧伤控制，齿廓误差≤2.5 μm，已在工业机器人关节减速器小批量试制验证。',
      detail: '保密参数：修整滚轮轨迹补偿表 v3，磨削液配比见附件。',
      field: '先进装备制造/机器人',
      keywords: ['RV减速器', '摆线轮', '成形磨削', '砂轮修整'],
      industries: ['EQ.ROB.RED'],
      regionCode: '210200',
      modes: ['license', 'transfer'],
      trl: 7,
      priceMinWan: '120',
      priceMaxWan: '220',
      submit: true,
    });
    achievementId = a.id;
    const b = await sellerApi.ok('POST', '/api/achievements', {
      title: auctionTitle,
      summary: '谐波减速器柔轮喷丸强化与残余应力控制工艺，柔轮疲劳寿命提升40%以上，适用于机器人关节与精密传动。',
      field: '先进装备制造/机器人',
      keywords: ['谐波减速器', '柔轮', '喷丸强化'],
      industries: ['EQ.ROB.RED'],
      regionCode: '210200',
      modes: ['transfer'],
      trl: 8,
      priceMinWan: '50',
      priceMaxWan: '90',
      submit: true,
    });
    auctionAchievementId = b.id;
    for (const [kind, id] of [['demands', demandId], ['achievements', achievementId], ['achievements', auctionAchievementId]]) {
      expect((await adm.ok('POST', `/api/${kind}/${id}/approve`, {})).status).toBe('published');
    }
    // the demand is matched with the achievement
    const m = await buyerApi.ok('GET', `/api/matches?demand=${demandId}`);
    expect(m.items.map((i: { id: string }) => i.id)).toContain(achievementId);
  });

  it('a broker opens a deal from the demand page, picking the matched achievement', async () => {
    await loginInBrowser(broker.email);
    await page.goto(`${base}/demands/${demandId}`);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), T).toBe(demandTitle);
    await page.getByTestId('start-deal').click();
    const option = page.locator('.ant-modal').getByRole('radio', { name: new RegExp(achievementTitle) });
    await visible(option);
    await option.check();
    await page.getByTestId('start-deal-confirm').click();
    await page.waitForURL(/\/deals\/[\w-]+$/);
    dealId = page.url().split('/').pop()!;
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('已匹配');
    await expect.poll(() => textOf(page.getByTestId('deal-head')), T).toContain(buyer.org);
  });

  it('the broker moves the deal on the kanban', async () => {
    await page.goto(`${base}/deals`);
    const card = page.getByTestId('deal-card').filter({ hasText: demandTitle });
    await visible(card);
    expect(await card.getAttribute('data-stage')).toBe('matched');
    await card.getByTestId('stage-menu').click();
    // automatic stages are offered but disabled
    await visible(page.locator('.ant-dropdown:visible .ant-dropdown-menu-item-disabled', { hasText: '已签保密协议' }));
    await page.locator('.ant-dropdown:visible').getByText('已联系', { exact: true }).click();
    await expect.poll(() => page.locator('[data-column=contacted] [data-testid=deal-card]').count(), T).toBe(1);
    await shot('deal-01-kanban');
  });

  it('the NDA is accepted and the deal moves to NDA signed by itself', async () => {
    const nda = await buyerApi.ok('POST', '/api/ndas', { listingKind: 'achievement', listingId: achievementId, message: '拟就摆线轮磨削技术许可开展洽谈' });
    await sellerApi.ok('POST', `/api/ndas/${nda.id}/approve`, {});
    await buyerApi.ok('POST', `/api/ndas/${nda.id}/accept`, { ndaVersion: nda.ndaVersion });
    expect((await buyerApi.ok('GET', `/api/deals/${dealId}`)).stage).toBe('nda_signed');
  });

  it('two rounds of offers in the browser: buyer offers, seller counters, buyer raises with a valuation, seller accepts', async () => {
    await loginInBrowser(buyer.email);
    await page.goto(`${base}/deals/${dealId}`);
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('已签保密协议');
    await fillOffer({ price: '120', payment: '一次性支付', exclusivity: '普通（非独占）', term: '60', territory: '辽宁省', note: '首轮报价，含技术培训' });
    await sendOffer();
    await expect.poll(() => textOf(page.getByTestId('position-buyer')), T).toContain('120');
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('磋商中');

    await loginInBrowser(seller.email);
    await page.goto(`${base}/deals/${dealId}`);
    await visible(page.getByTestId('accept-buyer'));
    await fillOffer({ price: '200', payment: '提成', royalty: '3.5', exclusivity: '独占', term: '60', note: '独占许可，另按销售额提成' });
    await sendOffer();
    await expect.poll(() => textOf(page.getByTestId('position-seller')), T).toContain('200');

    await loginInBrowser(buyer.email);
    await page.goto(`${base}/deals/${dealId}`);
    await fillOffer({ price: '160.5', payment: '一次性支付', exclusivity: '排他', term: '60', territory: '辽宁省', note: '提高报价，附价值评估' });
    // attach the valuation calculator's result
    await page.getByRole('button', { name: '附上价值评估' }).click();
    const calc = page.getByTestId('valuation-form');
    await visible(calc);
    for (const [i, v] of ['300', '500', '800', '900', '900'].entries()) await calc.getByLabel(`第 ${i + 1} 年`, { exact: true }).fill(v);
    await calc.getByLabel('剩余专利保护年限').fill('12');
    await page.getByTestId('valuation-calculate').click();
    await visible(page.getByTestId('valuation-result'));
    await page.getByTestId('valuation-attach').click();
    await visible(page.getByText(/已附评估：/));
    await sendOffer();
    await expect.poll(() => textOf(page.getByTestId('position-buyer')), T).toContain('160.5');
    await expect.poll(() => textOf(page.getByTestId('position-buyer')), T).toContain('已附评估');

    await loginInBrowser(seller.email);
    await page.goto(`${base}/deals/${dealId}`);
    await expect.poll(() => textOf(page.getByTestId('position-buyer')), T).toContain('第 2 轮');
    await page.getByTestId('accept-buyer').click();
    await confirmDialog(page);
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('达成一致');
    await expect.poll(() => textOf(page.getByTestId('deal-amount')), T).toContain('160.5');
    expect(await page.getByTestId('offer-history').locator('tbody tr.ant-table-row').count()).toBe(3);
    await shot('deal-02-negotiation');
  });

  it('the seller marks the contract signed and submits the registration with 技术交易额 computed', async () => {
    await page.getByTestId('stage-menu').click();
    await page.locator('.ant-dropdown:visible').getByText('合同已签', { exact: true }).click();
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('合同已签');
    await page.getByTestId('register-contract').click();
    await page.waitForURL(/\/contracts\/new\?deal=/);
    const form = page.getByTestId('contract-form');
    await expect.poll(() => form.getByLabel('成交额（万元）').inputValue(), T).toBe('160.5');
    contractTitle = `${achievementTitle} 普通许可合同`;
    await form.getByLabel('合同名称').fill(contractTitle);
    await form.getByLabel('合同类型').click();
    await page.locator('.ant-select-dropdown:visible').getByText('技术许可', { exact: true }).click();
    await form.getByLabel('子类型').click();
    await page.locator('.ant-select-dropdown:visible').getByText('普通许可', { exact: true }).click();
    await form.getByRole('button', { name: '添加非技术性款项' }).click();
    await form.getByLabel('项目').fill('磨削设备改造费');
    await form.getByLabel('金额（万元）').fill('20.5');
    await expect.poll(() => textOf(page.getByTestId('tech-trade')), T).toContain('140');
    await shot('deal-03-contract-form');
    await page.getByTestId('contract-submit').click();
    await page.waitForURL(/\/contracts\/[\w-]+$/);
    await expect.poll(() => textOf(page.getByTestId('contract-techtrade')), T).toContain('140');
    await expect.poll(() => textOf(page.getByTestId('contract-due')), T).toMatch(/^\d{4}-\d{2}-\d{2}/);
    await visible(page.getByText(/已提交登记：受理日 \d{4}-\d{2}-\d{2}/).first());
  });

  it('a government user registers it in the registrar queue; the deal becomes registered', async () => {
    await loginInBrowser(gov.email);
    await page.goto(`${base}/registrar`);
    const row = page.getByTestId('registrar-queue').locator('tr', { hasText: contractTitle });
    await visible(row);
    expect(await textOf(row)).toContain('140');
    await shot('deal-04-registrar-queue');
    await row.getByTestId('contract-register').click();
    await confirmDialog(page);
    await visible(page.locator('.ant-message').getByText(/已登记，登记编号 \d{14}/));
    await gone(page.getByTestId('registrar-queue').locator('tr', { hasText: contractTitle }));
    const deal = await buyerApi.ok('GET', `/api/deals/${dealId}`);
    expect(deal.stage).toBe('registered');
    const contracts = await sellerApi.ok('GET', '/api/contracts');
    expect(contracts[0]).toMatchObject({ status: 'registered', techTradeWan: '140', amountWan: '160.5' });
  });

  it('the dashboard funnel counts the registered deal', async () => {
    await page.goto(`${base}/dashboard`);
    const funnel = page.getByTestId('deal-funnel');
    await visible(funnel);
    const registeredRow = page.getByTestId('funnel-table').locator('tr', { hasText: '合同已登记' });
    await expect.poll(() => textOf(registeredRow), T).toMatch(/合同已登记\s*1/);
    expect(await page.getByTestId('funnel-csv').getAttribute('href')).toContain('format=csv');
    await visible(funnel.locator('canvas'));
    await page.waitForTimeout(800); // chart animation
    await funnel.scrollIntoViewIfNeeded();
    await funnel.screenshot({ path: join(shots, 'deal-05-funnel.png') });
    await expect.poll(() => textOf(page.getByTestId('contract-flow')), T).toContain('140');
  });

  it('the deal page shows the whole path with times and works at 375 px', async () => {
    await loginInBrowser(seller.email);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${base}/deals/${dealId}`);
    await expect.poll(() => textOf(page.getByTestId('deal-stage')), T).toBe('合同已登记');
    await visible(page.getByTestId('position-buyer'));
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.ant-table-content, .ant-tabs-nav-wrap, .tb-kanban'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}`),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, wide.join('\n')).toBeLessThanOrEqual(0);
    await shot('deal-06-deal-375px');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('the deal pages and the contract list are complete in English', async () => {
    await page.evaluate(() => localStorage.setItem('techbridge.lang', 'en'));
    try {
      const rawKey = /\b(deal|neg|ct|auc|tdr|val|inc|pat|brk|sub|ntf|dash|fm|mode|common)\.[a-z][\w.]*/;
      const expected: Record<string, string[]> = {
        [`/deals/${dealId}`]: ['Latest positions', 'Progress', "Buyer's offer", 'Registered', 'Contract signed'],
        '/deals': ['Deals', 'Negotiating', 'Registered'],
        '/contracts': ['My contracts', 'Technology trade amount', 'Registered'],
      };
      for (const [path, words] of Object.entries(expected)) {
        await page.goto(base + path);
        await visible(page.locator('h1'));
        for (const w of words) await expect.poll(() => page.locator('#main').innerText(), T).toContain(w);
        expect(await page.locator('#main').innerText(), path).not.toMatch(rawKey);
      }
      await page.goto(`${base}/deals/${dealId}`);
      await visible(page.getByRole('tab', { name: 'Negotiation' }));
      await shot('deal-08-deal-en');
    } finally {
      await page.evaluate(() => localStorage.setItem('techbridge.lang', 'zh-CN'));
    }
  });

  it('an auction room shows the live price, the next minimum bid and anonymised bidders', async () => {
    const now = Date.now();
    const auction = await sellerApi.ok('POST', '/api/auctions', {
      achievementId: auctionAchievementId,
      startAt: new Date(now - 60_000).toISOString(),
      endAt: new Date(now + 3 * 3600_000).toISOString(),
      startingPriceWan: '50',
      minIncrementWan: '5',
      reservePriceWan: '55',
    });
    await loginInBrowser(buyer.email);
    await page.goto(`${base}/auctions/${auction.id}`);
    await expect.poll(() => textOf(page.getByTestId('auction-next')), T).toContain('50');
    await page.getByTestId('bid-input').fill('55');
    await page.getByTestId('bid-submit').click();
    await expect.poll(() => textOf(page.getByTestId('auction-bids')), T).toContain('55');
    await expect.poll(() => textOf(page.getByTestId('auction-reserve')), T).toBe('已达保留价');
    // another bidder's bid arrives through the event stream
    const other = new Api(base);
    await other.ok('POST', '/api/auth/login', { email: broker.email, password: PASSWORD });
    await other.ok('POST', `/api/auctions/${auction.id}/bids`, { amountWan: '60' });
    await expect.poll(() => textOf(page.getByTestId('auction-current')), T).toContain('60');
    await expect.poll(() => textOf(page.getByTestId('auction-bids')), T).toContain('竞买人 2');
    await expect.poll(() => textOf(page.getByTestId('auction-next')), T).toContain('65');
    await shot('deal-07-auction-room');
  });

  it('logged no errors in the browser console', () => {
    if (consoleErrors.length) console.error(consoleErrors.join('\n'));
    expect(consoleErrors).toEqual([]);
  });
});
