/**
 * Structured ranking features. Each is a pure function returning a value in [-1, 1]
 * (positive = better fit, negative = penalty, 0 = neutral/unknown) plus what it compared.
 */
import type { RankerConfig } from './config.js';

/** Depth of the longest common dotted prefix of two codes (EQ.ROB.RED vs EQ.ROB.JNT → 2). */
export function sharedDepth(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

export interface IndustryFit {
  value: number;
  level: 'node' | 'segment' | 'chain' | 'none' | 'unknown';
  query?: string;
  doc?: string;
}

/** Best graded overlap between any query code and any doc code. */
export function industryFit(queryCodes: readonly string[], docCodes: readonly string[], cfg: RankerConfig): IndustryFit {
  if (!queryCodes.length || !docCodes.length) return { value: 0, level: 'unknown' };
  let best: IndustryFit = { value: 0, level: 'none' };
  for (const q of queryCodes) {
    for (const d of docCodes) {
      const depth = sharedDepth(q, d);
      if (depth === 0) continue;
      const qLen = q.split('.').length;
      const dLen = d.split('.').length;
      // node = identical codes, or one is an ancestor of the other at depth ≥ 3
      const level: IndustryFit['level'] =
        depth >= 3 || (depth === qLen && depth === dLen) ? 'node' : depth === 2 ? 'segment' : 'chain';
      const value = cfg.industryGrades[level as 'node' | 'segment' | 'chain'];
      if (value > best.value) best = { value, level, query: q, doc: d };
    }
  }
  return best;
}

export interface TrlFit {
  value: number;
  status: 'ok' | 'below' | 'unknown';
  trl: number | null;
  minTrl: number | null;
}

export function trlFit(minTrl: number | null | undefined, trl: number | null | undefined, cfg: RankerConfig): TrlFit {
  if (minTrl == null || trl == null) return { value: cfg.trl.unknown, status: 'unknown', trl: trl ?? null, minTrl: minTrl ?? null };
  if (trl >= minTrl) return { value: cfg.trl.ok, status: 'ok', trl, minTrl };
  return { value: Math.max(-1, -(minTrl - trl) * cfg.trl.perLevelShort), status: 'below', trl, minTrl };
}

export interface RegionFit {
  value: number;
  level: 'sameCity' | 'sameProvince' | 'homeProvince' | 'elsewhere' | 'unknown';
  query: string | null;
  doc: string | null;
}

/** GB/T 2260: province = first 2 digits, city = first 4 digits. */
export function regionFit(query: string | null | undefined, doc: string | null | undefined, cfg: RankerConfig): RegionFit {
  const q = query && /^\d{6}$/.test(query) ? query : null;
  const d = doc && /^\d{6}$/.test(doc) ? doc : null;
  if (!q || !d) return { value: cfg.region.unknown, level: 'unknown', query: q, doc: d };
  // a province-level code (xx0000) only tells the province
  const cityKnown = q.slice(2, 4) !== '00' && d.slice(2, 4) !== '00';
  if (cityKnown && q.slice(0, 4) === d.slice(0, 4)) return { value: cfg.region.sameCity, level: 'sameCity', query: q, doc: d };
  if (q.slice(0, 2) === d.slice(0, 2)) return { value: cfg.region.sameProvince, level: 'sameProvince', query: q, doc: d };
  if (d.startsWith(cfg.homeProvincePrefix))
    return { value: cfg.region.homeProvince, level: 'homeProvince', query: q, doc: d };
  return { value: cfg.region.elsewhere, level: 'elsewhere', query: q, doc: d };
}

export interface PriceFit {
  value: number;
  status: 'within' | 'over' | 'unknown';
  budgetFen: number | null;
  priceMinFen: number | null;
}

/** Money as fen: accepts number, bigint or decimal-integer string. */
export function toFen(v: number | bigint | string | null | undefined): number | null {
  if (v == null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function priceFit(budgetFen: number | null, priceMinFen: number | null, priceMaxFen: number | null, cfg: RankerConfig): PriceFit {
  const floor = priceMinFen ?? priceMaxFen;
  if (budgetFen == null || floor == null) return { value: 0, status: 'unknown', budgetFen, priceMinFen: floor };
  if (floor <= budgetFen) return { value: cfg.price.ok, status: 'within', budgetFen, priceMinFen: floor };
  const over = budgetFen > 0 ? floor / budgetFen : Infinity;
  const value = -Math.min(1, (over - 1) / Math.max(1e-9, cfg.price.overRatioFloor - 1));
  return { value, status: 'over', budgetFen, priceMinFen: floor };
}

export function creditFit(credit: string | null | undefined, cfg: RankerConfig): { value: number; credit: string | null } {
  if (!credit || !(credit in cfg.credit)) return { value: 0, credit: null };
  return { value: cfg.credit[credit as 'A' | 'B' | 'C' | 'D'], credit };
}

export function freshnessFit(updatedAt: number, now: number, cfg: RankerConfig): { value: number; ageDays: number } {
  if (!updatedAt || !Number.isFinite(updatedAt)) return { value: 0, ageDays: NaN };
  const ageDays = Math.max(0, (now - updatedAt) / 86_400_000);
  return { value: Math.pow(2, -ageDays / cfg.freshnessHalfLifeDays), ageDays };
}
