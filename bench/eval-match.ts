/**
 * Evaluation of the matching engine on match-dev (or another set in the same format):
 *   npm run eval [-- --data DIR] [--verbose]
 * Prints nDCG@10 (linear gain), Recall@50 and MRR for the engine and a plain BM25 baseline.
 */
import { resolve } from 'node:path';
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

const corpus = loadCorpus(dataDir);
const resources = loadMatchingResources();
const config = resolveConfig(configJson ? JSON.parse(configJson) : undefined);

// engine
const analyzer = createAnalyzer(resources, config.analyzer);
const index = new MatchIndex(analyzer, config.index);
index.addAll(corpus.documents);
const now = Date.now();

// baseline
const baseline = new Bm25Baseline(createBaselineTokenizer(resources.dictionary));
for (const d of corpus.documents) baseline.add(d.id, `${d.title}\n${d.summary}`);

type Row = { ndcg: number; recall: number; mrr: number };
const sum = { engine: { ndcg: 0, recall: 0, mrr: 0 }, baseline: { ndcg: 0, recall: 0, mrr: 0 } };
const evaluated = corpus.queries.filter((q) => corpus.qrels.has(q.id));
for (const q of evaluated) {
  const grades = corpus.qrels.get(q.id)!;
  const res = rankMatches(index, { ...q.query, top: 50 }, { now, config: config.ranker });
  const engineIds = res.results.map((r) => r.id);
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
console.log(`match eval: ${n} queries, ${corpus.documents.length} documents, data ${dataDir}`);
console.log('| system | nDCG@10 | Recall@50 | MRR |');
console.log('|---|---|---|---|');
console.log(`| engine (BM25F + thesaurus + structure) | ${fmt(sum.engine.ndcg)} | ${fmt(sum.engine.recall)} | ${fmt(sum.engine.mrr)} |`);
console.log(`| baseline (plain BM25, title+summary) | ${fmt(sum.baseline.ndcg)} | ${fmt(sum.baseline.recall)} | ${fmt(sum.baseline.mrr)} |`);
console.log(`| delta | ${delta('ndcg')} | ${delta('recall')} | ${delta('mrr')} |`);
