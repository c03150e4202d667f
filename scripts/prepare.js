#!/usr/bin/env node
/**
 * npm `prepare` hook (runs after `npm install` / `npm ci`): builds the web app into dist/web when it is missing
 * or older than the sources under web/. Quietly skips when vite is not installed (production installs with
 * --omit=dev), when web/ is absent, or when TECHBRIDGE_SKIP_WEB_BUILD=1. Only a real build error fails the install.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const outIndex = join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

async function main() {
  if (process.env.TECHBRIDGE_SKIP_WEB_BUILD === '1') return;
  if (!existsSync(join(webDir, 'vite.config.ts'))) return;
  let sourcesTime;
  try {
    sourcesTime = newestMtime(webDir);
  } catch {
    return; // unreadable tree: nothing sensible to do during an install
  }
  if (existsSync(outIndex) && statSync(outIndex).mtimeMs >= sourcesTime) return; // up to date

  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.log('[prepare] vite is not installed (production install?) — skipping the web build');
    return;
  }
  console.log('[prepare] building the web app into dist/web …');
  try {
    await vite.build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  } catch (e) {
    console.error('[prepare] web build failed:', e instanceof Error ? e.message : e);
    process.exitCode = 1;
    return;
  }
  console.log('[prepare] web app built');
}

main().catch((e) => {
  // anything unexpected outside the build itself must not break `npm install`
  console.warn('[prepare] skipped:', e instanceof Error ? e.message : e);
});
