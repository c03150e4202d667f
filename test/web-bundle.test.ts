/**
 * The public pages' first load must stay light: the JS that index.html loads up front (its module entry script
 * plus the modulepreload links) must be at most 350 KB gzip. Workspaces, admin and charts are lazy-loaded.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let dist = join(root, 'dist/web');
let tmp: string | null = null;
const LIMIT = 350 * 1024;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function initialScripts(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"[^>]*>/g)) urls.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) urls.push(m[1]);
  return urls;
}

describe('web bundle', () => {
  beforeAll(async () => {
    const built = join(dist, 'index.html');
    const stale = !existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, 'web'));
    if (stale) {
      // build the current sources into a private directory: never rewrite dist/web under a server another test runs
      tmp = mkdtempSync(join(tmpdir(), 'tb-web-bundle-'));
      dist = join(tmp, 'web');
      const { build } = await import('vite');
      await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    }
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads at most 350 KB gzip of JavaScript before the first render', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((u) => {
      const file = join(dist, u.replace(/^\//, ''));
      return { u, gz: gzipSync(readFileSync(file)).length };
    });
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${scripts.length} files`);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it('does not put the workspaces, admin pages or charts in the initial load', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const initial = initialScripts(html).map((u) => readFileSync(join(dist, u.replace(/^\//, '')), 'utf8')).join('\n');
    // echarts' core registers this name; the dashboard chunk alone may contain it
    expect(initial).not.toContain('registerMap');
    const assets = readdirSync(join(dist, 'assets'));
    expect(assets.some((f) => /^Dashboard-.*\.js$/.test(f))).toBe(true);
    expect(assets.some((f) => /^workspace-.*\.js$/.test(f))).toBe(true);
  });
});
