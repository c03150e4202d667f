import type { Kysely, Transaction } from 'kysely';
import type { AppConfig } from './config.js';
import type { Clock } from './clock.js';
import type { Dialect } from './db/database.js';

/** What every service gets: the database, its dialect, the clock and the configuration. */
export interface KernelContext<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  config: AppConfig;
}

export type Executor<DB> = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in one transaction (the mutation and its audit entry commit together). Nested calls reuse it. */
export async function inTransaction<DB, T>(db: Executor<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  // PostgreSQL may abort one of two transactions that wait on each other (the audit chain head and the outbox are
  // global locks, so two writers that lock rows in opposite orders can meet). The whole transaction rolled back, so
  // running it again is safe; after a few attempts the error goes up as it is.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (e) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20 * attempt)));
    }
  }
}

const TRANSACTION_ATTEMPTS = 4;

/** deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back and asks for a retry. */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}

export function parseJsonArray<T = string>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}
