/**
 * Time facts of a deal (the timestamp at which it reached each stage) and the helpers the track record and the
 * funnel share. Pure: instants are passed in as ISO strings or Dates.
 */
import { DEAL_STAGES, type DealStage } from './stages.js';

/** ISO timestamps of the stages a deal has reached (deal_stage_times). */
export type StageTimes = Partial<Record<DealStage, string | null | undefined>>;

/** Position on the path; -1 for closed_lost or anything unknown. */
export function stageIndex(stage: string): number {
  return (DEAL_STAGES as readonly string[]).indexOf(stage);
}

/**
 * The furthest path stage a deal has reached: the later of its current stage (when on the path) and every stage
 * with a timestamp. Stages before it count as passed even without a timestamp (a deal may skip the NDA).
 * -1 when none (e.g. lost before any recorded stage).
 */
export function furthestStageIndex(stage: DealStage, stageTimes: StageTimes): number {
  let furthest = stageIndex(stage);
  DEAL_STAGES.forEach((s, i) => {
    if (stageTimes[s] && i > furthest) furthest = i;
  });
  return furthest;
}

/** Milliseconds of an ISO timestamp or Date; throws a RangeError on anything unparseable. */
export function toMs(t: string | Date): number {
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${String(t)}`);
  return ms;
}

const DAY_MS = 86_400_000;

/** Elapsed days between two instants, fractional (36 hours = 1.5); not calendar days. */
export function elapsedDays(from: string | Date, to: string | Date): number {
  return (toMs(to) - toMs(from)) / DAY_MS;
}

/**
 * Median of day values, rounded to one decimal (half up). An even count takes the mean of the two middle values.
 * null for no values.
 */
export function medianDays(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const m = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return Math.round(m * 10) / 10;
}
