/**
 * HTTP load bench: `techbridge serve` as a separate process on loopback, driven by autocannon.
 *   npm run bench:http [-- --duration 60] [--connections 100] [--mode embedded|server|both] [--corpus 100000]
 *                      [--phase-duration 20] [--demands N] [--no-phases] [--workers N|auto]
 * Smoke run: npm run bench:http -- --corpus 5000 --duration 10 --phase-duration 5 --mode embedded
 *
 * Per mode: a fresh database (SQLite file, or a throwaway PostgreSQL database [+ REDIS_URL when the platform has
 * server-mode Redis support]); the corpus (cached under node_modules/.cache/techbridge-bench) loaded through the
 * real import command; two bench users with API tokens; then phases: warm-up, reads only, match only, and the mixed
 * workload (35% search, 35% match, 20% detail reads, 10% draft writes). Prints per class req/s, p50/p99 and
 * non-2xx, checks rows written == 2xx writes, compares against the targets in the same run (PASS/FAIL), and writes
 * bench/results/http.json. Rate limits: only sign-in and registration are limited (per route), and the bench signs in
 * once per user, so no limit needs raising; should a global limit appear, BENCH_SERVER_ENV='K=V,K=V' passes
 * settings to the server (e.g. RATE_LIMIT_MAX=1000000).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/kernel/config.js';
import { systemActor } from '../src/kernel/auth/index.js';
import { createPlatform, type Platform } from '../src/platform.js';
import { cachedCorpus, ImportCorpus } from './lib/import-corpus.js';
import { cpuSeconds, createPgDatabase, postgresAnswers, runCli, startServerChild, type ServerChild } from './lib/processes.js';

const here = dirname(fileURLToPath(import.meta.url));
type Mode = 'embedded' | 'server';
type Cls = 'search' | 'match' | 'read' | 'write';
const CLASSES: Cls[] = ['search', 'match', 'read', 'write'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function num(name: string, dflt: number): number {
  const v = arg(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${v}")`);
  return n;
}

const DURATION = num('duration', 60);
const CONNECTIONS = num('connections', 100);
const CORPUS = num('corpus', 100_000);
const DEMANDS = num('demands', Math.max(200, Math.round(CORPUS / 50)));
const PHASE = num('phase-duration', Math.max(5, Math.round(DURATION / 3)));
const MODE = (arg('mode') ?? 'both') as Mode | 'both';
const PHASES = !process.argv.includes('--no-phases');
/** API worker processes per server (`serve --workers N`); default: one per core */
const WORKERS = arg('workers') ?? 'auto';
if (!['embedded', 'server', 'both'].includes(MODE)) throw new Error('--mode must be embedded, server or both');
const PASSWORD = 'Bench#2026load';

const TARGETS = { readsRps: 2000, matchRps: 500, p99Ms: 200 };

// ------------------------------------------------------------------ statistics

