/**
 * Counting demands by industry chain, by city and by month (Asia/Shanghai). Pure.
 *
 * - Chain: the first segment of each industry code (EQ.ROB.RED → EQ); a demand with codes in two chains counts once in
 *   each (so the chain counts may add up to more than the total); a demand with no code counts under `NONE`.
 * - City: the first four digits of the region code (210213 → 210200); codes outside Liaoning, the bare province code
 *   and missing codes count under `OTHER`.
 * - Month: the Asia/Shanghai calendar month of the publication instant; every month of the period is listed, zeros
 *   included.
 */
export const NO_CHAIN = 'NONE';
export const OTHER_CITY = 'OTHER';

export interface InsightPeriod {
  /** inclusive Asia/Shanghai dates YYYY-MM-DD */
  from: string;
  to: string;
}

export interface CountedDemand {
  id: string;
  industries: readonly string[];
  regionCode: string | null;
  /** Asia/Shanghai date YYYY-MM-DD of publication */
  publishedOn: string;
}

export function chainsOf(industries: readonly string[]): string[] {
  const set = new Set(industries.map((c) => c.split('.')[0]).filter(Boolean));
  return set.size ? [...set].sort() : [NO_CHAIN];
}

export function cityOfCode(regionCode: string | null): string {
  if (!regionCode || !/^21\d{4}$/.test(regionCode) || regionCode === '210000') return OTHER_CITY;
  return `${regionCode.slice(0, 4)}00`;
}

export function inChain(industries: readonly string[], chain: string): boolean {
  return industries.some((c) => c === chain || c.startsWith(`${chain}.`));
}

/** The months YYYY-MM from the period's first to its last, inclusive. */
export function monthsOf(p: InsightPeriod): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const endY = Number(p.to.slice(0, 4));
  const endM = Number(p.to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function countBy<T>(items: readonly T[], keys: (t: T) => readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const it of items) for (const k of new Set(keys(it))) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

export interface Trend {
  months: string[];
  total: number[];
  byChain: Record<string, number[]>;
  byCity: Record<string, number[]>;
  byTopic: Record<string, number[]>;
}

/** Per-month counts, overall and per chain, city and topic (topicOf: demand id → topic id). */
export function trendOf(demands: readonly CountedDemand[], period: InsightPeriod, topicOf: ReadonlyMap<string, string>): Trend {
  const months = monthsOf(period);
  const at = new Map(months.map((m, i) => [m, i]));
  const zeros = () => months.map(() => 0);
  const total = zeros();
  const byChain: Record<string, number[]> = {};
  const byCity: Record<string, number[]> = {};
  const byTopic: Record<string, number[]> = {};
  const bump = (rec: Record<string, number[]>, key: string, i: number) => ((rec[key] ??= zeros())[i] += 1);
  for (const d of demands) {
    const i = at.get(d.publishedOn.slice(0, 7));
    if (i === undefined) continue;
    total[i]++;
    for (const c of chainsOf(d.industries)) bump(byChain, c, i);
    bump(byCity, cityOfCode(d.regionCode), i);
    const t = topicOf.get(d.id);
    if (t) bump(byTopic, t, i);
  }
  return { months, total, byChain: sortKeys(byChain), byCity: sortKeys(byCity), byTopic: sortKeys(byTopic) };
}

function sortKeys<V>(r: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
