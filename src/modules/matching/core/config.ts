/**
 * Every tunable number of the matching core lives here. Change values by evaluation
 * (`npm run eval`), never to fix one example.
 */

export type FieldName = 'title' | 'summary' | 'keywords' | 'field';
export const FIELDS: readonly FieldName[] = ['title', 'summary', 'keywords', 'field'];

export interface AnalyzerConfig {
  /** Query/document text longer than this is cut (and flagged). */
  maxChars: number;
  /** Weight factor of generic words (技术, 系统, 智能 …): kept, but worth little. */
  genericWeight: number;
  /** Weight of dictionary sub-words of a longer token (静电卡盘 → 静电, 卡盘). */
  subwordWeight: number;
  /** Weight of the broader concept emitted for a narrower thesaurus term (定向能量沉积 → 增材制造). */
  broaderWeight: number;
  /** Weight of single CJK characters that survive segmentation (钢, 泵). */
  singleCharWeight: number;
  /** Weight of numbers with units (600℃, 0.01mm). */
  unitWeight: number;
  /** CJK character bigrams as a secondary low-weight signal; off by default (see DESIGN.md). */
  bigrams: boolean;
  bigramWeight: number;
  /** Query term weight × (1 + boost · ln(query tf)): repeated query terms count more. */
  queryTfBoost: number;
  /** jieba HMM for out-of-vocabulary words. */
  hmm: boolean;
}

export interface IndexConfig {
  /** BM25F saturation. */
  k1: number;
  /** Per-field weight and length normalisation b. */
  fields: Record<FieldName, { weight: number; b: number }>;
  /** Long queries keep only this many terms (highest weight × idf); the rest are dropped. */
  maxQueryTerms: number;
  /**
   * A query with more terms retrieves candidates with this many of them (highest weight × idf) and scores the
   * candidates with all its terms (two-stage search, see MatchIndex.search).
   */
  retrievalTerms: number;
  /** Candidates of a two-stage search: k × this. */
  rescorePool: number;
  /** Compact when tombstones exceed this share of all internal docs. */
  compactRatio: number;
  /**
   * Memory for decoded postings with their precomputed BM25F impacts (12 bytes a posting), per index replica. A query
   * whose retrieval postings are dense (≥ a quarter of the docs) and fit is scored term at a time over them; 0 turns
   * it off (every query by MaxScore over the compressed lists). Decoded lists are dropped when the index changes.
   */
  impactCacheMB: number;
}

export interface RankerConfig {
  /**
   * 'multiplicative': score = t · (1 + Σ wᵢ·fᵢ) — structure re-orders comparable text matches but
   * cannot lift a weak one far; 'additive': score = t + Σ wᵢ·fᵢ.
   */
  combine: 'multiplicative' | 'additive';
  /** How many text candidates are re-ranked with structure: max(top × factor, min). */
  candidateFactor: number;
  candidateMin: number;
  /**
   * Final score = text·t + Σ weight_i · feature_i, where t = textScore / best textScore in the
   * candidate pool (0..1] and every feature is in [-1, 1] (negative = penalty).
   */
  weights: {
    text: number;
    industry: number;
    trl: number;
    region: number;
    price: number;
    credit: number;
    freshness: number;
  };
  /** Industry overlap by depth of the longest shared code prefix: node (3 segments), segment (2), chain (1). */
  industryGrades: { node: number; segment: number; chain: number };
  /** TRL fit: achievement TRL ≥ min → ok; each level short costs `perLevelShort`, floor -1. */
  trl: { ok: number; perLevelShort: number; unknown: number };
  /** Locality: same city, same province, in Liaoning (the platform's home), elsewhere, unknown. */
  region: { sameCity: number; sameProvince: number; homeProvince: number; elsewhere: number; unknown: number };
  homeProvincePrefix: string;
  /** Price: within budget → ok; over budget penalty grows linearly to -1 at `overRatioFloor` × budget. */
  price: { ok: number; overRatioFloor: number };
  credit: Record<'A' | 'B' | 'C' | 'D', number>;
  /** Freshness = 2^(-age/halfLife), in [0,1]. */
  freshnessHalfLifeDays: number;
}

export interface MatchConfig {
  analyzer: AnalyzerConfig;
  index: IndexConfig;
  ranker: RankerConfig;
}

export const DEFAULT_CONFIG: MatchConfig = {
  analyzer: {
    maxChars: 10_000,
    genericWeight: 0.15,
    subwordWeight: 0.35,
    broaderWeight: 0.5,
    singleCharWeight: 0.3,
    unitWeight: 0.5,
    bigrams: false,
    bigramWeight: 0.1,
    hmm: false,
    queryTfBoost: 0.5,
  },
  index: {
    k1: 1.2,
    fields: {
      title: { weight: 3.0, b: 0.5 },
      summary: { weight: 1.0, b: 0.75 },
      keywords: { weight: 2.5, b: 0.3 },
      field: { weight: 1.0, b: 0.3 },
    },
    compactRatio: 0.25,
    maxQueryTerms: 24,
    retrievalTerms: 16,
    rescorePool: 2,
    impactCacheMB: 256,
  },
  ranker: {
    combine: 'multiplicative',
    candidateFactor: 5,
    candidateMin: 50,
    weights: {
      text: 1.0,
      industry: 0.15,
      trl: 0.12,
      region: 0.08,
      price: 0.06,
      credit: 0.03,
      freshness: 0.02,
    },
    industryGrades: { node: 1, segment: 0.6, chain: 0.3 },
    trl: { ok: 1, perLevelShort: 0.5, unknown: 0 },
    region: { sameCity: 1, sameProvince: 0.6, homeProvince: 0.3, elsewhere: -0.3, unknown: 0 },
    homeProvincePrefix: '21',
    price: { ok: 1, overRatioFloor: 2 },
    credit: { A: 1, B: 0.5, C: 0, D: -1 },
    freshnessHalfLifeDays: 365,
  },
};

/** Deep-merge a partial override into the defaults. */
export function resolveConfig(override?: DeepPartial<MatchConfig>): MatchConfig {
  return mergeDeep(
    structuredClone(DEFAULT_CONFIG) as unknown as Record<string, unknown>,
    (override ?? {}) as Record<string, unknown>,
  ) as unknown as MatchConfig;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function mergeDeep(target: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(src)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object') {
      mergeDeep(target[k] as Record<string, unknown>, v as Record<string, unknown>);
    } else if (v !== undefined) {
      target[k] = v;
    }
  }
  return target;
}
