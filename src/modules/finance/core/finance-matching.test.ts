import { describe, expect, it } from 'vitest';
import { amountFit, hardConditionFailures, matchFinanceProducts, type FinanceMatchParams, type FinancingProfile, type ProductCandidate, type ProductConditions } from './finance-matching.js';
import { applicationTransition } from './application.js';

const params: FinanceMatchParams = { creditClassOrder: ['A', 'B', 'C', 'D'], unratedCountsAs: 'B', weights: { industry: 0.3, rate: 0.2, amountFit: 0.15, purpose: 0.15, kind: 0.15, ipAssets: 0.05 }, limit: 20 };
const WAN = 1_000_000;
const cond = (over: Partial<ProductConditions> = {}): ProductConditions => ({
  amountMinFen: 50 * WAN, amountMaxFen: 1000 * WAN, termMinMonths: 6, termMaxMonths: 36, rateMinBp: 350, rateMaxBp: 450, trlMin: null, trlMax: null,
  stages: [], creditClasses: [], collateral: 'none', industries: [], regions: [], ...over,
});
const profile = (over: Partial<FinancingProfile> = {}): FinancingProfile => ({
  amountFen: 300 * WAN, termMonths: 12, trl: 6, stage: 'growth', creditClass: 'A', regionCode: '210112', industries: ['EQ.ROB.RED'], collateral: [], patents: 2,
  preferredKinds: [], maxRateBp: null, purposeTerms: [{ term: '中试', weight: 1, surface: '中试' }, { term: '产线', weight: 1, surface: '产线' }], ...over,
});

describe('hard conditions', () => {
  it.each([
    ['in range', {}, {}, []],
    ['amount above the ceiling', {}, { amountFen: 1200 * WAN }, ['AMOUNT_RANGE']],
    ['amount below the floor', {}, { amountFen: 10 * WAN }, ['AMOUNT_RANGE']],
    ['term too long', {}, { termMonths: 48 }, ['TERM_RANGE']],
    ['TRL below the product’s', { trlMin: 7 }, {}, ['TRL_RANGE']],
    ['TRL unknown where required', { trlMin: 4, trlMax: 9 }, { trl: null }, ['TRL_UNKNOWN']],
    ['stage not served', { stages: ['seed', 'startup'] as const }, {}, ['STAGE']],
    ['credit class C where A/B required', { creditClasses: ['A', 'B'] as const }, { creditClass: 'C' as const }, ['CREDIT_CLASS']],
    ['unrated counts as B', { creditClasses: ['A', 'B'] as const }, { creditClass: null }, []],
    ['unrated refused where A only', { creditClasses: ['A'] as const }, { creditClass: null }, ['CREDIT_CLASS']],
    ['outside the regions served', { regions: ['210200'] }, {}, ['REGION']],
    ['inside a city served', { regions: ['210100'] }, {}, []],
    ['辽阳 211000 does not serve 盘锦 211100', { regions: ['211000'] }, { regionCode: '211102' }, ['REGION']],
    ['辽阳 211000 serves its own districts', { regions: ['211000'] }, { regionCode: '211002' }, []],
    ['IP pledge without patents', { collateral: 'ip_pledge' as const }, { patents: 0 }, ['COLLATERAL_IP']],
    ['guarantee required, none offered', { collateral: 'guarantee' as const }, {}, ['COLLATERAL']],
    ['guarantee required and offered', { collateral: 'guarantee' as const }, { collateral: ['guarantee' as const] }, []],
    ['several at once', { trlMin: 7, regions: ['210200'] }, { amountFen: 5 * WAN }, ['AMOUNT_RANGE', 'TRL_RANGE', 'REGION']],
  ])('%s', (_name, c, p, codes) => {
    expect(hardConditionFailures(profile(p as Partial<FinancingProfile>), cond(c as Partial<ProductConditions>), params).map((f) => f.code)).toEqual(codes);
  });
});

