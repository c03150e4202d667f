import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_TYPES,
  contractFlowStats,
  contractTypeLabel,
  isValidContractType,
  parseContractsParams,
  regionAtLevel,
  registeringParty,
  registrationDeadline,
  techTradeAmountFen,
  validateContractParties,
  type ContractFacts,
  type ContractParty,
  type TradeDirection,
} from './contract.js';
import { parseHolidayCalendar } from './working-days.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../../data/reference/${name}`, import.meta.url), 'utf8'));
const params = parseContractsParams(read('contracts.json'));
const cal = parseHolidayCalendar(read('holidays-cn.json'));

describe('contract types', () => {
  it.each([
    ['development', 'commissioned', true],
    ['development', 'cooperative', true],
    ['transfer', 'patent', true],
    ['transfer', 'patent_application', true],
    ['transfer', 'technical_secret', true],
    ['transfer', 'ic_layout', true],
    ['license', 'exclusive', true],
    ['license', 'sole', true],
    ['license', 'ordinary', true],
    ['consulting', 'feasibility', true],
    ['service', 'training', true],
    ['service', 'intermediary', true],
    ['license', 'patent', false],
    ['service', 'commissioned', false],
    ['lease', 'general', false],
  ])('%s/%s valid = %s', (type, subtype, ok) => {
    expect(isValidContractType(type, subtype)).toBe(ok);
  });

  it('licence objects only on licences', () => {
    expect(isValidContractType('license', 'exclusive', 'patent')).toBe(true);
    expect(isValidContractType('license', 'exclusive', 'recipe')).toBe(false);
    expect(isValidContractType('transfer', 'patent', 'patent')).toBe(false);
  });

  it('labels in both languages', () => {
    expect(contractTypeLabel('development', 'cooperative')).toEqual({
      zh: '合作开发',
      en: 'Cooperative development',
      typeZh: '技术开发',
      typeEn: 'Technology development',
    });
    expect(contractTypeLabel('license', 'x')).toBeNull();
  });

  it('every subtype code is unique within its type', () => {
    for (const t of CONTRACT_TYPES) expect(new Set(t.subtypes.map((s) => s.code)).size).toBe(t.subtypes.length);
  });
});

describe('techTradeAmountFen = 成交额 − non-technical payments', () => {
  it.each([
    [100_000_000, [], 100_000_000],
    [100_000_000, [{ label: '设备费', amountFen: 30_000_000 }], 70_000_000],
    [100_000_000, [{ label: '设备费', amountFen: 30_000_000 }, { label: '材料费', amountFen: 70_000_000 }], 0],
    [1, [{ label: '材料费', amountFen: 0 }], 1],
  ])('%i minus %j = %i', (amount, items, expected) => {
    expect(techTradeAmountFen(amount, items)).toBe(expected);
  });

  it.each([
    [100, [{ label: '设备费', amountFen: 101 }], 'TECH_TRADE_AMOUNT_NEGATIVE'],
    [100.5, [], 'AMOUNT_INVALID'],
    [-1, [], 'AMOUNT_INVALID'],
    [100, [{ label: '设备费', amountFen: -1 }], 'AMOUNT_INVALID'],
    [100, [{ label: 'a', amountFen: Number.MAX_SAFE_INTEGER }, { label: 'b', amountFen: 10 }], 'AMOUNT_OVERFLOW'],
  ])('%s minus %j throws %s', (amount, items, code) => {
    expect(() => techTradeAmountFen(amount, items)).toThrow(code);
  });
});

describe('registration deadline (15 / 30 working days, threshold 5,000,000 CNY)', () => {
  it.each([
    // accepted Mon 2025-01-20; 15 working days across Spring Festival (see working-days.test.ts)
    ['2025-01-20', 499_999_999, 15, '2025-02-14'],
    // 30 working days: the 15 above, then 2/17–21 (20), 2/24–28 (25), 3/3–7 (30)
    ['2025-01-20', 500_000_000, 30, '2025-03-07'],
    ['2025-09-25', 0, 15, '2025-10-22'],
  ])('accepted %s, 技术交易额 %i fen → %i working days, due %s', (accepted, fen, days, due) => {
    const d = registrationDeadline(accepted, fen, cal, params);
    expect(d.workingDays).toBe(days);
    expect(d.dueDate).toBe(due);
    expect(d.coverage).toBe('confirmed');
  });

  it('flags a deadline that runs into a year without holiday data', () => {
    const d = registrationDeadline('2026-12-20', 1, cal, params);
    expect(d.coverage).toBe('weekends_only');
    expect(d.fallbackYears).toEqual([2027]);
  });

  it('uses the configured threshold and day counts', () => {
    const custom = { ...params, registrationDeadline: { standardWorkingDays: 10, largeWorkingDays: 20, largeThresholdFen: 100 } };
    expect(registrationDeadline('2025-03-03', 100, cal, custom).workingDays).toBe(20);
    expect(registrationDeadline('2025-03-03', 99, cal, custom).workingDays).toBe(10);
  });
});

describe('who registers', () => {
  it.each([
    ['domestic', 'seller'],
    ['export', 'seller'],
    ['import', 'buyer'],
  ] as [TradeDirection, string][])('%s → %s', (direction, side) => {
    expect(registeringParty(direction, params)).toBe(side);
  });
});

