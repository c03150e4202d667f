/**
 * Faults, with real processes:
 *  (a) `techbridge import` killed with SIGKILL at random points of a large import (SQLite; PostgreSQL when it answers):
 *      after every kill the database is consistent (no half-written record, batch or organisation, no duplicate
 *      external id, audit rows match the records), and re-running the import finishes with the exact counts.
 *  (b) PostgreSQL going away under a running server (a TCP proxy in this test is cut — the shared PostgreSQL service
 *      is never stopped): API calls answer 503 DATABASE_UNAVAILABLE, /readyz 503, /healthz 200; when the proxy comes
 *      back, the same server answers 200 again.
 * Kill points are random; the seed is printed, FAULT_SEED=<seed> replays it. FAULT_ROWS / FAULT_KILLS (SQLite, default
 * 6000 × 10) and FAULT_PG_ROWS / FAULT_PG_KILLS (default 2000 × 3) change the size.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../src/kernel/db/database.js';
import * as audit from '../src/kernel/audit/index.js';
import { ImportCorpus, writeJsonl } from '../bench/lib/import-corpus.js';
import { mulberry32 } from '../bench/lib/synthetic-corpus.js';
import { classifyField } from '../src/modules/reference/index.js';
import { BIN, createPgDatabase, postgresAnswers, ROOT, runCli, startServerChild, type ServerChild } from '../bench/lib/processes.js';

const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROWS = Number(process.env.FAULT_ROWS ?? 6000);
const KILLS = Number(process.env.FAULT_KILLS ?? 10);
const PG_ROWS = Number(process.env.FAULT_PG_ROWS ?? 2000);
const PG_KILLS = Number(process.env.FAULT_PG_KILLS ?? 3);
const BATCH = 200; // importListings' default batch: one transaction each
const pgUp = await postgresAnswers();
if (!pgUp && process.env.CI === 'true') throw new Error('CI=true but PostgreSQL does not answer: the PostgreSQL fault tests cannot be skipped in CI');
console.log(`[faults] FAULT_SEED=${SEED}; SQLite ${ROWS} rows × ${KILLS} kills, PostgreSQL ${PG_ROWS} rows × ${PG_KILLS} kills (replay with FAULT_SEED=${SEED})`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-faults-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** An import file and, per external id, its position in the file and how many IP items and industry codes it carries. */
interface ImportFile {
  file: string;
  rows: number;
  expected: Map<string, { pos: number; ip: number; industries: number }>;
}

async function importFile(name: string, rows: number, seed: number): Promise<ImportFile> {
  const corpus = new ImportCorpus(seed);
  const file = path.join(work, `${name}.jsonl`);
  const expected: ImportFile['expected'] = new Map();
  await writeJsonl(file, rows, (i) => {
    const r = corpus.achievement(i, `FAULT-${seed}`);
    expected.set(r.id as string, { pos: i, ip: (r.ip as unknown[]).length, industries: new Set(classifyField(r.field as string)).size });
    return r;
  });
  return { file, rows, expected };
}

async function count(db: Kysely<any>, table: string): Promise<number> {
  try {
    const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } catch {
    return 0; // not migrated yet
  }
}

