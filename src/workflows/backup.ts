/**
 * `techbridge backup <file>` / `techbridge restore <file>`.
 * SQLite: the online backup API of better-sqlite3 (consistent while the server keeps writing; WAL included).
 * PostgreSQL: pg_dump -Fc / pg_restore, whose major version must match the server's.
 * Restore validates the file first and refuses a target that holds data unless `force`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';

const run = promisify(execFile);

export type DbTarget = { dialect: 'sqlite' | 'postgres'; url: string };

export class BackupError extends Error {}

/** Tables that hold no business data: a database with rows only here counts as empty. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock', 'audit_chain_head', 'reference_regions']);
/** Every backup of a TechBridge database has these. */
const REQUIRED_TABLES = ['audit_log', 'organisations', 'users', 'kysely_migration'];

export interface BackupResult {
  file: string;
  bytes: number;
  dialect: DbTarget['dialect'];
}

async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string): Promise<void> {
  let version: string;
  try {
    version = (await run(tool, ['--version'])).stdout;
  } catch {
    throw new BackupError(`${tool} not found on PATH: install the PostgreSQL client tools matching the server`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const server = Number((await client.query('show server_version_num')).rows[0].server_version_num);
    const toolMajor = Number(/(\d+)(?:\.\d+)?/.exec(version.replace(/^[^\d]*/, ''))?.[1]);
    const serverMajor = Math.floor(server / 10000);
    if (tool === 'pg_dump' ? toolMajor < serverMajor : toolMajor !== serverMajor) {
      throw new BackupError(`${tool} ${toolMajor} does not match PostgreSQL server ${serverMajor}: use the client tools of version ${serverMajor}`);
    }
  } finally {
    await client.end();
  }
}

export async function backupDatabase(target: DbTarget, file: string): Promise<BackupResult> {
  const out = path.resolve(file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial-${process.pid}`;
  try {
    if (target.dialect === 'sqlite') {
      if (target.url === ':memory:') throw new BackupError('an in-memory database cannot be backed up');
      if (!fs.existsSync(target.url)) throw new BackupError(`database file not found: ${target.url}`);
      const db = new SQLite(target.url, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        await db.backup(tmp);
      } finally {
        db.close();
      }
    } else {
      await pgTool('pg_dump', target.url);
      await run('pg_dump', ['-Fc', '--no-owner', '--no-privileges', '-f', tmp, target.url], { maxBuffer: 64 * 1024 * 1024 });
    }
    await validateBackup(target.dialect, tmp);
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: out, bytes: fs.statSync(out).size, dialect: target.dialect };
}

/** Checks that the file is a whole TechBridge backup of this dialect; throws BackupError saying what is wrong. */
export async function validateBackup(dialect: DbTarget['dialect'], file: string): Promise<{ tables: number }> {
  if (!fs.existsSync(file)) throw new BackupError(`backup file not found: ${file}`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (dialect === 'sqlite') {
    if (head.toString('latin1') !== 'SQLite format 3\u0000') throw new BackupError(`${file} is not a SQLite database (a PostgreSQL dump needs a postgres:// target)`);
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const ok = db.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new BackupError(`${file} fails the SQLite integrity check: ${String(ok)}`);
      const tables = (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name);
      const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
      if (missing.length) throw new BackupError(`${file} is not a TechBridge backup: tables missing: ${missing.join(', ')}`);
      return { tables: tables.length };
    } finally {
      db.close();
    }
  }
  if (head.subarray(0, 5).toString('latin1') !== 'PGDMP') throw new BackupError(`${file} is not a pg_dump custom-format archive (a SQLite backup needs a SQLite target)`);
  let listing: string;
  try {
    listing = (await run('pg_restore', ['-l', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    throw new BackupError(`${file} cannot be read by pg_restore: ${(e as Error).message.split('\n')[0]}`);
  }
  const tables = [...listing.matchAll(/ TABLE DATA \S+ (\S+) /g)].map((m) => m[1]);
  const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
  if (missing.length) throw new BackupError(`${file} is not a TechBridge backup: tables missing: ${missing.join(', ')}`);
  return { tables: tables.length };
}

/** Row counts of every table (business tables first), for the emptiness check and for round-trip comparison. */
export async function tableCounts(target: DbTarget): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (target.dialect === 'sqlite') {
    if (!fs.existsSync(target.url)) return counts;
    const db = new SQLite(target.url, { readonly: true, fileMustExist: true });
    try {
      const names = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
      for (const n of names.sort()) counts[n] = (db.prepare(`select count(*) as c from "${n.replace(/"/g, '""')}"`).get() as { c: number }).c;
    } finally {
      db.close();
    }
    return counts;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const names = (await client.query(`select tablename from pg_tables where schemaname = 'public' order by tablename`)).rows.map((r) => r.tablename as string);
    for (const n of names) counts[n] = Number((await client.query(`select count(*)::int as c from "${n.replace(/"/g, '""')}"`)).rows[0].c);
  } finally {
    await client.end();
  }
  return counts;
}

export async function hasBusinessData(target: DbTarget): Promise<string[]> {
  const counts = await tableCounts(target);
  return Object.entries(counts).filter(([t, c]) => c > 0 && !BOOKKEEPING.has(t)).map(([t]) => t);
}

export interface RestoreResult {
  file: string;
  tables: number;
}

export async function restoreDatabase(target: DbTarget, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const src = path.resolve(file);
  const { tables } = await validateBackup(target.dialect, src);
  const nonEmpty = await hasBusinessData(target);
  if (nonEmpty.length && !opts.force) {
    throw new BackupError(`the target database is not empty (${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? ', …' : ''} hold rows): restore into an empty database, or pass --force to replace its contents`);
  }
  if (target.dialect === 'sqlite') {
    if (target.url === ':memory:') throw new BackupError('cannot restore into an in-memory database');
    fs.mkdirSync(path.dirname(target.url), { recursive: true });
    // the backup API copies every page of the backup into the target (replacing it) under a lock, WAL included
    const from = new SQLite(src, { readonly: true, fileMustExist: true });
    try {
      await from.backup(target.url);
    } finally {
      from.close();
    }
  } else {
    await pgTool('pg_restore', target.url);
    // pg_restore writes the SQL script; psql runs "empty the public schema + the script" as ONE transaction, so a
    // failed restore leaves the target as it was, and tables created after the backup do not linger
    const script = `${src}.restore-${process.pid}.sql`;
    try {
      await run('pg_restore', ['--no-owner', '--no-privileges', '-f', script, src], { maxBuffer: 64 * 1024 * 1024 });
      await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-c', 'drop schema if exists public cascade', '-c', 'create schema public', '-f', script, target.url], { maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      throw new BackupError(`restore failed, the target is unchanged: ${((e as { stderr?: string }).stderr || (e as Error).message).split('\n').slice(0, 3).join(' ')}`);
    } finally {
      fs.rmSync(script, { force: true });
    }
  }
  return { file: src, tables };
}
