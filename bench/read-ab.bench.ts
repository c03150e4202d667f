/**
 * Detail reads, two builds side by side (server mode):
 *   npm run bench:read-ab -- --base <git ref> [--corpus 100000] [--duration 20] [--rounds 2] [--connections 100] [--path read|match|write]
 *     [--db postgres://…]   (a database already loaded by `techbridge import`: kept, and the 4–5 minute import skipped)
 * Loads the synthetic corpus once into a throwaway PostgreSQL database (`techbridge import`), then alternately starts
 * `serve --workers 2` from a checkout of <ref> (git archive into a temporary directory, sharing this node_modules and
 * dist) and from this working tree, against that same database and Redis, and drives it with autocannon: detail GETs of
 * random published achievements (`--path match`: demand matches; `--path write`: 90 % demand matches, which keep the
API's event loop busy as the mixed workload does, and 10 % draft demands created with an API token, whose latency is
reported apart — a write holds the cluster-wide locks for as many round trips as it makes under them). Prints per round req/s, p99, non-2xx, and the CPU
 * per request of the API processes and of PostgreSQL's processes, each read from /proc; the summary compares the
 * working tree with the base in the same run. The CPU of autocannon and of every other process is excluded, so CPU per
 * request compares across runs better than req/s does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import pg from 'pg';
import { cachedCorpus } from './lib/import-corpus.js';
import { cpuSeconds, createPgDatabase, postgresAnswers, postgresCpuSeconds, ROOT, runCli, startServerChild } from './lib/processes.js';
import { loadConfig } from '../src/kernel/config.js';
import { systemActor } from '../src/kernel/auth/index.js';
import { createPlatform } from '../src/platform.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const BASE = arg('base', '');
const CORPUS = Number(arg('corpus', '100000'));
const DURATION = Number(arg('duration', '20'));
const ROUNDS = Number(arg('rounds', '2'));
const CONNECTIONS = Number(arg('connections', '100'));
const PATH = arg('path', 'read');
const GIVEN_DB = arg('db', '');
if (!['read', 'match', 'write'].includes(PATH)) throw new Error('--path must be read, match or write');
if (!BASE) throw new Error('--base <git ref> is required (the build to compare the working tree with)');
if (!(await postgresAnswers())) throw new Error('PostgreSQL does not answer (BENCH_DATABASE_URL)');

const baseDir = mkdtempSync(join(tmpdir(), 'tb-read-ab-'));
execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${BASE}" | tar -x -C "${baseDir}"`]);
symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));
symlinkSync(join(ROOT, 'dist'), join(baseDir, 'dist'));
const baseCommit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', BASE]).toString().trim();

const pgdb = GIVEN_DB ? { url: GIVEN_DB, drop: async () => {} } : await createPgDatabase('tb_read_ab');
try {
  if (!GIVEN_DB) {
    const files = await cachedCorpus(CORPUS, 2000);
    for (const [kind, file] of [['achievements', files.achievements], ['demands', files.demands]] as const) {
      const r = await runCli(['--db', pgdb.url, 'import', kind, file, '--json'], { SEED_DEMO: 'false' });
      if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`);
      console.log(`import ${kind}: ${(r.ms / 1000).toFixed(1)} s`);
    }
  } else console.log(`database given (${GIVEN_DB.replace(/\/\/[^@]*@/, '//')}): import skipped, the database is kept`);
  const c = new pg.Client(pgdb.url);
  await c.connect();
  const ids = (await c.query("select id from achievements where status = 'published' order by random() limit 5000")).rows.map((r) => r.id as string);
  const demandIds = (await c.query("select id from demands where status = 'published' order by random() limit 1000")).rows.map((r) => r.id as string);
  await c.end();
  // --path write: an enterprise user whose API token signs the draft creations
  const PASSWORD = 'Bench#2026write';
  let email = '';
  if (PATH === 'write') {
    const p = await createPlatform(loadConfig({ TECHBRIDGE_DB: pgdb.url, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null }));
    const sys = systemActor('bench');
    const org = await p.services.organisations.findOrCreateByName(sys, '压测专用企业（bench）', '210100', 'enterprise', p.ctx.db);
    email = `bench-write-${Date.now().toString(36)}@bench.techbridge.cn`;
    await p.services.accounts.createUser(sys, { email, password: PASSWORD, name: '压测企业用户', role: 'enterprise', organisationId: org.row.id, orgAdmin: true });
    await p.close();
  }
  let token = '';
  async function apiToken(url: string): Promise<string> {
    if (token) return token;
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const t = await fetch(`${url}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'write bench' }) });
    if (t.status !== 201) throw new Error(`bench token failed: ${t.status} ${await t.text()}`);
    token = ((await t.json()) as { token: string }).token;
    return token;
  }

  const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

  async function measure(root: string): Promise<{ rps: number; p99: number; non2xx: number; apiMs: number; pgMs: number; writes: number; writeP50: number; writeP99: number }> {
    const server = await startServerChild(pgdb.url, { WORKERS: '2', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, 600_000, root);
    try {
      let i = 0;
      const bearer = PATH === 'write' ? await apiToken(server.url) : '';
      const next = (r: Request, context: Record<string, unknown>): Request => {
        i++;
        context.write = PATH === 'write' && i % 10 === 0;
        if (context.write) {
          const body = { title: `压测草稿需求 ${i} 号：轧机主传动齿轮箱状态监测`, description: '轧机主传动齿轮箱振动与油液在线监测，提前预警齿面点蚀和轴承故障', detail: `bench-write-${i}`, field: '冶金装备', regionCode: '210300', keywords: ['齿轮箱', '状态监测'], minTrl: 5 };
          return { ...r, method: 'POST', path: '/api/demands', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) };
        }
        return { ...r, method: 'GET', path: PATH === 'read' ? `/api/achievements/${ids[i % ids.length]}` : `/api/matches?demand=${demandIds[i % demandIds.length]}&top=10`, headers: {}, body: undefined };
      };
      const opts = { url: server.url, connections: CONNECTIONS, timeout: 30, requests: [{ setupRequest: next as never }] };
      await autocannon({ ...opts, duration: 5 }); // warm-up: index built, caches and JIT warm
      const api0 = cpuSeconds(server.proc.pid!);
      const pg0 = postgresCpuSeconds();
      const writeLat: number[] = [];
      // without a callback autocannon returns its instance, which is also a promise of the result; the response event
      // fires before the client builds its next request, so the context still describes this request
      const instance = autocannon({ ...opts, duration: DURATION } as never) as unknown as Promise<autocannon.Result> & { on(e: 'response', f: (client: { requestIterator?: { context?: Record<string, unknown> } }, status: number, bytes: number, ms: number) => void): void };
      instance.on('response', (client, _status, _bytes, ms) => {
        if (client.requestIterator?.context?.write) writeLat.push(ms);
      });
      const r = await instance;
      const n = Math.max(1, r.requests.total);
      return {
        rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, apiMs: (1000 * (cpuSeconds(server.proc.pid!) - api0)) / n, pgMs: (1000 * (postgresCpuSeconds() - pg0)) / n,
        writes: writeLat.length, writeP50: pct(writeLat, 50), writeP99: pct(writeLat, 99),
      };
    } finally {
      await server.stop();
    }
  }

  const results: Record<'base' | 'tree', Awaited<ReturnType<typeof measure>>[]> = { base: [], tree: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, root] of [['base', baseDir], ['tree', ROOT]] as const) {
      const m = await measure(root);
      results[name].push(m);
      const writes = PATH === 'write' ? `; ${m.writes} draft writes: p50 ${m.writeP50.toFixed(0)} ms, p99 ${m.writeP99.toFixed(0)} ms` : '';
      console.log(`${PATH} round ${round} ${name === 'base' ? `base ${baseCommit}` : 'working tree'}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, non-2xx ${m.non2xx}; CPU per request: API ${m.apiMs.toFixed(3)} ms, PostgreSQL ${m.pgMs.toFixed(3)} ms${writes}`);
    }
  }
  const range = (xs: number[], d: number) => `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`;
  const rows = [['req/s', 'rps', 0], ['API CPU ms/request', 'apiMs', 3], ['PostgreSQL CPU ms/request', 'pgMs', 3], ...(PATH === 'write' ? ([['draft write p50 ms', 'writeP50', 0], ['draft write p99 ms', 'writeP99', 0]] as const) : [])] as const;
  for (const [label, key, d] of rows) {
    console.log(`${label}: base ${range(results.base.map((m) => m[key]), d)} → working tree ${range(results.tree.map((m) => m[key]), d)}`);
  }
} finally {
  await pgdb.drop();
  rmSync(baseDir, { recursive: true, force: true });
}