/** Every consistency rule a kill must not break; returns the number of achievements present. */
async function checkConsistent(database: Database<any>, f: ImportFile, where: string): Promise<number> {
  const { expected } = f;
  const ROWS = f.rows;
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    const ic = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    expect(ic.rows.map((r) => r.integrity_check), `${where}: integrity_check`).toEqual(['ok']);
    const fk = await sql`pragma foreign_key_check`.execute(db);
    expect(fk.rows, `${where}: foreign_key_check`).toEqual([]);
  }
  const rows = await db.selectFrom('achievements').select(['id', 'external_id', 'organisation_id']).execute().catch(() => [] as { id: string; external_id: string; organisation_id: string }[]);
  if (!rows.length) return 0;
  // no duplicate by external id, and nothing that is not from the file
  const ext = rows.map((r) => r.external_id);
  expect(new Set(ext).size, `${where}: duplicate external ids`).toBe(ext.length);
  for (const e of ext) expect(expected.has(e), `${where}: unknown external id ${e}`).toBe(true);
  // whole batches only: a batch is one transaction, so every batch present is complete
  const perBatch = new Map<number, number>();
  for (const e of ext) {
    const b = Math.floor(expected.get(e)!.pos / BATCH);
    perBatch.set(b, (perBatch.get(b) ?? 0) + 1);
  }
  for (const [b, n] of perBatch) expect(n, `${where}: batch ${b} is partial`).toBe(Math.min(BATCH, ROWS - b * BATCH));
  // every achievement has its owner organisation, every organisation (all created by this import) owns something
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).execute();
  expect(new Set(orgs.map((o) => o.name)).size, `${where}: an organisation created twice`).toBe(orgs.length);
  const orgIds = new Set(orgs.map((o) => o.id));
  for (const r of rows) expect(orgIds.has(r.organisation_id), `${where}: achievement ${r.external_id} without its organisation`).toBe(true);
  const owning = new Set(rows.map((r) => r.organisation_id));
  expect(orgs.filter((o) => !owning.has(o.id)).length, `${where}: organisations created without their listing`).toBe(0);
  // no half-written record: each achievement has all its IP items and its industry rows
  const ip = await db.selectFrom('ip_items').select(['achievement_id', (eb) => eb.fn.countAll().as('n')]).groupBy('achievement_id').execute();
  const ipBy = new Map(ip.map((r) => [r.achievement_id as string, Number(r.n)]));
  const ind = await db.selectFrom('achievement_industries').select(['listing_id', (eb) => eb.fn.countAll().as('n')]).groupBy('listing_id').execute();
  const indBy = new Map(ind.map((r) => [r.listing_id as string, Number(r.n)]));
  for (const r of rows) {
    expect(ipBy.get(r.id) ?? 0, `${where}: IP items of ${r.external_id}`).toBe(expected.get(r.external_id)!.ip);
    expect(indBy.get(r.id) ?? 0, `${where}: industries of ${r.external_id}`).toBe(expected.get(r.external_id)!.industries);
  }
  // the audit log holds exactly one import entry per record and one creation entry per organisation
  const creates = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'achievement.import_create').execute();
  expect(creates.length, `${where}: audit entries for achievements`).toBe(rows.length);
  expect(new Set(creates.map((c) => c.subject_id))).toEqual(new Set(rows.map((r) => r.id)));
  const orgCreates = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'organisation.create').execute();
  expect(new Set(orgCreates.map((c) => c.subject_id)), `${where}: audit entries for organisations`).toEqual(orgIds);
  expect(orgCreates.length).toBe(orgIds.size);
  // where the audit log is hash-chained, the chain still verifies after the kill
  const verify = (audit as Record<string, unknown>).verifyAuditChain as ((db: Kysely<any>) => Promise<{ ok: boolean; reason?: string }>) | undefined;
  if (verify) {
    const v = await verify(db);
    expect(v.ok, `${where}: audit chain: ${v.reason ?? ''}`).toBe(true);
  }
  return rows.length;
}

