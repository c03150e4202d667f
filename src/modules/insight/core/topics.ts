/**
 * Topic clustering of demands (技术主题聚类). Pure: the analyzer comes in, nothing is read.
 *
 * 1. Each demand's public text (title twice, keywords twice, summary once — never the confidential detail) goes
 *    through the matching analyzer; a term's raw weight is the sum of its token weights (generic words ×0.15,
 *    sub-words ×0.35, broader concepts ×0.5 …, see matching/core/DESIGN.md).
 * 2. TF-IDF: w = (1 + ln tf if tf > 1 else tf) · idf, idf = ln((N + 1) / (df + 1)) + 1; vectors are L2-normalised.
 * 3. Average-linkage agglomerative clustering on cosine similarity: the most similar pair of clusters merges while
 *    its average pairwise similarity ≥ `threshold`. Demands are sorted by id first and ties go to the lowest
 *    indices, so the same demands always give the same topics whatever order they arrive in.
 * 4. A topic is labelled by the top terms of its centroid (generic words and single characters left out).
 */
import type { Analyzer } from '../../matching/core/index.js';

export interface TopicDemand {
  id: string;
  title: string;
  summary: string;
  keywords: readonly string[];
}

export interface ClusterParams {
  /** cosine similarity at or above which two clusters merge (average linkage) */
  threshold: number;
  /** terms kept per topic (label = the first `labelTerms`) */
  topicTerms: number;
  labelTerms: number;
}

export interface TermWeight {
  term: string;
  weight: number;
}

export interface Topic {
  /** deterministic: T01, T02 … by size (desc), then by the smallest member id */
  id: string;
  label: string;
  /** top centroid terms, strongest first */
  terms: TermWeight[];
  /** member demand ids, sorted */
  demandIds: string[];
}

export type SparseVector = Map<string, number>;

/** The public text a demand is clustered on: title and keywords count twice. */
export function publicText(d: TopicDemand): string {
  const kw = d.keywords.join(' ');
  return [d.title, d.title, kw, kw, d.summary].filter(Boolean).join('\n');
}

const CJK_SINGLE = /^[\u3400-\u9fff]$/u;

/** Raw term weights of one text (bigrams are off in the analyzer; ignored if on). */
export function termWeights(analyzer: Analyzer, text: string): SparseVector {
  const out: SparseVector = new Map();
  for (const t of analyzer.analyze(text).tokens) {
    if (t.kind === 'bigram') continue;
    out.set(t.term, (out.get(t.term) ?? 0) + t.weight);
  }
  return out;
}

/** TF-IDF vectors (L2-normalised) for a list of raw term-weight maps. */
export function tfidf(raw: readonly SparseVector[]): { vectors: SparseVector[]; idf: Map<string, number> } {
  const df = new Map<string, number>();
  for (const v of raw) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = raw.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log((n + 1) / (f + 1)) + 1);
  const vectors = raw.map((v) => {
    const w: SparseVector = new Map();
    let norm = 0;
    for (const [t, tf] of v) {
      const x = (tf > 1 ? 1 + Math.log(tf) : tf) * idf.get(t)!;
      w.set(t, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, x] of w) w.set(t, x / norm);
    return w;
  });
  return { vectors, idf };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of s) {
    const y = l.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

/**
 * Average-linkage agglomerative clustering. Returns clusters as lists of indices into `vectors`, each sorted.
 * O(n²) memory, O(n³) time in the worst case — fine for the thousands of demands a period holds.
 */
export function agglomerate(vectors: readonly SparseVector[], threshold: number): number[][] {
  const n = vectors.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = cosine(vectors[i], vectors[j]);
  const members: (number[] | null)[] = vectors.map((_, i) => [i]);
  const EPS = 1e-12;
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!members[j]) continue;
        const s = sim[i * n + j];
        if (s > best + EPS) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold - EPS) break;
    const a = members[bi]!;
    const b = members[bj]!;
    // Lance–Williams update for average linkage: sim(A∪B, C) = (|A|·sim(A,C) + |B|·sim(B,C)) / (|A| + |B|)
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi || k === bj) continue;
      const s = (a.length * sim[bi * n + k] + b.length * sim[bj * n + k]) / (a.length + b.length);
      sim[bi * n + k] = sim[k * n + bi] = s;
    }
    members[bi] = [...a, ...b].sort((x, y) => x - y);
    members[bj] = null;
  }
  return members.filter((m): m is number[] => m !== null);
}

/** Top centroid terms of a cluster: generic words and single CJK characters are left out of labels. */
export function topTerms(analyzer: Analyzer, vectors: readonly SparseVector[], count: number): TermWeight[] {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [t, x] of v) sum.set(t, (sum.get(t) ?? 0) + x);
  return [...sum]
    .filter(([t]) => !analyzer.isGeneric(t) && !CJK_SINGLE.test(t))
    .map(([term, s]) => ({ term, weight: s / vectors.length }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, count);
}

/** Clusters demands into topics; deterministic for a given set of demands. */
export function clusterDemands(analyzer: Analyzer, demands: readonly TopicDemand[], p: ClusterParams): Topic[] {
  const sorted = [...demands].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!sorted.length) return [];
  const { vectors } = tfidf(sorted.map((d) => termWeights(analyzer, publicText(d))));
  const clusters = agglomerate(vectors, p.threshold);
  const topics = clusters.map((idx) => {
    const terms = topTerms(analyzer, idx.map((i) => vectors[i]), p.topicTerms).map((t) => ({ term: t.term, weight: Math.round(t.weight * 1e4) / 1e4 }));
    const label = terms.slice(0, p.labelTerms).map((t) => t.term).join(' · ') || sorted[idx[0]].title;
    return { label, terms, demandIds: idx.map((i) => sorted[i].id) };
  });
  topics.sort((a, b) => b.demandIds.length - a.demandIds.length || (a.demandIds[0] < b.demandIds[0] ? -1 : 1));
  const width = String(topics.length).length < 2 ? 2 : String(topics.length).length;
  return topics.map((t, i) => ({ id: `T${String(i + 1).padStart(width, '0')}`, ...t }));
}
