/**
 * Migrations are all-or-nothing on both databases: a migration that fails, or a process killed in the middle of the
 * first start's migrations, leaves neither tables nor migration rows behind, and the next start applies them all.
 * (Kysely's SqliteAdapter declares no transactional DDL, so before openDatabase overrode it a kill there left tables
 * without their migration row and every later start failed on "table … already exists".)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/kernel/db/database.js';
import { migrateToLatest } from '../src/kernel/db/migrator.js';
import { migrations } from '../src/kernel/db/migrations/index.js';
import { createPgDatabase, DIALECTS } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-migrations-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function tableNames(database: Database<any>): Promise<string[]> {
  const r =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(database.db);
  return r.rows.map((x) => x.name).sort();
}

async function migrationRows(database: Database<any>): Promise<string[]> {
  return (await database.db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name as string);
}

async function withDatabase(dialect: 'sqlite' | 'postgres', name: string, fn: (d: Database<any>) => Promise<void>): Promise<void> {
  if (dialect === 'sqlite') {
    const database = openDatabase<any>(path.join(dir, `${name}.db`), 'sqlite');
    try {
      await fn(database);
    } finally {
      await database.close();
    }
    return;
  }
  const pgdb = await createPgDatabase('tb_migr');
  const database = openDatabase<any>(pgdb.url, 'postgres', { poolSize: 2 });
  try {
    await fn(database);
  } finally {
    await database.close();
    await pgdb.drop();
  }
}

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  it('a migration that fails rolls back the whole run: no table and no migration row stay behind', async () => {
    await withDatabase(dialect, 'failing', async (database) => {
      const failing = {
        '001_a': { up: async (db: Kysely<any>) => void (await sql`create table mig_a (x integer)`.execute(db)) },
        '002_b': {
          up: async (db: Kysely<any>) => {
            await sql`create table mig_b (x integer)`.execute(db);
            throw new Error('migration 002 failed halfway');
          },
        },
      };
      const r = await new Migrator({ db: database.db, provider: { getMigrations: async () => failing } }).migrateToLatest();
      expect(String(r.error)).toContain('migration 002 failed halfway');
      expect(await tableNames(database)).toEqual(['kysely_migration', 'kysely_migration_lock']);
      expect(await migrationRows(database)).toEqual([]);
      // fixed, the same migrations apply
      const fixed = { ...failing, '002_b': { up: async (db: Kysely<any>) => void (await sql`create table mig_b (x integer)`.execute(db)) } };
      const ok = await new Migrator({ db: database.db, provider: { getMigrations: async () => fixed } }).migrateToLatest();
      expect(ok.error).toBeUndefined();
      expect(await migrationRows(database)).toEqual(['001_a', '002_b']);
      expect(await tableNames(database)).toEqual(['kysely_migration', 'kysely_migration_lock', 'mig_a', 'mig_b']);
    });
  });

  it("the platform's migrations apply from scratch, and a second run applies none", async () => {
    await withDatabase(dialect, 'platform', async (database) => {
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
      expect(await migrationRows(database)).toEqual(Object.keys(migrations).sort());
      expect(await migrateToLatest(database.db)).toEqual([]);
    });
  });
});

describe('migrations: kill -9 in the middle (SQLite)', () => {
  it('leaves the file as before the run, and the next start migrates it', async () => {
    const file = path.join(dir, 'killed.db');
    const script = fileURLToPath(new URL('./fixtures/migrate-and-hang.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<string | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    // the second migration has created its table and waits: kill the process there
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before its second migration: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const database = openDatabase<any>(file, 'sqlite');
    try {
      expect(await tableNames(database)).toEqual(['kysely_migration', 'kysely_migration_lock']);
      expect(await migrationRows(database)).toEqual([]);
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
    } finally {
      await database.close();
    }
  }, 60_000);
});