describe('ranking', () => {
  const product = (id: string, kind: ProductCandidate['kind'], c: Partial<ProductConditions>, terms: string[] = []): ProductCandidate => ({ id, kind, terms: new Set(terms), conditions: cond(c) });
  it('filters on hard conditions, ranks the rest on soft ones, and explains both', () => {
    const r = matchFinanceProducts(profile({ preferredKinds: ['ip_pledge_loan'], maxRateBp: 400 }), [
      product('ip-pledge', 'ip_pledge_loan', { collateral: 'ip_pledge', industries: ['EQ'], rateMinBp: 320 }, ['中试', '产线']),
      product('credit', 'credit_loan', { rateMinBp: 380 }, ['流动资金']),
      product('pricey', 'credit_loan', { rateMinBp: 600, rateMaxBp: 800 }),
      product('seed-only', 'equity', { stages: ['seed'], rateMinBp: null, rateMaxBp: null }),
      product('tiny', 'credit_loan', { amountMaxFen: 100 * WAN }),
    ], params);
    expect(r.eligible.map((m) => m.productId)).toEqual(['ip-pledge', 'credit', 'pricey']);
    expect(r.excluded.map((e) => [e.productId, e.failed.map((f) => f.code)])).toEqual([['seed-only', ['STAGE']], ['tiny', ['AMOUNT_RANGE']]]);
    const top = r.eligible[0].reasons.map((x) => x.code);
    expect(top).toEqual(expect.arrayContaining(['HARD_OK', 'INDUSTRY', 'RATE', 'PURPOSE', 'KIND', 'IP_ASSETS']));
    expect(r.eligible[2].reasons.map((x) => x.code)).toContain('RATE_ABOVE_WISH');
  });

  it.each([
    [300, 100, 900, 1],
    [100, 100, 900, 0.5],
    [900, 100, 900, 0.5],
  ])('amountFit(%i in %i–%i) = %s', (a, lo, hi, expected) => {
    expect(amountFit(a * WAN, { amountMinFen: lo * WAN, amountMaxFen: hi * WAN })).toBeCloseTo(expected, 6);
  });
});

describe('applicationTransition', () => {
  const f = { status: 'submitted', requestedFen: 300 * WAN, approvedFen: null, productMinFen: 50 * WAN, productMaxFen: 1000 * WAN };
  it.each([
    [f, 'review', 'institution', {}, { ok: true, to: 'under_review' }],
    [f, 'approve', 'institution', { amountFen: 300 * WAN }, { ok: false, code: 'APPLICATION_STATE_INVALID' }],
    [{ ...f, status: 'under_review' }, 'approve', 'institution', { amountFen: 250 * WAN }, { ok: true, to: 'approved' }],
    [{ ...f, status: 'under_review' }, 'approve', 'institution', { amountFen: 350 * WAN }, { ok: false, code: 'APPLICATION_AMOUNT_INVALID' }],
    [{ ...f, status: 'under_review' }, 'decline', 'institution', {}, { ok: false, code: 'APPLICATION_REASON_REQUIRED' }],
    [{ ...f, status: 'under_review' }, 'decline', 'institution', { reason: '现金流不足' }, { ok: true, to: 'declined' }],
    [f, 'review', 'applicant', {}, { ok: false, code: 'APPLICATION_NOT_YOURS' }],
    [f, 'withdraw', 'applicant', {}, { ok: true, to: 'withdrawn' }],
    [{ ...f, status: 'approved', approvedFen: 250 * WAN }, 'disburse', 'institution', { amountFen: 250 * WAN }, { ok: true, to: 'disbursed' }],
    [{ ...f, status: 'approved', approvedFen: 250 * WAN }, 'disburse', 'institution', { amountFen: 251 * WAN }, { ok: false, code: 'APPLICATION_AMOUNT_INVALID' }],
    [{ ...f, status: 'declined' }, 'withdraw', 'applicant', {}, { ok: false, code: 'APPLICATION_STATE_INVALID' }],
  ] as const)('%j –%s by %s %j→ %j', (facts, action, side, input, expected) => {
    expect(applicationTransition(facts, action, side, input)).toEqual(expected);
  });
});
