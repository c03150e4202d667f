import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPpm, parsePpm } from './decimal.js';
import { discountedRoyaltyFen, parseValuationParams, royaltyRowFor, valuate, type ValuationInput } from './valuation.js';

const params = parseValuationParams(JSON.parse(readFileSync(new URL('../../../../data/reference/valuation.json', import.meta.url), 'utf8')));

const errorOf = (f: () => unknown): { code: string; details: { problems?: string[] } } => {
  try {
    f();
  } catch (e) {
    return e as { code: string; details: { problems?: string[] } };
  }
  throw new Error('did not throw');
};

describe('decimal rates', () => {
  it.each([
    ['0.015', 15_000],
    ['1', 1_000_000],
    ['0.000001', 1],
    [' 0.33 ', 330_000],
    ['3%', null],
    ['-0.1', null],
    ['1e-3', null],
    ['0.0000001', null],
    [0.5, null],
  ])('parsePpm(%j) = %s', (text, ppm) => {
    expect(parsePpm(text)).toBe(ppm);
  });
  it('formats back', () => {
    expect([formatPpm(15_000), formatPpm(1_000_000), formatPpm(41_625.4)]).toEqual(['0.015', '1', '0.041625']);
  });
});

describe('royalty reference by industry', () => {
  it.each([
    ['machinery', 'machinery', 15_000, 30_000],
    ['EQ.ROB.RED', 'machinery', 15_000, 30_000], // taxonomy chain EQ → machinery
    ['PC', 'chemicals', 20_000, 35_000],
    ['BIO.DRUG', 'pharma', 25_000, 40_000],
    ['IC', 'precision_electronics', 40_000, 55_000],
    ['automotive', 'automotive', 45_000, 60_000],
    ['XYZ', 'other', 10_000, 50_000],
    [null, 'other', 10_000, 50_000],
  ])('%s → %s %i–%i ppm', (industry, row, low, high) => {
    const r = royaltyRowFor(industry, params);
    expect([r.industry, r.rate.low, r.rate.high]).toEqual([row, low, high]);
  });
});

