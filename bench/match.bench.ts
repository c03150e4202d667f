/**
 * Matching benchmark: our engine vs SQLite FTS5 bm25() vs MiniSearch on synthetic achievements.
 *   npm run bench:match [-- --sizes 10000,100000,1000000] [--queries 1200] [--engines techbridge,fts5,minisearch]
 * Each (size, engine) runs in its own child process so RSS deltas are honest. Writes bench/results/match.json.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, MatchIndex, rankMatches, type Analyzer, type MatchDocument } from '../src/modules/matching/core/index.js';
import { loadMatchingResources } from '../src/modules/matching/matching.resources.js';
import { mulberry32, SyntheticCorpus } from './lib/synthetic-corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
type Engine = 'techbridge' | 'fts5' | 'minisearch';
interface Result {
  engine: Engine;
  docs: number;
  buildMs: number;
  rssMB: number;
  /** RSS growth after the queries too (caches filled by querying, e.g. decoded postings), over the same start */
  rssQueriedMB?: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  note?: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) for (let i = 0; i < 3; i++) g();
}
const rssMB = () => process.memoryUsage().rss / 1048576;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Space-joined analysed terms: the "same segmented text" given to FTS5 and MiniSearch. */
function segment(a: Analyzer, text: string): string {
  return a
    .analyze(text)
    .tokens.filter((t) => t.kind === 'word' || t.kind === 'unit')
    .map((t) => t.term.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean)
    .join(' ');
}

async function* readJsonl<T>(path: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line) as T;
}

interface DocLine {
  d: MatchDocument;
  seg: string;
}
interface QueryLine {
  text: string;
  seg: string;
}

// ------------------------------------------------------------------ parent: generate data, run children

/** Merge rows into bench/results/match.json (rows of other engine/size pairs are kept). */
function saveResults(results: Result[]): string {
  const outPath = resolve(here, 'results/match.json');
  mkdirSync(dirname(outPath), { recursive: true });
  let previous: Result[] = [];
  try {
    previous = JSON.parse(readFileSync(outPath, 'utf8')) as Result[];
  } catch {
    /* first run */
  }
  const merged = previous.filter((p) => !results.some((r) => r.engine === p.engine && r.docs === p.docs)).concat(results);
  merged.sort((a, b) => a.docs - b.docs || a.engine.localeCompare(b.engine));
  writeFileSync(outPath, JSON.stringify(merged, null, 2) + '\n');
  return outPath;
}