interface ClassStats {
  count: number;
  ok: number;
  non2xx: number;
  statuses: Record<string, number>;
  lat: number[];
}
interface PhaseResult {
  phase: string;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  classes: Partial<Record<Cls, { rps: number; p50: number; p99: number; non2xx: number; count: number; statuses: Record<string, number> }>>;
  /** the server process's CPU time per answered request: comparable across runs even on a busy machine */
  serverCpuMsPerRequest: number;
  serverCpuPercent: number;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ------------------------------------------------------------------ the workload

interface Fixture {
  achievementIds: string[];
  demandIds: string[];
  enterpriseToken: string;
  institutionToken: string;
}

class Workload {
  private readonly c: ImportCorpus;
  private seq = 0;
  constructor(
    private readonly fx: Fixture,
    seed: number,
  ) {
    this.c = new ImportCorpus(seed, 200);
  }
  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.c.rand() * xs.length)];
  }

  /** One request of the given class, as autocannon wants it. */
  /** Every write carries a unique marker in its (confidential) detail, so the rows it created can be counted exactly. */
  readonly marker = `bench-write-${process.pid}-${Date.now().toString(36)}`;

  request(cls: Cls): { method: string; path: string; headers: Record<string, string>; body?: string; wid?: string } {
    const json = { 'content-type': 'application/json', 'accept-language': 'zh-CN' };
    const r = this.c.rand();
    switch (cls) {
      case 'search': {
        const kind = r < 0.75 ? 'achievements' : 'demands';
        return { method: 'GET', path: `/api/${kind}?q=${encodeURIComponent(this.c.searchTerm())}&pageSize=20`, headers: {} };
      }
      case 'match':
        if (r < 0.5) return { method: 'POST', path: '/api/match', headers: json, body: JSON.stringify({ text: this.c.query(this.seq++), top: 10 }) };
        return { method: 'GET', path: `/api/matches?demand=${this.pick(this.fx.demandIds)}&top=10`, headers: {} };
      case 'read':
        if (r < 0.75) return { method: 'GET', path: `/api/achievements/${this.pick(this.fx.achievementIds)}`, headers: {} };
        return { method: 'GET', path: `/api/demands/${this.pick(this.fx.demandIds)}`, headers: {} };
      case 'write': {
        const i = this.seq++;
        const wid = `${this.marker}-${i}`;
        if (r < 0.5) {
          const d = this.c.demand(i, 'W');
          const body = { title: `${d.title}`, description: d.description, detail: wid, field: d.field, regionCode: d.region, keywords: [], minTrl: d.min_trl };
          return { method: 'POST', path: '/api/demands', headers: { ...json, authorization: `Bearer ${this.fx.enterpriseToken}` }, body: JSON.stringify(body), wid };
        }
        const a = this.c.achievement(i, 'W');
        const body = { title: a.title, summary: a.summary, detail: wid, field: a.field, regionCode: a.region, keywords: a.keywords, trl: a.trl };
        return { method: 'POST', path: '/api/achievements', headers: { ...json, authorization: `Bearer ${this.fx.institutionToken}` }, body: JSON.stringify(body), wid };
      }
    }
  }
}

/** Runs autocannon for `seconds` with requests drawn from `mix` (class → weight); per-class latency from each response. */
/** Writes by outcome: acknowledged with 2xx, answered otherwise, or sent and never answered (in flight when the clock stopped). */
interface WriteLedger {
  ok: Set<string>;
  failed: Set<string>;
  sent: Set<string>;
}

async function phase(name: string, url: string, seconds: number, mix: Partial<Record<Cls, number>>, wl: Workload, ledger: WriteLedger, serverPid: number): Promise<PhaseResult> {
  const entries = Object.entries(mix) as [Cls, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const stats = new Map<Cls, ClassStats>(entries.map(([c]) => [c, { count: 0, ok: 0, non2xx: 0, statuses: {}, lat: [] }]));
  const all: number[] = [];
  const draw = (): Cls => {
    let u = Math.random() * total;
    for (const [c, w] of entries) if ((u -= w) < 0) return c;
    return entries[entries.length - 1][0];
  };
  const t0 = performance.now();
  const cpu0 = cpuSeconds(serverPid);
  // without a callback autocannon returns its instance, which is also a promise of the result
  const instance: any = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req: any, context: any) => {
          const cls = draw();
          const { wid, ...r } = wl.request(cls);
          context.cls = cls;
          context.wid = wid;
          if (wid) ledger.sent.add(wid);
          return { ...req, ...r };
        },
      },
    ],
  } as any) as any;
  // the response event fires before the client builds its next request, so the context still names this request's class
  instance.on('response', (client: any, status: number, _bytes: number, ms: number) => {
    const cls = client.requestIterator?.context?.cls as Cls | undefined;
    const wid = client.requestIterator?.context?.wid as string | undefined;
    if (wid) (status >= 200 && status < 300 ? ledger.ok : ledger.failed).add(wid);
    all.push(ms);
    const s = cls && stats.get(cls);
    if (!s) return;
    s.count++;
    s.lat.push(ms);
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) s.ok++;
    else s.non2xx++;
  });
  const res = (await instance) as autocannon.Result;
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(serverPid) - cpu0;
  all.sort((a, b) => a - b);
  const classes: PhaseResult['classes'] = {};
  for (const [c, s] of stats) {
    s.lat.sort((a, b) => a - b);
    classes[c] = { rps: s.count / secs, p50: pct(s.lat, 50), p99: pct(s.lat, 99), non2xx: s.non2xx, count: s.count, statuses: s.statuses };
  }
  return {
    phase: name,
    seconds: secs,
    requests: all.length,
    rps: all.length / secs,
    p50: pct(all, 50),
    p99: pct(all, 99),
    errors: res.errors,
    timeouts: res.timeouts,
    non2xx: res.non2xx,
    classes,
    serverCpuMsPerRequest: (cpu * 1000) / Math.max(1, all.length),
    serverCpuPercent: (cpu / secs) * 100,
  };
}