describe('income approach', () => {
  it('all inputs given: 3 years × 100,000 元, k 3%, r 2% + 8%, TRL discount 20%', () => {
    // Σ 300,000 / 1.1ᵗ = 272,727.27 + 247,933.88 + 225,394.44 = 746,055.60 fen; × (1 − 0.2) = 596,844.48 → 596,844
    const r = valuate(
      {
        income: {
          revenueForecastFen: [10_000_000, 10_000_000, 10_000_000],
          royaltyRate: '0.03',
          riskFreeRate: '0.02',
          riskPremium: '0.08',
          trlRiskDiscount: '0.20',
        },
      },
      params,
    );
    expect(r.income).toEqual({ lowFen: 596_844, highFen: 596_844, years: 3 });
    expect(r.combined).toMatchObject({ lowFen: 596_844, highFen: 596_844, method: 'weighted' });
    expect(r.assumptions.filter((a) => a.key.startsWith('income.')).map((a) => [a.key, a.value, a.source])).toEqual([
      ['income.years', '3', 'input'],
      ['income.royaltyRate', '0.03', 'input'],
      ['income.riskFreeRate', '0.02', 'input'],
      ['income.riskPremium', '0.08', 'input'],
      ['income.trlRiskDiscount', '0.2', 'input'],
      ['income.discountRate', '0.1', 'input'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('defaults: machinery, TRL 8, 2 years × 1,000,000 元', () => {
    // LOW  = 1e8 × 0.015 × (1/1.08 + 1/1.08²) × (1 − 0.35) = 1,500,000 × 1.7832647 × 0.65 = 1,738,683.13 → 1,738,683
    // HIGH = 1e8 × 0.030 × (1/1.05 + 1/1.05²) × (1 − 0.25) = 3,000,000 × 1.8594104 × 0.75 = 4,183,673.47 → 4,183,673
    const input: ValuationInput = { trl: 8, industry: 'EQ.ROB', income: { revenueForecastFen: [100_000_000, 100_000_000] } };
    const r = valuate(input, params);
    expect(r.income).toEqual({ lowFen: 1_738_683, highFen: 4_183_673, years: 2 });
    const byKey = Object.fromEntries(r.assumptions.map((a) => [a.key, [a.value, a.source]]));
    expect(byKey).toMatchObject({
      industry: ['machinery', 'input'],
      'income.royaltyRate': ['0.015–0.03', 'default'],
      'income.riskFreeRate': ['0.02', 'default'],
      'income.riskPremium': ['0.03–0.06', 'default'],
      trl: ['8', 'input'],
      'income.trlRiskDiscount': ['0.25–0.35', 'default'],
      'income.discountRate': ['0.05–0.08', 'default'],
    });
    expect(valuate(input, params)).toEqual(r); // deterministic
  });

  it('profit share × operating margin when no royalty is given', () => {
    // k = 0.25 × 0.12 = 0.03 … 0.33 × 0.12 = 0.0396; r = 0, d = 0 → 1e8 × k
    const r = valuate(
      { income: { revenueForecastFen: [100_000_000], operatingMargin: '0.12', riskFreeRate: '0', riskPremium: '0', trlRiskDiscount: '0' } },
      params,
    );
    expect(r.income).toEqual({ lowFen: 3_000_000, highFen: 3_960_000, years: 1 });
    expect(r.assumptions.find((a) => a.key === 'income.profitShare')).toMatchObject({ value: '0.25–0.33', source: 'default' });
    expect(r.assumptions.find((a) => a.key === 'income.royaltyRate')).toMatchObject({ value: '0.03–0.0396' });
  });

  it('stops at the remaining patent term and warns', () => {
    const r = valuate(
      { income: { revenueForecastFen: [1e6, 1e6, 1e6, 1e6, 1e6], remainingPatentYears: 2.7, royaltyRate: '0.1', riskFreeRate: '0', riskPremium: '0', trlRiskDiscount: '0' } },
      params,
    );
    expect(r.income).toEqual({ lowFen: 200_000, highFen: 200_000, years: 2 });
    expect(r.warnings).toEqual([{ code: 'INCOME_YEARS_TRUNCATED', details: { forecastYears: 5, years: 2 } }]);
  });

  it('treats an unknown TRL like TRL 1–3 and says so', () => {
    const r = valuate({ income: { revenueForecastFen: [1e6], royaltyRate: '0.1', riskFreeRate: '0', riskPremium: '0' } }, params);
    // 100,000 × (1 − 0.7) = 30,000; × (1 − 0.5) = 50,000
    expect(r.income).toEqual({ lowFen: 30_000, highFen: 50_000, years: 1 });
    expect(r.warnings.map((w) => w.code)).toEqual(['TRL_UNKNOWN']);
  });

  it('rounds half up once, at the end', () => {
    // 15 fen × 0.1 = 1.5 → 2; the per-year terms are not rounded: 3 × (5 × 0.1 = 0.5) = 1.5 → 2, not 3 × 1 = 3
    expect(discountedRoyaltyFen([15], 0.1, 0, 0)).toBe(2);
    expect(discountedRoyaltyFen([5, 5, 5], 0.1, 0, 0)).toBe(2);
  });
});

describe('cost and market approaches', () => {
  it.each([
    // 5,000,000 × (1 − 0.30) = 3,500,000; × (1 − 0.10) = 4,500,000
    [{ replacementCostFen: 5_000_000 }, 3_500_000, 4_500_000],
    // 1,000,001 × 0.5 = 500,000.5 → 500,001 (half up)
    [{ replacementCostFen: 1_000_001, obsolescence: '0.5' }, 500_001, 500_001],
    [{ replacementCostFen: 0 }, 0, 0],
  ])('cost %j → %i–%i', (cost, low, high) => {
    expect(valuate({ cost }, params).cost).toEqual({ lowFen: low, highFen: high });
  });

  it('market: each comparable × its factors, LOW–HIGH over comparables', () => {
    // 8,000,000 × 1.10 × 0.95 = 8,360,000; 6,000,000 × 1.2 = 7,200,000; 1,000,001 × 0.333333 = 333,333.33 → 333,333
    const r = valuate(
      {
        market: {
          comparables: [
            { label: '2024 沈阳 同类专利许可', priceFen: 8_000_000, adjustments: [{ label: '技术先进性', factor: '1.10' }, { label: '交易时间', factor: '0.95' }] },
            { priceFen: 6_000_000, adjustments: [{ label: '技术先进性', factor: '1.2' }] },
            { priceFen: 1_000_001, adjustments: [{ label: '规模', factor: '0.333333' }] },
          ],
        },
      },
      params,
    );
    expect(r.market).toEqual({ lowFen: 333_333, highFen: 8_360_000, adjustedPricesFen: [8_360_000, 7_200_000, 333_333] });
    expect(r.assumptions[0]).toMatchObject({ key: 'market.comparables[0]', value: '8000000 · 技术先进性 ×1.1 · 交易时间 ×0.95', source: 'input' });
  });
});

describe('combined', () => {
  const all: ValuationInput = {
    trl: 8,
    industry: 'machinery',
    income: { revenueForecastFen: [100_000_000, 100_000_000] }, // 1,738,683 – 4,183,673
    market: {
      comparables: [
        { priceFen: 8_000_000, adjustments: [{ label: 'a', factor: '1.10' }, { label: 'b', factor: '0.95' }] }, // 8,360,000
        { priceFen: 6_000_000, adjustments: [{ label: 'a', factor: '1.2' }] }, // 7,200,000
      ],
    },
    cost: { replacementCostFen: 5_000_000 }, // 3,500,000 – 4,500,000
  };

  it('weighted 50/30/20 (income/market/cost), half up', () => {
    // low  = (5000×1,738,683 + 3000×7,200,000 + 2000×3,500,000) / 10000 = 3,729,341.5 → 3,729,342
    // high = (5000×4,183,673 + 3000×8,360,000 + 2000×4,500,000) / 10000 = 5,499,836.5 → 5,499,837
    const r = valuate(all, params);
    expect(r.combined).toEqual({ method: 'weighted', weightsBp: { income: 5000, market: 3000, cost: 2000 }, lowFen: 3_729_342, highFen: 5_499_837 });
  });

  it('renormalises over the approaches present and takes weights from the input', () => {
    // income + cost only, 5000/2000: low = (5000×1,738,683 + 2000×3,500,000)/7000 = 2,241,916.43 → 2,241,916
    expect(valuate({ ...all, market: null }, params).combined).toMatchObject({ lowFen: 2_241_916 });
    const r = valuate({ ...all, combineWeightsBp: { income: 10_000, market: 0, cost: 0 } }, params);
    expect(r.combined).toMatchObject({ lowFen: 1_738_683, highFen: 4_183_673 });
    expect(r.assumptions.find((a) => a.key === 'combine.weightBp.income')).toMatchObject({ value: '10000', source: 'input' });
  });

  it('envelope: lowest low to highest high', () => {
    const envelope = { ...params, combine: { ...params.combine, method: 'envelope' as const } };
    expect(valuate(all, envelope).combined).toEqual({ method: 'envelope', weightsBp: {}, lowFen: 1_738_683, highFen: 8_360_000 });
  });

  it('nothing to value', () => {
    const r = valuate({}, params);
    expect(r.combined).toBeNull();
    expect(r.warnings).toEqual([{ code: 'NO_APPROACH' }]);
  });
});

describe('input errors are listed together', () => {
  it.each<[string, ValuationInput, RegExp]>([
    ['negative revenue', { income: { revenueForecastFen: [-1] } }, /revenueForecastFen/],
    ['fractional fen', { income: { revenueForecastFen: [1.5] } }, /revenueForecastFen/],
    ['a percent string', { income: { revenueForecastFen: [1], royaltyRate: '3%' } }, /income.royaltyRate/],
    ['low above high', { income: { revenueForecastFen: [1], royaltyRate: { low: '0.05', high: '0.03' } } }, /income.royaltyRate/],
    ['TRL 10', { trl: 10, income: { revenueForecastFen: [1] } }, /trl must be an integer 1–9/],
    ['factor 0', { market: { comparables: [{ priceFen: 1, adjustments: [{ label: 'x', factor: '0' }] }] } }, /factor/],
    ['no comparables', { market: { comparables: [] } }, /at least one comparable/],
    ['bad cost', { cost: { replacementCostFen: -5 } }, /replacementCostFen/],
  ])('%s', (_label, input, message) => {
    const e = errorOf(() => valuate(input, params));
    expect(e.code).toBe('VALUATION_INPUT_INVALID');
    expect(e.details.problems!.join('\n')).toMatch(message);
  });
});

describe('properties', () => {
  it('LOW ≤ HIGH, integer fen, and more revenue never lowers the value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('machinery', 'IC', 'BIO', null),
        fc.integer({ min: 0, max: 1e10 }),
        (revenue, trl, industry, extra) => {
          const r = valuate({ trl, industry, income: { revenueForecastFen: revenue } }, params);
          expect(Number.isSafeInteger(r.income!.lowFen) && Number.isSafeInteger(r.income!.highFen)).toBe(true);
          expect(r.income!.lowFen).toBeLessThanOrEqual(r.income!.highFen);
          const more = valuate({ trl, industry, income: { revenueForecastFen: revenue.map((x, i) => (i === 0 ? x + extra : x)) } }, params);
          expect(more.income!.lowFen).toBeGreaterThanOrEqual(r.income!.lowFen);
          expect(r.income!.years).toBe(Math.min(revenue.length, 20));
        },
      ),
    );
  });
});

describe('parseValuationParams', () => {
  it('refuses bad parameters with a list of problems', () => {
    expect(() => parseValuationParams({ maxYears: 0, royaltyRates: [], trlRiskDiscount: [{ minTrl: 1, maxTrl: 8, low: '0.5', high: '0.4' }] })).toThrow(
      /maxYears[\s\S]*riskFreeRate[\s\S]*"other" row[\s\S]*low is above high[\s\S]*TRL 9/,
    );
  });
});
