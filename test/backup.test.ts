/**
 * `techbridge backup` / `restore` round trip on every dialect: seed data, back up, wipe, restore; the row counts
 * match and the audit chain verifies. Restore validates the file and refuses a database holding data without --force.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/kernel/audit/index.js';
import { openDatabase } from '../src/kernel/db/database.js';
import { tableCounts, backupDatabase, restoreDatabase, BackupError } from '../src/workflows/backup.js';
import { DIALECTS, PG_URL, createPgDatabase, createTestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser } from './factories.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/techbridge.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(db: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}


describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  it('round-trips: seed, backup, wipe, restore → same row counts, audit chain verifies', async () => {
    const p = await createTestPlatform(dialect);
    const target = { dialect, url: p.config.databaseUrl } as const;
    const file = path.join(dir, `${dialect}.backup`);
    let other: { url: string; drop(): Promise<void> } | null = null;
    try {
      const owner = await makeUser(p, 'enterprise', { orgAdmin: true });
      await makePublished(p, 'demand', owner.actor);
      await makePublished(p, 'achievement', owner.actor);
      await makeOrganisation(p);
      const before = await tableCounts(target);
      expect(before.audit_log).toBeGreaterThan(3);
      expect(before.demands).toBe(1);

      // through the CLI, while the platform still holds its connections open (online backup)
      const b = await cli(target.url, 'backup', file);
      expect(b.stderr).toBe('');
      expect(b.code).toBe(0);
      expect(b.stdout).toMatch(/backup written: .* \d+ bytes\)/);
      await p.close();

      // a database with data is refused without --force
      const refused = await cli(target.url, 'restore', file);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not empty/);

      // wipe: a brand-new empty database (SQLite file removed / PostgreSQL: another database)
      let restoreUrl = target.url;
      if (dialect === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target.url + suffix, { force: true });
      } else {
        other = await createPgDatabase('tb_restore');
        restoreUrl = other.url;
      }
      const r = await cli(restoreUrl, 'restore', file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const after = await tableCounts({ dialect, url: restoreUrl });
      expect(after).toEqual(before);
      const db = openDatabase(restoreUrl, dialect);
      try {
        expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, count: before.audit_log });
      } finally {
        await db.close();
      }
      // the restored database serves: audit verify through the CLI
      const v = await cli(restoreUrl, 'audit', 'verify');
      expect(v.code).toBe(0);
      expect(v.stdout).toContain(`audit chain OK: ${before.audit_log} entries`);

      // --force replaces a database holding data (restore over itself after a change)
      const db2 = openDatabase(restoreUrl, dialect);
      await db2.db.deleteFrom('demands' as never).execute().catch(() => undefined);
      await db2.close();
      expect((await restoreDatabase({ dialect, url: restoreUrl }, file, { force: true })).tables).toBeGreaterThan(10);
      expect(await tableCounts({ dialect, url: restoreUrl })).toEqual(before);
    } finally {
      await p.destroy().catch(() => undefined);
      await other?.drop();
    }
  }, 240_000);

  it('validates the file before touching the target', async () => {
    const junk = path.join(dir, `junk-${dialect}.bin`);
    fs.writeFileSync(junk, 'definitely not a backup');
    const target = dialect === 'sqlite' ? { dialect, url: path.join(dir, 'never.db') } as const : { dialect, url: PG_URL } as const;
    await expect(restoreDatabase(target, junk)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(target, path.join(dir, 'missing.backup'))).rejects.toThrow(/not found/);
    if (dialect === 'sqlite') {
      expect(fs.existsSync(target.url)).toBe(false);
      // a SQLite file that is not a TechBridge database
      const SQLite = (await import('better-sqlite3')).default;
      const foreign = path.join(dir, 'foreign.db');
      const f = new SQLite(foreign);
      f.exec('create table t (x)');
      f.close();
      await expect(restoreDatabase(target, foreign)).rejects.toThrow(/tables missing: audit_log/);
    }
    await expect(backupDatabase(dialect === 'sqlite' ? { dialect, url: path.join(dir, 'nope.db') } : { dialect, url: PG_URL.replace(/\/[^/]*$/, '/tb_no_such_db') }, path.join(dir, 'x.backup'))).rejects.toThrow();
    expect(fs.existsSync(path.join(dir, 'x.backup'))).toBe(false);
  }, 60_000);
});
