/**
 * Named prepared statements on PostgreSQL (kernel/db/pg-prepared): statements are prepared once per connection, the
 * bound is kept, transactions are unaffected, PG_PREPARED_STATEMENTS=0 turns it off, and a schema change made by
 * another connection while this one holds prepared statements does not break later queries.
 */
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/kernel/db/database.js';
import { createPgDatabase } from './helpers.js';

describe('PostgreSQL prepared statements', () => {
  let pgdb: { url: string; drop(): Promise<void> };
  const opened: Database<any>[] = [];
  const open = (preparedStatements?: number) => {
    // one connection, so pg_prepared_statements (per session) shows what this pool prepared
    const d = openDatabase<any>(pgdb.url, 'postgres', { poolSize: 1, ...(preparedStatements !== undefined ? { preparedStatements } : {}) });
    opened.push(d);
    return d.db;
  };
  const preparedTexts = async (db: Kysely<any>) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'tb%'`.execute(db)).rows.map((r) => r.statement);

  beforeAll(async () => {
    pgdb = await createPgDatabase('tb_prepared');
    const c = new pg.Client(pgdb.url);
    await c.connect();
    await c.query('create table t (id integer primary key, v text)');
    await c.query("insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
    await c.end();
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await pgdb?.drop();
  });

  it('prepares a statement once per connection and reuses it; transaction control stays unnamed', async () => {
    const db = open();
    for (const id of [1, 2, 3]) expect((await db.selectFrom('t').select('v').where('id', '=', id).execute())[0].v).toBe(['a', 'b', 'c'][id - 1]);
    const texts = await preparedTexts(db);
    expect(texts.filter((t) => t.startsWith('select "v" from "t"'))).toHaveLength(1);
    expect(texts.some((t) => /^\s*(begin|commit|rollback)/i.test(t))).toBe(false);
    // a rolled-back transaction leaves nothing; a committed one its row
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 10, v: 'x' }).execute();
      await trx.insertInto('t').values({ id: 10, v: 'dup' }).execute();
    }).catch(() => undefined);
    await db.transaction().execute(async (trx) => trx.insertInto('t').values({ id: 11, v: 'y' }).execute());
    expect((await db.selectFrom('t').select('id').where('id', '>=', 10).execute()).map((r) => r.id)).toEqual([11]);
  });

  it('prepares at most the bound per connection, and nothing when turned off', async () => {
    const two = open(2);
    for (const q of ['a', 'b', 'c', 'd']) await two.selectFrom('t').select(sql.lit(q).as('q')).where('id', '=', 1).execute();
    expect((await preparedTexts(two)).length).toBe(2);
    const none = open(0);
    for (let i = 0; i < 3; i++) await none.selectFrom('t').selectAll().where('id', '=', 1).execute();
    expect(await preparedTexts(none)).toEqual([]);
  });

  it('survives a schema change made by another connection (outside and inside a transaction)', async () => {
    const db = open();
    const read = () => db.selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(await read()).toEqual({ id: 1, v: 'a' });
    const other = new pg.Client(pgdb.url);
    await other.connect();
    try {
      await other.query('alter table t add column extra text');
      // outside a transaction the statement is prepared afresh and answers with the new column
      expect(await read()).toEqual({ id: 1, v: 'a', extra: null });
      await other.query('alter table t add column more integer');
      // inside a transaction the first use fails with the transaction; the next one works
      await expect(db.transaction().execute(async (trx) => trx.selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirstOrThrow())).rejects.toThrow(/cached plan/);
      expect(await db.transaction().execute(async (trx) => trx.selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirstOrThrow())).toEqual({ id: 1, v: 'a', extra: null, more: null });
    } finally {
      await other.end();
    }
  });
});
