import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, withStatementCache } from './database.js';

describe('SQLite statement cache', () => {
  it('hands out the same prepared statement per SQL text, LRU-bounded, never a busy one', () => {
    const raw = new SQLite(':memory:');
    let prepared = 0;
    const counting = new Proxy(raw, { get: (t, p) => (p === 'prepare' ? (s: string) => (prepared++, t.prepare(s)) : Reflect.get(t, p, t)) }) as SQLite.Database;
    const db = withStatementCache(counting, 2);
    raw.exec('create table t (x integer)');
    const a = db.prepare('insert into t (x) values (?)');
    expect(db.prepare('insert into t (x) values (?)')).toBe(a);
    expect(a.reader).toBe(false);
    a.run([1]);
    a.run([2]);
    const s = db.prepare('select x from t order by x');
    expect(s.reader).toBe(true);
    expect(prepared).toBe(2);
    db.prepare('select count(*) from t'); // third text: the least recently used (the insert) goes
    expect(db.prepare('select x from t order by x')).toBe(s);
    expect(db.prepare('insert into t (x) values (?)')).not.toBe(a);
    // an open iterator keeps its statement busy: the next caller gets a fresh statement
    const it = s.iterate();
    it.next();
    const other = db.prepare('select x from t order by x');
    expect(other).not.toBe(s);
    expect(other.all()).toEqual([{ x: 1 }, { x: 2 }]);
    it.return?.();
    expect(db.prepare('select x from t order by x')).toBe(s);
    db.close();
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-stmt-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('works under Kysely: writes report changes and insert ids, reads rows, transactions, streams and schema changes', async () => {
    const { db, close } = openDatabase<any>(path.join(dir, 'k.db'), 'sqlite');
    await sql`create table t (id integer primary key, v text)`.execute(db);
    for (let i = 0; i < 3; i++) {
      const r = await db.insertInto('t').values({ v: `v${i}` }).executeTakeFirst();
      expect(Number(r.insertId)).toBe(i + 1);
    }
    const upd = await db.updateTable('t').set({ v: 'x' }).where('id', '>', 1).executeTakeFirst();
    expect(Number(upd.numUpdatedRows)).toBe(2);
    await expect(db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'rolled back' }).execute();
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await db.selectFrom('t').selectAll().where('id', '>', 0).execute()).map((r) => r.v)).toEqual(['v0', 'x', 'x']);
    const seen: string[] = [];
    for await (const row of db.selectFrom('t').select('v').where('id', '>', 0).stream()) seen.push(row.v);
    expect(seen).toEqual(['v0', 'x', 'x']);
    await sql`alter table t add column w text`.execute(db); // a cached `select *` sees the new column
    expect(Object.keys((await db.selectFrom('t').selectAll().where('id', '>', 0).execute())[0])).toEqual(['id', 'v', 'w']);
    await close();
  });
});
