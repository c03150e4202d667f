/// <reference lib="dom" />
/**
 * End-to-end journey through the built web app against a real server (child process, fresh SQLite file),
 * driven by playwright-core on Debian's /usr/bin/chromium (no browser downloads).
 *
 *   npx vitest run test/e2e --config vitest.config.ts
 *
 * A new enterprise registers in the browser and publishes a demand; an administrator approves it in the review
 * queue; an institution (registered through the API) has a published achievement; matches are checked when
 * /api/matches exists; the enterprise requests the achievement's confidential detail, the institution approves
 * the NDA request in the browser, the enterprise reads and signs the NDA and sees the detail; a third
 * organisation still does not. Screenshots of the main pages go to test-output/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { Api, base, buttonTransitionDuration, chromiumMissing, consoleErrors, expectedFailures, gone, makeUscc, page, PASSWORD, T, textOf, useE2E, visible } from './harness.js';

const SECRET = '保密参数：柔轮齿形修正系数 0.137，喷丸强度 0.25 mmA，热处理曲线见附件 HT-7。';

const stamp = Date.now().toString(36);
const enterprise = { email: `ent-${stamp}@e2e.test`, org: `沈阳精工传动科技有限公司${stamp}`, uscc: makeUscc('210100'), name: '张工' };
const institution = { email: `inst-${stamp}@e2e.test`, org: `辽宁传动技术研究院${stamp}`, uscc: makeUscc('210200'), name: '李老师' };
const third = { email: `third-${stamp}@e2e.test`, org: `鞍山第三方机械有限公司${stamp}`, uscc: makeUscc('210300'), name: '王经理' };
const admin = { email: `admin-${stamp}@e2e.test` };
const demandTitle = `工业机器人谐波减速器柔轮疲劳寿命提升 ${stamp}`;
const achievementTitle = `谐波减速器柔轮长寿命设计与制造技术 ${stamp}`;
let achievementId = '';
let demandId = '';

const { shot, loginInBrowser } = useE2E({
  tmpPrefix: 'tb-e2e-',
  adminEmail: admin.email,
  ignoreConsoleErrorsFrom: ['/api/matches'], // matching may not be deployed yet (checked in its own step)
  logoutClearsStoredSession: true,
  motion: true, // the main journey runs with full motion; the other files with prefers-reduced-motion
});

// ── the journey ───────────────────────────────────────────────────────────────────────────────

const browserMissing = chromiumMissing();

describe.skipIf(browserMissing)('TechBridge journey', () => {
  it('an institution has a published achievement (set up through the API)', async () => {
    const inst = new Api(base);
    await inst.ok('POST', '/api/auth/register', {
      email: institution.email,
      password: PASSWORD,
      name: institution.name,
      role: 'institution',
      organisation: { name: institution.org, uscc: institution.uscc, type: 'institute', regionCode: '210200' },
    });
    const a = await inst.ok('POST', '/api/achievements', {
      title: achievementTitle,
      summary: '面向工业机器人关节的谐波减速器，优化柔轮齿形与筒体壁厚分布，结合喷丸强化提高柔轮疲劳寿命，额定寿命由7000小时提升到10000小时以上，传动精度≤30 arcsec。',
      detail: SECRET,
      field: '先进装备制造/机器人',
      keywords: ['谐波减速器', '柔轮', '疲劳寿命', '工业机器人'],
      industries: ['EQ.ROB.RED'],
      regionCode: '210200',
      modes: ['license', 'co_development'],
      trl: 6,
      priceMinWan: '80',
      priceMaxWan: '200',
      ip: [{ type: 'invention_patent', number: '201811564288.X', title: '一种谐波减速器柔轮及其制造方法' }],
      submit: true,
    });
    achievementId = a.id;
    const adm = new Api(base);
    await adm.ok('POST', '/api/auth/login', { email: admin.email, password: PASSWORD });
    const approved = await adm.ok('POST', `/api/achievements/${achievementId}/approve`, {});
    expect(approved.status).toBe('published');

    // a third organisation that will never sign the NDA
    await new Api(base).ok('POST', '/api/auth/register', {
      email: third.email,
      password: PASSWORD,
      name: third.name,
      role: 'enterprise',
      organisation: { name: third.org, uscc: third.uscc, type: 'enterprise', regionCode: '210300' },
    });
  });

  it('shows the public market to anonymous visitors (home, search, detail)', async () => {
    await page.goto(base + '/');
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), T).toBe('辽宁科技成果转化服务平台');
    await expect.poll(() => textOf(page.locator('.tb-stat-value')), T).toMatch(/\d/);
    expect(await buttonTransitionDuration(page), 'Ant Design animates when the system does not ask for less motion').not.toBe('0s');
    await shot('01-home');

    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(base + '/');
    await visible(page.getByRole('heading', { level: 1 }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('01-home-375px');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.goto(base + '/');
    await page.getByRole('searchbox').or(page.getByPlaceholder(/输入技术关键词/)).first().fill('谐波减速器');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/achievements\?q=/);
    const card = page.locator('article', { hasText: achievementTitle });
    await visible(card);
    expect(await textOf(card.locator('mark'))).toBe('谐波减速器');
    await shot('02-search');

    await card.getByRole('link', { name: achievementTitle }).click();
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), T).toBe(achievementTitle);
    expect(await page.getByTestId('detail-text').count()).toBe(0);
    await visible(page.getByText('登录后申请查看详情'));
    await shot('03-detail-anonymous');
  });

  it('a new enterprise registers in the browser and publishes a demand', async () => {
    await page.goto(base + '/register');
    await page.getByLabel('单位名称').fill(enterprise.org);
    // a wrong check character is caught next to the field
    await page.getByLabel('统一社会信用代码').fill(enterprise.uscc.slice(0, 17) + (enterprise.uscc[17] === '0' ? '1' : '0'));
    await page.getByLabel('联系人姓名').click();
    await visible(page.getByText('统一社会信用代码校验不通过，请核对'));
    await page.getByLabel('统一社会信用代码').fill(enterprise.uscc);
    await page.getByLabel('联系人姓名').fill(enterprise.name);
    await page.getByLabel('电子邮箱').fill(enterprise.email);
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('确认密码').fill('short');
    expectedFailures.push('/api/auth/register');
    await page.locator('form button[type=submit]').click();
    // the server's message for `password` appears next to the password field
    await expect.poll(() => textOf(page.locator('.ant-form-item-has-error', { has: page.getByLabel('密码', { exact: true }) })), T).toContain('8');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/workspace\/demands/);
    await expect.poll(() => textOf(page.getByTestId('user-menu')), T).toContain(enterprise.name);

    await page.getByRole('link', { name: '发布需求' }).first().click();
    await page.waitForURL(/\/workspace\/demands\/new/);
    await page.getByLabel('标题').fill(demandTitle);
    await page.getByLabel('需求描述（公开）').fill(
      '我司生产工业机器人关节用谐波减速器，柔轮在高负载下疲劳寿命不足5000小时，需要柔轮齿形优化、材料与喷丸强化工艺，使额定寿命达到10000小时，传动精度保持≤30 arcsec。',
    );
    await page.getByLabel('技术领域').fill('先进装备制造/机器人');
    await page.getByLabel('所在地区').click();
    await page.locator('.ant-cascader-dropdown:visible').getByText('沈阳市', { exact: true }).click();
    await page.locator('.ant-cascader-dropdown:visible').getByText('浑南区', { exact: true }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('对技术成熟度的最低要求').click();
    await page.locator('.ant-select-dropdown:visible').getByText('TRL 5', { exact: true }).click();
    await page.getByLabel('合作方式').click();
    await page.locator('.ant-select-dropdown:visible').getByText('合作开发', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('预算下限（万元）').fill('50');
    await page.getByLabel('预算上限（万元）').fill('12x');
    await page.getByRole('button', { name: '下一步' }).click();
    await visible(page.getByText('请输入金额（万元），如 50 或 12.5'));
    await page.getByLabel('预算上限（万元）').fill('150.5');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('textbox', { name: '保密详情' }).fill('现用柔轮材料40CrNiMoA，失效样件断口分析报告可在签署保密协议后提供。');
    await page.getByRole('button', { name: '保存并检查' }).click();
    await visible(page.getByTestId('quality-check'));
    expect(await page.locator('.tb-quality [data-severity=error]').count()).toBe(0);
    await page.getByTestId('submit-review').click();
    await page.waitForURL(/\/workspace\/demands$/);
    const row = page.locator('tr', { hasText: demandTitle });
    await expect.poll(() => textOf(row), T).toContain('待审核');
    demandId = (await row.getByRole('link', { name: demandTitle, exact: true }).getAttribute('href'))!.split('/').pop()!;
    expect(demandId).toBeTruthy();
    await shot('04-workspace-my-demands');
  });

  it('an administrator approves the demand in the review queue', async () => {
    await loginInBrowser(admin.email);
    await page.waitForURL(/\/admin\/review/);
    const row = page.locator('tr', { hasText: demandTitle });
    await visible(row);
    await shot('05-admin-review-queue');
    await row.locator('[data-action=approve]').click();
    await gone(page.locator('tr', { hasText: demandTitle }));
    const pub = await new Api(base).ok('GET', `/api/demands/${demandId}`);
    expect(pub.status).toBe('published');

    await page.goto(base + '/dashboard');
    await visible(page.getByRole('heading', { name: '科技成果转化数据看板' }));
    await visible(page.locator('canvas'));
    await page.waitForTimeout(800); // chart animation
    await shot('06-government-dashboard');
  });

  it('shows matches with their reasons for the demand (when matching is deployed)', async (ctx) => {
    const ent = new Api(base);
    await ent.ok('POST', '/api/auth/login', { email: enterprise.email, password: PASSWORD });
    const probe = await ent.call('GET', `/api/matches?demand=${demandId}`);
    if (probe.status === 404) {
      console.warn('SKIPPED matches step: GET /api/matches is not deployed on this server yet (404) — the UI shows its empty state');
      ctx.skip();
    }
    expect(probe.status).toBe(200);
    await loginInBrowser(enterprise.email);
    await page.goto(`${base}/workspace/demands/${demandId}/matches`);
    const item = page.getByTestId('match-item').filter({ hasText: achievementTitle });
    await visible(item);
    await visible(item.locator('.tb-match-reasons .ant-tag'));
    await shot('07-matches');
  });

  it('the enterprise requests the detail; the institution approves; the enterprise signs and reads it', async () => {
    await loginInBrowser(enterprise.email);
    await page.goto(`${base}/achievements/${achievementId}`);
    await page.getByRole('button', { name: '申请查看详情' }).click();
    await page.getByLabel('申请说明').fill('我司为谐波减速器生产企业，拟就柔轮寿命提升开展合作开发。');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await visible(page.getByText('已申请，等待发布方审核'));

    await loginInBrowser(institution.email);
    await page.goto(`${base}/workspace/ndas`);
    const req = page.locator('tr', { hasText: achievementTitle });
    await expect.poll(() => textOf(req), T).toContain(enterprise.org);
    await shot('08-workspace-nda-incoming');
    await req.getByTestId('nda-approve').click();
    await expect.poll(() => textOf(req), T).toContain('待签署');

    await loginInBrowser(enterprise.email);
    await page.goto(`${base}/achievements/${achievementId}`);
    expect(await page.getByTestId('detail-text').count()).toBe(0);
    await page.getByRole('button', { name: '阅读并签署保密协议' }).click();
    await expect.poll(() => textOf(page.getByTestId('nda-text')), T).toMatch(/保密/);
    const sign = page.locator('.ant-modal-footer .ant-btn-primary');
    expect(await sign.isDisabled()).toBe(true);
    await page.getByLabel('我已阅读并同意上述保密协议').check();
    await sign.click();
    await expect.poll(() => textOf(page.getByTestId('detail-text')), T).toBe(SECRET);
    await shot('09-detail-unlocked');
  });

  it('a third organisation still cannot read the detail', async () => {
    await loginInBrowser(third.email);
    await page.goto(`${base}/achievements/${achievementId}`);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), T).toBe(achievementTitle);
    await visible(page.getByRole('button', { name: '申请查看详情' }));
    expect(await page.getByTestId('detail-text').count()).toBe(0);
    expect(await page.content()).not.toContain(SECRET);
    const api = new Api(base);
    await api.ok('POST', '/api/auth/login', { email: third.email, password: PASSWORD });
    const view = await api.ok('GET', `/api/achievements/${achievementId}`);
    expect(view.detailVisible).toBe(false);
    expect(view.detail).toBeNull();
  });

  it('logged no errors in the browser console', () => {
    if (consoleErrors.length) console.error(consoleErrors.join('\n'));
    expect(consoleErrors).toEqual([]);
  });
});
