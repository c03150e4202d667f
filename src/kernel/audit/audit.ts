import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../auth/actor.js';
import { canonicalJson } from './canonical.js';
import { appendToChain, chainHash, lockChainHead } from './chain.js';

export interface AuditTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  digest: string;
  changes: string | null;
  request_id: string | null;
  /** position in the tamper-evident chain (1, 2, …) — see chain.ts */
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditEntryInput {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export { canonicalJson };

/** Names of the top-level fields that differ; the values are not stored (they may be confidential), only their digest. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => canonicalJson(b[k]) !== canonicalJson(a[k])).sort();
}

/**
 * Appends one entry to the append-only audit log. Call it inside the same transaction as the mutation,
 * so a change and its audit entry land together or not at all.
 */
export async function recordAudit(db: Kysely<any>, actor: Actor, entry: AuditEntryInput, now: Date = new Date()): Promise<string> {
  const at = now.toISOString();
  const digest = createHash('sha256')
    .update(canonicalJson({ action: entry.action, subject: [entry.subjectType, entry.subjectId], before: entry.before ?? null, after: entry.after ?? null, at }))
    .digest('hex');
  const id = uuidv7();
  const row = {
    id,
    at,
    actor_user_id: actor.kind === 'user' ? actor.userId : null,
    actor_org_id: actor.kind === 'user' ? actor.orgId : null,
    actor_label: actor.kind === 'user' ? actor.email : actor.kind === 'system' ? `system:${actor.process}` : 'anonymous',
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    digest,
    changes: JSON.stringify(changedFields(entry.before, entry.after)),
    request_id: entry.requestId ?? null,
  };
  // the chain head is locked until the caller's transaction ends, so concurrent appends form one chain
  const append = async (trx: Kysely<any>) => {
    const head = await lockChainHead(trx);
    const seq = head.seq + 1;
    const hash = chainHash(head.hash, { ...row, seq });
    await appendToChain(trx, { ...row, seq, prev_hash: head.hash, hash });
  };
  if (db.isTransaction) await append(db);
  else await db.transaction().execute(append);
  return id;
}
