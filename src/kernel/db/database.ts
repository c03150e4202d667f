import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from 'kysely';
import { PG_PREPARED_PER_CONNECTION, usePreparedStatements } from './pg-prepared.js';

export type Dialect = 'sqlite' | 'postgres';

// int8 (COUNT(*), SUM of fen) would otherwise arrive as strings; every integer we store is a safe integer.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds the safe integer range`);
  return n;
});
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric aggregates (AVG) — never used for money

export interface Database<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  url: string;
  close(): Promise<void>;
}

export function openDatabase<DB>(url: string, dialect: Dialect, opts: { poolSize?: number; statementCache?: number; preparedStatements?: number } = {}): Database<DB> {
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // PG_PREPARED_STATEMENTS=0 runs every statement unnamed (PgBouncer in transaction mode; benchmarks compare both)
    const prepared = opts.preparedStatements ?? Number(process.env.PG_PREPARED_STATEMENTS ?? PG_PREPARED_PER_CONNECTION);
    // An idle client dropping (database restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      // A client checked out of the pool has no pool listener: when its connection drops, pg fails its query (→ 503
      // DATABASE_UNAVAILABLE) and also emits 'error' on the client, which would crash the process without this listener.
      client.on('error', () => undefined);
      if (prepared > 0) usePreparedStatements(client, prepared);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect, url, close: () => db.destroy() };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLITE_STATEMENT_CACHE=0 turns the cache off (benchmarks compare both in one run)
  const cacheSize = opts.statementCache ?? Number(process.env.SQLITE_STATEMENT_CACHE ?? STATEMENT_CACHE_SIZE);
  const db = new Kysely<DB>({ dialect: new TransactionalDdlSqliteDialect({ database: withImmediateBegin(cacheSize > 0 ? withStatementCache(sqlite, cacheSize) : sqlite) }) });
  return { db, dialect, url, close: () => db.destroy() };
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SqliteAdapter says it does not, so its Migrator applied each
 * statement on its own: a process killed during the first start's migrations left tables without their migration row,
 * and every later start failed on "table … already exists". Declaring transactional DDL makes the Migrator apply the
 * pending migrations in one transaction (BEGIN IMMEDIATE, see withImmediateBegin), which also serialises two processes
 * migrating one file: the second waits for the write lock and then finds nothing pending.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Transactions start with BEGIN IMMEDIATE (Kysely sends a plain, deferred BEGIN). With several processes on one file
 * (`serve --workers N`, a CLI import beside the server) a deferred transaction that reads and then writes cannot
 * wait for the write lock — SQLite answers SQLITE_BUSY at once when another process wrote in between. An immediate
 * transaction takes the write lock first, waiting up to busy_timeout. In one process it changes nothing: Kysely
 * runs one query at a time on the single connection.
 */
export function withImmediateBegin(sqlite: SQLite.Database): SQLite.Database {
  const prepare = (text: string) => sqlite.prepare(text === 'begin' ? 'begin immediate' : text);
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Statements kept per SQLite connection (LRU by SQL text); SQL longer than this many characters is not kept. */
export const STATEMENT_CACHE_SIZE = 256;
const STATEMENT_CACHE_MAX_SQL = 4000;

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query; preparing costs as much CPU as running a small query.
 * This wrapper hands it a cached better-sqlite3 statement instead (bounded LRU keyed by the SQL text). Safe because
 * better-sqlite3 is synchronous and Kysely serialises the single connection: `all`/`run` finish before the next
 * query starts, so a statement is never used by two queries at once. The one exception is an open `iterate()`
 * (Kysely's `stream()`), which keeps its statement busy: a busy statement is never handed out again — the caller gets
 * a fresh, uncached one. The driver reads `stmt.reader` to choose `all` (rows) or `run` (changes, insert id); a
 * cached statement has the same `reader` as a fresh one of the same SQL. Schema changes (migrations) are fine:
 * SQLite re-prepares a stale statement by itself. Long SQL (large generated IN lists, multi-row inserts) is mostly
 * one-off and is not kept, so it cannot push out the hot statements.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (text: string): SQLite.Statement => {
    if (text.length > STATEMENT_CACHE_MAX_SQL) return sqlite.prepare(text);
    const hit = cache.get(text);
    if (hit) {
      if (hit.busy) return sqlite.prepare(text);
      cache.delete(text); // re-insert: most recently used last
      cache.set(text, hit);
      return hit;
    }
    const stmt = sqlite.prepare(text);
    cache.set(text, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      if (prop === 'close') return () => {
        cache.clear();
        return target.close();
      };
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Case-insensitive LIKE that works on both dialects (SQLite LIKE is already case-insensitive for ASCII). */
export function likeOperator(dialect: Dialect): 'like' | 'ilike' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
