/**
 * Search-box queries (listing lists with `q`): every query word must be found, in any of its forms. The analysed
 * tokens come in order — a word (or unit) token followed by its broader concepts and its sub-words (with theirs) —
 * so each word starts a group and the tokens after it up to the next word are its alternatives. The index answers
 * docs that hit every group (`MatchIndex.searchAll`): `工业机器人 减速器` needs both, and a document that writes
 * `工业机器人` is found by `机器人` (a sub-word of the compound) while `减速机` finds `减速器` (one thesaurus concept).
 */
import type { AnalyzedToken } from './analyzer.js';
import type { WeightedTerm } from './match-index.js';

export function searchGroups(tokens: AnalyzedToken[]): WeightedTerm[][] {
  const groups: Map<string, number>[] = [];
  for (const t of tokens) {
    if (t.kind === 'bigram') continue;
    if (t.kind === 'word' || t.kind === 'unit' || !groups.length) groups.push(new Map());
    const g = groups[groups.length - 1];
    g.set(t.term, Math.max(g.get(t.term) ?? 0, t.weight));
  }
  // the same word twice is one requirement
  const seen = new Set<string>();
  const out: WeightedTerm[][] = [];
  for (const g of groups) {
    const key = [...g.keys()].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([...g].map(([term, weight]) => ({ term, weight })));
  }
  return out;
}
