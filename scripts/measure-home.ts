/**
 * Home-page load timing in a real browser.
 *
 *   npm run measure:home            (builds dist/web first if it is missing)
 *
 * Starts the server (child process) on a fresh SQLite file loaded with the demo data set (or on MEASURE_DB when
 * given), loads the home page 5 times in Debian's chromium with the HTTP cache cleared before each load, and prints
 * first-contentful-paint and DOMContentLoaded from the browser's performance timing. Target: FCP < 1.5 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 5);
const TARGET_MS = 1500;

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

if (!existsSync(join(root, 'dist/web/index.html'))) {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
}

const tmp = mkdtempSync(join(tmpdir(), 'tb-measure-'));
const db = process.env.MEASURE_DB ?? join(tmp, 'demo.db');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let log = '';
const server = spawn(process.execPath, ['bin/techbridge.js', 'serve'], {
  cwd: root,
  env: { ...process.env, TECHBRIDGE_DB: db, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout!.on('data', (d) => (log += d));
server.stderr!.on('data', (d) => (log += d));

try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const headline = (await (await fetch(`${base}/api/stats/headline`)).json()) as Record<string, number>;
  console.log(`server ${base} — demo data: ${JSON.stringify(headline)}`);

  const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const rows: { fcp: number; dcl: number; load: number; stats: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto('about:blank');
    await page.goto(`${base}/`, { waitUntil: 'load' });
    // the headline figures are the page's main content: wait for them, then read the timings
    await page.waitForFunction(() => /\d/.test(document.querySelector('.tb-stat-value')?.textContent ?? ''), undefined, { timeout: 10_000 });
    const t = await page.evaluate(async () => {
      // let the paint timing entry land (headless chromium reports it a frame late now and then)
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { fcp, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, stats: performance.now() };
    });
    rows.push(t);
    console.log(
      `run ${i + 1}: first-contentful-paint ${t.fcp.toFixed(0)} ms · DOMContentLoaded ${t.dcl.toFixed(0)} ms · load ${t.load.toFixed(0)} ms · figures shown by ${t.stats.toFixed(0)} ms`,
    );
  }
  await context.close();
  const median = (xs: number[]) => {
    const ok = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    return ok.length ? ok[Math.floor(ok.length / 2)] : NaN;
  };
  const fcp = median(rows.map((r) => r.fcp));
  const dcl = median(rows.map((r) => r.dcl));
  console.log(`median of ${RUNS} cold loads: first-contentful-paint ${fcp.toFixed(0)} ms, DOMContentLoaded ${dcl.toFixed(0)} ms (target FCP < ${TARGET_MS} ms: ${fcp < TARGET_MS ? 'met' : 'NOT met'})`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(tmp, { recursive: true, force: true });
}
