import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import type { CreditParams, RiskClass } from './params.js';
import { RISK_CLASSES } from './params.js';
import type { CreditRecord } from './records.js';
import { emptyIndicators, indicatorsFromRecords, recencyFactorBp, riskClassOfScore, scoreOrganisation, type RiskIndicators } from './risk-class.js';

const params = creditParams();
const asOf = '2025-06-30';
const none = emptyIndicators();
const rank = (c: RiskClass): number => RISK_CLASSES.indexOf(c);

describe('scoreOrganisation with the shipped defaults', () => {
  it.each<[string, Partial<RiskIndicators>, number, RiskClass]>([
    ['no history: base score only → B', {}, 20, 'B'],
    ['annual report on time and a licence → A', { annualReport: 'on_time', licences: [{ date: '2025-01-10' }] }, 8, 'A'],
    ['a recent serious penalty → D', { penalties: [{ severity: 'serious', date: '2025-05-01' }] }, 60, 'D'],
    ['an ordinary penalty 18 months ago counts half', { penalties: [{ severity: 'ordinary', date: '2023-12-31' }] }, 28, 'B'],
    ['a serious penalty over 36 months ago no longer counts', { penalties: [{ severity: 'serious', date: '2022-06-30' }] }, 20, 'B'],
    ['on the abnormal list now → C', { abnormalListings: [{ listedOn: '2025-03-01', removedOn: null }] }, 50, 'C'],
    ['formerly on the abnormal list', { abnormalListings: [{ listedOn: '2024-07-10', removedOn: '2024-09-01' }] }, 30, 'C'],
    ['two broken commitments', { commitments: [{ outcome: 'broken', date: '2025-02-01' }, { outcome: 'broken', date: '2025-04-01' }] }, 40, 'C'],
    ['a failed inspection and an upheld complaint', { inspections: [{ result: 'fail', date: '2025-03-01' }], platformEvents: [{ behaviour: 'upheld_complaint', date: '2025-04-01' }] }, 48, 'C'],
    ['annual report missing', { annualReport: 'missing' }, 30, 'C'],
    ['events after asOf are ignored', { penalties: [{ severity: 'serious', date: '2025-07-01' }] }, 20, 'B'],
  ])('%s', (_, partial, score, cls) => {
    const r = scoreOrganisation({ ...none, ...partial }, params, asOf);
    expect(r.score).toBe(score);
    expect(r.class).toBe(cls);
    expect(r.breakdown.reduce((s, e) => s + e.points, 0)).toBe(r.score);
  });

  it('caps favourable points so good news cannot hide much', () => {
    const awards = Array.from({ length: 5 }, () => ({ date: '2025-01-01' }));
    const r = scoreOrganisation({ ...none, awards, annualReport: 'on_time' }, params, asOf);
    expect(r.score).toBe(0);
    expect(r.breakdown.find((e) => e.indicator === 'positive_floor')?.points).toBe(15);
    expect(r.class).toBe('A');
  });

  it('the serious list forces D whatever the score, and says so', () => {
    const r = scoreOrganisation({ ...none, annualReport: 'on_time', licences: [{ date: '2025-01-10' }], seriousListings: [{ listedOn: '2025-01-01', removedOn: null }] }, params, asOf);
    expect(r.scoreClass).toBe('A');
    expect(r.class).toBe('D');
    expect(r.overrides).toEqual([expect.objectContaining({ rule: 'serious_list', from: 'A', to: 'D' })]);
  });

  it('a past serious listing counts points but does not force D', () => {
    const r = scoreOrganisation({ ...none, seriousListings: [{ listedOn: '2021-01-01', removedOn: '2024-01-01' }] }, params, asOf);
    expect(r.score).toBe(20 + 13); // 25 × 50 %, rounded half away from zero
    expect(r.class).toBe('C');
    expect(r.overrides).toEqual([]);
  });

  it('the abnormal list caps the class at C even when the points alone would allow better', () => {
    const lenient: CreditParams = { ...params, riskClass: { ...params.riskClass, points: { ...params.riskClass.points, 'abnormal_list.current': 0 } } };
    const r = scoreOrganisation({ ...none, annualReport: 'on_time', licences: [{ date: '2025-01-10' }], abnormalListings: [{ listedOn: '2025-03-01', removedOn: null }] }, lenient, asOf);
    expect(r.scoreClass).toBe('A');
    expect(r.class).toBe('C');
    expect(r.overrides[0]).toMatchObject({ rule: 'abnormal_list', from: 'A', to: 'C' });
  });

  it('the breakdown carries zh and en for every line', () => {
    const r = scoreOrganisation({ ...none, penalties: [{ severity: 'minor', date: '2025-06-01' }], annualReport: 'late' }, params, asOf);
    expect(r.breakdown.map((e) => e.indicator)).toEqual(['base', 'penalty.minor', 'annual_report.late']);
    expect(r.breakdown[1]).toMatchObject({ count: 1, points: 5, zh: '较轻行政处罚 ×1', en: 'Minor penalties ×1' });
  });
});

