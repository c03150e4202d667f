import type { WeightedTerm } from './core/index.js';

/** The part of the matching analyzer (jieba + domain dictionary + thesaurus) that recommendations use. */
export interface TextAnalyzer {
  query(text: string): { terms: WeightedTerm[] };
  analyze(text: string): { tokens: { term: string }[] };
}

/** Analysed terms of a profile text, as a set for overlap scoring. */
export function termSet(analyzer: TextAnalyzer, text: string): Set<string> {
  return new Set(analyzer.analyze(text).tokens.map((t) => t.term));
}
