import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DIALECTS, type TestPlatform } from './helpers.js';
import { makePublished, makeUser } from './factories.js';
import { Scheduler } from '../src/kernel/jobs/index.js';

describe.each(DIALECTS)('scheduled jobs on %s', (dialect) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(dialect);
  });
  afterAll(async () => {
    await p?.destroy();
  });

  it('runs a job on one node at a time through the lease, and again once the lease lapses', async () => {
    const a = new Scheduler(p.ctx.db, p.clock);
    const b = new Scheduler(p.ctx.db, p.clock);
    let runs = 0;
    const job = { name: 'test-job', everyMs: 60_000, run: async () => ++runs };
    const results = await Promise.all([a.runOnce(job), b.runOnce(job)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await b.runOnce(job)).toBeNull(); // a still holds it
    p.clock.advance(61_000);
    expect(await b.runOnce(job)).toBe('2');
  });

  it('expires published demands past their deadline (Asia/Shanghai calendar)', async () => {
    const owner = await makeUser(p, 'enterprise');
    const d = await makePublished(p, 'demand', owner.actor, { deadline: '2026-12-01' });
    expect(await p.services.demands.expireOverdue()).toBe(0);
    p.clock.set('2026-12-01T15:59:00Z'); // 23:59 on 1 December in Shanghai: still open
    expect(await p.services.demands.expireOverdue()).toBe(0);
    p.clock.set('2026-12-01T16:01:00Z'); // 00:01 on 2 December in Shanghai
    expect(await p.services.demands.expireOverdue()).toBe(1);
    expect((await p.services.demands.getRow(d.row.id)).status).toBe('expired');
  });
});
