import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealFunnel, funnelBy, type FunnelDeal } from './funnel.js';
import { DEAL_STAGES } from './stages.js';

const j = (day: number) => new Date(Date.UTC(2025, 0, day)).toISOString(); // January 2025; j(32) = 1 February
const january = { from: j(1), to: j(32) };

const D1: FunnelDeal = {
  stage: 'contract_signed',
  stageTimes: { matched: j(2), contacted: j(4), nda_signed: j(6), due_diligence: j(10), negotiating: j(20), agreed: j(32), contract_signed: j(42) },
  cityCode: '210100',
  industry: 'EQ.ROB',
};
const D2: FunnelDeal = { stage: 'closed_lost', stageTimes: { matched: j(5), contacted: j(6), closed_lost: j(16) }, lostReason: 'price_gap', cityCode: '210200', industry: 'PC' };
// skipped the NDA (public listing), still negotiating
const D3: FunnelDeal = { stage: 'negotiating', stageTimes: { matched: j(10), contacted: j(12), due_diligence: j(14), negotiating: j(24) }, cityCode: '210100', industry: 'EQ' };
const D4: FunnelDeal = { stage: 'closed_lost', stageTimes: { matched: j(20), closed_lost: j(21) }, lostReason: null, cityCode: '210300', industry: 'EQX' };
// matched in December: outside the January cohort, but active in January
const D5: FunnelDeal = { stage: 'contract_signed', stageTimes: { matched: j(-11), agreed: j(10), contract_signed: j(15) }, cityCode: '210100', industry: 'EQ' };
const D6: FunnelDeal = { stage: 'contacted', stageTimes: { contacted: j(3) }, cityCode: null, industry: null };
const deals = [D1, D2, D3, D4, D5, D6];

describe('cohort funnel (deals matched in January 2025)', () => {
  const f = dealFunnel(deals, january);

  it('counts the cohort and the deals without a match time', () => {
    expect(f.deals).toBe(4);
    expect(f.missingMatchedTime).toBe(1);
  });

  // reached: furthest stages are D1 contract_signed, D2 contacted, D3 negotiating (NDA skipped = passed), D4 matched
  // median days in stage — matched: D1 2, D2 1, D3 2, D4 1 (to closed_lost) → (1 + 2) / 2 = 1.5;
  // contacted: D1 2, D2 10 (to closed_lost), D3 2 (to due_diligence) → 2; negotiating: D1 12, D3 still there → 12
  it.each([
    ['matched', 4, 7500, 1.5, 4],
    ['contacted', 3, 6667, 2, 3], // 2/3 = 6666.67 bp → 6667
    ['nda_signed', 2, 10_000, 4, 1],
    ['due_diligence', 2, 10_000, 10, 2],
    ['negotiating', 2, 5000, 12, 1],
    ['agreed', 1, 10_000, 10, 1],
    ['contract_signed', 1, 0, null, 0],
    ['registered', 0, null, null, 0],
    ['implementing', 0, null, null, 0],
    ['industrialised', 0, null, null, 0],
  ])('%s: reached %i, conversion %s bp, median %s days over %i', (stage, reached, conversionBp, median, sample) => {
    const row = f.stages.find((s) => s.stage === stage)!;
    expect(row).toEqual({ stage, reached, conversionBp, medianDaysInStage: median, medianSample: sample });
  });

  it('histograms the lost reasons and the stage of loss', () => {
    expect(f.lost).toEqual({
      total: 2,
      reasons: [
        { reason: 'price_gap', count: 1 },
        { reason: 'unspecified', count: 1 },
      ],
      byStage: [
        { stage: 'contacted', count: 1 },
        { stage: 'matched', count: 1 },
      ],
    });
  });
});

describe('filters and groups', () => {
  it.each([
    [{ cityCode: '210100' }, 2],
    [{ cityCode: ['210200', '210300'] }, 2],
    [{ industry: 'EQ' }, 2], // EQ and EQ.ROB, not EQX
    [{ industry: 'EQ.ROB' }, 1],
    [{ industry: 'EQ', cityCode: '210300' }, 0],
  ])('%j → %i deals', (options, n) => {
    expect(dealFunnel(deals, january, options).deals).toBe(n);
  });

  it('groups by city, largest first, empty groups dropped', () => {
    expect(funnelBy(deals, january, 'cityCode').map((g) => [g.key, g.funnel.deals])).toEqual([
      ['210100', 2],
      ['210200', 1],
      ['210300', 1],
    ]);
    expect(funnelBy(deals, january, 'industry').map((g) => [g.key, g.funnel.deals])).toEqual([
      ['EQ', 2],
      ['EQX', 1],
      ['PC', 1],
    ]);
  });
});

describe('activity funnel (what happened in January, whatever the deal’s age)', () => {
  const f = dealFunnel(deals, january, { basis: 'activity' });

  it.each([
    ['matched', 4],
    ['contacted', 4], // D6 counts: contacted in January
    ['nda_signed', 1],
    ['agreed', 1], // D5 on 10 January; D1 on 1 February is outside [from, to)
    ['contract_signed', 1],
  ])('%s reached %i', (stage, reached) => {
    expect(f.stages.find((s) => s.stage === stage)!.reached).toBe(reached);
  });

  it('medians over exits in the period: matched 1, 1, 2, 2 and D5’s 21 days → 2', () => {
    expect(f.stages[0]).toMatchObject({ medianDaysInStage: 2, medianSample: 5 });
    expect(f.deals).toBe(6);
    expect(f.lost.total).toBe(2);
  });
});

describe('properties', () => {
  const dealArb = fc
    .record({
      furthest: fc.integer({ min: 0, max: DEAL_STAGES.length - 1 }),
      lost: fc.boolean(),
      start: fc.integer({ min: 0, max: 60 }),
      gaps: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: DEAL_STAGES.length + 1, maxLength: DEAL_STAGES.length + 1 }),
      skip: fc.array(fc.boolean(), { minLength: DEAL_STAGES.length, maxLength: DEAL_STAGES.length }),
    })
    .map(({ furthest, lost, start, gaps, skip }): FunnelDeal => {
      const stageTimes: FunnelDeal['stageTimes'] = {};
      let t = start;
      DEAL_STAGES.slice(0, furthest + 1).forEach((s, i) => {
        t += gaps[i];
        if (i === 0 || i === furthest || !skip[i]) stageTimes[s] = j(t);
      });
      if (lost) stageTimes.closed_lost = j(t + gaps[DEAL_STAGES.length]);
      return { stage: lost ? 'closed_lost' : DEAL_STAGES[furthest], stageTimes, lostReason: lost ? 'price_gap' : null };
    });

  it('cohort counts never increase along the path and conversions stay within 0–100%', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 40 }), (ds) => {
        const f = dealFunnel(ds, { from: j(1), to: j(40) });
        for (let i = 1; i < f.stages.length; i++) expect(f.stages[i].reached).toBeLessThanOrEqual(f.stages[i - 1].reached);
        for (const s of f.stages) if (s.conversionBp !== null) expect(s.conversionBp).toBeGreaterThanOrEqual(0), expect(s.conversionBp).toBeLessThanOrEqual(10_000);
        expect(f.stages[0].reached).toBe(f.deals);
        expect(f.lost.reasons.reduce((a, r) => a + r.count, 0)).toBe(f.lost.total);
        for (const s of f.stages) if (s.medianDaysInStage !== null) expect(s.medianDaysInStage).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

it('refuses an empty period', () => {
  expect(() => dealFunnel(deals, { from: j(2), to: j(2) })).toThrow(RangeError);
});
