/**
 * Review scores (评审打分): scoring sheets with points per criterion, and aggregation across reviewers that drops the
 * highest and the lowest total where the programme says so (去掉一个最高分和一个最低分). All arithmetic is on integer
 * hundredths of a point — "85.5" is 8550 — so no float ever enters a score. Pure.
 */

export interface Criterion {
  key: string;
  name: string;
  /** the maximum points, in hundredths */
  maxHundredths: number;
}

/** "85.5" → 8550; null when not a non-negative decimal with at most two places. */
export function pointsToHundredths(s: string): number | null {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 8550 → "85.50" */
export function hundredthsToPoints(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export type SheetCheck = { ok: true; totalHundredths: number } | { ok: false; field: string; zh: string; en: string };

/** A reviewer's sheet must give points for every criterion, each within 0…max; the total is their sum. */
export function checkSheet(criteria: Criterion[], sheet: { key: string; hundredths: number }[]): SheetCheck {
  const byKey = new Map(sheet.map((s) => [s.key, s.hundredths]));
  if (byKey.size !== sheet.length) return { ok: false, field: 'sheet', zh: '评分项重复', en: 'a criterion is scored twice' };
  for (const s of sheet) if (!criteria.some((c) => c.key === s.key)) return { ok: false, field: `sheet.${s.key}`, zh: '没有这个评分项', en: 'no such criterion' };
  let total = 0;
  for (const c of criteria) {
    const h = byKey.get(c.key);
    if (h === undefined) return { ok: false, field: `sheet.${c.key}`, zh: `请为“${c.name}”打分`, en: `score "${c.name}"` };
    if (!Number.isSafeInteger(h) || h < 0 || h > c.maxHundredths) return { ok: false, field: `sheet.${c.key}`, zh: `“${c.name}”应在 0–${hundredthsToPoints(c.maxHundredths)} 分之间`, en: `"${c.name}" must be between 0 and ${hundredthsToPoints(c.maxHundredths)}` };
    total += h;
  }
  return { ok: true, totalHundredths: total };
}

export interface AggregateOptions {
  /** drop one highest and one lowest total before averaging */
  dropExtremes: boolean;
  /** dropping needs at least this many totals (default 3, so that one remains) — below it, nothing is dropped */
  minScoresToDrop?: number;
}

export interface Aggregate {
  count: number;
  /** the totals that count, in the order given */
  used: number[];
  dropped: { highest: number; lowest: number } | null;
  sumHundredths: number;
  /** the mean of `used`, rounded half up to a hundredth of a point; null when nobody scored */
  meanHundredths: number | null;
  mean: string | null;
}

/** Mean of the totals (hundredths), with the highest and lowest dropped where configured. Exact: integer division with half-up rounding. */
export function aggregateScores(totals: number[], opts: AggregateOptions): Aggregate {
  for (const t of totals) if (!Number.isSafeInteger(t) || t < 0) throw new Error(`score totals are non-negative integer hundredths (got ${t})`);
  const min = Math.max(3, opts.minScoresToDrop ?? 3);
  let used = [...totals];
  let dropped: Aggregate['dropped'] = null;
  if (opts.dropExtremes && totals.length >= min) {
    const hi = Math.max(...totals);
    const lo = Math.min(...totals);
    used.splice(used.indexOf(hi), 1);
    used.splice(used.indexOf(lo), 1);
    dropped = { highest: hi, lowest: lo };
  }
  const sum = used.reduce((a, b) => a + b, 0);
  const n = used.length;
  const mean = n ? Math.floor((2 * sum + n) / (2 * n)) : null; // round(sum / n) half up, in integers
  return { count: totals.length, used, dropped, sumHundredths: sum, meanHundredths: mean, mean: mean === null ? null : hundredthsToPoints(mean) };
}

export interface Ranked<T> {
  item: T;
  aggregate: Aggregate;
  rank: number | null;
}

/** Applications by mean score, highest first; equal means share a rank; unscored ones come last without a rank. */
export function rankByScore<T>(items: { item: T; totals: number[] }[], opts: AggregateOptions): Ranked<T>[] {
  const rows = items.map((i) => ({ item: i.item, aggregate: aggregateScores(i.totals, opts), rank: null as number | null }));
  rows.sort((a, b) => (b.aggregate.meanHundredths ?? -1) - (a.aggregate.meanHundredths ?? -1));
  let rank = 0;
  rows.forEach((r, i) => {
    if (r.aggregate.meanHundredths === null) return;
    if (i === 0 || rows[i - 1].aggregate.meanHundredths !== r.aggregate.meanHundredths) rank = i + 1;
    r.rank = rank;
  });
  return rows;
}
