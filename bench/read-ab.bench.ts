/**
 * Detail reads, two builds side by side (server mode):
 *   npm run bench:read-ab -- --base <git ref> [--corpus 100000] [--duration 20] [--rounds 2] [--connections 100] [--path read|match]
 * Loads the synthetic corpus once into a throwaway PostgreSQL database (`techbridge import`), then alternately starts
 * `serve --workers 2` from a checkout of <ref> (git archive into a temporary directory, sharing this node_modules and
 * dist) and from this working tree, against that same database and Redis, and drives it with autocannon: detail GETs of
 * random published achievements (`--path match`: demand matches). Prints per round req/s, p99, non-2xx, and the CPU
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
if (!BASE) throw new Error('--base <git ref> is required (the build to compare the working tree with)');
if (!(await postgresAnswers())) throw new Error('PostgreSQL does not answer (BENCH_DATABASE_URL)');

const baseDir = mkdtempSync(join(tmpdir(), 'tb-read-ab-'));
execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${BASE}" | tar -x -C "${baseDir}"`]);
symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));
symlinkSync(join(ROOT, 'dist'), join(baseDir, 'dist'));
const baseCommit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', BASE]).toString().trim();

const pgdb = await createPgDatabase('tb_read_ab');
try {
  const files = await cachedCorpus(CORPUS, 2000);
  for (const [kind, file] of [['achievements', files.achievements], ['demands', files.demands]] as const) {
    const r = await runCli(['--db', pgdb.url, 'import', kind, file, '--json'], { SEED_DEMO: 'false' });
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`);
    console.log(`import ${kind}: ${(r.ms / 1000).toFixed(1)} s`);
  }
  const c = new pg.Client(pgdb.url);
  await c.connect();
  const ids = (await c.query("select id from achievements where status = 'published' order by random() limit 5000")).rows.map((r) => r.id as string);
  const demandIds = (await c.query("select id from demands where status = 'published' order by random() limit 1000")).rows.map((r) => r.id as string);
  await c.end();

  async function measure(root: string): Promise<{ rps: number; p99: number; non2xx: number; apiMs: number; pgMs: number }> {
    const server = await startServerChild(pgdb.url, { WORKERS: '2', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, 600_000, root);
    try {
      let i = 0;
      const next = () => (PATH === 'match' ? `/api/matches?demand=${demandIds[i++ % demandIds.length]}&top=10` : `/api/achievements/${ids[i++ % ids.length]}`);
      const opts = { url: server.url, connections: CONNECTIONS, requests: [{ setupRequest: (r: Request) => ({ ...r, path: next() }) }] };
      await autocannon({ ...opts, duration: 5 }); // warm-up: index built, caches and JIT warm
      const api0 = cpuSeconds(server.proc.pid!);
      const pg0 = postgresCpuSeconds();
      const r = await autocannon({ ...opts, duration: DURATION });
      const n = Math.max(1, r.requests.total);
      return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, apiMs: (1000 * (cpuSeconds(server.proc.pid!) - api0)) / n, pgMs: (1000 * (postgresCpuSeconds() - pg0)) / n };
    } finally {
      await server.stop();
    }
  }

  const results: Record<'base' | 'tree', Awaited<ReturnType<typeof measure>>[]> = { base: [], tree: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, root] of [['base', baseDir], ['tree', ROOT]] as const) {
      const m = await measure(root);
      results[name].push(m);
      console.log(`${PATH} round ${round} ${name === 'base' ? `base ${baseCommit}` : 'working tree'}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, non-2xx ${m.non2xx}; CPU per request: API ${m.apiMs.toFixed(3)} ms, PostgreSQL ${m.pgMs.toFixed(3)} ms`);
    }
  }
  const range = (xs: number[], d: number) => `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`;
  for (const [label, key, d] of [['req/s', 'rps', 0], ['API CPU ms/request', 'apiMs', 3], ['PostgreSQL CPU ms/request', 'pgMs', 3]] as const) {
    console.log(`${label}: base ${range(results.base.map((m) => m[key]), d)} → working tree ${range(results.tree.map((m) => m[key]), d)}`);
  }
} finally {
  await pgdb.drop();
  rmSync(baseDir, { recursive: true, force: true });
}
