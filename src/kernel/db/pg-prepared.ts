/**
 * Named prepared statements on PostgreSQL: each pooled connection parses and plans a statement text once and then
 * only binds and executes it, the PostgreSQL counterpart of the SQLite statement cache. A detail read (two statements)
 * cost PostgreSQL 0.25 ms of CPU unnamed and 0.09 ms prepared in isolation (measured 2026-12-07).
 *
 * - Only plain statements with parameters go this way (SELECT/INSERT/UPDATE/DELETE/WITH); transaction control, DDL
 *   and cursors stay unnamed. A connection prepares at most `max` texts; later new texts run unnamed.
 * - A schema change while the process runs (another node migrates) can make PostgreSQL refuse a prepared statement
 *   whose result columns changed ("cached plan must not change result type"). The connection then moves to a new
 *   generation of names, so every statement is prepared afresh; a statement that failed outside a transaction is
 *   retried at once, one inside a transaction fails with it (the transaction is aborted anyway).
 * - PgBouncer in transaction-pooling mode (before 1.21) cannot follow named statements across server connections:
 *   set PG_PREPARED_STATEMENTS=0 there.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const PG_PREPARED_PER_CONNECTION = 200;

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|rollback|end|abort)\b/i;
const PLAN_CHANGED = 'cached plan must not change result type';

/** sha1 of each text, kept for the texts seen most (bounded: cleared when full) */
const digests = new Map<string, string>();
function digest(text: string): string {
  let d = digests.get(text);
  if (d === undefined) {
    if (digests.size >= 4000) digests.clear();
    d = createHash('sha1').update(text).digest('base64url');
    digests.set(text, d);
  }
  return d;
}

type Query = (...args: unknown[]) => Promise<pg.QueryResult>;

/** Makes `client.query(text, values)` use named prepared statements (see above). Call once per connection. */
export function usePreparedStatements(client: pg.ClientBase, max = PG_PREPARED_PER_CONNECTION): void {
  const query = client.query.bind(client) as unknown as Query;
  const prepared = new Set<string>();
  let generation = 0;
  let inTransaction = false;
  const run = (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    const name = `tb${generation}_${digest(text)}`;
    if (!prepared.has(name)) {
      if (prepared.size >= max) return query(text, values);
      prepared.add(name);
    }
    return query({ name, text, values });
  };
  (client as unknown as { query: Query }).query = async (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || args.length !== 2 || !Array.isArray(values)) return query(...args);
    if (!PREPARABLE.test(text)) {
      const result = await query(text, values).catch((e: unknown) => {
        if (END.test(text)) inTransaction = false;
        throw e;
      });
      if (BEGIN.test(text)) inTransaction = true;
      else if (END.test(text)) inTransaction = false;
      return result;
    }
    try {
      return await run(text, values);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.includes(PLAN_CHANGED)) throw e;
      generation += 1;
      prepared.clear();
      if (inTransaction) throw e;
      return run(text, values);
    }
  };
}
