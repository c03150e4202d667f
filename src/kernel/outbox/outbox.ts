/**
 * The outbox (server-mode scale-out, architecture §3). A write to a searchable record appends an event in the same
 * transaction; every API node tails the table and applies the events after its last applied id, in id order.
 *
 * Ordering: a PostgreSQL sequence hands out ids at insert time, not at commit time, so two concurrent writers could
 * commit ids 6 then 5 and a tailing node that already saw 6 would skip 5 for ever. Appends therefore take a
 * transaction-scoped advisory lock first: the lock is held until commit, so ids become visible in id order and a
 * reader always sees a gap-free prefix (gaps left by rolled-back transactions are never filled, so they do not matter).
 * SQLite has a single writer, which gives the same guarantee.
 *
 * Pruning deletes old events and appends an `outbox.pruned` marker naming the highest deleted id: a node that comes
 * back after a long absence meets the marker, sees it missed deleted events, and rebuilds its state instead.
 */
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { OutboxTables } from './outbox.table.js';

export const PRUNED_EVENT = 'outbox.pruned';
/** pg_advisory_xact_lock key for outbox appends ("TBOX") */
const APPEND_LOCK = 0x54424f58;

export interface OutboxEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

type Db = Kysely<OutboxTables>;

/**
 * Takes the append lock for the rest of the caller's transaction (PostgreSQL; a no-op on SQLite). Writers call it
 * before they lock the rows they change, so a transaction never waits for the append lock while holding a row another
 * lock holder needs (no deadlock between, say, an import batch and an edit of the same listing). Re-entrant.
 */
export async function lockOutbox(trx: Executor<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx as unknown as Db);
}

/** Appends one event inside the caller's transaction (call it with the transaction, never the pool). */
export async function appendOutbox(trx: Executor<any>, dialect: Dialect, type: string, payload: Record<string, unknown>, now: Date): Promise<void> {
  const db = trx as unknown as Db;
  await lockOutbox(trx, dialect);
  await db.insertInto('outbox_events').values({ type, payload: JSON.stringify(payload), created_at: now.toISOString() }).execute();
}

export async function outboxAfter(db: Kysely<any>, afterId: number, limit: number): Promise<OutboxEvent[]> {
  const rows = await (db as Db).selectFrom('outbox_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), type: r.type, payload: safeJson(r.payload), createdAt: r.created_at }));
}

export async function outboxMaxId(db: Kysely<any>): Promise<number> {
  const r = await (db as Db).selectFrom('outbox_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** created_at of the first event after `afterId` (the oldest one this node has not applied), or null. */
export async function outboxOldestAfter(db: Kysely<any>, afterId: number): Promise<string | null> {
  const r = await (db as Db).selectFrom('outbox_events').select('created_at').where('id', '>', afterId).orderBy('id').limit(1).executeTakeFirst();
  return r?.created_at ?? null;
}

/** Deletes events created before `beforeIso` and records the highest deleted id in a marker event. Returns how many. */
export async function pruneOutbox(db: Kysely<any>, dialect: Dialect, beforeIso: string, now: Date): Promise<number> {
  return (db as Db).transaction().execute(async (trx) => {
    const top = await trx.selectFrom('outbox_events').select((eb) => eb.fn.max('id').as('m')).where('created_at', '<', beforeIso).where('type', '!=', PRUNED_EVENT).executeTakeFirst();
    const through = Number(top?.m ?? 0);
    if (!through) return 0;
    const r = await trx.deleteFrom('outbox_events').where('id', '<=', through).where('type', '!=', PRUNED_EVENT).executeTakeFirst();
    // only the newest marker matters: it names the highest id ever deleted
    await trx.deleteFrom('outbox_events').where('type', '=', PRUNED_EVENT).execute();
    await appendOutbox(trx, dialect, PRUNED_EVENT, { throughId: through }, now);
    return Number(r.numDeletedRows);
  });
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface OutboxTailOptions {
  /** applies a batch of events in order; throwing stops the batch (it is retried from the same id) */
  apply(events: OutboxEvent[]): Promise<void>;
  /** the node missed pruned events: rebuild everything and return the id the rebuild is current to */
  rebuild(): Promise<number>;
  batchSize?: number;
}

/**
 * One node's position in the outbox. `catchUp()` applies everything committed so far; concurrent calls share one
 * pass (a caller that arrives during a pass gets the next one, so it always sees its own committed write).
 */
export class OutboxTail {
  private applied = 0;
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  lastError: string | null = null;

  constructor(
    private readonly db: Kysely<any>,
    private readonly opts: OutboxTailOptions,
  ) {}

  get appliedId(): number {
    return this.applied;
  }

  /** Sets the position (after a full rebuild: the max id read before the rebuild started). */
  resetTo(id: number): void {
    this.applied = id;
  }

  catchUp(): Promise<number> {
    if (this.queued) return this.queued;
    if (!this.running) return this.startPass();
    this.queued = this.running.catch(() => 0).then(() => {
      this.queued = null;
      return this.startPass();
    });
    return this.queued;
  }

  private startPass(): Promise<number> {
    const p = this.drain().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }

  private async drain(): Promise<number> {
    const batch = this.opts.batchSize ?? 500;
    let total = 0;
    for (;;) {
      const events = await outboxAfter(this.db, this.applied, batch);
      if (events.length === 0) break;
      const pending: OutboxEvent[] = [];
      let rebuilt = false;
      for (const e of events) {
        if (e.type === PRUNED_EVENT && Number(e.payload.throughId) > this.applied && pending.length === 0) {
          // events after our position were deleted before we saw them: our state cannot be patched, rebuild it
          this.applied = Math.max(await this.opts.rebuild(), e.id);
          rebuilt = true;
          break;
        }
        if (e.type === PRUNED_EVENT && pending.length > 0) break; // apply what precedes the marker first, then re-check it
        pending.push(e);
      }
      if (!rebuilt && pending.length) {
        await this.opts.apply(pending);
        this.applied = pending[pending.length - 1].id;
        total += pending.length;
      }
      if (events.length < batch && !rebuilt && pending.length === events.length) break;
    }
    this.lastError = null;
    return total;
  }

  /** Polls every `ms` (and whenever `wake` is called by a pub/sub hint). */
  startPolling(ms: number, onError: (e: Error) => void = () => undefined): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.catchUp();
      } catch (e) {
        this.lastError = (e as Error).message;
        onError(e as Error);
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => void tick(), ms);
        this.timer.unref();
      }
    };
    this.timer = setTimeout(() => void tick(), ms);
    this.timer.unref();
  }

  stopPolling(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** How far behind this node is: events committed but not applied, and the age of the oldest of them. */
  async lag(now: Date): Promise<{ maxId: number; appliedId: number; events: number; seconds: number }> {
    const maxId = await outboxMaxId(this.db);
    const oldest = maxId > this.applied ? await outboxOldestAfter(this.db, this.applied) : null;
    return { maxId, appliedId: this.applied, events: Math.max(0, maxId - this.applied), seconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0 };
  }
}
