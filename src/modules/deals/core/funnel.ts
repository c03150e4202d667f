/**
 * Deal funnel analytics (对接转化漏斗) over a period [from, to). Two bases:
 *
 * - 'cohort' (default): the deals MATCHED in the period, followed to wherever they got (at any later time).
 *   A deal has reached a stage when its furthest stage is at or past it — skipped stages (no NDA on a public
 *   listing) count as passed. Conversion to the next stage = reached(next) / reached(this).
 * - 'activity': what happened in the period, whatever the deal's age: reached(stage) = deals whose timestamp for
 *   that stage lies in the period (skipped stages, having no timestamp, are not counted). Conversion is then a
 *   ratio of flows and may exceed 100%.
 *
 * Median days in a stage: from entering it (its timestamp) to leaving it (the earliest later timestamp, incl.
 * closed_lost), over deals that have left it — deals still in the stage are left out (censored). In cohort mode over
 * the cohort's deals; in activity mode over exits inside the period. Rounded to 0.1 day; even counts take the mean
 * of the two middle values.
 *
 * Conversion rates are basis points, rounded half up (reached(next) × 10000 / reached), null when reached is 0.
 */
import { elapsedDays, furthestStageIndex, medianDays, toMs, type StageTimes } from './deal-times.js';
import { DEAL_STAGES, type DealStage } from './stages.js';

export interface FunnelDeal {
  readonly stage: DealStage;
  readonly stageTimes: StageTimes;
  readonly lostReason?: string | null;
  /** GB/T 2260 city code of the deal (usually the buyer's city). */
  readonly cityCode?: string | null;
  /** Taxonomy code, e.g. "EQ.ROB.RED". */
  readonly industry?: string | null;
}

export interface FunnelPeriod {
  /** Inclusive ISO instant. */
  readonly from: string;
  /** Exclusive ISO instant. */
  readonly to: string;
}

export interface FunnelOptions {
  readonly basis?: 'cohort' | 'activity';
  /** Only these cities (exact codes). */
  readonly cityCode?: string | readonly string[];
  /** Only this industry, by dotted prefix: "EQ" matches "EQ" and "EQ.ROB.RED", not "EQX". */
  readonly industry?: string;
}

export interface FunnelStageRow {
  readonly stage: (typeof DEAL_STAGES)[number];
  readonly reached: number;
  /** reached(next) / reached(this) in bp; null for the last stage or when reached is 0. */
  readonly conversionBp: number | null;
  readonly medianDaysInStage: number | null;
  /** Number of stays the median is over. */
  readonly medianSample: number;
}

export interface Funnel {
  readonly basis: 'cohort' | 'activity';
  readonly period: FunnelPeriod;
  /** Deals in scope after filters (cohort: matched in the period; activity: any stage time in the period). */
  readonly deals: number;
  readonly stages: readonly FunnelStageRow[];
  readonly lost: {
    readonly total: number;
    /** By lostReason ('unspecified' when missing), most frequent first, then by reason. */
    readonly reasons: readonly { readonly reason: string; readonly count: number }[];
    /** By the furthest stage reached before the loss ('none' when no stage was recorded). */
    readonly byStage: readonly { readonly stage: string; readonly count: number }[];
  };
  /** Deals left out of a cohort because they have no `matched` timestamp. */
  readonly missingMatchedTime: number;
}

const ALL_STAGES: readonly DealStage[] = [...DEAL_STAGES, 'closed_lost'];

function matchesFilters(d: FunnelDeal, o: FunnelOptions): boolean {
  if (o.cityCode !== undefined) {
    const cities = typeof o.cityCode === 'string' ? [o.cityCode] : o.cityCode;
    if (!d.cityCode || !cities.includes(d.cityCode)) return false;
  }
  if (o.industry !== undefined) {
    const ind = d.industry ?? '';
    if (ind !== o.industry && !ind.startsWith(`${o.industry}.`)) return false;
  }
  return true;
}

