import { describe, expect, it } from 'vitest';
import { aggregateScores, checkSheet, hundredthsToPoints, pointsToHundredths, rankByScore, type Criterion } from './aggregate.js';

describe('points as hundredths', () => {
  it.each([['85', 8500], ['85.5', 8550], ['85.05', 8505], ['0', 0], ['0.01', 1], ['100.00', 10000]])('%s → %i', (s, h) => expect(pointsToHundredths(s)).toBe(h));
  it.each(['-1', '85.555', 'abc', '', '1e2', '.5'])('%s is refused', (s) => expect(pointsToHundredths(s)).toBeNull());
  it('prints back with two places', () => {
    expect(hundredthsToPoints(8550)).toBe('85.50');
    expect(hundredthsToPoints(5)).toBe('0.05');
  });
});

// hand-computed: totals in points, expected mean in points (two places, half up)
const TABLE: { name: string; totals: string[]; drop: boolean; mean: string | null; used: number; dropped?: [string, string] }[] = [
  { name: 'five reviewers, drop 95 and 70: (88+85+80)/3 = 84.333…', totals: ['88', '95', '70', '85', '80'], drop: true, mean: '84.33', used: 3, dropped: ['95', '70'] },
  { name: 'the same without dropping: 418/5 = 83.6', totals: ['88', '95', '70', '85', '80'], drop: false, mean: '83.60', used: 5 },
  { name: 'three reviewers drop to the middle one', totals: ['90', '60', '75.5'], drop: true, mean: '75.50', used: 1, dropped: ['90', '60'] },
  { name: 'two reviewers: too few to drop, (90+81)/2 = 85.5', totals: ['90', '81'], drop: true, mean: '85.50', used: 2 },
  { name: 'a tie at the top drops only one of them: (80+80+70)/3 = 76.666… → 76.67', totals: ['80', '80', '80', '70', '60'], drop: true, mean: '76.67', used: 3, dropped: ['80', '60'] },
  { name: 'half up at the third place: (80.01+80.00)/2 = 80.005 → 80.01', totals: ['80.01', '80'], drop: false, mean: '80.01', used: 2 },
  { name: '0.1 + 0.2 + 0 has no float drift: 30 hundredths / 3 = 0.10', totals: ['0.1', '0.2', '0'], drop: false, mean: '0.10', used: 3 },
  { name: 'nobody scored', totals: [], drop: true, mean: null, used: 0 },
  { name: 'one reviewer', totals: ['77.77'], drop: true, mean: '77.77', used: 1 },
];

describe('score aggregation against hand-computed examples', () => {
  it.each(TABLE)('$name', ({ totals, drop, mean, used, dropped }) => {
    const a = aggregateScores(totals.map((t) => pointsToHundredths(t)!), { dropExtremes: drop });
    expect(a.mean).toBe(mean);
    expect(a.used.length).toBe(used);
    expect(a.count).toBe(totals.length);
    expect(a.dropped && [hundredthsToPoints(a.dropped.highest), hundredthsToPoints(a.dropped.lowest)]).toEqual(dropped ? dropped.map((d) => hundredthsToPoints(pointsToHundredths(d)!)) : null);
  });

  it('a higher threshold keeps all scores of four reviewers', () => {
    expect(aggregateScores([9000, 8000, 7000, 6000], { dropExtremes: true, minScoresToDrop: 5 }).mean).toBe('75.00');
    expect(aggregateScores([9000, 8000, 7000, 6000], { dropExtremes: true }).mean).toBe('75.00'); // (80+70)/2
    expect(aggregateScores([9000, 8000, 7100, 6000], { dropExtremes: true }).mean).toBe('75.50');
  });

  it('refuses fractional or negative totals', () => {
    expect(() => aggregateScores([85.5], { dropExtremes: false })).toThrow();
    expect(() => aggregateScores([-1], { dropExtremes: false })).toThrow();
  });

  it('ranks by mean with shared ranks and unscored last', () => {
    const r = rankByScore([{ item: 'a', totals: [8000] }, { item: 'b', totals: [] }, { item: 'c', totals: [9000] }, { item: 'd', totals: [7000, 9000] }], { dropExtremes: false });
    expect(r.map((x) => [x.item, x.rank])).toEqual([['c', 1], ['a', 2], ['d', 2], ['b', null]]);
  });
});

describe('scoring sheet', () => {
  const C: Criterion[] = [{ key: 'plan', name: '技术方案', maxHundredths: 4000 }, { key: 'team', name: '团队', maxHundredths: 3000 }, { key: 'budget', name: '预算', maxHundredths: 3000 }];
  it('sums the criteria', () => expect(checkSheet(C, [{ key: 'plan', hundredths: 3550 }, { key: 'team', hundredths: 2800 }, { key: 'budget', hundredths: 2525 }])).toEqual({ ok: true, totalHundredths: 8875 }));
  it('names a missing, excessive, unknown or repeated criterion', () => {
    expect(checkSheet(C, [{ key: 'plan', hundredths: 3000 }, { key: 'team', hundredths: 2000 }])).toMatchObject({ ok: false, field: 'sheet.budget' });
    expect(checkSheet(C, [{ key: 'plan', hundredths: 4001 }, { key: 'team', hundredths: 0 }, { key: 'budget', hundredths: 0 }])).toMatchObject({ ok: false, field: 'sheet.plan' });
    expect(checkSheet(C, [{ key: 'x', hundredths: 1 }])).toMatchObject({ ok: false, field: 'sheet.x' });
    expect(checkSheet(C, [{ key: 'plan', hundredths: 1 }, { key: 'plan', hundredths: 1 }])).toMatchObject({ ok: false, field: 'sheet' });
  });
});