// ------------------------------------------------------------------ setup per mode

async function openPlatform(db: string): Promise<Platform> {
  return createPlatform(loadConfig({ TECHBRIDGE_DB: db, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null }));
}

async function benchUsers(db: string): Promise<{ orgIds: string[]; users: { email: string }[] }> {
  const p = await openPlatform(db);
  try {
    const sys = systemActor('bench');
    const ent = await p.services.organisations.findOrCreateByName(sys, '压测专用企业（bench）', '210100', 'enterprise', p.ctx.db);
    const inst = await p.services.organisations.findOrCreateByName(sys, '压测专用研究院（bench）', '210200', 'institute', p.ctx.db);
    const stamp = Date.now().toString(36);
    const e = await p.services.accounts.createUser(sys, { email: `bench-ent-${stamp}@bench.techbridge.cn`, password: PASSWORD, name: '压测企业用户', role: 'enterprise', organisationId: ent.row.id, orgAdmin: true });
    const i = await p.services.accounts.createUser(sys, { email: `bench-inst-${stamp}@bench.techbridge.cn`, password: PASSWORD, name: '压测院所用户', role: 'institution', organisationId: inst.row.id, orgAdmin: true });
    return { orgIds: [ent.row.id, inst.row.id], users: [{ email: e.email }, { email: i.email }] };
  } finally {
    await p.close();
  }
}

async function idsAndCount(db: string, orgIds: string[]): Promise<{ achievementIds: string[]; demandIds: string[]; benchRows: number; markers: string[] }> {
  const p = await openPlatform(db);
  try {
    const a = await p.ctx.db.selectFrom('achievements').select('id').where('status', '=', 'published').orderBy('id').execute();
    const d = await p.ctx.db.selectFrom('demands').select('id').where('status', '=', 'published').orderBy('id').execute();
    const wa = await p.ctx.db.selectFrom('achievements').select('detail').where('organisation_id', 'in', orgIds).execute();
    const wd = await p.ctx.db.selectFrom('demands').select('detail').where('organisation_id', 'in', orgIds).execute();
    const markers = [...wa, ...wd].map((r) => r.detail);
    const sample = <T>(xs: T[], n: number) => (xs.length <= n ? xs : Array.from({ length: n }, (_, k) => xs[Math.floor((k * xs.length) / n)]));
    return { achievementIds: sample(a.map((r) => r.id), 20_000), demandIds: sample(d.map((r) => r.id), 5_000), benchRows: markers.length, markers };
  } finally {
    await p.close();
  }
}