/** [entered, left] of a stage: left = the earliest timestamp of a later stage (or closed_lost) at or after entry. */
function stay(d: FunnelDeal, i: number): { entered: string; left: string | null } | null {
  const entered = d.stageTimes[DEAL_STAGES[i]];
  if (!entered) return null;
  const enteredMs = toMs(entered);
  let left: string | null = null;
  let leftMs = Infinity;
  for (const s of [...DEAL_STAGES.slice(i + 1), 'closed_lost' as const]) {
    const t = d.stageTimes[s];
    if (!t) continue;
    const ms = toMs(t);
    if (ms >= enteredMs && ms < leftMs) {
      left = t;
      leftMs = ms;
    }
  }
  return { entered, left };
}

function histogram(keys: readonly string[]): { key: string; count: number }[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function dealFunnel(deals: readonly FunnelDeal[], period: FunnelPeriod, options: FunnelOptions = {}): Funnel {
  const basis = options.basis ?? 'cohort';
  const fromMs = toMs(period.from);
  const toMsExcl = toMs(period.to);
  if (toMsExcl <= fromMs) throw new RangeError('period.to must be after period.from');
  const inPeriod = (t: string | null | undefined) => !!t && toMs(t) >= fromMs && toMs(t) < toMsExcl;
  const filtered = deals.filter((d) => matchesFilters(d, options));

  let scope: FunnelDeal[];
  let missingMatchedTime = 0;
  if (basis === 'cohort') {
    scope = filtered.filter((d) => {
      if (!d.stageTimes.matched) {
        missingMatchedTime++;
        return false;
      }
      return inPeriod(d.stageTimes.matched);
    });
  } else {
    scope = filtered.filter((d) => ALL_STAGES.some((s) => inPeriod(d.stageTimes[s])));
  }

  const furthest = scope.map((d) => furthestStageIndex(d.stage, d.stageTimes));
  const reached = DEAL_STAGES.map((s, i) =>
    basis === 'cohort' ? furthest.filter((f) => f >= i).length : scope.filter((d) => inPeriod(d.stageTimes[s])).length,
  );

  const stages: FunnelStageRow[] = DEAL_STAGES.map((stage, i) => {
    const durations: number[] = [];
    for (const d of scope) {
      const st = stay(d, i);
      if (!st || !st.left) continue;
      if (basis === 'activity' && !inPeriod(st.left)) continue;
      durations.push(elapsedDays(st.entered, st.left));
    }
    const next = i + 1 < DEAL_STAGES.length ? reached[i + 1] : null;
    return {
      stage,
      reached: reached[i],
      conversionBp: next === null || reached[i] === 0 ? null : Math.round((next * 10_000) / reached[i]),
      medianDaysInStage: medianDays(durations),
      medianSample: durations.length,
    };
  });

  const lostDeals = scope
    .map((d, i) => ({ d, f: furthest[i] }))
    .filter(({ d }) => d.stage === 'closed_lost' && (basis === 'cohort' || inPeriod(d.stageTimes.closed_lost)));
  return {
    basis,
    period,
    deals: scope.length,
    stages,
    lost: {
      total: lostDeals.length,
      reasons: histogram(lostDeals.map(({ d }) => d.lostReason || 'unspecified')).map(({ key, count }) => ({ reason: key, count })),
      byStage: histogram(lostDeals.map(({ f }) => (f >= 0 ? DEAL_STAGES[f] : 'none'))).map(({ key, count }) => ({ stage: key, count })),
    },
    missingMatchedTime,
  };
}

/** One funnel per city or per industry chain (first segment of the taxonomy code), largest first. */
export function funnelBy(
  deals: readonly FunnelDeal[],
  period: FunnelPeriod,
  key: 'cityCode' | 'industry',
  options: FunnelOptions = {},
): { key: string; funnel: Funnel }[] {
  const groupOf = (d: FunnelDeal): string => {
    const v = key === 'cityCode' ? d.cityCode : d.industry?.split('.')[0];
    return v || 'unknown';
  };
  const groups = new Map<string, FunnelDeal[]>();
  for (const d of deals) groups.set(groupOf(d), [...(groups.get(groupOf(d)) ?? []), d]);
  return [...groups.entries()]
    .map(([k, ds]) => ({ key: k, funnel: dealFunnel(ds, period, options) }))
    .filter((g) => g.funnel.deals > 0)
    .sort((a, b) => b.funnel.deals - a.funnel.deals || a.key.localeCompare(b.key));
}
