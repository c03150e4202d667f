/**
 * Above-threshold enterprises (四上企业, docs/domain.md §8): classify an enterprise's reported year against the
 * threshold of its category, and find cultivation candidates just below it. Pure; no I/O. Money in integer fen.
 */
import { wanToFen } from '../../../kernel/money.js';
import { percentToBp } from '../../../kernel/percent.js';

export type AboveKind = 'industry' | 'construction' | 'trade_catering' | 'services';

export interface CategorySpec {
  readonly kind: AboveKind;
  readonly zh: string;
  readonly en: string;
  /** annual main-business revenue threshold in fen; null where a qualification decides (construction) */
  readonly thresholdFen: number | null;
  /** qualifications that make the enterprise above-threshold (construction) */
  readonly qualifications: readonly string[];
}

export interface AboveThresholdParams {
  readonly candidateShareBp: number;
  readonly kinds: Readonly<Record<AboveKind, { zh: string; en: string }>>;
  readonly categories: Readonly<Record<string, CategorySpec>>;
  readonly qualifications: Readonly<Record<string, { zh: string; en: string }>>;
}

const KINDS: readonly AboveKind[] = ['industry', 'construction', 'trade_catering', 'services'];

export function parseAboveThresholdParams(json: unknown): AboveThresholdParams {
  const root = json as Record<string, any>;
  const problems: string[] = [];
  const candidateShareBp = percentToBp(String(root?.candidateSharePercent ?? ''));
  if (candidateShareBp === null || candidateShareBp <= 0 || candidateShareBp >= 10000) problems.push('candidateSharePercent must be between 0 and 100 (exclusive)');
  const kinds = {} as Record<AboveKind, { zh: string; en: string }>;
  for (const k of KINDS) {
    if (!root?.kinds?.[k]) problems.push(`kinds.${k} is missing`);
    kinds[k] = { zh: String(root?.kinds?.[k]?.zh ?? k), en: String(root?.kinds?.[k]?.en ?? k) };
  }
  const qualifications: Record<string, { zh: string; en: string }> = {};
  for (const [q, v] of Object.entries(root?.qualifications ?? {})) if (!q.startsWith('_')) qualifications[q] = { zh: String((v as any).zh), en: String((v as any).en) };
  const categories: Record<string, CategorySpec> = {};
  for (const [c, raw] of Object.entries(root?.categories ?? {})) {
    if (c.startsWith('_')) continue;
    const v = raw as Record<string, any>;
    if (!KINDS.includes(v.kind)) problems.push(`categories.${c}.kind must be one of ${KINDS.join(', ')}`);
    const thresholdFen = v.thresholdWan === null ? null : wanToFen(String(v.thresholdWan));
    if (v.thresholdWan !== null && thresholdFen === null) problems.push(`categories.${c}.thresholdWan is not an amount`);
    const quals = Array.isArray(v.qualifications) ? v.qualifications.map(String) : [];
    if (thresholdFen === null && !quals.length) problems.push(`categories.${c} needs a threshold or qualifications`);
    for (const q of quals) if (!qualifications[q]) problems.push(`categories.${c}: unknown qualification ${q}`);
    categories[c] = { kind: v.kind, zh: String(v.zh), en: String(v.en), thresholdFen, qualifications: quals };
  }
  if (problems.length) throw new Error(`above-threshold parameters invalid:\n- ${problems.join('\n- ')}`);
  return { candidateShareBp: candidateShareBp!, kinds, categories, qualifications };
}

export interface AboveThresholdResult {
  readonly category: string;
  readonly kind: AboveKind;
  readonly above: boolean;
  /** the revenue threshold in fen, null when a qualification decides */
  readonly thresholdFen: number | null;
  /** how much revenue is missing to reach the threshold (0 when above; null when a qualification decides) */
  readonly gapFen: number | null;
  /** revenue ÷ threshold in basis points, rounded down (so 79.99% never shows as 80%) */
  readonly shareBp: number | null;
  /** below the threshold but at or above the candidate share of it */
  readonly candidate: boolean;
}

export class UnknownCategoryError extends Error {}

/**
 * Above threshold when the annual main-business revenue is at least the category's threshold (≥, the statistical
 * convention of 年主营业务收入 2000 万元及以上), or, for construction, when the enterprise holds a counting qualification.
 */
export function classifyAboveThreshold(category: string, revenueFen: number, qualification: string | null, params: AboveThresholdParams): AboveThresholdResult {
  const spec = params.categories[category];
  if (!spec) throw new UnknownCategoryError(category);
  if (!Number.isSafeInteger(revenueFen) || revenueFen < 0) throw new RangeError('revenueFen must be a non-negative integer');
  if (spec.thresholdFen === null) {
    const above = qualification !== null && spec.qualifications.includes(qualification);
    return { category, kind: spec.kind, above, thresholdFen: null, gapFen: null, shareBp: null, candidate: false };
  }
  const t = spec.thresholdFen;
  const above = revenueFen >= t;
  const shareBp = Number((BigInt(revenueFen) * 10000n) / BigInt(t));
  return { category, kind: spec.kind, above, thresholdFen: t, gapFen: above ? 0 : t - revenueFen, shareBp, candidate: !above && shareBp >= params.candidateShareBp };
}
