/**
 * Synthetic achievements and demands in the import contract (README "Import formats"), for the HTTP load bench and the
 * fault test. Texts come from SyntheticCorpus (Zipf draw over the matching dictionary, realistic lengths); owners are
 * drawn from the demo organisations plus generated enterprise and institute names; patents carry valid check digits.
 * Deterministic for a given seed.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patentCheckChar } from '../../src/modules/achievements/index.js';
import { createAnalyzer } from '../../src/modules/matching/core/index.js';
import { loadMatchingResources } from '../../src/modules/matching/matching.resources.js';
import { mulberry32, SyntheticCorpus } from './synthetic-corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Liaoning's 14 cities (GB/T 2260) and a few out-of-province sources. */
const REGIONS = ['210100', '210200', '210300', '210400', '210500', '210600', '210700', '210800', '210900', '211000', '211100', '211200', '211300', '211400', '320100', '110000'];
const CITY_PREFIX = ['沈阳', '大连', '鞍山', '抚顺', '本溪', '丹东', '锦州', '营口', '阜新', '辽阳', '盘锦', '铁岭', '朝阳', '葫芦岛'];
const ORG_SUFFIX = ['科技有限公司', '智能装备有限公司', '新材料股份有限公司', '工业技术研究院', '精密制造有限公司', '化工有限公司', '生物科技有限公司', '研究所'];
const MODES = ['transfer', 'license', 'co_development', 'commissioned', 'equity', 'service'];

let vocabCache: string[] | null = null;
/** The matching dictionary's terms, shuffled with a fixed seed (the same vocabulary as bench/match.bench.ts). */
export function benchVocabulary(): string[] {
  if (vocabCache) return vocabCache;
  const vocab = createAnalyzer(loadMatchingResources()).dictionaryTerms();
  const rand = mulberry32(42);
  for (let i = vocab.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [vocab[i], vocab[j]] = [vocab[j], vocab[i]];
  }
  vocabCache = vocab;
  return vocab;
}

export class ImportCorpus {
  readonly rand: () => number;
  readonly text: SyntheticCorpus;
  readonly orgs: string[];

  constructor(seed: number, orgCount = 3000) {
    this.rand = mulberry32(seed);
    this.text = new SyntheticCorpus(benchVocabulary(), this.rand, 1.0);
    const demo = (JSON.parse(readFileSync(resolve(root, 'data/demo/organisations.json'), 'utf8')) as { name: string }[]).map((o) => o.name);
    const orgs = new Set(demo);
    const orgRand = mulberry32(seed ^ 0x5eed);
    const vocab = benchVocabulary().filter((t) => /^[\u4e00-\u9fff]{2,4}$/.test(t));
    while (orgs.size < Math.max(orgCount, demo.length)) {
      const city = CITY_PREFIX[Math.floor(orgRand() * CITY_PREFIX.length)];
      const term = vocab[Math.floor(orgRand() * Math.min(vocab.length, 800))];
      orgs.add(`${city}${term}${ORG_SUFFIX[Math.floor(orgRand() * ORG_SUFFIX.length)]}`);
    }
    this.orgs = [...orgs];
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private patent(title: string): Record<string, unknown> {
    const year = 2010 + Math.floor(this.rand() * 15);
    const serial = String(Math.floor(this.rand() * 9_999_999)).padStart(7, '0');
    const invention = this.rand() < 0.7;
    const digits = `${year}${invention ? '1' : '2'}${serial}`;
    return { type: invention ? 'invention_patent' : 'utility_patent', number: `${digits}.${patentCheckChar(digits)}`, title };
  }

  /** One achievement row in the import contract. `prefix` makes external ids unique per corpus. */
  achievement(i: number, prefix = 'BENCH-A'): Record<string, unknown> {
    const d = this.text.document(i);
    const nIp = Math.floor(this.rand() * 3);
    const ip = Array.from({ length: nIp }, (_, k) =>
      k === 0 || this.rand() < 0.7 ? this.patent(`一种${d.keywords[k % d.keywords.length]}方法`) : { type: 'know_how', title: `${d.keywords[0]}工艺诀窍` },
    );
    const priced = this.rand() < 0.6;
    const lo = 10 + Math.floor(this.rand() * 300);
    return {
      id: `${prefix}-${String(i).padStart(7, '0')}`,
      title: d.title,
      summary: d.summary,
      field: d.field,
      org: this.pick(this.orgs),
      region: this.pick(REGIONS),
      trl: d.trl,
      keywords: [...new Set(d.keywords)],
      ip,
      price: priced ? { min_wan: String(lo), max_wan: String(lo + Math.floor(this.rand() * 200)) } : 'negotiable',
      modes: [this.pick(MODES), this.pick(MODES)].filter((m, k, a) => a.indexOf(m) === k),
    };
  }

  /** One demand row in the import contract. */
  demand(i: number, prefix = 'BENCH-D'): Record<string, unknown> {
    const d = this.text.document(1_000_000_000 + i);
    return {
      id: `${prefix}-${String(i).padStart(7, '0')}`,
      title: `${d.title.slice(0, 24)}需求`,
      description: this.text.query(4 + 5 * i).slice(0, 1000),
      field: d.field,
      org: this.pick(this.orgs),
      region: this.pick(REGIONS.slice(0, 14)),
      min_trl: this.rand() < 0.7 ? 3 + Math.floor(this.rand() * 6) : null,
      budget_wan: this.rand() < 0.6 ? String(20 + Math.floor(this.rand() * 500)) : null,
    };
  }

  /** A free-text match query (short/long, rare/common terms, as in the matching bench). */
  query(i: number): string {
    return this.text.query(i);
  }

  /** A one- or two-word listing search as a visitor would type it. */
  searchTerm(): string {
    return this.rand() < 0.7 ? this.text.term() : `${this.text.term()} ${this.text.commonTerm()}`;
  }
}

/** Writes `n` rows to a JSON Lines file (atomically: a half-written cache file is never reused). */
export async function writeJsonl(path: string, n: number, row: (i: number) => Record<string, unknown>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.partial`;
  const out = createWriteStream(tmp);
  for (let i = 0; i < n; i++) {
    if (!out.write(`${JSON.stringify(row(i))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  renameSync(tmp, path);
}

/** Cached corpus files under node_modules/.cache (ignored by git), generated on first use. */
export async function cachedCorpus(n: number, demands: number, seed = 20261127): Promise<{ achievements: string; demands: string }> {
  const dir = resolve(root, 'node_modules/.cache/techbridge-bench');
  const a = resolve(dir, `achievements-${n}-s${seed}.jsonl`);
  const d = resolve(dir, `demands-${demands}-s${seed}.jsonl`);
  if (!existsSync(a)) {
    const c = new ImportCorpus(seed);
    await writeJsonl(a, n, (i) => c.achievement(i));
  }
  if (!existsSync(d)) {
    const c = new ImportCorpus(seed + 1);
    await writeJsonl(d, demands, (i) => c.demand(i));
  }
  return { achievements: a, demands: d };
}
