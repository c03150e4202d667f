/** Types shared by the pure matching core (no I/O in this folder). */

export type MatchKind = 'achievement' | 'demand';

/** One searchable record: an achievement (科技成果) or a demand (技术需求). */
export interface MatchDocument {
  id: string;
  kind: MatchKind;
  title: string;
  summary: string;
  keywords: string[];
  field: string;
  /** Dotted industry-taxonomy codes, e.g. `EQ.ROB.RED` (chain.segment.node). */
  industryCodes: string[];
  /** GB/T 2260 six-digit region code. */
  regionCode: string | null;
  /** Technology readiness level 1–9 (achievements). */
  trl: number | null;
  /** Minimum acceptable TRL (demands). */
  minTrl: number | null;
  /** Asking price range in fen (achievements). */
  priceMinFen: number | null;
  priceMaxFen: number | null;
  /** Maximum budget in fen (demands). */
  budgetMaxFen: number | null;
  ownerOrgId: string | null;
  /** Owner credit class 'A' | 'B' | 'C' | 'D' or null. */
  credit: string | null;
  /** Epoch milliseconds. */
  updatedAt: number;
}

export type FenInput = number | bigint | string | null | undefined;

export interface MatchQuery {
  text: string;
  /** Only return documents of this kind. */
  kind?: MatchKind;
  regionCode?: string | null;
  /** The demand's minimum TRL (when searching achievements). */
  minTrl?: number | null;
  /** Exclude candidates whose known TRL is below minTrl. */
  hardTrl?: boolean;
  industryCodes?: string[];
  /** The demand's maximum budget in fen (string, bigint or number). */
  budgetMaxFen?: FenInput;
  /** Reverse direction (achievement looking for demands): the achievement's own TRL. */
  trl?: number | null;
  /** Reverse direction: the achievement's asking price floor, compared with a demand's budget. */
  priceMinFen?: FenInput;
  top?: number;
  excludeIds?: string[];
  filter?: (id: string) => boolean;
}

export type ReasonKind = 'terms' | 'synonym' | 'industry' | 'trl' | 'region' | 'price' | 'credit' | 'freshness';

export interface MatchReason {
  kind: ReasonKind;
  /** Signed contribution to the final score. */
  contribution: number;
  detail: Record<string, unknown>;
}

export interface MatchResult {
  id: string;
  score: number;
  /** Raw BM25F score (not normalised). */
  textScore: number;
  reasons: MatchReason[];
  summary: { zh: string; en: string };
}

export type MatchResponseCode = 'OK' | 'QUERY_ONLY_GENERIC' | 'QUERY_NO_TERMS';

export interface MatchResponse {
  code: MatchResponseCode;
  results: MatchResult[];
  /** True when the query text was longer than the limit and cut. */
  truncated: boolean;
  /** Query terms after analysis (for debugging and UIs). */
  queryTerms: { term: string; surface: string; weight: number; synonym: boolean }[];
}

/** Raw resource text, as read from `data/reference/matching/` by the shell. */
export interface AnalyzerResources {
  dictionary: string | Uint8Array;
  thesaurus: string | Uint8Array;
  genericWords: string | Uint8Array;
  stopWords?: string | Uint8Array;
}