describe('thresholds and recency', () => {
  it.each([
    [-5, 'A'],
    [9, 'A'],
    [10, 'B'],
    [29, 'B'],
    [30, 'C'],
    [59, 'C'],
    [60, 'D'],
  ] as const)('score %i → %s', (score, cls) => expect(riskClassOfScore(score, params)).toBe(cls));

  it.each([
    ['2025-06-30', 10_000],
    ['2024-07-01', 10_000],
    ['2024-06-30', 5_000],
    ['2022-07-01', 5_000],
    ['2022-06-30', 0],
    ['2025-07-01', 0],
  ])('an event on %s weighs %i bp as of 2025-06-30', (date, bp) => expect(recencyFactorBp(date, asOf, params)).toBe(bp));
});

describe('properties', () => {
  const date = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const indicators: fc.Arbitrary<RiskIndicators> = fc.record({
    penalties: fc.array(fc.record({ severity: fc.constantFrom('minor' as const, 'ordinary' as const, 'serious' as const), date }), { maxLength: 4 }),
    abnormalListings: fc.array(fc.record({ listedOn: date, removedOn: fc.option(date, { nil: null }) }), { maxLength: 2 }),
    seriousListings: fc.array(fc.record({ listedOn: date, removedOn: fc.option(date, { nil: null }) }), { maxLength: 1 }),
    commitments: fc.array(fc.record({ outcome: fc.constantFrom('kept' as const, 'broken' as const), date }), { maxLength: 4 }),
    inspections: fc.array(fc.record({ result: fc.constantFrom('pass' as const, 'problems' as const, 'fail' as const), date }), { maxLength: 3 }),
    platformEvents: fc.array(fc.record({ behaviour: fc.constantFrom('deal_abandoned_after_nda' as const, 'upheld_complaint' as const), date }), { maxLength: 3 }),
    awards: fc.array(fc.record({ date }), { maxLength: 6 }),
    licences: fc.array(fc.record({ date }), { maxLength: 6 }),
    annualReport: fc.constantFrom('on_time' as const, 'late' as const, 'missing' as const, 'pending' as const, 'unknown' as const),
  });

  it('the breakdown always adds up to the score', () => {
    fc.assert(
      fc.property(indicators, (ind) => {
        const r = scoreOrganisation(ind, params, '2025-06-30');
        expect(r.breakdown.reduce((s, e) => s + e.points, 0)).toBe(r.score);
      }),
    );
  });

  it('a new penalty or broken commitment never improves the class', () => {
    fc.assert(
      fc.property(indicators, fc.constantFrom('penalty', 'commitment'), (ind, what) => {
        const before = scoreOrganisation(ind, params, '2025-06-30');
        const worse: RiskIndicators =
          what === 'penalty'
            ? { ...ind, penalties: [...ind.penalties, { severity: 'ordinary', date: '2025-06-01' }] }
            : { ...ind, commitments: [...ind.commitments, { outcome: 'broken', date: '2025-06-01' }] };
        const after = scoreOrganisation(worse, params, '2025-06-30');
        expect(rank(after.class)).toBeGreaterThanOrEqual(rank(before.class));
      }),
    );
  });
});

describe('indicatorsFromRecords', () => {
  const base = { orgId: 'o', source: { type: 'authority', name: '辽宁省市场监督管理局' } } as const;
  const records: CreditRecord[] = [
    { ...base, id: '1', kind: 'penalty', severity: 'serious', date: '2025-01-10' },
    { ...base, id: '2', kind: 'penalty', severity: 'ordinary', date: '2025-01-10', repairedOn: '2025-05-01' },
    { ...base, id: '3', kind: 'penalty', severity: 'minor', date: '2025-08-01' },
    { ...base, id: '4', kind: 'abnormal_list', reason: 'unreachable_at_address', date: '2024-03-01', removedOn: '2024-05-01' },
    { ...base, id: '5', kind: 'serious_list', legalBasis: 'false_registration', date: '2025-02-01' },
    { ...base, id: '6', kind: 'commitment', outcome: 'broken', date: '2025-03-01' },
    { ...base, id: '7', kind: 'award', date: '2024-11-11' },
  ];

  it('drops future and repaired records and turns list entries into spans', () => {
    const ind = indicatorsFromRecords(records, '2025-06-30', 'on_time');
    expect(ind.penalties).toEqual([{ severity: 'serious', date: '2025-01-10' }]);
    expect(ind.abnormalListings).toEqual([{ listedOn: '2024-03-01', removedOn: '2024-05-01' }]);
    expect(ind.seriousListings).toEqual([{ listedOn: '2025-02-01', removedOn: null }]);
    expect(ind.commitments).toEqual([{ outcome: 'broken', date: '2025-03-01' }]);
    expect(ind.awards).toEqual([{ date: '2024-11-11' }]);
    const r = scoreOrganisation(ind, params, '2025-06-30');
    expect(r.class).toBe('D');
  });
});