describe('validateContractParties', () => {
  // stand-in for organisations' validateUscc: codes starting with "91" are valid
  const validator = (code: string) => (code.length === 18 && code.startsWith('91') ? null : 'check');
  const seller: ContractParty = { role: 'seller', name: '大连理工大学', uscc: '91210200000000000A', regionCode: '210200' };
  const buyer: ContractParty = { role: 'buyer', name: '鞍山某装备公司', uscc: '91210300000000000B', regionCode: '210300' };
  const foreignSeller: ContractParty = { role: 'seller', name: 'Acme GmbH', foreign: true };

  it.each<[string, TradeDirection, ContractParty[], string[]]>([
    ['a valid domestic pair', 'domestic', [seller, buyer], []],
    ['a valid import', 'import', [foreignSeller, buyer], []],
    ['lower-case USCC is normalised', 'domestic', [seller, { ...buyer, uscc: buyer.uscc!.toLowerCase() }], []],
    ['no buyer', 'domestic', [seller], ['PARTY_MISSING']],
    ['blank name', 'domestic', [seller, { ...buyer, name: ' ' }], ['PARTY_NAME_REQUIRED']],
    ['missing USCC', 'domestic', [seller, { ...buyer, uscc: null }], ['PARTY_USCC_REQUIRED']],
    ['bad USCC', 'domestic', [seller, { ...buyer, uscc: '12345' }], ['PARTY_USCC_INVALID']],
    ['bad region', 'domestic', [seller, { ...buyer, regionCode: '2103' }], ['PARTY_REGION_INVALID']],
    ['same organisation on both sides', 'domestic', [seller, { ...buyer, uscc: seller.uscc }], ['SELLER_IS_BUYER']],
    ['foreign seller on a domestic contract', 'domestic', [foreignSeller, buyer], ['DIRECTION_MISMATCH']],
    ['import with a domestic seller', 'import', [seller, buyer], ['DIRECTION_MISMATCH']],
    ['duplicate buyer', 'domestic', [seller, buyer, { ...buyer, name: '同一公司' }], ['PARTY_DUPLICATE']],
  ])('%s', (_label, direction, parties, codes) => {
    const r = validateContractParties(direction, parties, validator);
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.ok).toBe(codes.length === 0);
  });
});

describe('输出 / 吸纳 statistics', () => {
  const c = (status: string, seller: string | null, buyer: string | null, amount: number, tech = amount): ContractFacts => ({
    status,
    sellerRegionCode: seller,
    buyerRegionCode: buyer,
    contractAmountFen: amount,
    techTradeAmountFen: tech,
  });

  it('sums registered contracts by seller city (输出) and buyer city (吸纳)', () => {
    const stats = contractFlowStats(
      [
        c('registered', '210203', '210302', 1_000_000, 800_000), // 大连 → 鞍山
        c('registered', '210211', '210102', 500_000), // 大连 → 沈阳
        c('registered', '210102', '210303', 300_000), // 沈阳 → 鞍山
        c('registered', '210102', null, 200_000), // 沈阳 → abroad
        c('submitted', '210102', '210302', 9_000_000), // not registered: not counted
        c('cancelled', '210102', '210302', 9_000_000),
      ],
      params,
    );
    expect(stats.counted).toBe(4);
    expect(stats.skipped).toBe(2);
    expect(stats.output).toEqual([
      { regionCode: '210200', count: 2, contractAmountFen: 1_500_000, techTradeAmountFen: 1_300_000 },
      { regionCode: '210100', count: 2, contractAmountFen: 500_000, techTradeAmountFen: 500_000 },
    ]);
    expect(stats.absorption).toEqual([
      { regionCode: '210300', count: 2, contractAmountFen: 1_300_000, techTradeAmountFen: 1_100_000 },
      { regionCode: '210100', count: 1, contractAmountFen: 500_000, techTradeAmountFen: 500_000 },
      { regionCode: 'unknown', count: 1, contractAmountFen: 200_000, techTradeAmountFen: 200_000 },
    ]);
  });

  it.each([
    ['210203', 'city', '210200'],
    ['210203', 'province', '210000'],
    ['210203', 'county', '210203'],
    [null, 'city', 'unknown'],
    ['21', 'city', 'unknown'],
  ] as const)('regionAtLevel(%s, %s) = %s', (code, level, expected) => {
    expect(regionAtLevel(code, level)).toBe(expected);
  });

  it('output and absorption totals both equal the total of counted contracts', () => {
    const arb = fc.array(
      fc.record({
        status: fc.constantFrom('registered', 'submitted'),
        sellerRegionCode: fc.constantFrom('210102', '210203', null),
        buyerRegionCode: fc.constantFrom('210302', '110105', null),
        contractAmountFen: fc.integer({ min: 0, max: 1e12 }),
        techTradeAmountFen: fc.integer({ min: 0, max: 1e12 }),
      }),
    );
    fc.assert(
      fc.property(arb, (contracts) => {
        const s = contractFlowStats(contracts, params);
        const total = contracts.filter((x) => x.status === 'registered').reduce((a, x) => a + x.contractAmountFen, 0);
        expect(s.output.reduce((a, b) => a + b.contractAmountFen, 0)).toBe(total);
        expect(s.absorption.reduce((a, b) => a + b.contractAmountFen, 0)).toBe(total);
      }),
    );
  });
});

describe('parseContractsParams', () => {
  it('refuses bad parameters with a list of problems', () => {
    expect(() => parseContractsParams({ registrationDeadline: { standardWorkingDays: 0 } })).toThrow(
      /standardWorkingDays[\s\S]*largeWorkingDays[\s\S]*registeringParty\.domestic[\s\S]*countedStatuses/,
    );
  });
});
