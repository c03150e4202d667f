/**
 * Evaluation of the matching engine on match-dev (or another set in the same format):
 *   npm run eval [-- --data DIR] [--verbose] [--direct]
 * The engine is measured the way users meet it: the set is imported with `techbridge import` into a fresh SQLite
 * database, the index is built from the database, and each demand asks GET /api/matches' service for achievements
 * (industry codes come from the taxonomy classification of `field`, regions from the GB/T 2260 resolver).
 * `--direct` instead feeds the JSON Lines straight into the pure core (quick experiments with --config).
 * Prints nDCG@10 (linear gain), Recall@50 and MRR for the engine and, in the same run, a plain BM25 baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path, { resolve } from 'node:path';
import { loadConfig } from '../src/kernel/config.js';
import { systemActor } from '../src/kernel/auth/index.js';
import { createPlatform } from '../src/platform.js';
import { importListings } from '../src/workflows/import-listings.js';
import { createAnalyzer, MatchIndex, rankMatches, resolveConfig } from '../src/modules/matching/core/index.js';
import { loadMatchingResources } from '../src/modules/matching/matching.resources.js';
import { Bm25Baseline, createBaselineTokenizer } from './lib/baseline-bm25.js';
import { loadCorpus } from './lib/match-dev.js';
import { ndcgAt, recallAt, reciprocalRank } from './lib/metrics.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = resolve(arg('data') ?? '../shared/datasets/match-dev');
const verbose = process.argv.includes('--verbose');
const configJson = arg('config'); // e.g. --config '{"analyzer":{"bigrams":true}}' for experiments

const direct = process.argv.includes('--direct');
const corpus = loadCorpus(dataDir);
const resources = loadMatchingResources();
const config = resolveConfig(configJson ? JSON.parse(configJson) : undefined);

// engine: through the database (default) or straight into the core (--direct)
const analyzer = createAnalyzer(resources, config.analyzer);
const index = new MatchIndex(analyzer, config.index);
const now = Date.now();
let rankThroughPlatform: ((demandExternalId: string, top: number) => Promise<string[]>) | null = null;
let cleanup = async () => undefined as void;
if (direct) {
  index.addAll(corpus.documents);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-eval-'));
  const platform = await createPlatform(loadConfig({ TECHBRIDGE_DB: path.join(dir, 'eval.db'), LOG_LEVEL: 'silent', SEED_DEMO: 'false' }));
  const actor = systemActor('eval');
  for (const [kind, file] of [['achievement', 'achievements.jsonl'], ['demand', 'demands.jsonl']] as const) {
    const report = await importListings(platform.ctx, platform.services, actor, kind, path.join(dataDir, file));
    if (report.problems.length) console.warn(`import ${file}: ${report.problems.length} rows refused, e.g. line ${report.problems[0].line} ${report.problems[0].field}: ${report.problems[0].reason}`);
  }
  await platform.services.matching.build();
  const externalIds = new Map<string, string>();
  for await (const batch of platform.services.achievements.scanPublished(1000)) for (const { row } of batch) externalIds.set(row.id, row.external_id ?? row.id);
  rankThroughPlatform = async (demandExternalId, top) => {
    const demand = await platform.services.demands.findByExternalId(demandExternalId);
    if (!demand) return [];
    const out = await platform.services.matching.matchListing(actor, 'demand', demand.id, { top });
    return out.results.map((r) => externalIds.get(r.id) ?? r.id);
  };
  cleanup = async () => {
    await platform.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

// baseline
const baseline = new Bm25Baseline(createBaselineTokenizer(resources.dictionary));
for (const d of corpus.documents) baseline.add(d.id, `${d.title}\n${d.summary}`);

type Row = { ndcg: number; recall: number; mrr: number };
const sum = { engine: { ndcg: 0, recall: 0, mrr: 0 }, baseline: { ndcg: 0, recall: 0, mrr: 0 } };
// the match page asks for 10 results, which re-ranks fewer text candidates (max(top × factor, min)) than a request
// for 50: its nDCG@10 is measured from its own request
let ndcgTop10 = 0;
const evaluated = corpus.queries.filter((q) => corpus.qrels.has(q.id));
const rank = async (q: (typeof evaluated)[number], top: number) =>
  rankThroughPlatform ? rankThroughPlatform(q.id, top) : rankMatches(index, { ...q.query, top }, { now, config: config.ranker }).results.map((r) => r.id);
for (const q of evaluated) {
  const grades = corpus.qrels.get(q.id)!;
  const engineIds = await rank(q, 50);
  ndcgTop10 += ndcgAt(await rank(q, 10), grades, 10);
  const baseIds = baseline.search(q.text, 50);
  const e: Row = { ndcg: ndcgAt(engineIds, grades, 10), recall: recallAt(engineIds, grades, 50), mrr: reciprocalRank(engineIds, grades) };
  const b: Row = { ndcg: ndcgAt(baseIds, grades, 10), recall: recallAt(baseIds, grades, 50), mrr: reciprocalRank(baseIds, grades) };
  for (const k of ['ndcg', 'recall', 'mrr'] as const) {
    sum.engine[k] += e[k];
    sum.baseline[k] += b[k];
  }
  if (verbose) {
    console.log(`${q.id} engine nDCG ${e.ndcg.toFixed(3)} baseline ${b.ndcg.toFixed(3)}  ${q.text.slice(0, 30).replace(/\n/g, ' ')}`);
    if (e.ndcg < 0.8) {
      const rel = [...grades.entries()].map(([id, g]) => `${id}:${g}@${engineIds.indexOf(id) + 1}`).join(' ');
      console.log(`   relevant ${rel}; top5 ${engineIds.slice(0, 5).map((id) => `${id}(${grades.get(id) ?? 0})`).join(' ')}`);
    }
  }
}
const n = evaluated.length;
const fmt = (x: number) => (x / n).toFixed(4);
const delta = (k: 'ndcg' | 'recall' | 'mrr') => {
  const d = (sum.engine[k] - sum.baseline[k]) / n;
  return (d >= 0 ? '+' : '') + d.toFixed(4);
};
console.log(`match eval: ${n} queries, ${corpus.documents.length} documents, data ${dataDir}, engine ${direct ? 'direct (pure core)' : 'imported into a fresh database'}`);
console.log('| system | nDCG@10 | Recall@50 | MRR |');
console.log('|---|---|---|---|');
console.log(`| engine (BM25F + thesaurus + structure) | ${fmt(sum.engine.ndcg)} | ${fmt(sum.engine.recall)} | ${fmt(sum.engine.mrr)} |`);
console.log(`| baseline (plain BM25, title+summary) | ${fmt(sum.baseline.ndcg)} | ${fmt(sum.baseline.recall)} | ${fmt(sum.baseline.mrr)} |`);
console.log(`| delta | ${delta('ndcg')} | ${delta('recall')} | ${delta('mrr')} |`);
console.log(`engine nDCG@10 of a top-10 request (as the match page asks; ${Math.max(10 * config.ranker.candidateFactor, config.ranker.candidateMin)} text candidates re-ranked): ${fmt(ndcgTop10)}`);

await cleanup();