async function parent(): Promise<void> {
  const sizes = (arg('sizes') ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
  const engines = (arg('engines') ?? 'techbridge,fts5,minisearch').split(',') as Engine[];
  const nQueries = Number(arg('queries') ?? 1200);
  const analyzer = createAnalyzer(loadMatchingResources());
  const rand = mulberry32(42);
  const vocab = analyzer.dictionaryTerms();
  for (let i = vocab.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [vocab[i], vocab[j]] = [vocab[j], vocab[i]];
  }
  const work = join(tmpdir(), `techbridge-match-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const results: Result[] = [];
  try {
    for (const size of sizes) {
      const gen = new SyntheticCorpus(vocab, mulberry32(size), 1.0);
      const docsPath = join(work, `docs-${size}.jsonl`);
      const queriesPath = join(work, `queries-${size}.jsonl`);
      const t0 = performance.now();
      const out = createWriteStream(docsPath);
      for (let i = 0; i < size; i++) {
        const d = gen.document(i);
        const seg = segment(analyzer, `${d.title} ${d.summary} ${d.keywords.join(' ')} ${d.field}`);
        if (!out.write(JSON.stringify({ d, seg }) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
        if (i % 100_000 === 99_999) process.stdout.write(`  generating ${size}: ${i + 1}\r`);
      }
      await new Promise<void>((r) => out.end(r));
      const qs: string[] = [];
      for (let i = 0; i < nQueries; i++) {
        const text = gen.query(i);
        qs.push(JSON.stringify({ text, seg: segment(analyzer, text) }));
      }
      writeFileSync(queriesPath, qs.join('\n') + '\n');
      console.log(`corpus ${size}: generated and segmented in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      for (const engine of engines) {
        if (engine === 'minisearch' && size >= 1_000_000 && !process.argv.includes('--minisearch-1m')) {
          const why = 'MiniSearch keeps a JS object trie (several GB at 1M docs) and its OR queries already exceed the time budget at 100k; pass --minisearch-1m to try';
          console.log(`  minisearch skipped at ${size}: ${why}`);
          results.push({ engine, docs: size, buildMs: NaN, rssMB: NaN, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, note: `skipped: ${why}` });
          continue;
        }
        const heap = size >= 1_000_000 ? 8192 : 4096;
        const child = spawnSync(
          process.execPath,
          [`--max-old-space-size=${heap}`, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', engine, '--docs', docsPath, '--queries-file', queriesPath, '--size', String(size)],
          { encoding: 'utf8', timeout: 480_000, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
        );
        const line = child.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
        if (line) {
          const r = JSON.parse(line.slice(7)) as Result;
          results.push(r);
          console.log(`  ${engine.padEnd(10)} build ${(r.buildMs / 1000).toFixed(1)} s, rss ${r.rssMB.toFixed(0)} MB (${r.rssQueriedMB?.toFixed(0) ?? '?'} MB after the queries), p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.note ? ' — ' + r.note : ''}`);
        } else {
          const why = child.error ? String(child.error.message) : `exit ${child.status} ${child.signal ?? ''}`.trim();
          console.log(`  ${engine.padEnd(10)} skipped at ${size}: ${why} (likely out of memory/time budget)`);
          results.push({ engine, docs: size, buildMs: NaN, rssMB: NaN, p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, note: `skipped: ${why}` });
        }
        saveResults(results);
      }
      rmSync(docsPath, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\n| engine | docs | build s | docs/s | RSS MB (after queries) | p50 ms | p95 ms | p99 ms | note |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
    console.log(`| ${r.engine} | ${r.docs} | ${f(r.buildMs / 1000, 1)} | ${f(r.docs / (r.buildMs / 1000), 0)} | ${f(r.rssMB, 0)}${r.rssQueriedMB !== undefined ? ` (${f(r.rssQueriedMB, 0)})` : ''} | ${f(r.p50Ms)} | ${f(r.p95Ms)} | ${f(r.p99Ms)} | ${r.note ?? ''} |`);
  }
  const outPath = saveResults(results);
  console.log(`match bench: ${results.length} runs; results in ${outPath}`);
}

// ------------------------------------------------------------------ child: one engine, one size

async function child(engine: Engine): Promise<void> {
  const docsPath = arg('docs')!;
  const queriesPath = arg('queries-file')!;
  const size = Number(arg('size'));
  const queries: QueryLine[] = readFileSync(queriesPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  let analyzer: Analyzer | undefined;
  if (engine === 'techbridge') analyzer = createAnalyzer(loadMatchingResources());
  gc();
  const rss0 = rssMB();
  const t0 = performance.now();
  let run: (q: QueryLine) => unknown;
  let keep: unknown;
  if (engine === 'techbridge') {
    const index = new MatchIndex(analyzer!);
    for await (const { d } of readJsonl<DocLine>(docsPath)) index.add(d);
    index.trim();
    const now = Date.now();
    run = (q) => rankMatches(index, { text: q.text, top: 10, minTrl: 5, regionCode: '210100' }, { now });
    keep = index;
  } else if (engine === 'fts5') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE docs USING fts5(seg, tokenize='unicode61')");
    const ins = db.prepare('INSERT INTO docs(rowid, seg) VALUES (?, ?)');
    let batch: [number, string][] = [];
    const flush = db.transaction((rows: [number, string][]) => {
      for (const [id, seg] of rows) ins.run(id, seg);
    });
    let i = 0;
    for await (const { seg } of readJsonl<DocLine>(docsPath)) {
      batch.push([++i, seg]);
      if (batch.length === 10_000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    db.exec("INSERT INTO docs(docs) VALUES('optimize')");
    const stmt = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10');
    run = (q) => {
      const terms = [...new Set(q.seg.split(' ').filter(Boolean))];
      return terms.length ? stmt.all(terms.map((t) => `"${t}"`).join(' OR ')) : [];
    };
    keep = db;
  } else {
    const { default: MiniSearch } = await import('minisearch');
    const ms = new MiniSearch<{ id: number; seg: string }>({
      fields: ['seg'],
      idField: 'id',
      tokenize: (s: string) => s.split(' '),
      processTerm: (t: string) => t || null,
      searchOptions: { combineWith: 'OR' },
    });
    let i = 0;
    for await (const { seg } of readJsonl<DocLine>(docsPath)) ms.add({ id: ++i, seg });
    run = (q) => ms.search(q.seg).slice(0, 10);
    keep = ms;
  }
  const buildMs = performance.now() - t0;
  gc();
  const rss = rssMB() - rss0;
  for (let i = 0; i < 50; i++) run(queries[i % queries.length]); // warm-up
  // query phase: all queries, or as many as fit the time budget (queries cycle through the 5 kinds)
  const budgetMs = Number(arg('query-budget-ms') ?? 90_000);
  const lat: number[] = [];
  const qStart = performance.now();
  for (const q of queries) {
    const s = performance.now();
    run(q);
    lat.push(performance.now() - s);
    if (lat.length >= 50 && performance.now() - qStart > budgetMs) break;
  }
  lat.sort((a, b) => a - b);
  gc();
  const rssQueried = rssMB() - rss0;
  const r: Result = { engine, docs: size, buildMs, rssMB: rss, rssQueriedMB: rssQueried, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95), p99Ms: percentile(lat, 99) };
  if (lat.length < queries.length) r.note = `${lat.length} of ${queries.length} queries (time budget ${budgetMs / 1000} s)`;
  if (keep) process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
}

const childEngine = arg('child') as Engine | undefined;
if (childEngine) await child(childEngine);
else await parent();
