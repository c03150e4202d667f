import { describe, expect, it } from 'vitest';
import { EMPTY_CONDITIONS, evaluate, inForce, conditionProblems, normaliseConditions, type OrgFacts, type PolicyConditions } from './rules.js';
import { sizeOf } from './size.js';
import { notifyPlan } from './notify-plan.js';
import { policiesParams } from '../policies.params.js';

/** 大连瑞衡: a 专精特新, high-tech reducer maker in 金州 (Dalian), small, growth stage, class B, achievements at TRL 5–7 */
const ruiheng: OrgFacts = {
  regionCode: '210213', type: 'enterprise', size: 'small', industries: ['EQ.ROB.RED', 'EQ.ROB'], flags: ['专精特新', '高新技术企业'],
  trlRange: { min: 5, max: 7 }, stage: 'growth', creditClass: 'B',
};
const c = (over: Partial<PolicyConditions>): PolicyConditions => ({ ...EMPTY_CONDITIONS, ...over });
const f = (over: Partial<OrgFacts>): OrgFacts => ({ ...ruiheng, ...over });

interface Row {
  name: string;
  conditions: PolicyConditions;
  facts: OrgFacts;
  qualifies: boolean;
  met: string[];
  missed: string[];
  /** a fragment of the first missed (or, when none, met) reason in Chinese */
  zh?: string;
}

