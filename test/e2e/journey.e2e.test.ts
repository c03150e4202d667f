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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, 'test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'Journey#2026';
const SECRET = '保密参数：柔轮齿形修正系数 0.137，喷丸强度 0.25 mmA，热处理曲线见附件 HT-7。';

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A valid 统一社会信用代码 (GB 32100-2015) for a Liaoning organisation: random body + computed check character. */
function makeUscc(region = '210100'): string {
  let body = '91' + region;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[1 + Math.floor(Math.random() * 30)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

class Api {
  cookie = '';
  constructor(readonly base: string) {}
  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}), 'accept-language': 'zh-CN' },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

// ── fixture: server + browser ─────────────────────────────────────────────────────────────────

let server: ChildProcess;
let serverLog = '';
let base = '';
let tmp = '';
let dbFile = '';
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** failed requests the journey provokes on purpose (the browser logs every 4xx response as a console error) */
const expectedFailures: string[] = [];

const stamp = Date.now().toString(36);
const enterprise = { email: `ent-${stamp}@e2e.test`, org: `沈阳精工传动科技有限公司${stamp}`, uscc: makeUscc('210100'), name: '张工' };
const institution = { email: `inst-${stamp}@e2e.test`, org: `辽宁传动技术研究院${stamp}`, uscc: makeUscc('210200'), name: '李老师' };
const third = { email: `third-${stamp}@e2e.test`, org: `鞍山第三方机械有限公司${stamp}`, uscc: makeUscc('210300'), name: '王经理' };
const admin = { email: `admin-${stamp}@e2e.test` };
const demandTitle = `工业机器人谐波减速器柔轮疲劳寿命提升 ${stamp}`;
const achievementTitle = `谐波减速器柔轮长寿命设计与制造技术 ${stamp}`;
let achievementId = '';
let demandId = '';

// playwright-core has no web-first assertions; these wait for the page the same way.
const T = { timeout: 15_000, interval: 100 };
async function visible(l: Locator): Promise<void> {
  await l.first().waitFor({ state: 'visible' });
}
async function textOf(l: Locator): Promise<string> {
  return ((await l.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
}
async function gone(l: Locator): Promise<void> {
  await expect.poll(() => l.count(), T).toBe(0);
}

async function shot(name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function logout(): Promise<void> {
  await context.clearCookies();
  await page.evaluate(() => localStorage.removeItem('techbridge.session')).catch(() => undefined);
}

async function loginInBrowser(email: string): Promise<void> {
  await logout();
  await page.goto(`${base}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
  mkdirSync(shots, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'tb-e2e-'));
  // serve dist/web when it is current; otherwise build the sources into this run's own directory
  let webDist = join(root, 'dist/web');
  const built = join(webDist, 'index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, 'web'))) {
    webDist = join(tmp, 'web');
    const { build } = await import('vite');
    // vitest sets NODE_ENV=test, which makes Vite compile JSX for development (jsxDEV) against React's production
    // runtime: a blank page. Build as production, as `npm run build` does.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = env;
    }
  }
  dbFile = join(tmp, 'e2e.db');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;

  // the platform administrator comes from the CLI (it also creates the database)
  const cli = spawnSync(process.execPath, ['bin/techbridge.js', '--db', dbFile, 'admin', 'create', '--email', admin.email, '--password', PASSWORD], {
    cwd: root,
    env: { ...process.env, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (cli.status !== 0) throw new Error(`admin create failed: ${cli.stderr || cli.stdout}`);

  server = spawn(process.execPath, ['bin/techbridge.js', 'serve'], {
    cwd: root,
    env: { ...process.env, TECHBRIDGE_DB: dbFile, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn', WEB_DIST: webDist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (serverLog += d));
  server.stderr!.on('data', (d) => (serverLog += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (url.includes('/api/matches')) return; // matching may not be deployed yet (checked in its own step)
    const i = expectedFailures.findIndex((p) => url.includes(p));
    if (i >= 0 && m.text().startsWith('Failed to load resource')) {
      expectedFailures.splice(i, 1);
      return;
    }
    consoleErrors.push(`${m.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = 'FAILED-' + ctx.task.name.replace(/[^\w]+/g, '-').slice(0, 60);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }).catch(() => undefined);
    console.error(`failure screenshot: test-output/screenshots/${name}.png (at ${page.url()})`);
  }
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ── the journey ───────────────────────────────────────────────────────────────────────────────

// Debian's chromium is installed by .ci/run; on a developer machine without it the journey is skipped with this
// reason, while under CI=true a missing browser fails the run instead of passing silently.
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install chromium (apt-get install -y chromium)`);
if (browserMissing) console.warn(`[e2e] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);

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
