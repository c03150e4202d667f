/// <reference lib="dom" />
/**
 * The Content-Security-Policy (@fastify/helmet) fits the built web app: the home page, the listings, the government
 * dashboard (ECharts: canvas + inline styles) and the API docs (Swagger UI) load and render with the policy in force,
 * and the browser reports no CSP violation (Ant Design's injected <style> elements and ECharts' style attributes are
 * allowed; no inline script is needed).
 *
 *   npm run build:web && npx vitest run test/e2e/csp.e2e.test.ts
 */
import { describe, expect, it } from 'vitest';
import { base, chromiumMissing, consoleErrors, page, useE2E } from './harness.js';

const stamp = Date.now().toString(36);
const adminEmail = `admin-csp-${stamp}@e2e.test`;
const { loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-csp-', adminEmail });

async function violationsOn(path: string, ready: () => Promise<unknown>): Promise<string[]> {
  await page.goto(`${base}${path}`);
  // violations that happened before a listener could be attached also reach the console ("Refused to …")
  await page.evaluate(() => {
    const w = window as unknown as { __csp?: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await ready();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const live = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...live, ...consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m))];
}

describe.skipIf(chromiumMissing())('secure headers: the web app works under the CSP', () => {
  it('sends the policy with the app shell', async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests'); // plain HTTP here: upgrading would break every asset
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('renders the home page and the listings with no violation', async () => {
    expect(await violationsOn('/', () => page.locator('#root *').first().waitFor({ timeout: 20_000 }))).toEqual([]);
    // Ant Design styles really applied (CSS-in-JS <style> elements were not blocked)
    const styled = await page.evaluate(() => document.querySelectorAll('style').length);
    expect(styled).toBeGreaterThan(0);
    expect(await violationsOn('/achievements', () => page.locator('.ant-layout').first().waitFor({ timeout: 20_000 }))).toEqual([]);
  });

  it('draws the ECharts dashboard with no violation', async () => {
    await loginInBrowser(adminEmail);
    expect(await violationsOn('/dashboard', () => page.locator('canvas').first().waitFor({ timeout: 30_000 }))).toEqual([]);
  });

  it('loads the API docs (Swagger UI) with no violation', async () => {
    expect(await violationsOn('/docs', () => page.locator('.swagger-ui .info').first().waitFor({ timeout: 30_000 }))).toEqual([]);
  });
});