const table: Row[] = [
  { name: 'no conditions: everybody qualifies, no reasons', conditions: EMPTY_CONDITIONS, facts: ruiheng, qualifies: true, met: [], missed: [] },
  // region (GB/T 2260 prefix, via regionPrefix)
  { name: 'province 210000 covers 金州 210213', conditions: c({ regions: ['210000'] }), facts: ruiheng, qualifies: true, met: ['region'], missed: [] },
  { name: 'city 大连 210200 covers 210213', conditions: c({ regions: ['210200'] }), facts: ruiheng, qualifies: true, met: ['region'], missed: [] },
  { name: 'city 沈阳 210100 does not', conditions: c({ regions: ['210100'] }), facts: ruiheng, qualifies: false, met: [], missed: ['region'], zh: '不在适用范围' },
  { name: '辽阳 211000 does not cover 铁岭 211200 (no trailing-zero trimming)', conditions: c({ regions: ['211000'] }), facts: f({ regionCode: '211202' }), qualifies: false, met: [], missed: ['region'] },
  { name: '辽阳 211000 covers 211002', conditions: c({ regions: ['211000'] }), facts: f({ regionCode: '211002' }), qualifies: true, met: ['region'], missed: [] },
  { name: 'county code matches itself only', conditions: c({ regions: ['210213'] }), facts: f({ regionCode: '210212' }), qualifies: false, met: [], missed: ['region'] },
  { name: 'one of several regions is enough', conditions: c({ regions: ['210100', '210200'] }), facts: ruiheng, qualifies: true, met: ['region'], missed: [] },
  { name: 'no registered region misses', conditions: c({ regions: ['210000'] }), facts: f({ regionCode: null }), qualifies: false, met: [], missed: ['region'], zh: '未登记注册地' },
  // organisation type
  { name: 'enterprise admitted', conditions: c({ orgTypes: ['enterprise'] }), facts: ruiheng, qualifies: true, met: ['orgType'], missed: [] },
  { name: 'university not admitted to an enterprise policy', conditions: c({ orgTypes: ['enterprise'] }), facts: f({ type: 'university' }), qualifies: false, met: [], missed: ['orgType'], zh: '高校' },
  // size
  { name: 'small among small/micro', conditions: c({ sizes: ['small', 'micro'] }), facts: ruiheng, qualifies: true, met: ['size'], missed: [] },
  { name: 'large excluded from an SME policy', conditions: c({ sizes: ['medium', 'small', 'micro'] }), facts: f({ size: 'large' }), qualifies: false, met: [], missed: ['size'], zh: '大型' },
  { name: 'size not declared misses', conditions: c({ sizes: ['small'] }), facts: f({ size: null }), qualifies: false, met: [], missed: ['size'], zh: '未填报' },
  // industry (taxonomy prefix)
  { name: 'EQ covers EQ.ROB.RED', conditions: c({ industries: ['EQ'] }), facts: ruiheng, qualifies: true, met: ['industry'], missed: [] },
  { name: 'EQ.ROB covers EQ.ROB exactly', conditions: c({ industries: ['EQ.ROB'] }), facts: f({ industries: ['EQ.ROB'] }), qualifies: true, met: ['industry'], missed: [] },
  { name: 'EQ.R is not a prefix of EQ.ROB (code boundary)', conditions: c({ industries: ['EQ.R'] }), facts: ruiheng, qualifies: false, met: [], missed: ['industry'] },
  { name: 'other industry misses', conditions: c({ industries: ['PC'] }), facts: ruiheng, qualifies: false, met: [], missed: ['industry'], zh: '不在支持范围' },
  { name: 'no industry registered misses', conditions: c({ industries: ['PC'] }), facts: f({ industries: [] }), qualifies: false, met: [], missed: ['industry'], zh: '未登记所属领域' },
  // flags
  { name: 'holds every required flag', conditions: c({ flagsAll: ['专精特新', '高新技术企业'] }), facts: ruiheng, qualifies: true, met: ['flagsAll'], missed: [] },
  { name: 'lacks one required flag, named', conditions: c({ flagsAll: ['专精特新', '瞪羚企业'] }), facts: ruiheng, qualifies: false, met: [], missed: ['flagsAll'], zh: '尚未认定为瞪羚企业' },
  { name: 'any-of flags: one held is enough', conditions: c({ flagsAny: ['瞪羚企业', '高新技术企业'] }), facts: ruiheng, qualifies: true, met: ['flagsAny'], missed: [] },
  { name: 'any-of flags: none held', conditions: c({ flagsAny: ['瞪羚企业', '独角兽企业'] }), facts: ruiheng, qualifies: false, met: [], missed: ['flagsAny'], zh: '之一' },
  // TRL range overlap
  { name: 'TRL 4–6 overlaps 5–7', conditions: c({ trlMin: 4, trlMax: 6 }), facts: ruiheng, qualifies: true, met: ['trl'], missed: [], zh: 'TRL 5–6' },
  { name: 'TRL ≥ 7 touches 5–7 at 7', conditions: c({ trlMin: 7, trlMax: null }), facts: ruiheng, qualifies: true, met: ['trl'], missed: [] },
  { name: 'TRL 8–9 misses 5–7', conditions: c({ trlMin: 8, trlMax: 9 }), facts: ruiheng, qualifies: false, met: [], missed: ['trl'], zh: 'TRL 5–7' },
  { name: 'TRL ≤ 4 misses 5–7', conditions: c({ trlMin: null, trlMax: 4 }), facts: ruiheng, qualifies: false, met: [], missed: ['trl'] },
  { name: 'no achievement with a TRL misses', conditions: c({ trlMin: 4, trlMax: 6 }), facts: f({ trlRange: null }), qualifies: false, met: [], missed: ['trl'], zh: '没有标明技术就绪度' },
  // stage
  { name: 'growth among startup/growth', conditions: c({ stages: ['startup', 'growth'] }), facts: ruiheng, qualifies: true, met: ['stage'], missed: [] },
  { name: 'mature excluded', conditions: c({ stages: ['startup', 'growth'] }), facts: f({ stage: 'mature' }), qualifies: false, met: [], missed: ['stage'], zh: '成熟期' },
  { name: 'stage not declared misses', conditions: c({ stages: ['seed'] }), facts: f({ stage: null }), qualifies: false, met: [], missed: ['stage'] },
  // credit class
  { name: 'class B among A/B', conditions: c({ creditClasses: ['A', 'B'] }), facts: ruiheng, qualifies: true, met: ['creditClass'], missed: [] },
  { name: 'class C excluded', conditions: c({ creditClasses: ['A', 'B'] }), facts: f({ creditClass: 'C' }), qualifies: false, met: [], missed: ['creditClass'], zh: 'C 类' },
  { name: 'unrated misses', conditions: c({ creditClasses: ['A', 'B'] }), facts: f({ creditClass: null }), qualifies: false, met: [], missed: ['creditClass'], zh: '尚未评定' },
  // combinations: reasons in condition order, every failure reported
  {
    name: 'a full SME innovation policy met on every count', conditions: c({ regions: ['210000'], orgTypes: ['enterprise'], sizes: ['medium', 'small', 'micro'], industries: ['EQ'], flagsAll: ['专精特新'], trlMin: 4, trlMax: 7, creditClasses: ['A', 'B'] }),
    facts: ruiheng, qualifies: true, met: ['region', 'orgType', 'size', 'industry', 'flagsAll', 'trl', 'creditClass'], missed: [],
  },
  {
    name: 'two misses are both reported', conditions: c({ regions: ['210100'], orgTypes: ['enterprise'], flagsAll: ['瞪羚企业'] }),
    facts: ruiheng, qualifies: false, met: ['orgType'], missed: ['region', 'flagsAll'],
  },
];

