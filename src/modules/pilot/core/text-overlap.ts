/**
 * A small, explainable text signal for recommendations: the weighted share of a need's analysed terms (from the
 * matching analyzer: jieba + domain dictionary + thesaurus) that a profile's terms contain. Pure.
 */
export interface WeightedTerm {
  term: string;
  weight: number;
  surface: string;
  kind?: string;
  generic?: boolean;
}

export interface TextOverlap {
  /** 0..1 */
  score: number;
  /** surfaces of the matched, non-generic terms, for the reasons */
  matched: string[];
}

export function textOverlap(query: readonly WeightedTerm[], doc: ReadonlySet<string>): TextOverlap {
  const terms = query.filter((t) => t.kind !== 'bigram');
  const total = terms.reduce((s, t) => s + t.weight, 0);
  if (total <= 0) return { score: 0, matched: [] };
  let hit = 0;
  const matched = new Set<string>();
  for (const t of terms) {
    if (!doc.has(t.term)) continue;
    hit += t.weight;
    if (!t.generic && t.weight >= 0.5) matched.add(t.surface);
  }
  return { score: Math.min(1, hit / total), matched: [...matched] };
}
