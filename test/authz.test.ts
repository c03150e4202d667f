/**
 * The authorization floor, generated from the route table: every /api route that does not declare itself public
 * refuses anonymous callers with 401 before any work — so a new route is closed unless it says otherwise.
 * Role- and ownership-level denials are tested beside each feature (listings, deals, contracts, …).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestPlatform, type TestPlatform } from './helpers.js';
import type { HttpApp } from '../src/kernel/http/index.js';

interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
}

describe('authorization floor', () => {
  let p: TestPlatform;
  let app: HttpApp;
  const routes: RouteInfo[] = [];
  beforeAll(async () => {
    p = await createTestPlatform('sqlite');
    app = await createTestApp(p);
    for (const r of (app as unknown as { routeTable?: RouteInfo[] }).routeTable ?? []) routes.push(r);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('knows the route table', () => {
    expect(routes.length).toBeGreaterThan(60);
  });

  it('refuses anonymous callers on every non-public /api route', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.url.startsWith('/api/') && !x.public)) {
      const url = r.url.replace(/:(\w+)/g, (_, name: string) => (name === 'action' ? 'submit' : `00000000-0000-7000-8000-00000000${name.length.toString().padStart(4, '0')}`));
      const res = await app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the public routes few and read-mostly', () => {
    const publicMutations = routes.filter((r) => r.public && r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
    expect(publicMutations).toEqual(['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/auth/register', 'POST /api/match', 'POST /api/patent-assessment', 'POST /api/valuation']);
  });
});
