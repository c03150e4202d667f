import { describe, expect, it } from 'vitest';
import { brokerTrackRecord, computeTrackRecord, isSigned, trackRecordsByBroker, type TrackRecordDeal } from './track-record.js';

const d = (brokers: string[], stage: TrackRecordDeal['stage'], times: TrackRecordDeal['stageTimes'], amountFen: number | null = null): TrackRecordDeal => ({
  brokerUserIds: brokers,
  stage,
  stageTimes: times,
  amountFen,
});
const day = (n: number, h = 0) => new Date(Date.UTC(2025, 0, 1 + n, h)).toISOString();

const deals: TrackRecordDeal[] = [
  d(['k1'], 'contract_signed', { matched: day(0), contract_signed: day(10) }, 1_000_000), // 10 days
  d(['k1', 'k2'], 'registered', { matched: day(0), contract_signed: day(30), registered: day(40) }, 5_000_000), // 30 days
  d(['k1'], 'industrialised', { matched: day(0, 0), contract_signed: day(20, 12) }, 2_000_000), // 20.5 days
  d(['k1'], 'negotiating', { matched: day(0) }, 9_999_999), // not signed: amount not counted
  d(['k1'], 'closed_lost', { matched: day(0), contract_signed: day(50) }, 700_000), // signed, then terminated: 50 days
  d(['k2'], 'contract_signed', { matched: day(5) }, null), // signed without timestamps or amount
];

describe('isSigned', () => {
  it.each<[TrackRecordDeal['stage'], TrackRecordDeal['stageTimes'], boolean]>([
    ['agreed', {}, false],
    ['contract_signed', {}, true],
    ['implementing', {}, true],
    ['closed_lost', {}, false],
    ['closed_lost', { contract_signed: day(1) }, true],
  ])('%s %j → %s', (stage, times, signed) => {
    expect(isSigned({ stage, stageTimes: times })).toBe(signed);
  });
});

describe('broker track record', () => {
  it('k1: 5 handled, 4 signed; median of 10, 20.5, 30, 50 days = (20.5 + 30) / 2 = 25.25 → 25.3', () => {
    expect(brokerTrackRecord('k1', deals)).toEqual({
      handled: 5,
      signed: 4,
      amountFen: 1_000_000 + 5_000_000 + 2_000_000 + 700_000,
      medianDaysMatchToContract: 25.3,
      medianSample: 4,
      signedWithoutAmount: 0,
    });
  });

  it('k2: the median of one value, a signed deal without amount', () => {
    expect(brokerTrackRecord('k2', deals)).toEqual({
      handled: 2,
      signed: 2,
      amountFen: 5_000_000,
      medianDaysMatchToContract: 30,
      medianSample: 1,
      signedWithoutAmount: 1,
    });
  });

  it.each([
    [[10], 10],
    [[10, 20, 31], 20],
    [[1, 2], 1.5],
    [[0.04, 0.05], 0], // mean 0.045 → 0.0 (rounded to 0.1)
  ])('median of %j = %s', (spans, median) => {
    const ds = spans.map((s) => d(['k'], 'contract_signed', { matched: day(0), contract_signed: new Date(Date.parse(day(0)) + s * 86_400_000).toISOString() }));
    expect(computeTrackRecord(ds).medianDaysMatchToContract).toBe(median);
  });

  it('nobody: zeros and no median', () => {
    expect(brokerTrackRecord('nobody', deals)).toEqual({ handled: 0, signed: 0, amountFen: 0, medianDaysMatchToContract: null, medianSample: 0, signedWithoutAmount: 0 });
  });

  it('leaves a contract dated before the match out of the median', () => {
    expect(computeTrackRecord([d(['k'], 'contract_signed', { matched: day(5), contract_signed: day(1) }, 1)]).medianSample).toBe(0);
  });

  it('by broker: a shared deal counts fully for each broker', () => {
    const all = trackRecordsByBroker(deals);
    expect([...all.keys()]).toEqual(['k1', 'k2']);
    expect(all.get('k2')!.amountFen).toBe(5_000_000);
  });

  it('refuses non-integer amounts', () => {
    expect(() => computeTrackRecord([d(['k'], 'registered', {}, 1.5)])).toThrow(RangeError);
  });
});
