/**
 * Plan indicators (指标): periods, the local conversion rate (科技成果本地转化率) and the traffic-light rule of the
 * progress view. Pure; no I/O. Values are decimal strings computed exactly (see decimal.ts).
 */
import { formatDecimal, isCalendarDate, dayNo, parseDecimal, roundDiv } from './decimal.js';

export interface Period {
  /** first day, inclusive (Asia/Shanghai calendar date) */
  readonly from: string;
  /** last day, inclusive */
  readonly to: string;
}

/** 'YYYY', 'YYYY-Qn' or 'YYYY-MM' → the calendar days it covers; null when malformed. */
export function parsePeriod(spec: string): Period | null {
  let m = /^(\d{4})$/.exec(spec);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(spec);
  if (m) {
    const q = Number(m[2]);
    const last = new Date(Date.UTC(Number(m[1]), q * 3, 0)).toISOString().slice(0, 10);
    return { from: `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: last };
  }
  m = /^(\d{4})-(\d{2})$/.exec(spec);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
    return { from: `${spec}-01`, to: last };
  }
  return null;
}

export function inPeriod(date: string | null | undefined, p: Period): boolean {
  return !!date && date >= p.from && date <= p.to;
}

export interface ConversionDeal {
  /** Asia/Shanghai date the deal entered the industrialised stage; null if it never did */
  readonly industrialisedOn: string | null;
  /** whether the deal's achievement belongs to an organisation registered in Liaoning; null when the deal has no achievement or the region is unknown */
  readonly achievementInLiaoning: boolean | null;
  /** whether it was industrialised inside Liaoning (the deal's recorded place) */
  readonly industrialisedInLiaoning: boolean | null;
}

export interface ConversionRate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator in basis points, rounded half up; null when the denominator is 0 */
  readonly rateBp: number | null;
  /** industrialised in the period but left out: no achievement, or its organisation's region is unknown */
  readonly excludedUnknownOrigin: number;
  /** industrialised in the period from achievements outside Liaoning (not part of this indicator) */
  readonly excludedOutsideOrigin: number;
}

/**
 * 科技成果本地转化率 for a period:
 *   numerator   = deals industrialised in the period (by the Shanghai date of the industrialised stage time) whose
 *                 achievement's organisation is in Liaoning AND that were industrialised in Liaoning;
 *   denominator = deals industrialised in the period whose achievement's organisation is in Liaoning.
 * A deal whose place is not recorded counts in the denominator only (it cannot be shown to be local).
 */
export function localConversionRate(deals: readonly ConversionDeal[], period: Period): ConversionRate {
  let numerator = 0;
  let denominator = 0;
  let unknown = 0;
  let outside = 0;
  for (const d of deals) {
    if (!inPeriod(d.industrialisedOn, period)) continue;
    if (d.achievementInLiaoning === null) unknown++;
    else if (!d.achievementInLiaoning) outside++;
    else {
      denominator++;
      if (d.industrialisedInLiaoning === true) numerator++;
    }
  }
  return { numerator, denominator, rateBp: denominator ? Math.round((numerator * 10000) / denominator) : null, excludedUnknownOrigin: unknown, excludedOutsideOrigin: outside };
}

export type Light = 'green' | 'amber' | 'red' | 'none';

export interface IndicatorTarget {
  readonly baseline: string;
  readonly target: string;
  /** 'up': more is better; 'down': less is better */
  readonly direction: 'up' | 'down';
  /** 'linear': the target is reached by the period end, pro rata from the baseline; 'level': the target applies at every point (rates, growth per year) */
  readonly trajectory: 'linear' | 'level';
  readonly periodStart: string;
  readonly periodEnd: string;
}

export interface LightResult {
  readonly light: Light;
  /** the value expected by `asOf` (decimal string) */
  readonly expected: string;
  /** share of the expected progress achieved, in basis points (null when no progress is expected yet or no value) */
  readonly achievedBp: number | null;
}

export class IndicatorRuleError extends Error {}

/**
 * Traffic light of an indicator on `asOf`:
 *   expected = target for 'level'; for 'linear' baseline + (target − baseline) × elapsed ÷ length, where elapsed
 *   counts calendar days from periodStart to asOf (inclusive, capped at the period) and length the days of the period.
 *   green  when the actual value is at or beyond expected (≥ for 'up', ≤ for 'down');
 *   amber  when it has achieved at least `amberShareBp` of the expected movement from the baseline
 *          ('level': of the distance from 0 to the target, i.e. actual ≥ target × share for 'up');
 *   red    otherwise; 'none' when there is no value.
 * All arithmetic is exact (BigInt over scaled decimals).
 */
export function trafficLight(ind: IndicatorTarget, actual: string | null, asOf: string, amberShareBp = 9000): LightResult {
  const b = parseDecimal(ind.baseline);
  const t = parseDecimal(ind.target);
  if (b === null || t === null) throw new IndicatorRuleError('baseline and target must be decimals');
  if (!isCalendarDate(ind.periodStart) || !isCalendarDate(ind.periodEnd) || ind.periodEnd < ind.periodStart) throw new IndicatorRuleError('period invalid');
  const length = BigInt(dayNo(ind.periodEnd) - dayNo(ind.periodStart) + 1);
  const elapsedDays = Math.min(Math.max(dayNo(asOf) - dayNo(ind.periodStart) + 1, 0), Number(length));
  const elapsed = BigInt(elapsedDays);
  const from = ind.trajectory === 'level' ? 0n : b;
  const expected = ind.trajectory === 'level' ? t : b + roundDiv((t - b) * elapsed, length);
  if (actual === null) return { light: 'none', expected: formatDecimal(expected), achievedBp: null };
  const a = parseDecimal(actual);
  if (a === null) throw new IndicatorRuleError('actual must be a decimal');
  const sign = ind.direction === 'up' ? 1n : -1n;
  // movement achieved vs expected, in the good direction; compared without dividing
  const achieved = (a - from) * sign;
  const wanted = (expected - from) * sign;
  const achievedBp = wanted > 0n ? Number(roundDiv(achieved * 10000n, wanted)) : null;
  let light: Light;
  if ((a - expected) * sign >= 0n) light = 'green';
  else if (wanted > 0n && achieved * 10000n >= wanted * BigInt(amberShareBp)) light = 'amber';
  else light = 'red';
  return { light, expected: formatDecimal(expected), achievedBp };
}