async function token(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const t = await fetch(`${base}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'http bench' }) });
  if (t.status !== 201) throw new Error(`bench token failed: ${t.status} ${await t.text()}`);
  return ((await t.json()) as { token: string }).token;
}

/** Whether this build has server-mode Redis support (config knows REDIS_KEY_PREFIX). */
function hasRedisSupport(): boolean {
  return 'redisKeyPrefix' in loadConfig({ TECHBRIDGE_DB: ':memory:' });
}

function extraServerEnv(): Record<string, string> {
  const raw = process.env.BENCH_SERVER_ENV ?? '';
  return Object.fromEntries(raw.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}

interface ModeResult {
  mode: Mode;
  database: string;
  redis: string | null;
  corpus: number;
  demands: number;
  importSeconds: number;
  importRowsPerSecond: number;
  indexBuildMs: number | null;
  phases: PhaseResult[];
  writes2xx: number;
  rowsWritten: number;
  targets: { name: string; target: string; measured: string; pass: boolean }[];
}

async function runMode(mode: Mode, files: { achievements: string; demands: string }): Promise<ModeResult | null> {
  let db: string;
  let cleanup: () => Promise<void>;
  let redis: string | null = null;
  const serverEnv: Record<string, string> = { WORKERS, ...extraServerEnv() };
  if (mode === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'tb-http-bench-'));
    db = join(dir, 'bench.db');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!(await postgresAnswers())) {
      console.log('server mode skipped: PostgreSQL does not answer (set BENCH_DATABASE_URL)');
      return null;
    }
    const pgdb = await createPgDatabase('tb_http_bench');
    db = pgdb.url;
    cleanup = pgdb.drop;
    if (hasRedisSupport()) {
      redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
      serverEnv.REDIS_URL = redis;
      serverEnv.REDIS_KEY_PREFIX = `tbbench${process.pid}:`;
    } else console.log('  (this build has no server-mode Redis support yet: server mode runs with PostgreSQL only)');
  }
  let server: ServerChild | null = null;
  try {
    console.log(`\n== ${mode}: ${mode === 'embedded' ? 'SQLite' : 'PostgreSQL'}${redis ? ' + Redis' : ''}`);
    const t0 = performance.now();
    for (const [kind, file] of [['achievements', files.achievements], ['demands', files.demands]] as const) {
      const r = await runCli(['--db', db, 'import', kind, file, '--json']);
      if (r.code !== 0) throw new Error(`import ${kind} failed (${r.code}): ${r.stderr.slice(-2000)}`);
      const rep = JSON.parse(r.stdout) as { created: number; problems: unknown[] };
      console.log(`  import ${kind}: ${rep.created} created, ${rep.problems.length} problems in ${(r.ms / 1000).toFixed(1)} s`);
    }
    const importSeconds = (performance.now() - t0) / 1000;
    const { orgIds, users } = await benchUsers(db);
    const before = await idsAndCount(db, orgIds);
    server = await startServerChild(db, serverEnv);
    const built = /matching index built: (\d+) achievements, (\d+) demands in (\d+) ms/.exec(server.log());
    console.log(`  server ${server.url} (pid ${server.proc.pid}); ${built ? `index ${built[1]} achievements + ${built[2]} demands in ${built[3]} ms` : ''}`);
    const fx: Fixture = { achievementIds: before.achievementIds, demandIds: before.demandIds, enterpriseToken: await token(server.url, users[0].email), institutionToken: await token(server.url, users[1].email) };
    // scheduled jobs first run 5 s after start (credit classes, sweeps …): let them finish before measuring
    const settle0 = performance.now();
    for (let quiet = 0; performance.now() - settle0 < 120_000 && quiet < 3; ) {
      const c0 = cpuSeconds(server.proc.pid!);
      await new Promise((r) => setTimeout(r, 1000));
      quiet = performance.now() - settle0 > 10_000 && cpuSeconds(server.proc.pid!) - c0 < 0.05 ? quiet + 1 : 0;
    }
    console.log(`  server idle after ${((performance.now() - settle0) / 1000).toFixed(0)} s (start-up jobs done)`);
    const wl = new Workload(fx, 99);
    const mixed = { search: 35, match: 35, read: 20, write: 10 };
    const phases: PhaseResult[] = [];
    const ledger: WriteLedger = { ok: new Set(), failed: new Set(), sent: new Set() };
    const serverPid = server.proc.pid!;
    const runPhase = async (name: string, secs: number, mix: Partial<Record<Cls, number>>, keep = true) => {
      const pr = await phase(name, server!.url, secs, mix, wl, ledger, serverPid);
      if (keep) {
        phases.push(pr);
        printPhase(pr);
      }
      return pr;
    };
    await runPhase('warm-up', Math.min(5, PHASE), mixed, false);
    if (PHASES) {
      await runPhase('reads only', PHASE, { read: 1 });
      await runPhase('match only', PHASE, { match: 1 });
      await runPhase('search only', PHASE, { search: 1 });
    }
    const mix = await runPhase('mixed 35/35/20/10', DURATION, mixed);
    await server.stop();
    server = null;
    const after = await idsAndCount(db, orgIds);
    const rowsWritten = after.benchRows - before.benchRows;
    // Exact accounting: every 2xx write is in the database once, no refused write is, and any other row comes from a
    // request still in flight when autocannon stopped the clock (the server finished it, nobody read the answer).
    const written = after.markers.filter((m) => m?.startsWith(wl.marker));
    const writtenSet = new Set(written);
    const writes2xx = ledger.ok.size;
    const inFlight = new Set([...ledger.sent].filter((w) => !ledger.ok.has(w) && !ledger.failed.has(w)));
    const lost = [...ledger.ok].filter((w) => !writtenSet.has(w)).length;
    const dup = written.length - writtenSet.size;
    const refusedButWritten = [...ledger.failed].filter((w) => writtenSet.has(w)).length;
    const extra = written.filter((w) => !ledger.ok.has(w));
    const unexplained = extra.filter((w) => !inFlight.has(w)).length;
    const writesExact = lost === 0 && dup === 0 && refusedButWritten === 0 && unexplained === 0 && rowsWritten === written.length;
    const reads = phases.find((p) => p.phase === 'reads only')?.classes.read;
    const match = phases.find((p) => p.phase === 'match only')?.classes.match;
    const errs = phases.reduce((s, p) => s + p.errors + p.timeouts + p.non2xx, 0);
    const targets = [
      ...(reads ? [{ name: 'reads (reads-only phase)', target: `≥ ${TARGETS.readsRps} req/s`, measured: `${reads.rps.toFixed(0)} req/s`, pass: reads.rps >= TARGETS.readsRps }] : []),
      ...(match ? [{ name: 'match (match-only phase)', target: `≥ ${TARGETS.matchRps} req/s`, measured: `${match.rps.toFixed(0)} req/s`, pass: match.rps >= TARGETS.matchRps }] : []),
      { name: 'p99, mixed workload', target: `≤ ${TARGETS.p99Ms} ms`, measured: `${mix.p99.toFixed(1)} ms`, pass: mix.p99 <= TARGETS.p99Ms },
      { name: 'errors (non-2xx, socket errors, timeouts), all phases', target: '0', measured: String(errs), pass: errs === 0 },
      {
        name: 'rows written = 2xx writes (+ writes still in flight when the clock stopped)',
        target: `${writes2xx} (+ ≤ ${inFlight.size} in flight)`,
        measured: `${rowsWritten} rows = ${writes2xx - lost} acknowledged + ${extra.length} in flight; lost ${lost}, duplicated ${dup}, refused-but-written ${refusedButWritten}, unexplained ${unexplained}`,
        pass: writesExact,
      },
    ];
    console.log(`  targets (${mode}):`);
    for (const t of targets) console.log(`    ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.measured} (target ${t.target})`);
    const rows = CORPUS + DEMANDS;
    return {
      mode, database: mode === 'embedded' ? 'sqlite' : 'postgres', redis, corpus: CORPUS, demands: DEMANDS, importSeconds, importRowsPerSecond: rows / importSeconds,
      indexBuildMs: built ? Number(built[3]) : null, phases, writes2xx, rowsWritten, targets,
    };
  } finally {
    if (server) {
      if (process.env.BENCH_SERVER_LOG) console.log(server.log().slice(-5000));
      await server.stop();
    }
    await cleanup();
  }
}

/** The commit the bench ran (`+dirty` with uncommitted changes), so runs in the results file can be told apart. */
function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: here, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null; // not a git checkout (an archive)
  }
}

function printPhase(p: PhaseResult): void {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  console.log(`  ${p.phase}: ${p.requests} requests in ${f(p.seconds)} s = ${f(p.rps, 0)} req/s, p50 ${f(p.p50)} ms, p99 ${f(p.p99)} ms, non-2xx ${p.non2xx}, errors ${p.errors}, timeouts ${p.timeouts}; server CPU ${f(p.serverCpuMsPerRequest, 2)} ms/request (${f(p.serverCpuPercent, 0)}%)`);
  for (const c of CLASSES) {
    const s = p.classes[c];
    if (!s) continue;
    const bad = Object.entries(s.statuses).filter(([k]) => !k.startsWith('2')).map(([k, v]) => `${k}×${v}`).join(' ');
    console.log(`    ${c.padEnd(6)} ${f(s.rps, 0).padStart(6)} req/s  p50 ${f(s.p50).padStart(7)} ms  p99 ${f(s.p99).padStart(7)} ms  non-2xx ${s.non2xx}${bad ? ` (${bad})` : ''}`);
  }
}

// ------------------------------------------------------------------ main

console.log(`http bench: corpus ${CORPUS} achievements + ${DEMANDS} demands, ${CONNECTIONS} connections, mixed ${DURATION} s${PHASES ? `, per-class phases ${PHASE} s` : ''}, mode ${MODE}, workers ${WORKERS}`);
const tg = performance.now();
const files = await cachedCorpus(CORPUS, DEMANDS);
console.log(`corpus files ready in ${((performance.now() - tg) / 1000).toFixed(1)} s: ${files.achievements}`);
const results: ModeResult[] = [];
for (const m of (MODE === 'both' ? ['embedded', 'server'] : [MODE]) as Mode[]) {
  const r = await runMode(m, files);
  if (r) results.push(r);
}

console.log('\n| mode | phase | class | req/s | p50 ms | p99 ms | non-2xx | server CPU ms/req |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  for (const p of r.phases) {
    console.log(`| ${r.mode} | ${p.phase} | all | ${p.rps.toFixed(0)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.non2xx + p.errors + p.timeouts} | ${p.serverCpuMsPerRequest.toFixed(2)} |`);
    for (const c of CLASSES) {
      const s = p.classes[c];
      if (s && Object.keys(p.classes).length > 1) console.log(`| ${r.mode} | ${p.phase} | ${c} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.non2xx} | |`);
    }
  }
}
const outPath = resolve(here, 'results/http.json');
mkdirSync(dirname(outPath), { recursive: true });
let previous: unknown[] = [];
try {
  previous = JSON.parse(readFileSync(outPath, 'utf8')) as unknown[];
} catch {
  /* first run */
}
const run = { at: new Date().toISOString(), commit: gitCommit(), duration: DURATION, connections: CONNECTIONS, corpus: CORPUS, demands: DEMANDS, workers: WORKERS, results };
writeFileSync(outPath, `${JSON.stringify([...previous, run].slice(-20), null, 2)}\n`);
const failed = results.flatMap((r) => r.targets.filter((t) => !t.pass).map((t) => `${r.mode}: ${t.name}`));
console.log(`\nhttp bench: ${results.length} mode(s); ${failed.length ? `FAIL: ${failed.join('; ')}` : 'all targets PASS'}; results in ${outPath}`);
process.exitCode = failed.length ? 1 : 0;
