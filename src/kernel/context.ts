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
  return db.transaction().execute(fn);
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
