/**
 * GEP (生态系统生产总值, docs/domain.md §10): GEP = material products (output × market price) + regulating services
 * (physical quantity × substitute or engineering price, incl. carbon sequestration × carbon price, oxygen release …)
 * + cultural services (visits × travel cost, landscape premium). Pure; no I/O.
 *
 * Exactness: quantities and prices are decimal strings; each line's value is quantity × price in yuan, converted to
 * fen and rounded half up ONCE per line; category and total values are sums of the rounded lines.
 */
import { parseDecimal, roundDiv } from './decimal.js';

export type GepCategory = 'material' | 'regulating' | 'cultural';
export const GEP_CATEGORIES: readonly GepCategory[] = ['material', 'regulating', 'cultural'];

export interface GepItemSpec {
  readonly code: string;
  readonly category: GepCategory;
  readonly zh: string;
  readonly en: string;
  readonly unit: string;
  /** default unit price in yuan (decimal string) */
  readonly priceYuan: string;
}

export interface GepOptions {
  /** do not count oxygen release where carbon sequestration is counted (they measure the same photosynthesis) */
  readonly excludeOxygenWithCarbon: boolean;
}

export interface GepParams {
  readonly options: GepOptions;
  readonly items: Readonly<Record<string, GepItemSpec>>;
  readonly categories: Readonly<Record<GepCategory, { zh: string; en: string }>>;
}

/** Quantities and prices carry at most 6 decimals. */
const SCALE = 6;

export function parseGepParams(json: unknown): GepParams {
  const root = json as Record<string, any>;
  const problems: string[] = [];
  const items: Record<string, GepItemSpec> = {};
  for (const [code, raw] of Object.entries(root?.items ?? {})) {
    if (code.startsWith('_')) continue;
    const v = raw as Record<string, any>;
    if (!GEP_CATEGORIES.includes(v.category)) problems.push(`items.${code}.category must be material|regulating|cultural`);
    const p = parseDecimal(String(v.priceYuan), SCALE);
    if (p === null || p < 0n) problems.push(`items.${code}.priceYuan must be a non-negative decimal`);
    items[code] = { code, category: v.category, zh: String(v.zh), en: String(v.en), unit: String(v.unit), priceYuan: String(v.priceYuan) };
  }
  const categories = {} as Record<GepCategory, { zh: string; en: string }>;
  for (const c of GEP_CATEGORIES) categories[c] = { zh: String(root?.categories?.[c]?.zh ?? c), en: String(root?.categories?.[c]?.en ?? c) };
  const options = { excludeOxygenWithCarbon: root?.options?.excludeOxygenWithCarbon === true };
  if (problems.length) throw new Error(`GEP parameters invalid:\n- ${problems.join('\n- ')}`);
  return { options, items, categories };
}

export interface GepInput {
  readonly code: string;
  readonly quantity: string;
  /** overrides the default price (e.g. the county's market price of a product) */
  readonly priceYuan?: string | null;
}

export interface GepLine {
  readonly code: string;
  readonly category: GepCategory;
  readonly quantity: string;
  readonly priceYuan: string;
  readonly valueFen: number;
  readonly counted: boolean;
  /** why a line is not counted */
  readonly excludedBecause: 'double_counting_oxygen_carbon' | null;
}

export interface GepResult {
  readonly lines: GepLine[];
  readonly byCategory: Record<GepCategory, number>;
  readonly totalFen: number;
}

export class GepInputError extends Error {
  constructor(readonly code: 'GEP_ITEM_UNKNOWN' | 'GEP_QUANTITY_INVALID' | 'GEP_PRICE_INVALID' | 'GEP_ITEM_DUPLICATE', readonly item: string) {
    super(`${code}: ${item}`);
  }
}

/** Values every item; lines keep input order. Throws GepInputError on unknown items or malformed numbers. */
export function computeGep(inputs: readonly GepInput[], items: Readonly<Record<string, GepItemSpec>>, options: GepOptions): GepResult {
  const seen = new Set<string>();
  for (const i of inputs) {
    if (!items[i.code]) throw new GepInputError('GEP_ITEM_UNKNOWN', i.code);
    if (seen.has(i.code)) throw new GepInputError('GEP_ITEM_DUPLICATE', i.code);
    seen.add(i.code);
  }
  const carbonCounted = inputs.some((i) => i.code === 'carbon_sequestration' && (parseDecimal(i.quantity, SCALE) ?? 0n) > 0n);
  const byCategory: Record<GepCategory, number> = { material: 0, regulating: 0, cultural: 0 };
  let total = 0;
  const lines = inputs.map((i): GepLine => {
    const spec = items[i.code];
    const q = parseDecimal(i.quantity, SCALE);
    if (q === null || q < 0n) throw new GepInputError('GEP_QUANTITY_INVALID', i.code);
    const priceYuan = i.priceYuan ?? spec.priceYuan;
    const p = parseDecimal(priceYuan, SCALE);
    if (p === null || p < 0n) throw new GepInputError('GEP_PRICE_INVALID', i.code);
    // q and p are scaled by 10^6 each; × 100 fen per yuan; one rounding
    const valueBig = roundDiv(q * p * 100n, 10n ** BigInt(2 * SCALE));
    if (valueBig > BigInt(Number.MAX_SAFE_INTEGER)) throw new GepInputError('GEP_QUANTITY_INVALID', i.code);
    const valueFen = Number(valueBig);
    const excluded = options.excludeOxygenWithCarbon && i.code === 'oxygen_release' && carbonCounted;
    if (!excluded) {
      byCategory[spec.category] += valueFen;
      total += valueFen;
    }
    return { code: i.code, category: spec.category, quantity: i.quantity, priceYuan, valueFen, counted: !excluded, excludedBecause: excluded ? 'double_counting_oxygen_carbon' : null };
  });
  if (!Number.isSafeInteger(total)) throw new GepInputError('GEP_QUANTITY_INVALID', 'total');
  return { lines, byCategory, totalFen: total };
}

/** GEP ÷ GDP as a decimal string with 4 places (rounded half up); null without GDP. */
export function gepGdpRatio(gepFen: number, gdpFen: number | null): string | null {
  if (!gdpFen) return null;
  const r = roundDiv(BigInt(gepFen) * 10000n, BigInt(gdpFen));
  return `${r / 10000n}.${(r % 10000n).toString().padStart(4, '0')}`;
}

/** Year-on-year change in basis points ((this − last) ÷ last); null without last year. */
export function yoyBp(current: number, previous: number | null): number | null {
  if (!previous) return null;
  return Number(roundDiv(BigInt(current - previous) * 10000n, BigInt(previous)));
}
