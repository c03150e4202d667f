import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  contributorStatement,
  contributorStatements,
  distribute,
  netIncomeFen,
  parseIncomeSharingParams,
  resolveIncomeRules,
  validateDistributionPlan,
  validateRightsGrant,
  type DistributionPlan,
  type RightsGrant,
} from './income-sharing.js';

const params = parseIncomeSharingParams(
  JSON.parse(readFileSync(new URL('../../../../data/reference/income-sharing.json', import.meta.url), 'utf8')),
);
const liaoning = resolveIncomeRules(params);
const national = resolveIncomeRules(params, 'national');

const plan = (over: Partial<DistributionPlan> = {}): DistributionPlan => ({
  mode: 'transfer',
  teamShareBp: 7000,
  otherParties: [
    { party: 'unit', shareBp: 2000 },
    { party: 'tto', shareBp: 1000 },
  ],
  contributors: [
    { id: 'a', name: '张教授', shareBp: 5000 },
    { id: 'b', name: '李博士', shareBp: 3000 },
    { id: 'c', name: '王工', shareBp: 2000 },
  ],
  ...over,
});

describe('resolveIncomeRules', () => {
  it('ships Liaoning 70% [confirmed] and the national 50% floors [recalled]', () => {
    expect(liaoning.teamShareMinBp).toEqual({ transfer: 7000, license: 7000, equity: 7000, own_implementation: 500 });
    expect(national.teamShareMinBp).toEqual({ transfer: 5000, license: 5000, equity: 5000, own_implementation: 500 });
    expect(liaoning.ownImplementationYears).toEqual({ min: 3, max: 5 });
  });

  it.each([
    ['liaoning', 6000, 7000, false, 'a lower unit rule does not undercut the binding provincial floor'],
    ['liaoning', 8000, 8000, true, 'a higher unit rule raises it'],
    ['national', 3000, 3000, true, 'the national floor applies only where the unit has no rule'],
    ['national', 8000, 8000, true, ''],
  ])('%s with unit rule %i → %i', (ruleset, unitBp, expected, fromUnit) => {
    const r = resolveIncomeRules(params, ruleset, { teamShareMinBp: { transfer: unitBp } });
    expect(r.teamShareMinBp.transfer).toBe(expected);
    expect(r.unitRuleModes.includes('transfer')).toBe(fromUnit);
    expect(r.teamShareMinBp.license).toBe(params.rulesets[ruleset].teamShareMinBp.license);
  });

  it('refuses an unknown ruleset', () => {
    expect(() => resolveIncomeRules(params, 'mars')).toThrow('RULESET_UNKNOWN');
  });
});

describe('validateDistributionPlan', () => {
  it.each<[string, DistributionPlan, typeof liaoning, string[]]>([
    ['a Liaoning 70/20/10 plan', plan(), liaoning, []],
    ['team 65% under Liaoning', plan({ teamShareBp: 6500, otherParties: [{ party: 'unit', shareBp: 3500 }] }), liaoning, ['TEAM_SHARE_BELOW_FLOOR']],
    ['team 65% under the national floor', plan({ teamShareBp: 6500, otherParties: [{ party: 'unit', shareBp: 3500 }] }), national, []],
    ['licence at 50% nationally', plan({ mode: 'license', teamShareBp: 5000, otherParties: [{ party: 'unit', shareBp: 5000 }] }), national, []],
    ['equity at 49.99% nationally', plan({ mode: 'equity', teamShareBp: 4999, otherParties: [{ party: 'unit', shareBp: 5001 }] }), national, ['TEAM_SHARE_BELOW_FLOOR']],
    ['parties sum to 99%', plan({ otherParties: [{ party: 'unit', shareBp: 2900 }] }), liaoning, ['PARTY_SHARES_NOT_100']],
    ['contributors sum to 90%', plan({ contributors: [{ id: 'a', shareBp: 9000 }] }), liaoning, ['CONTRIBUTOR_SHARES_NOT_100']],
    ['no contributors', plan({ contributors: [] }), liaoning, ['NO_CONTRIBUTORS']],
    ['duplicate contributor', plan({ contributors: [{ id: 'a', shareBp: 5000 }, { id: 'a', shareBp: 5000 }] }), liaoning, ['CONTRIBUTOR_DUPLICATE']],
    ['a party named team', plan({ otherParties: [{ party: 'team', shareBp: 3000 }] }), liaoning, ['PARTY_DUPLICATE']],
    ['fractional bp', plan({ teamShareBp: 7000.5 }), liaoning, ['SHARE_INVALID']],
    ['negative share', plan({ contributors: [{ id: 'a', shareBp: -1 }, { id: 'b', shareBp: 10001 }] }), liaoning, ['SHARE_INVALID', 'SHARE_INVALID']],
    [
      'own implementation 5% for 3 years',
      plan({ mode: 'own_implementation', teamShareBp: 500, otherParties: [{ party: 'unit', shareBp: 9500 }], years: 3 }),
      liaoning,
      [],
    ],
    [
      'own implementation 4% for 6 years',
      plan({ mode: 'own_implementation', teamShareBp: 400, otherParties: [{ party: 'unit', shareBp: 9600 }], years: 6 }),
      liaoning,
      ['TEAM_SHARE_BELOW_FLOOR', 'YEARS_OUT_OF_RANGE'],
    ],
    [
      'own implementation without years',
      plan({ mode: 'own_implementation', teamShareBp: 500, otherParties: [{ party: 'unit', shareBp: 9500 }] }),
      liaoning,
      ['YEARS_REQUIRED'],
    ],
  ])('%s', (_label, p, rules, codes) => {
    const r = validateDistributionPlan(p, rules);
    expect(r.problems.map((x) => x.code)).toEqual(codes);
    expect(r.ok).toBe(codes.length === 0);
  });
});

