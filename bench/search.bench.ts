/**
 * Search and match, before/after in one run (issue #9): the same SQLite database (a synthetic corpus imported with the
 * real `techbridge import`), the same requests, alternating configurations in small blocks so a machine loaded by other
 * work affects all of them alike. Reports per configuration: CPU ms per request (this process; the requests run in
 * process through Fastify's inject) and latency p50/p99.
 *   npm run bench:search [-- --corpus 20000] [--rounds 6] [--block 40]
 * Configurations:
 *   search: LIKE '%term%' + full COUNT (the old path) vs the matching index + SQL filters on the hits; each with and
 *           without the SQLite statement cache (SQLITE_STATEMENT_CACHE=0 turns it off for one platform)
 *   reads:  GET /api/achievements/:id with and without the statement cache
 *   match:  the old shell (re-analysing each top-10 document's text for its explanation, one listing lookup round per
 *           result — reproduced here from the core) vs MatchingService.matchText (cached analyses, batched lookups)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/kernel/config.js';
import { createPlatform, type Platform } from '../src/platform.js';
import { rankMatches, type MatchIndex } from '../src/modules/matching/core/index.js';
import { cachedCorpus, ImportCorpus } from './lib/import-corpus.js';
import { runCli } from './lib/processes.js';

function num(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const CORPUS = num('corpus', 20_000);
const ROUNDS = num('rounds', 6);
const BLOCK = num('block', 40);

async function open(db: string, statementCache: boolean): Promise<Platform> {
  process.env.SQLITE_STATEMENT_CACHE = statementCache ? '256' : '0';
  const p = await createPlatform(loadConfig({ TECHBRIDGE_DB: db, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }, { webDist: null }));
  delete process.env.SQLITE_STATEMENT_CACHE;
  return p;
}

interface Sample { cpu: number[]; lat: number[] }
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const dir = mkdtempSync(join(tmpdir(), 'tb-search-bench-'));
const db = join(dir, 'bench.db');
try {
  const files = await cachedCorpus(CORPUS, Math.max(200, Math.round(CORPUS / 50)));
  for (const [kind, file] of [['achievements', files.achievements], ['demands', files.demands]] as const) {
    const r = await runCli(['--db', db, 'import', kind, file, '--json']);
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr.slice(-2000)}`);
    console.log(`import ${kind}: ${(r.ms / 1000).toFixed(1)} s`);
  }
  const cached = await open(db, true);
  const plain = await open(db, false);
  for (const p of [cached, plain]) {
    const b = await p.services.matching.build();
    console.log(`index built: ${b.achievements} achievements, ${b.demands} demands in ${b.ms} ms`);
  }
  const apps = { cached: await buildApp(cached, { logger: false, webDist: null }), plain: await buildApp(plain, { logger: false, webDist: null }) };
  const ids = (await cached.ctx.db.selectFrom('achievements').select('id').where('status', '=', 'published').limit(5000).execute()).map((r) => r.id);
  const corpus = new ImportCorpus(7, 50);
  const terms = Array.from({ length: 400 }, () => corpus.searchTerm());
  const queries = Array.from({ length: 400 }, (_, i) => corpus.query(i));
  let n = 0;
  const next = <T>(xs: T[]) => xs[n++ % xs.length];
  const anonymous = { kind: 'anonymous' } as const;

  const indexSearch = (p: Platform) => ({ rankedIds: (k: 'demand' | 'achievement', q: string, l: number) => p.services.matching.rankedIds(k, q, l) });
  const likeOnly = { rankedIds: () => null };
  const search = (which: 'cached' | 'plain', useIndex: boolean) => async () => {
    const p = which === 'cached' ? cached : plain;
    p.services.achievements.useTextSearch(useIndex ? indexSearch(p) : likeOnly);
    const res = await apps[which].inject({ method: 'GET', url: `/api/achievements?q=${encodeURIComponent(next(terms))}&pageSize=20` });
    if (res.statusCode !== 200) throw new Error(`search ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
  const read = (which: 'cached' | 'plain') => async () => {
    const res = await apps[which].inject({ method: 'GET', url: `/api/achievements/${next(ids)}` });
    if (res.statusCode !== 200) throw new Error(`read ${res.statusCode}`);
  };
  // the old shell: explanations re-analyse each result's text; one `get` (5 queries) per result
  const oldMatch = (p: Platform) => async () => {
    const m = p.services.matching as unknown as { indexes: Record<string, MatchIndex>; texts: Map<string, string> };
    const res = rankMatches(m.indexes.achievement, { text: next(queries), top: 10, kind: 'achievement' }, { now: Date.now(), documentText: (id) => m.texts.get(id) });
    for (const r of res.results) await p.services.achievements.get(anonymous, r.id).catch(() => null);
  };
  const newMatch = (p: Platform) => async () => {
    await p.services.matching.matchText(anonymous, next(queries), 'achievement', { top: 10 });
  };

  const configs: [string, () => Promise<void>][] = [
    ['search: LIKE, no statement cache (before)', search('plain', false)],
    ['search: LIKE, statement cache', search('cached', false)],
    ['search: index, no statement cache', search('plain', true)],
    ['search: index + statement cache (after)', search('cached', true)],
    ['read: no statement cache (before)', read('plain')],
    ['read: statement cache (after)', read('cached')],
    ['match: old shell, no statement cache (before)', oldMatch(plain)],
    ['match: new shell, no statement cache', newMatch(plain)],
    ['match: new shell + statement cache (after)', newMatch(cached)],
  ];
  const samples = new Map<string, Sample>(configs.map(([name]) => [name, { cpu: [], lat: [] }]));
  for (const [, fn] of configs) for (let i = 0; i < 5; i++) await fn(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of configs) {
      const s = samples.get(name)!;
      n = round * BLOCK; // every configuration sees the same requests
      for (let i = 0; i < BLOCK; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await fn();
        s.lat.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        s.cpu.push((c.user + c.system) / 1000);
      }
    }
    process.stdout.write(`round ${round + 1}/${ROUNDS}\n`);
  }
  console.log(`\ncorpus ${CORPUS} achievements, ${ROUNDS}×${BLOCK} requests per configuration (same requests for each)\n`);
  console.log('| configuration | CPU ms/request (mean) | p50 ms | p99 ms |');
  console.log('|---|---|---|---|');
  for (const [name] of configs) {
    const s = samples.get(name)!;
    const mean = s.cpu.reduce((a, b) => a + b, 0) / s.cpu.length;
    console.log(`| ${name} | ${mean.toFixed(2)} | ${pct(s.lat, 50).toFixed(2)} | ${pct(s.lat, 99).toFixed(2)} |`);
  }
  await apps.cached.close();
  await apps.plain.close();
  await cached.close();
  await plain.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