/** Runs the import and SIGKILLs it at one random point; resolves with what was present when it died. */
async function importAndKill(db: string, database: Database<any>, file: string, rand: () => number, k: number, before: number): Promise<{ delayMs: number; at: number; how: string; exit: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'import', 'achievements', file, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TECHBRIDGE_DB: '', DATABASE_URL: '' } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  const exited = new Promise<string>((r) => child.once('exit', (code, sig) => r(sig ?? `exit ${code}`)));
  const started = Date.now();
  let how: string;
  let delayMs: number;
  if (k === 0) {
    // one kill early: start-up (module loading, migrations, reading the file) or the first batches. Not later: on a
    // quiet machine the whole file imports in ~5 s, and a first kill near its end leaves no room for the others.
    delayMs = Math.floor(300 + rand() * 1700);
    how = 'from spawn';
    await new Promise((r) => setTimeout(r, delayMs));
  } else {
    // the others while batches are being committed: wait for this run's first new commit, then a random delay
    how = 'after first new commit';
    // short enough that several kills land before the end even on a quiet machine (a 200-row batch commits in ~100 ms)
    delayMs = Math.floor(rand() * 600);
    for (;;) {
      if (child.exitCode !== null || Date.now() - started > 180_000) break; // (a quiet machine needs ~5 s)
      if ((await count(database.db, 'achievements')) > before) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
  child.kill('SIGKILL');
  const exit = await exited;
  return { delayMs, at: Date.now() - started, how, exit, stderr: stderr.trim() };
}

async function killLoop(dialect: 'sqlite' | 'postgres', db: string, f: ImportFile, kills: number): Promise<void> {
  const ROWS = f.rows;
  const rand = mulberry32(SEED ^ (dialect === 'sqlite' ? 1 : 2));
  const database = openDatabase<any>(db, dialect, { poolSize: 2 });
  try {
    let present = 0;
    let killedMidway = 0;
    const log: string[] = [];
    for (let k = 0; k < kills; k++) {
      const before = present;
      const r = await importAndKill(db, database, f.file, rand, k, before);
      // the import either died by the kill or finished; an import that fails by itself (e.g. cannot start on what an
      // earlier kill left behind) is a finding, reported with its stderr
      if (r.exit !== 'SIGKILL') expect(r.exit, `${dialect} kill ${k + 1}: the import exited by itself\n${r.stderr}\n${log.join('\n')}`).toBe('exit 0');
      present = await checkConsistent(database, f, `${dialect} kill ${k + 1} (${r.how} +${r.delayMs} ms)`);
      if (present > before && present < ROWS) killedMidway += 1;
      log.push(`[faults] ${dialect} kill ${k + 1}/${kills}: ${r.how} +${r.delayMs} ms (at ${r.at} ms, ${r.exit}); ${present}/${ROWS} achievements, consistent`);
      console.log(log.at(-1));
      if (present === ROWS) break;
    }
    // the kills landed in the middle of the import, not all before or after it
    expect(killedMidway, `FAULT_SEED=${SEED}\n${log.join('\n')}`).toBeGreaterThanOrEqual(Math.min(3, kills - 1));
    // re-running finishes: everything present once, the rows imported before the kills are unchanged
    const done = await runCli(['--db', db, 'import', 'achievements', f.file, '--json']);
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { total: number; created: number; updated: number; unchanged: number; problems: unknown[] };
    expect(report).toMatchObject({ total: ROWS, created: ROWS - present, updated: 0, unchanged: present, problems: [] });
    expect(await checkConsistent(database, f, `${dialect} after re-run`)).toBe(ROWS);
    expect(await count(database.db, 'achievements')).toBe(ROWS);
  } finally {
    await database.close();
  }
}

describe('faults: kill -9 during a large import', () => {
  it(`SQLite: ${KILLS} kills at random points, consistent after each, re-run completes without duplicates`, async () => {
    await killLoop('sqlite', path.join(work, 'faults.db'), await importFile('sqlite', ROWS, SEED), KILLS);
  }, 600_000);

  it.skipIf(!pgUp)('PostgreSQL: kills at random points, consistent after each, re-run completes without duplicates', async () => {
    const pgdb = await createPgDatabase('tb_faults');
    try {
      await killLoop('postgres', pgdb.url, await importFile('postgres', PG_ROWS, SEED + 1), PG_KILLS);
    } finally {
      await pgdb.drop();
    }
  }, 600_000);
});

/** A TCP proxy in front of PostgreSQL that the test can cut and restore (the service itself keeps running). */
class PgProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  /** forward: a working path to PostgreSQL; blackhole: connections are accepted and never answered (a hung database). */
  async open(mode: 'forward' | 'blackhole' = 'forward'): Promise<void> {
    const server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (mode === 'blackhole') return;
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => undefined);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stop listening and drop every open connection: new connections are refused. */
  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}

