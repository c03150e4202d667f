/**
 * Public surface of the pure matching core. Other code imports from here only.
 *
 *   const analyzer = createAnalyzer(resources);          // resources: see matching.resources.ts
 *   const index = new MatchIndex(analyzer);
 *   index.addAll(docs);
 *   const res = rankMatches(index, { text, minTrl, regionCode, budgetMaxFen, kind: 'achievement' }, { now: Date.now() });
 */
export { createAnalyzer } from './analyzer.js';
export type { Analyzer, AnalyzedToken, Analysis, QueryAnalysis, QueryTerm, DocumentTerms, TokenKind } from './analyzer.js';
export { MatchIndex } from './match-index.js';
export type { DocMeta, IndexStats, SearchOptions, TextHit, WeightedTerm } from './match-index.js';
export { rankMatches, DEFAULT_TOP, MAX_TOP } from './ranker.js';
export { searchGroups } from './search-groups.js';
export type { RankOptions } from './ranker.js';
export { DEFAULT_CONFIG, FIELDS, resolveConfig } from './config.js';
export type { MatchConfig, AnalyzerConfig, IndexConfig, RankerConfig, FieldName, DeepPartial } from './config.js';
export { MatchError } from './errors.js';
export type { MatchErrorCode } from './errors.js';
export { normalizeText } from './normalize.js';
export { toFen } from './features.js';
export type {
  AnalyzerResources,
  FenInput,
  MatchDocument,
  MatchKind,
  MatchQuery,
  MatchReason,
  MatchResponse,
  MatchResponseCode,
  MatchResult,
  ReasonKind,
} from './types.js';
