/**
 * Ranker: text candidates from the index (BM25F + MaxScore), re-scored with structure.
 *
 *   score = W.text · textScore / bestTextScore
 *         + W.industry · industry + W.trl · trl + W.region · region
 *         + W.price · price + W.credit · credit + W.freshness · freshness
 *
 * Every structural feature is in [-1, 1]; see features.ts and config.ts.
 */
import type { QueryTerm } from './analyzer.js';
import { DEFAULT_CONFIG, type RankerConfig } from './config.js';
import { MatchError } from './errors.js';
import { normalizeText } from './normalize.js';
import { explain, type FeatureValues } from './explainer.js';
import { creditFit, freshnessFit, industryFit, priceFit, regionFit, toFen, trlFit } from './features.js';
import type { MatchIndex } from './match-index.js';
import type { MatchQuery, MatchResponse, MatchResult } from './types.js';

export interface RankOptions {
  /** Epoch ms used for freshness; pass it in (the core reads no clock). */
  now: number;
  config?: RankerConfig;
  /**
   * Optional lookup of a document's text (title + summary + keywords) so explanations can say which
   * synonym the document actually used. Without it, synonym reasons name the concept group.
   */
  documentText?: (id: string) => string | undefined;
}

/**
 * For each matched thesaurus concept (a group of two or more members), the member a document's text uses: the query's
 * own word when the text has it, otherwise the member that occurs first (the longer one at the same place). A plain
 * substring search of the normalised text: no segmentation of the document is needed for one line of explanation.
 */
export function documentSurfaces(text: string, matched: Iterable<string>, terms: readonly QueryTerm[], groups: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  const norm = normalizeText(text);
  const surfaceOf = new Map(terms.map((t) => [t.term, t.surface]));
  for (const term of matched) {
    const members = groups.get(term);
    if (!members || members.length < 2) continue;
    const own = surfaceOf.get(term);
    if (own !== undefined && norm.includes(own)) {
      out.set(term, own);
      continue;
    }
    let best: string | undefined;
    let at = Infinity;
    for (const m of members) {
      const i = norm.indexOf(m);
      if (i >= 0 && (i < at || (i === at && m.length > best!.length))) {
        best = m;
        at = i;
      }
    }
    if (best !== undefined) out.set(term, best);
  }
  return out;
}

export const DEFAULT_TOP = 10;
export const MAX_TOP = 1000;

export function rankMatches(index: MatchIndex, query: MatchQuery, options: RankOptions): MatchResponse {
  const cfg = options.config ?? DEFAULT_CONFIG.ranker;
  if (!query || typeof query.text !== 'string' || query.text.trim() === '') throw new MatchError('QUERY_EMPTY');
  const qa = index.analyzer.query(query.text);
  const queryTerms = qa.terms.map((t) => ({ term: t.term, surface: t.surface, weight: t.weight, synonym: t.synonym }));
  if (qa.empty) throw new MatchError('QUERY_EMPTY', { reason: 'no terms after analysis' });
  if (qa.onlyGeneric) return { code: 'QUERY_ONLY_GENERIC', results: [], truncated: qa.truncated, queryTerms };

  const top = Math.min(MAX_TOP, Math.max(1, Math.floor(query.top ?? DEFAULT_TOP)));
  const exclude = new Set<number>();
  for (const id of query.excludeIds ?? []) {
    const d = index.internalId(id);
    if (d !== undefined) exclude.add(d);
  }
  const hardMin = query.hardTrl && query.minTrl != null ? query.minTrl : null;
  const accept =
    exclude.size || hardMin != null
      ? (d: number) => {
          if (exclude.has(d)) return false;
          if (hardMin != null) {
            const t = index.trlOf(d);
            if (t != null && t < hardMin) return false;
          }
          return true;
        }
      : undefined;
  const userFilter = query.filter;
  const acceptLate = userFilter ? (d: number) => userFilter(index.externalId(d)) : undefined;

  const k = Math.max(top * cfg.candidateFactor, cfg.candidateMin);
  const hits = index.search(qa.terms, { k, kind: query.kind, accept, acceptLate });
  if (hits.length === 0) return { code: 'OK', results: [], truncated: qa.truncated, queryTerms };

  const best = hits[0].score;
  const W = cfg.weights;
  const budget = toFen(query.budgetMaxFen);
  const priceFloor = toFen(query.priceMinFen);
  const scored = hits.map((h) => {
    const m = index.meta(h.doc);
    const reverse = m.kind === 'demand'; // searching demands for an achievement
    const f: FeatureValues = {
      text: h.score / best,
      industry: industryFit(query.industryCodes ?? [], m.industryCodes, cfg),
      trl: reverse ? trlFit(m.minTrl, query.trl, cfg) : trlFit(query.minTrl, m.trl, cfg),
      region: regionFit(query.regionCode, m.regionCode, cfg),
      price: reverse ? priceFit(m.budgetMaxFen, priceFloor, null, cfg) : priceFit(budget, m.priceMinFen, m.priceMaxFen, cfg),
      credit: creditFit(m.credit, cfg),
      freshness: freshnessFit(m.updatedAt, options.now, cfg),
    };
    const structure =
      W.industry * f.industry.value +
      W.trl * f.trl.value +
      W.region * f.region.value +
      W.price * f.price.value +
      W.credit * f.credit.value +
      W.freshness * f.freshness.value;
    // structure modulates relevance: a weak text match cannot be lifted far by metadata alone
    const t = W.text * f.text;
    const score = cfg.combine === 'multiplicative' ? t * (1 + structure) : t + structure;
    return { hit: h, meta: m, f, score };
  });
  scored.sort((a, b) => b.score - a.score || b.hit.score - a.hit.score || a.hit.doc - b.hit.doc);

  const page = scored.slice(0, top);
  const perTerms = index.explainMany(page.map((s) => s.hit.doc), qa.terms);
  const groups = index.analyzer.thesaurus.groups;
  const results: MatchResult[] = page.map((s, i) => {
    const perTerm = perTerms[i];
    // the document's own wording is looked up only where a thesaurus concept matched, the one place an explanation
    // needs it: "query said X, the document says Y"
    let docSurfaces: Map<string, string> | undefined;
    if (options.documentText && [...perTerm.keys()].some((t) => (groups.get(t)?.length ?? 0) > 1)) {
      const text = options.documentText(s.meta.id);
      if (text !== undefined) docSurfaces = documentSurfaces(text, perTerm.keys(), qa.terms as QueryTerm[], groups);
    }
    const { reasons, summary } = explain({
      features: s.f,
      weights: W,
      scale: cfg.combine === 'multiplicative' ? W.text * s.f.text : 1,
      perTerm,
      terms: qa.terms as QueryTerm[],
      thesaurus: index.analyzer.thesaurus,
      docSurfaces,
    });
    return { id: s.meta.id, score: s.score, textScore: s.hit.score, reasons, summary };
  });
  return { code: 'OK', results, truncated: qa.truncated, queryTerms };
}
