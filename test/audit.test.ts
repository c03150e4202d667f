/**
 * The tamper-evident audit log: every append extends one sha256 hash chain; `verifyAuditChain` (and
 * `techbridge audit verify`) find the first entry that was changed or removed. Runs on every dialect.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain, GENESIS_HASH } from '../src/kernel/audit/index.js';
import { inTransaction } from '../src/kernel/context.js';
import { DIALECTS, createTestPlatform, type TestPlatform } from './helpers.js';
import { SYSTEM, makeOrganisation } from './factories.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/techbridge.js');

async function cli(db: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    if (err.code !== 1) console.error(`techbridge ${args.join(' ')} → ${err.code}: ${err.stderr}`);
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Lifts the append-only trigger for the duration of `fn` (what an attacker with database access would do). */
async function withoutAppendOnly(p: TestPlatform, fn: () => Promise<void>): Promise<void> {
  if (p.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(p.ctx.db);
    try {
      await fn();
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(p.ctx.db);
    }
    return;
  }
  await sql`drop trigger audit_log_no_update`.execute(p.ctx.db);
  await sql`drop trigger audit_log_no_delete`.execute(p.ctx.db);
  try {
    await fn();
  } finally {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(p.ctx.db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(p.ctx.db);
  }
}

describe.each(DIALECTS)('audit hash chain (%s)', (dialect) => {
  let p: TestPlatform;
  afterEach(async () => {
    await p?.destroy();
  });

  async function append(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await recordAudit(p.ctx.db, SYSTEM, { action: 'test.append', subjectType: 'test', subjectId: `s${i}`, before: { i }, after: { i: i + 1 } }, p.clock.now()));
    return ids;
  }

  it('chains appends (from services and direct) and verifies; the head table follows the last entry', async () => {
    p = await createTestPlatform(dialect);
    expect(await verifyAuditChain(p.ctx.db)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
    await makeOrganisation(p);
    const ids = await append(5);
    const v = await verifyAuditChain(p.ctx.db, { pageSize: 2 });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.count).toBe(6);
    const rows = await p.ctx.db.selectFrom('audit_log').select(['id', 'seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows.at(-1)!.id).toBe(ids.at(-1));
    expect(v.headHash).toBe(rows.at(-1)!.hash);
    const head = await p.ctx.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 6, hash: rows.at(-1)!.hash });
    // the append-only triggers are still there
    await expect(p.ctx.db.updateTable('audit_log').set({ action: 'x' }).where('id', '=', ids[0]).execute()).rejects.toThrow(/append-only/);
  });

  it('an entry rolled back with its transaction leaves no gap in the chain', async () => {
    p = await createTestPlatform(dialect);
    await append(2);
    await expect(inTransaction(p.ctx.db, async (trx) => {
      await recordAudit(trx, SYSTEM, { action: 'test.rolledback', subjectType: 'test', subjectId: 'r' }, p.clock.now());
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await append(1);
    expect(await verifyAuditChain(p.ctx.db)).toMatchObject({ ok: true, count: 3 });
  });

  it('detects a changed entry at its id, a removed entry, and a removed tail', async () => {
    p = await createTestPlatform(dialect);
    const ids = await append(6);
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.updateTable('audit_log').set({ actor_label: 'someone-else' }).where('id', '=', ids[3]).execute();
    });
    let v = await verifyAuditChain(p.ctx.db);
    expect(v).toMatchObject({ ok: false, brokenId: ids[3], seq: 4, count: 3 });
    if (!v.ok) expect(v.reason).toMatch(/content changed/);

    // restoring the content heals it; recomputing the hash of the changed row breaks the next link instead
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.updateTable('audit_log').set({ actor_label: 'system:test' }).where('id', '=', ids[3]).execute();
    });
    expect((await verifyAuditChain(p.ctx.db)).ok).toBe(true);
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('id', '=', ids[2]).execute();
    });
    v = await verifyAuditChain(p.ctx.db);
    expect(v).toMatchObject({ ok: false, brokenId: ids[2] });
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.deleteFrom('audit_log').where('id', '=', ids[2]).execute();
    });
    v = await verifyAuditChain(p.ctx.db);
    expect(v).toMatchObject({ ok: false, brokenId: ids[3], seq: 4 });
    if (!v.ok) expect(v.reason).toMatch(/missing/);
  });

  it('detects entries removed from the end (the chain head remembers)', async () => {
    p = await createTestPlatform(dialect);
    const ids = await append(4);
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.deleteFrom('audit_log').where('id', '=', ids[3]).execute();
    });
    const v = await verifyAuditChain(p.ctx.db);
    expect(v).toMatchObject({ ok: false, count: 3 });
    if (!v.ok) expect(v.reason).toMatch(/chain head says 4 entries/);
  });

  it('`techbridge audit verify` reports OK with count and head, or the broken id with exit code 1', async () => {
    p = await createTestPlatform(dialect);
    const ids = await append(3);
    const db = p.config.databaseUrl;
    const ok = await cli(db, 'audit', 'verify');
    expect(ok.code).toBe(0);
    const head = await p.ctx.db.selectFrom('audit_chain_head').select('hash').executeTakeFirstOrThrow();
    expect(ok.stdout).toContain(`audit chain OK: 3 entries, head ${head.hash}`);
    await withoutAppendOnly(p, async () => {
      await p.ctx.db.updateTable('audit_log').set({ changes: '["forged"]' }).where('id', '=', ids[1]).execute();
    });
    const bad = await cli(db, 'audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`audit chain BROKEN at ${ids[1]} (seq 2)`);
    const json = JSON.parse((await cli(db, 'audit', 'verify', '--json')).stdout);
    expect(json).toMatchObject({ ok: false, brokenId: ids[1] });
  }, 180_000);

  if (dialect === 'postgres') {
    it('concurrent appends from many transactions still form one chain', async () => {
      p = await createTestPlatform(dialect);
      const org = await makeOrganisation(p);
      await Promise.all(Array.from({ length: 40 }, (_, i) => inTransaction(p.ctx.db, async (trx) => {
        await recordAudit(trx, SYSTEM, { action: 'test.concurrent', subjectType: 'test', subjectId: `c${i}` }, p.clock.now());
        await sql`select pg_sleep(0.005)`.execute(trx);
        if (i % 3 === 0) await recordAudit(trx, SYSTEM, { action: 'test.concurrent2', subjectType: 'organisation', subjectId: org.id }, p.clock.now());
      })));
      // and appends outside any transaction
      await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(p.ctx.db, SYSTEM, { action: 'test.bare', subjectType: 'test', subjectId: `b${i}` }, p.clock.now())));
      const v = await verifyAuditChain(p.ctx.db);
      expect(v).toMatchObject({ ok: true, count: 1 + 40 + 14 + 20 });
    }, 60_000);
  }
});

describe('audit chain migration backfill', () => {
  it('chains rows written before the chain existed, in id order', async () => {
    const { backfillAuditChain } = await import('../src/kernel/audit/index.js');
    const p = await createTestPlatform('sqlite');
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await recordAudit(p.ctx.db, SYSTEM, { action: 'old', subjectType: 'test', subjectId: String(i) }, p.clock.now()));
      await sql`drop trigger audit_log_no_update`.execute(p.ctx.db);
      await sql`drop index audit_log_seq`.execute(p.ctx.db);
      await sql`update audit_log set seq = null, prev_hash = null, hash = null`.execute(p.ctx.db);
      expect((await verifyAuditChain(p.ctx.db)).ok).toBe(false);
      await backfillAuditChain(p.ctx.db);
      const rows = await p.ctx.db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
      expect(rows.map((r) => r.id)).toEqual([...ids].sort());
      expect(await verifyAuditChain(p.ctx.db)).toMatchObject({ ok: true, count: 3 });
    } finally {
      await p.destroy();
    }
  });
});