describe('allocateLargestRemainder', () => {
  it.each([
    // 10 × 3334/10000 = 3.334, 10 × 3333/10000 = 3.333 (×2): floors 3,3,3, one fen left → the largest remainder (.334)
    [10, [3334, 3333, 3333], [4, 3, 3]],
    // ties go to the earlier position
    [1, [5000, 5000], [1, 0]],
    [3, [1, 1, 1, 1], [1, 1, 1, 0]],
    [0, [7000, 3000], [0, 0]],
    [1_000_000, [7000, 2000, 1000], [700_000, 200_000, 100_000]],
    // 2⁵³ − 1 split 1:2, products beyond float precision: quotas 3002399751580330 + 1/3 and
    // 6004799503160660 + 2/3; floors leave 1 fen, which goes to the larger remainder (2/3)
    [Number.MAX_SAFE_INTEGER, [1, 2], [3_002_399_751_580_330, 6_004_799_503_160_661]],
  ])('%i by %j → %j', (total, weights, expected) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(expected);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [1, [0, 0]],
    [1, [-1, 2]],
  ])('refuses %s by %j', (total, weights) => {
    expect(() => allocateLargestRemainder(total, weights)).toThrow();
  });
});

describe('distribute', () => {
  it('splits 10,000 元 by 70/20/10 and the team by 50/30/20', () => {
    const d = distribute(1_000_000, plan());
    expect(d.parties).toEqual([
      { party: 'team', shareBp: 7000, amountFen: 700_000 },
      { party: 'unit', shareBp: 2000, amountFen: 200_000 },
      { party: 'tto', shareBp: 1000, amountFen: 100_000 },
    ]);
    expect(d.contributors.map((c) => c.amountFen)).toEqual([350_000, 210_000, 140_000]);
  });

  it('rounds to the fen by largest remainder at both levels', () => {
    // 100 fen × 70% = 70 (team), 30 (unit); team 70 × 33.34% = 23.338, × 33.33% = 23.331 (×2) → 24, 23, 23
    const d = distribute(
      100,
      plan({
        otherParties: [{ party: 'unit', shareBp: 3000 }],
        contributors: [
          { id: 'a', shareBp: 3334 },
          { id: 'b', shareBp: 3333 },
          { id: 'c', shareBp: 3333 },
        ],
      }),
    );
    expect(d.parties.map((p) => p.amountFen)).toEqual([70, 30]);
    expect(d.contributors.map((c) => c.amountFen)).toEqual([24, 23, 23]);
  });

  it('refuses a malformed plan or amount', () => {
    expect(() => distribute(100, plan({ teamShareBp: 6000 }))).toThrow('PLAN_INVALID');
    expect(() => distribute(-5, plan())).toThrow('AMOUNT_INVALID');
  });

  it('always sums exactly and stays within one fen of the exact share (property)', () => {
    const shares = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }).filter((a) => a.some((x) => x > 0));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 4 }),
        shares(5),
        (income, teamBp, nOthers, rawContrib) => {
          // normalise raw weights into bp summing to 10 000 (largest remainder again, it is what we test anyway)
          const contribBp = allocateLargestRemainder(10_000, rawContrib);
          const othersBp = nOthers === 0 ? [] : allocateLargestRemainder(10_000 - teamBp, Array(nOthers).fill(1));
          const p = plan({
            teamShareBp: nOthers === 0 ? 10_000 : teamBp,
            otherParties: othersBp.map((shareBp, i) => ({ party: `p${i}`, shareBp })),
            contributors: contribBp.map((shareBp, i) => ({ id: `c${i}`, shareBp })),
          });
          const d = distribute(income, p);
          const partySum = d.parties.reduce((a, x) => a + BigInt(x.amountFen), 0n);
          expect(partySum).toBe(BigInt(income));
          const team = d.parties[0].amountFen;
          expect(d.contributors.reduce((a, x) => a + BigInt(x.amountFen), 0n)).toBe(BigInt(team));
          for (const part of d.parties) {
            const exactTimes10k = BigInt(income) * BigInt(part.shareBp);
            const diff = BigInt(part.amountFen) * 10_000n - exactTimes10k;
            expect(diff > -10_000n && diff < 10_000n).toBe(true);
          }
        },
      ),
    );
  });
});