describe('evaluate(policyConditions, orgFacts)', () => {
  it.each(table)('$name', (row) => {
    const r = evaluate(row.conditions, row.facts);
    expect(r.qualifies).toBe(row.qualifies);
    expect(r.met.map((m) => m.condition)).toEqual(row.met);
    expect(r.missed.map((m) => m.condition)).toEqual(row.missed);
    for (const x of [...r.met, ...r.missed]) {
      expect(x.zh.length).toBeGreaterThan(2);
      expect(x.en.length).toBeGreaterThan(2);
    }
    if (row.zh) expect((r.missed[0] ?? r.met[0]).zh).toContain(row.zh);
  });

  it('names regions and industries through the injected lookups', () => {
    const r = evaluate(c({ regions: ['210200'], industries: ['EQ'] }), ruiheng, { region: (x) => (x === '210200' ? '大连市' : x), industry: (x) => (x.startsWith('EQ') ? '先进装备制造' : x) });
    expect(r.met[0].zh).toBe('注册地在大连市');
    expect(r.met[1].zh).toContain('先进装备制造');
  });
});

describe('sizeOf (工信部 industrial thresholds)', () => {
  const t = policiesParams.size;
  const WAN = 1_000_000;
  it.each([
    [1500, 50_000 * WAN, 'large'],
    [1500, 30_000 * WAN, 'medium'], // many employees but revenue below 4 亿: not large
    [999, 50_000 * WAN, 'medium'],
    [300, 2_000 * WAN, 'medium'], // thresholds inclusive
    [299, 2_000 * WAN, 'small'],
    [180, 9_000 * WAN, 'small'],
    [20, 300 * WAN, 'small'],
    [19, 5_000 * WAN, 'micro'],
    [50, 299 * WAN, 'micro'],
    [0, 0, 'micro'],
  ] as const)('%i employees, %i fen → %s', (e, r, size) => expect(sizeOf(e, r, t)).toBe(size));
  it('unknown without both figures', () => {
    expect(sizeOf(null, 100 * WAN, t)).toBeNull();
    expect(sizeOf(100, null, t)).toBeNull();
    expect(sizeOf(-1, 100, t)).toBeNull();
  });
});

describe('notifyPlan', () => {
  it('records every qualifying organisation once and notifies only the newly qualifying', () => {
    const p = notifyPlan(['a', 'b', 'c', 'c'], new Set(['a']), new Set(['b']));
    expect(p.record).toEqual([{ organisationId: 'b', notify: false }, { organisationId: 'c', notify: true }]);
  });
  it('is idempotent: after recording, a second run does nothing', () => {
    const first = notifyPlan(['x', 'y'], new Set(), new Set());
    expect(first.record.every((r) => r.notify)).toBe(true);
    const second = notifyPlan(['x', 'y'], new Set(first.record.map((r) => r.organisationId)), new Set());
    expect(second.record).toEqual([]);
  });
});

describe('inForce, normaliseConditions, conditionProblems', () => {
  it.each([
    [{ effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' }, '2026-11-27', true],
    [{ effectiveFrom: '2026-11-27', effectiveTo: null }, '2026-11-27', true],
    [{ effectiveFrom: '2026-11-28', effectiveTo: null }, '2026-11-27', false],
    [{ effectiveFrom: null, effectiveTo: '2026-11-26' }, '2026-11-27', false],
    [{ effectiveFrom: null, effectiveTo: '2026-11-27' }, '2026-11-27', true],
  ])('%j on %s → %s', (p, d, ok) => expect(inForce(p, d)).toBe(ok));
  it('fills missing keys', () => expect(normaliseConditions({ regions: ['210000'] })).toEqual({ ...EMPTY_CONDITIONS, regions: ['210000'] }));
  it('rejects an inverted TRL range and malformed region codes', () => {
    expect(conditionProblems(c({ trlMin: 7, trlMax: 4 })).map((p) => p.field)).toEqual(['conditions.trlMax']);
    expect(conditionProblems(c({ regions: ['21'] })).map((p) => p.field)).toEqual(['conditions.regions']);
    expect(conditionProblems(c({ trlMin: 4, trlMax: 7, regions: ['210000'] }))).toEqual([]);
  });
});
