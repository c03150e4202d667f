/// <reference lib="dom" />
/**
 * What the browser tests in test/e2e share: the built web app served by a real server (child process, fresh SQLite
 * file, SEED_DEMO=false) and playwright-core on Debian's /usr/bin/chromium (no browser downloads).
 *
 * A test file calls `useE2E({...})` at its top level, which registers the beforeAll/afterEach/afterAll hooks and
 * returns the helpers that depend on its options; `page`, `context` and `base` are live bindings, set once the
 * beforeAll has run. Vitest runs every test file in its own module graph, so each file has its own server, browser
 * and console log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const shots = join(root, 'test-output/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = 'Journey#2026';

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A valid 统一社会信用代码 (GB 32100-2015) for a Liaoning organisation: random body + computed check character. */
export function makeUscc(region = '210100'): string {
  let body = '91' + region;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[1 + Math.floor(Math.random() * 30)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A JSON client for the server's API that keeps its session cookie. */
export class Api {
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

// playwright-core has no web-first assertions; these wait for the page the same way.
export const T = { timeout: 15_000, interval: 100 };
export async function visible(l: Locator): Promise<void> {
  await l.first().waitFor({ state: 'visible' });
}
export async function textOf(l: Locator): Promise<string> {
  return ((await l.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
}
export async function gone(l: Locator): Promise<void> {
  await expect.poll(() => l.count(), T).toBe(0);
}

/** The transition duration Ant Design gives its buttons on the page: '0s' when the theme's motion is off. */
export async function buttonTransitionDuration(page: Page): Promise<string> {
  const button = page.locator('.ant-btn').first();
  await visible(button);
  return button.evaluate((b) => getComputedStyle(b).transitionDuration);
}

/**
 * Picks the option containing `option` in the Ant Design Select of `formItem` and waits until the form item shows it.
 * A click that lands while the dropdown is still opening can be lost on a busy machine (the form then submits without
 * the value), so the pick is tried again, three times at most.
 */
export async function chooseOption(page: Page, formItem: Locator, option: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await formItem.locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await expect.poll(() => textOf(formItem), { timeout: 3000, interval: 100 }).toContain(option);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Presses OK in an Ant Design confirm dialog (Modal.confirm) and waits until it has closed. A click that lands while
 * the dialog is still zooming in can be lost on a busy machine, so OK is pressed again while the dialog stays open
 * and its button is not already busy (loading) with the first press.
 */
export async function confirmDialog(page: Page): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  const ok = dialog.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await visible(ok);
  await expect
    .poll(async () => {
      if ((await dialog.count()) === 0) return true;
      const busy = await ok.first().evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => true);
      if (!busy) await ok.first().click({ timeout: 2000 }).catch(() => undefined);
      return (await dialog.count()) === 0;
    }, { timeout: 15_000, interval: 1500 })
    .toBe(true);
}

/**
 * Whether the browser is missing, so that the file's describe can skip. Debian's chromium is installed by .ci/run;
 * on a developer machine without it the tests are skipped with this reason, while under CI=true a missing browser
 * fails the run instead of passing silently.
 */
export function chromiumMissing(): boolean {
  const missing = !existsSync(CHROMIUM);
  if (missing && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install chromium (apt-get install -y chromium)`);
  if (missing) console.warn(`[e2e] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);
  return missing;
}

// ── fixture: server + browser ─────────────────────────────────────────────────────────────────

export let base = '';
/** the run's SQLite file (for CLI commands a journey runs against the same database as the server) */
export let dbPath = '';
export let context: BrowserContext;
export let page: Page;
export const consoleErrors: string[] = [];
/** failed requests the journey provokes on purpose (the browser logs every 4xx response as a console error) */
export const expectedFailures: string[] = [];

export interface E2EOptions {
  /** prefix of the run's temporary directory (database, browser profile, web build when dist/web is stale) */
  tmpPrefix: string;
  /** the platform administrator, created with the CLI before the server starts */
  adminEmail: string;
  /** console errors from URLs containing one of these are not collected */
  ignoreConsoleErrorsFrom?: string[];
  /** hide transient toasts (.ant-message) while taking a screenshot */
  hideToastsInShots?: boolean;
  /** logout() also removes the session the web app keeps in localStorage, not only the cookies */
  logoutClearsStoredSession?: boolean;
  /**
   * Run with the system's full motion (dialogs zoom, dropdowns slide). By default the browser asks for reduced motion
   * (prefers-reduced-motion: reduce), which the web app honours by turning Ant Design's motion off, so that a click
   * cannot land on a dialog that is still zooming in on a busy machine. The main journey runs with motion, so both
   * settings stay covered.
   */
  motion?: boolean;
}

export interface E2EHelpers {
  /** a full-page screenshot of the page, scrolled to the top, to test-output/screenshots/<name>.png */
  shot(name: string): Promise<void>;
  logout(): Promise<void>;
  loginInBrowser(email: string): Promise<void>;
}

/** Registers the hooks that start the server and the browser for this test file and stop them after it. */
export function useE2E(opts: E2EOptions): E2EHelpers {
  let server: ChildProcess;
  let serverLog = '';
  let tmp = '';
  let dbFile = '';
  const ignored = opts.ignoreConsoleErrorsFrom ?? [];

  async function shot(name: string): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    // transient toasts would cover the header in the picture
    const hide = opts.hideToastsInShots ? await page.addStyleTag({ content: '.ant-message { display: none !important; }' }) : null;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    if (hide) await hide.evaluate((e) => (e as unknown as Element).remove());
  }

  async function logout(): Promise<void> {
    await context.clearCookies();
    if (opts.logoutClearsStoredSession) await page.evaluate(() => localStorage.removeItem('techbridge.session')).catch(() => undefined);
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
    tmp = mkdtempSync(join(tmpdir(), opts.tmpPrefix));
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
    dbPath = dbFile;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;

    // the platform administrator comes from the CLI (it also creates the database)
    const cli = spawnSync(process.execPath, ['bin/techbridge.js', '--db', dbFile, 'admin', 'create', '--email', opts.adminEmail, '--password', PASSWORD], {
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
      reducedMotion: opts.motion ? 'no-preference' : 'reduce',
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const url = m.location()?.url ?? '';
      if (ignored.some((p) => url.includes(p))) return;
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

  return { shot, logout, loginInBrowser };
}
