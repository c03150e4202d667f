/**
 * A broker's public track record (科技经纪人业绩), computed only from deal facts the platform recorded — never
 * self-reported.
 *
 * - handled: deals the broker is on.
 * - signed: deals that reached contract_signed or later — current stage at or past contract_signed, or a
 *   contract_signed timestamp (so a deal lost after signing still counts as signed: the contract was signed).
 * - amountFen: Σ 成交额 of the signed deals (a signed deal without an amount adds 0 and is counted in
 *   signedWithoutAmount).
 * - medianDaysMatchToContract: median over signed deals with both timestamps of the elapsed days from `matched` to
 *   `contract_signed`; an even count takes the mean of the two middle values; rounded to 0.1 day; null when no deal
 *   has both timestamps.
 */
import { elapsedDays, medianDays, stageIndex, type StageTimes } from './deal-times.js';
import type { DealStage } from './stages.js';

export interface TrackRecordDeal {
  readonly brokerUserIds: readonly string[];
  readonly stage: DealStage;
  readonly stageTimes: StageTimes;
  /** 成交额 in fen, once known. */
  readonly amountFen: number | null;
}

export interface TrackRecord {
  readonly handled: number;
  readonly signed: number;
  readonly amountFen: number;
  readonly medianDaysMatchToContract: number | null;
  /** How many signed deals the median is over. */
  readonly medianSample: number;
  readonly signedWithoutAmount: number;
}

const SIGNED_INDEX = stageIndex('contract_signed');

export function isSigned(deal: Pick<TrackRecordDeal, 'stage' | 'stageTimes'>): boolean {
  return stageIndex(deal.stage) >= SIGNED_INDEX || !!deal.stageTimes.contract_signed;
}

/** The track record over the given deals (already the broker's). */
export function computeTrackRecord(deals: readonly TrackRecordDeal[]): TrackRecord {
  let signed = 0;
  let amountFen = 0;
  let signedWithoutAmount = 0;
  const days: number[] = [];
  for (const d of deals) {
    if (!isSigned(d)) continue;
    signed++;
    if (d.amountFen === null || d.amountFen === undefined) signedWithoutAmount++;
    else {
      if (!Number.isSafeInteger(d.amountFen) || d.amountFen < 0) throw new RangeError(`amountFen must be integer fen, got ${d.amountFen}`);
      amountFen += d.amountFen;
      if (!Number.isSafeInteger(amountFen)) throw new RangeError('amount total exceeds the safe integer range');
    }
    const m = d.stageTimes.matched;
    const c = d.stageTimes.contract_signed;
    if (m && c) {
      const span = elapsedDays(m, c);
      if (span >= 0) days.push(span); // a contract "before" the match is bad data: left out of the median
    }
  }
  return {
    handled: deals.length,
    signed,
    amountFen,
    medianDaysMatchToContract: medianDays(days),
    medianSample: days.length,
    signedWithoutAmount,
  };
}

/** One broker's record: the deals whose brokerUserIds include the broker. */
export function brokerTrackRecord(brokerUserId: string, deals: readonly TrackRecordDeal[]): TrackRecord {
  return computeTrackRecord(deals.filter((d) => d.brokerUserIds.includes(brokerUserId)));
}

/** Every broker's record, keyed by user id (a deal with two brokers counts fully for each). */
export function trackRecordsByBroker(deals: readonly TrackRecordDeal[]): Map<string, TrackRecord> {
  const by = new Map<string, TrackRecordDeal[]>();
  for (const d of deals) for (const b of new Set(d.brokerUserIds)) by.set(b, [...(by.get(b) ?? []), d]);
  return new Map([...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([b, ds]) => [b, computeTrackRecord(ds)]));
}
