/**
 * The outbox keeps a second node's matching index current: two platforms (two "nodes") share one database; writes go
 * through node A, node B applies the outbox events after its position, in order, and a node that missed pruned
 * events rebuilds instead of serving a stale index. Runs on SQLite (two connections to one file) and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../src/platform.js';
import { outboxMaxId, pruneOutbox } from '../src/kernel/outbox/index.js';
import { DIALECTS, createTestPlatform, type TestPlatform } from './helpers.js';
import { makePublished, makeUser, SYSTEM } from './factories.js';
import type { Actor } from '../src/kernel/auth/index.js';

async function found(node: Platform, text: string, id: string): Promise<boolean> {
  const r = await node.services.matching.matchText(SYSTEM, text, 'demand', { top: 20 });
  return r.results.some((x) => x.id === id);
}

describe.each(DIALECTS)('outbox on %s', (dialect) => {
  let a: TestPlatform;
  let b: Platform;
  let owner: Actor;
  beforeAll(async () => {
    a = await createTestPlatform(dialect);
    b = await createPlatform(a.config, { clock: a.clock, migrate: false });
    owner = (await makeUser(a, 'enterprise')).actor;
    await b.services.matching.build();
  });
  afterAll(async () => {
    await b?.close();
    await a?.destroy();
  });

  it('records every listing write in the same transaction and lets another node catch up in order', async () => {
    const before = await outboxMaxId(a.ctx.db);
    const d = await makePublished(a, 'demand', owner, { title: '钛合金电子束增材制造工艺需求', keywords: ['钛合金', '电子束', '增材制造'] });
    // create + submit + approve: the new draft is in no index, so it appends no event (and takes no outbox lock);
    // submitting and approving append one each
    expect(await outboxMaxId(a.ctx.db)).toBe(before + 2);
    const lagBefore = await b.services.matching.sync.lag(new Date());
    expect(lagBefore.events).toBe(2);
    expect(await found(b, '钛合金 电子束 增材制造', d.row.id)).toBe(false);

    expect(await b.services.matching.sync.catchUp()).toBe(2);
    expect(await found(b, '钛合金 电子束 增材制造', d.row.id)).toBe(true);
    expect((await b.services.matching.sync.lag(new Date())).events).toBe(0);

    // closing the demand removes it from node B's index once B applies the event
    await a.services.demands.act(owner, d.row.id, 'close');
    expect(await found(b, '钛合金 电子束 增材制造', d.row.id)).toBe(true);
    await b.services.matching.sync.catchUp();
    expect(await found(b, '钛合金 电子束 增材制造', d.row.id)).toBe(false);
  });

  it('appends no event for a new draft, one for each later write', async () => {
    const before = await outboxMaxId(a.ctx.db);
    const draft = await a.services.demands.create(owner, { title: '高炉煤气余压发电透平叶片修复需求', summary: '高炉煤气余压透平（TRT）叶片冲蚀后的激光熔覆修复与寿命评估', field: '冶金', keywords: ['TRT', '叶片', '激光熔覆'] } as never);
    expect(await outboxMaxId(a.ctx.db)).toBe(before);
    await a.services.demands.update(owner, draft.row.id, { summary: '高炉煤气余压透平叶片冲蚀后的激光熔覆修复' } as never);
    expect(await outboxMaxId(a.ctx.db)).toBe(before + 1);
  });

  it('keeps every concurrent write (no event skipped while another node tails)', async () => {
    let tailing = true;
    const tail = (async () => {
      while (tailing) await b.services.matching.sync.catchUp();
    })();
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => makePublished(a, 'demand', owner, { title: `船用低速柴油机曲轴锻造需求第${i + 1}批`, keywords: ['曲轴', '锻造', '柴油机'] })));
    tailing = false;
    await tail;
    await b.services.matching.sync.catchUp();
    const r = await b.services.matching.matchText(SYSTEM, '船用柴油机 曲轴 锻造', 'demand', { top: 50 });
    const ids = new Set(r.results.map((x) => x.id));
    expect(made.filter((m) => !ids.has(m.row.id)).map((m) => m.row.title)).toEqual([]);
  });

  it('rebuilds a node that missed pruned events instead of leaving it stale', async () => {
    const d = await makePublished(a, 'demand', owner, { title: '盐湖提锂吸附剂中试放大需求', keywords: ['盐湖', '提锂', '吸附剂'] });
    const appliedBefore = b.services.matching.sync.appliedId;
    // prune everything (cut-off in the future): the events for this demand are gone before B saw them
    const now = new Date();
    const pruned = await pruneOutbox(a.ctx.db, a.ctx.dialect, new Date(now.getTime() + 60_000).toISOString(), now);
    expect(pruned).toBeGreaterThan(0);
    expect(await found(b, '盐湖 提锂 吸附剂', d.row.id)).toBe(false);
    await b.services.matching.sync.catchUp();
    expect(b.services.matching.sync.appliedId).toBeGreaterThan(appliedBefore);
    expect(await found(b, '盐湖 提锂 吸附剂', d.row.id)).toBe(true);
    // a node that is current is not disturbed by the marker, and later events still apply
    const e = await makePublished(a, 'demand', owner, { title: '氢燃料电池双极板冲压需求', keywords: ['双极板', '冲压', '燃料电池'] });
    await b.services.matching.sync.catchUp();
    expect(await found(b, '双极板 冲压 燃料电池', e.row.id)).toBe(true);
  });

  it('the writing node is current before the write call returns', async () => {
    await a.services.matching.build();
    const d = await makePublished(a, 'demand', owner, { title: '光伏硅片金刚线切割损耗降低需求', keywords: ['金刚线', '硅片', '切割'] });
    expect(await found(a, '金刚线 硅片 切割', d.row.id)).toBe(true);
    expect((await a.services.matching.sync.lag(new Date())).events).toBe(0);
  });
});
