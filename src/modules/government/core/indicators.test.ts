import { describe, expect, it } from 'vitest';
import { localConversionRate, parsePeriod, trafficLight, type ConversionDeal, type IndicatorTarget } from './indicators.js';

describe('periods', () => {
  it.each([
    ['2026', { from: '2026-01-01', to: '2026-12-31' }],
    ['2026-Q1', { from: '2026-01-01', to: '2026-03-31' }],
    ['2024-02', { from: '2024-02-01', to: '2024-02-29' }],
    ['2026-13', null],
    ['26', null],
  ])('%s', (spec, p) => expect(parsePeriod(spec)).toEqual(p));
});

describe('local conversion rate', () => {
  const d = (industrialisedOn: string | null, achievementInLiaoning: boolean | null, industrialisedInLiaoning: boolean | null): ConversionDeal => ({ industrialisedOn, achievementInLiaoning, industrialisedInLiaoning });
  const year = parsePeriod('2026')!;
  it('divides Liaoning achievements industrialised in Liaoning by all industrialised Liaoning achievements in the period', () => {
    const deals = [
      d('2026-03-01', true, true),
      d('2026-05-01', true, true),
      d('2026-06-01', true, false), // industrialised in another province
      d('2026-07-01', true, null), // place not recorded: denominator only
      d('2026-08-01', false, true), // achievement from outside Liaoning: not part of the indicator
      d('2026-09-01', null, true), // no achievement: excluded
      d('2025-12-31', true, true), // previous period
      d(null, true, null), // not industrialised
    ];
    expect(localConversionRate(deals, year)).toEqual({ numerator: 2, denominator: 4, rateBp: 5000, excludedUnknownOrigin: 1, excludedOutsideOrigin: 1 });
    expect(localConversionRate(deals, parsePeriod('2026-Q1')!)).toMatchObject({ numerator: 1, denominator: 1, rateBp: 10000 });
  });
  it('has no rate without industrialised Liaoning deals, and rounds thirds half up', () => {
    expect(localConversionRate([], year).rateBp).toBeNull();
    expect(localConversionRate([d('2026-01-02', true, true), d('2026-01-03', true, true), d('2026-01-04', true, false)], year).rateBp).toBe(6667);
  });
});

describe('traffic lights', () => {
  const linear: IndicatorTarget = { baseline: '0', target: '60', direction: 'up', trajectory: 'linear', periodStart: '2026-01-01', periodEnd: '2026-12-31' };
  // on 2026-07-02 (day 183 of 365) the pro-rata expectation is 60 × 183 / 365 = 30.082191…, rounded to 6 places
  it.each([
    [linear, '31', '2026-07-02', 'green', '30.082192'],
    [linear, '27.1', '2026-07-02', 'amber', '30.082192'], // 27.1 / 30.082192 ≥ 90%
    [linear, '27', '2026-07-02', 'red', '30.082192'], // 89.75%
    [linear, '60', '2026-12-31', 'green', '60'],
    [linear, null, '2026-12-31', 'none', '60'],
    [{ ...linear, trajectory: 'level' as const, baseline: '9', target: '9' }, '9.5', '2026-03-01', 'green', '9'],
    [{ ...linear, trajectory: 'level' as const, baseline: '9', target: '9' }, '8.2', '2026-03-01', 'amber', '9'],
    [{ ...linear, trajectory: 'level' as const, baseline: '9', target: '9' }, '7', '2026-03-01', 'red', '9'],
    [{ ...linear, direction: 'down' as const, baseline: '100', target: '50' }, '70', '2026-12-31', 'red', '50'],
    [{ ...linear, direction: 'down' as const, baseline: '100', target: '50' }, '74', '2026-07-02', 'green', '74.931507'],
  ] as const)('%o at %s on %s', (ind, actual, asOf, light, expected) => {
    expect(trafficLight(ind, actual, asOf)).toMatchObject({ light, expected });
  });
});
