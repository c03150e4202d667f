import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../auth/actor.js';

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
}

export interface AuditEntryInput {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Stable JSON: keys sorted, so the same change always gives the same digest. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

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
  await db
    .insertInto('audit_log')
    .values({
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
    })
    .execute();
  return id;
}
