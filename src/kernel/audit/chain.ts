/**
 * Tamper evidence for the audit log: every entry carries `seq` (its position), `prev_hash` (the hash of the entry
 * before it) and `hash` = sha256(prev_hash + canonical JSON of the entry). Changing, removing or reordering any
 * entry breaks the chain from that entry on; `verifyAuditChain` finds the first break.
 *
 * One chain across concurrent writers: the head (last seq and hash) lives in the one-row table `audit_chain_head`,
 * read FOR UPDATE inside the appending transaction on PostgreSQL (so appends queue on that row lock until the earlier
 * transaction commits or rolls back); SQLite runs one writing transaction at a time. A unique index on seq is the
 * last line of defence: a fork can never be stored.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/migrations/helpers.js';
import { canonicalJson } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields that are hashed (everything but prev_hash/hash themselves). */
export const CHAINED_FIELDS = ['id', 'seq', 'at', 'actor_user_id', 'actor_org_id', 'actor_label', 'action', 'subject_type', 'subject_id', 'digest', 'changes', 'request_id'] as const;

export type ChainedRow = { [K in (typeof CHAINED_FIELDS)[number]]: K extends 'seq' ? number : string | null };

export function chainHash(prevHash: string, row: ChainedRow): string {
  const fields: Record<string, unknown> = {};
  for (const f of CHAINED_FIELDS) fields[f] = f === 'seq' ? Number(row.seq) : (row[f] ?? null);
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Reads the chain head, locking it until the end of the (caller's) transaction on PostgreSQL. */
export async function lockChainHead(trx: Kysely<any>): Promise<ChainHead> {
  const q = trx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1);
  const row = await (isPostgres(trx) ? q.forUpdate() : q).executeTakeFirst();
  if (row) return { seq: Number(row.seq), hash: row.hash };
  // the migration creates the head; recreate it from the log itself if it ever went missing
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const head = { seq: last ? Number(last.seq) : 0, hash: last?.hash ?? GENESIS_HASH };
  await trx.insertInto('audit_chain_head').values({ id: 1, seq: head.seq, hash: head.hash }).execute();
  return lockChainHead(trx);
}

export async function advanceChainHead(trx: Kysely<any>, head: ChainHead): Promise<void> {
  await trx.updateTable('audit_chain_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
}

/**
 * Stores an entry that extends the locked `head` and moves the head to it. On PostgreSQL both go in one statement (a
 * data-modifying WITH), so the head lock, which every writer in the cluster queues on, is held for one round trip
 * less; SQLite has no DML in WITH and one writer at a time, so there they are two statements.
 */
export async function appendToChain(trx: Kysely<any>, entry: Record<string, unknown> & { seq: number; prev_hash: string; hash: string }): Promise<void> {
  if (isPostgres(trx)) {
    await trx.with('entry', (db) => db.insertInto('audit_log').values(entry)).updateTable('audit_chain_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', 1).execute();
    return;
  }
  await trx.insertInto('audit_log').values(entry).execute();
  await advanceChainHead(trx, { seq: entry.seq, hash: entry.hash });
}

export type AuditVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenId: string | null; seq: number | null; reason: string };

/** Walks the whole log in seq order (in pages) and recomputes every link. */
export async function verifyAuditChain(db: Kysely<any>, opts: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 2000;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      const fail = (reason: string): AuditVerification => ({ ok: false, count, brokenId: r.id, seq, reason });
      if (seq !== expectedSeq) return fail(`entry ${expectedSeq}${seq > expectedSeq + 1 ? `–${seq - 1}` : ''} missing before this one (seq ${seq})`);
      if (r.prev_hash !== prev) return fail(`prev_hash ${String(r.prev_hash).slice(0, 12)}… does not match the hash of entry ${seq - 1} (${prev.slice(0, 12)}…)`);
      const h = chainHash(prev, r as ChainedRow);
      if (r.hash !== h) return fail(`content changed: stored hash ${String(r.hash).slice(0, 12)}… but the entry hashes to ${h.slice(0, 12)}…`);
      prev = h;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < pageSize) break;
  }
  const unchained = await db.selectFrom('audit_log').select(['id']).where('seq', 'is', null).limit(1).executeTakeFirst();
  if (unchained) return { ok: false, count, brokenId: unchained.id, seq: null, reason: 'entry has no place in the chain (seq is null)' };
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (Number(head.seq) !== count || head.hash !== prev)) {
    return { ok: false, count, brokenId: null, seq: Number(head.seq), reason: `chain head says ${head.seq} entries ending ${head.hash.slice(0, 12)}…, the log has ${count} ending ${prev.slice(0, 12)}… (entries removed from the end?)` };
  }
  return { ok: true, count, headHash: prev };
}

/** Used by the migration: (re)computes the chain for every row in id order. Triggers must be off. */
export async function backfillAuditChain(db: Kysely<any>): Promise<ChainHead> {
  let prev = GENESIS_HASH;
  let seq = 0;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
    for (const r of rows) {
      seq += 1;
      const hash = chainHash(prev, { ...(r as ChainedRow), seq });
      await db.updateTable('audit_log').set({ seq, prev_hash: prev, hash }).where('id', '=', r.id).execute();
      prev = hash;
      after = r.id;
    }
    if (rows.length < 1000) break;
  }
  await sql`delete from audit_chain_head`.execute(db);
  await db.insertInto('audit_chain_head').values({ id: 1, seq, hash: prev }).execute();
  return { seq, hash: prev };
}