describe('netIncomeFen', () => {
  it.each([
    [1_000_000, [{ label: '评估费', amountFen: 50_000 }, { label: '税费', amountFen: 60_000 }], 890_000],
    [1_000_000, [], 1_000_000],
  ])('%i minus %j = %i', (gross, costs, expected) => {
    expect(netIncomeFen(gross, costs)).toBe(expected);
  });
  it('refuses costs above the income', () => {
    expect(() => netIncomeFen(100, [{ label: '中介费', amountFen: 101 }])).toThrow('NET_INCOME_NEGATIVE');
  });
});

describe('contributor statements across receipts', () => {
  const receipts = [
    { receiptId: 'r2', date: '2025-06-30', amountFen: 100, plan: plan({ otherParties: [{ party: 'unit', shareBp: 3000 }], contributors: [{ id: 'a', shareBp: 3334 }, { id: 'b', shareBp: 3333 }, { id: 'c', shareBp: 3333 }] }) },
    { receiptId: 'r1', date: '2025-03-31', amountFen: 1_000_000, plan: plan() },
    { receiptId: 'r3', date: '2025-09-30', amountFen: 500_000, plan: plan({ contributors: [{ id: 'a', name: '张教授', shareBp: 10_000 }] }) },
  ];

  it('lists each receipt in date order with the contributor’s exact amount', () => {
    const a = contributorStatement('a', receipts);
    expect(a.name).toBe('张教授');
    expect(a.lines.map((l) => [l.receiptId, l.teamAmountFen, l.amountFen])).toEqual([
      ['r1', 700_000, 350_000],
      ['r2', 70, 24],
      ['r3', 350_000, 350_000],
    ]);
    expect(a.totalFen).toBe(700_024);
    const c = contributorStatement('c', receipts);
    expect(c.totalFen).toBe(140_000 + 23);
    expect(contributorStatement('nobody', receipts)).toEqual({ contributorId: 'nobody', lines: [], totalFen: 0 });
  });

  it('all statements together equal the team amounts', () => {
    const all = contributorStatements(receipts);
    expect(all.map((s) => s.contributorId)).toEqual(['a', 'b', 'c']);
    expect(all.reduce((x, s) => x + s.totalFen, 0)).toBe(700_000 + 70 + 350_000);
  });
});

describe('validateRightsGrant', () => {
  it.each<[string, RightsGrant, string[]]>([
    ['co-ownership 70% to the team', { kind: 'co_ownership', teamShareBp: 7000 }, []],
    ['co-ownership 100% is not co-ownership', { kind: 'co_ownership', teamShareBp: 10_000 }, ['CO_OWNERSHIP_SHARE_OUT_OF_RANGE']],
    ['co-ownership 0%', { kind: 'co_ownership', teamShareBp: 0 }, ['CO_OWNERSHIP_SHARE_OUT_OF_RANGE']],
    ['long-term use for 10 years', { kind: 'long_term_use', years: 10 }, []],
    ['long-term use for 9 years', { kind: 'long_term_use', years: 9 }, ['TERM_TOO_SHORT']],
    ['long-term use for the 8 years of protection left', { kind: 'long_term_use', years: 8, remainingProtectionYears: 8 }, []],
    ['use right beyond the patent term', { kind: 'long_term_use', years: 12, remainingProtectionYears: 11 }, ['TERM_EXCEEDS_PROTECTION']],
    ['exclusive licence for 3 years', { kind: 'exclusive_licence', years: 3 }, []],
    ['exclusive licence for 0 years', { kind: 'exclusive_licence', years: 0 }, ['TERM_INVALID']],
    ['unknown kind', { kind: 'gift' } as unknown as RightsGrant, ['GRANT_KIND_INVALID']],
  ])('%s', (_label, grant, codes) => {
    const r = validateRightsGrant(grant, params.rightsGrant);
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.ok).toBe(codes.length === 0);
  });

  it('takes the minimum term from the parameters', () => {
    const p = { ...params.rightsGrant, longTermUse: { minYears: 15 } };
    expect(validateRightsGrant({ kind: 'long_term_use', years: 12 }, p).ok).toBe(false);
  });
});

describe('parseIncomeSharingParams', () => {
  it('refuses bad parameters with a list of problems', () => {
    expect(() =>
      parseIncomeSharingParams({
        rulesets: { x: { teamShareMinBp: { transfer: 12_000 }, ownImplementationYears: { min: 0 } } },
        defaultRuleset: 'y',
        rightsGrant: {},
      }),
    ).toThrow(/transfer must be 0–10000[\s\S]*min must be a positive integer[\s\S]*defaultRuleset/);
  });
});