describe.skipIf(!pgUp)('faults: PostgreSQL goes away under a running server', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  let proxy: PgProxy;
  let server: ServerChild;
  let achievementId = '';

  beforeAll(async () => {
    pgdb = await createPgDatabase('tb_faults_down');
    const small = path.join(work, 'small.jsonl');
    const c = new ImportCorpus(SEED + 7, 50);
    await writeJsonl(small, 40, (i) => c.achievement(i, 'DOWN'));
    const imp = await runCli(['--db', pgdb.url, 'import', 'achievements', small]);
    expect(imp.code, imp.stderr).toBe(0);
    const target = new URL(pgdb.url);
    proxy = new PgProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(pgdb.url);
    viaProxy.port = String(proxy.port);
    server = await startServerChild(viaProxy.toString(), {}, 90_000);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.cut();
    await pgdb?.drop();
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${p}`, { headers }).catch((e: Error) => {
      throw new Error(`GET ${p}: ${e.message}; server exit ${server.proc.exitCode ?? server.proc.signalCode ?? 'none'}; server log:\n${server.log().slice(-3000)}`);
    });
    const text = await res.text();
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body };
  };

  it('answers 503 DATABASE_UNAVAILABLE while the database is unreachable, and recovers when it returns', async () => {
    const list = await get('/api/achievements?pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(40);
    achievementId = list.body.items[0].id;
    // a word the index holds (the corpus is random per seed): its hits must be read from the database. A word no
    // listing holds is answered from the index alone (200, empty), database or not.
    const word = (list.body.items[0].keywords as string[])[0];
    const hits = await get(`/api/achievements?q=${encodeURIComponent(word)}`);
    expect(hits.status).toBe(200);
    expect(hits.body.total).toBeGreaterThan(0);
    expect((await get('/readyz')).status).toBe(200);

    await proxy.cut();
    for (const p of ['/api/achievements?pageSize=5', `/api/achievements/${achievementId}`, `/api/achievements?q=${encodeURIComponent(word)}`]) {
      const r = await get(p);
      expect(r.status, `${p}: ${JSON.stringify(r.body)}`).toBe(503);
      expect(r.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(r.body.error.message).toBe('数据库暂不可用，请稍后再试');
    }
    const en = await get('/api/achievements?pageSize=5', { 'accept-language': 'en' });
    expect(en).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; try again later' } } });
    const match = await fetch(`${server.url}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '复合材料 预浸料 固化' }) });
    expect(match.status).toBe(503);
    expect(((await match.json()) as any).error.code).toBe('DATABASE_UNAVAILABLE');
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });

    // a database that accepts connections and never answers: the request ends in 503 after the connect timeout, not never
    await proxy.open('blackhole');
    const t0 = Date.now();
    const hung = await get('/api/achievements?pageSize=5');
    expect(hung.status, JSON.stringify(hung.body)).toBe(503);
    expect(hung.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(Date.now() - t0).toBeLessThan(15_000);
    await proxy.cut();

    // the database comes back on the same address: the same server process serves again without a restart
    await proxy.open();
    const deadline = Date.now() + 20_000;
    let readyAgain = 0;
    while (Date.now() < deadline) {
      readyAgain = (await get('/readyz')).status;
      if (readyAgain === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(readyAgain).toBe(200);
    const again = await get('/api/achievements?pageSize=5');
    expect(again.status).toBe(200);
    expect(again.body.total).toBe(40);
    expect((await get(`/api/achievements/${achievementId}`)).status).toBe(200);
    expect(server.proc.exitCode).toBeNull();
  }, 60_000);
});
