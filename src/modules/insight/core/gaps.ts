/**
 * Gap detection (供给缺口): does the province have supply for a topic?
 *
 * The supply is a set of achievements (the shell passes the published achievements of Liaoning organisations). The
 * matching engine (MatchIndex + rankMatches, BM25F with the thesaurus) retrieves the candidates for the topic's
 * terms. The engine's score is relative to the best hit (the top hit always scores ≈ 1), so it cannot say whether
 * *any* candidate is good enough; the absolute test is coverage:
 *
 *   coverage(a) = Σ weight(t) over the topic's terms t that achievement a contains (after analysis, synonyms mapped)
 *                 ÷ Σ weight(t) over all the topic's terms
 *
 * A candidate is supply when coverage ≥ `minCoverage`; a topic with no supply is a gap (缺口 — 建议立项).
 * best = the candidate with the highest coverage (ties: the engine's order), reported even when below threshold.
 */
import { MatchIndex, rankMatches, type Analyzer, type MatchDocument } from '../../matching/core/index.js';
import type { TermWeight } from './topics.js';

export interface GapParams {
  /** coverage (0–1) of the topic's weighted terms an achievement must reach to count as supply */
  minCoverage: number;
  /** candidates taken from the matching engine per topic */
  candidates: number;
}

export interface SupplyMatch {
  achievementId: string;
  title: string;
  /** coverage 0–1, 3 decimals */
  score: number;
}

export interface TopicSupply {
  supplyCount: number;
  best: SupplyMatch | null;
  gap: boolean;
}

export class SupplyIndex {
  private readonly index: MatchIndex;
  private readonly terms = new Map<string, Set<string>>();
  private readonly titles = new Map<string, string>();

  constructor(private readonly analyzer: Analyzer, docs: readonly MatchDocument[], private readonly now: number) {
    this.index = new MatchIndex(analyzer);
    const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const d of sorted) {
      this.index.add(d);
      this.titles.set(d.id, d.title);
      this.terms.set(d.id, new Set(analyzer.document([d.title, d.summary, d.keywords.join(' '), d.field].join('\n')).tf.keys()));
    }
  }

  get size(): number {
    return this.titles.size;
  }

  coverage(id: string, topicTerms: readonly TermWeight[]): number {
    const have = this.terms.get(id);
    if (!have) return 0;
    let total = 0;
    let hit = 0;
    for (const t of topicTerms) {
      total += t.weight;
      if (have.has(t.term)) hit += t.weight;
    }
    return total > 0 ? hit / total : 0;
  }

  /** Supply for one topic, from its terms. */
  supplyFor(topicTerms: readonly TermWeight[], p: GapParams): TopicSupply {
    if (!this.size || !topicTerms.length) return { supplyCount: 0, best: null, gap: true };
    let ids: string[];
    try {
      const res = rankMatches(this.index, { text: topicTerms.map((t) => t.term).join(' '), kind: 'achievement', top: p.candidates }, { now: this.now });
      ids = res.results.map((r) => r.id);
    } catch {
      ids = []; // a query with no searchable terms: nothing matches
    }
    let best: SupplyMatch | null = null;
    let count = 0;
    for (const id of ids) {
      const c = this.coverage(id, topicTerms);
      if (c >= p.minCoverage - 1e-12) count++;
      if (c > 0 && (!best || c > best.score + 1e-12)) best = { achievementId: id, title: this.titles.get(id)!, score: c };
    }
    if (best) best.score = Math.round(best.score * 1000) / 1000;
    return { supplyCount: count, best, gap: count === 0 };
  }
}
