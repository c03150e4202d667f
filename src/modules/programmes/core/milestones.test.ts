import { describe, expect, it } from 'vitest';
import { checkIndicators, checkMilestonePlan, compareDecimal, milestoneTransition, type Indicator, type MilestoneAction, type MilestoneFacts, type Side } from './milestones.js';

const IND: Indicator[] = [
  { name: '回差', unit: 'arcmin', target: '1', comparator: '<=' },
  { name: '额定寿命', unit: 'h', target: '6000', comparator: '>=' },
];
const BASE: MilestoneFacts = { status: 'planned', amountFen: 100_000_000, indicators: [], reportedValues: [], paidFen: 0, awardedFen: 300_000_000 };

// the state machine as a table: from status × action × side → to status or error code
const TABLE: { from: string; action: MilestoneAction; side: Side; input?: { reason?: string; report?: string }; facts?: Partial<MilestoneFacts>; expect: string }[] = [
  { from: 'planned', action: 'report', side: 'team', input: { report: '完成样机' }, expect: 'submitted' },
  { from: 'planned', action: 'report', side: 'team', input: { report: '  ' }, expect: 'MILESTONE_REPORT_REQUIRED' },
  { from: 'planned', action: 'report', side: 'government', input: { report: 'x' }, expect: 'MILESTONE_NOT_YOURS' },
  { from: 'returned', action: 'report', side: 'team', input: { report: '补充数据' }, expect: 'submitted' },
  { from: 'submitted', action: 'report', side: 'team', input: { report: 'again' }, expect: 'MILESTONE_STATE_INVALID' },
  { from: 'accepted', action: 'report', side: 'team', input: { report: 'late' }, expect: 'MILESTONE_STATE_INVALID' },
  { from: 'submitted', action: 'accept', side: 'government', expect: 'accepted' },
  { from: 'submitted', action: 'accept', side: 'team', expect: 'MILESTONE_NOT_YOURS' },
  { from: 'planned', action: 'accept', side: 'government', expect: 'MILESTONE_STATE_INVALID' },
  { from: 'submitted', action: 'return', side: 'government', input: { reason: '缺少寿命试验报告' }, expect: 'returned' },
  { from: 'submitted', action: 'return', side: 'government', expect: 'MILESTONE_REASON_REQUIRED' },
  { from: 'accepted', action: 'return', side: 'government', input: { reason: 'x' }, expect: 'MILESTONE_STATE_INVALID' },
  { from: 'accepted', action: 'pay', side: 'government', expect: 'paid' },
  { from: 'submitted', action: 'pay', side: 'government', expect: 'MILESTONE_STATE_INVALID' },
  { from: 'paid', action: 'pay', side: 'government', expect: 'MILESTONE_STATE_INVALID' },
  { from: 'accepted', action: 'pay', side: 'team', expect: 'MILESTONE_NOT_YOURS' },
  { from: 'accepted', action: 'pay', side: 'government', facts: { paidFen: 200_000_000 }, expect: 'paid' }, // exactly the awarded total
  { from: 'accepted', action: 'pay', side: 'government', facts: { paidFen: 200_000_001 }, expect: 'DISBURSEMENT_OVER_BUDGET' },
  { from: 'submitted', action: 'accept', side: 'government', facts: { indicators: IND, reportedValues: [{ name: '回差', value: '0.8' }, { name: '额定寿命', value: '6000' }] }, expect: 'accepted' },
  { from: 'submitted', action: 'accept', side: 'government', facts: { indicators: IND, reportedValues: [{ name: '回差', value: '1.05' }, { name: '额定寿命', value: '6500' }] }, expect: 'MILESTONE_INDICATORS_NOT_MET' },
  { from: 'submitted', action: 'accept', side: 'government', facts: { indicators: IND, reportedValues: [{ name: '回差', value: '1' }] }, expect: 'MILESTONE_INDICATORS_NOT_MET' },
  { from: 'submitted', action: 'return', side: 'government', input: { reason: '指标未达' }, facts: { indicators: IND }, expect: 'returned' },
];

describe('milestone and disbursement state machine (table)', () => {
  it.each(TABLE)('$from --$action/$side--> $expect', ({ from, action, side, input, facts, expect: want }) => {
    const t = milestoneTransition({ ...BASE, ...facts, status: from }, action, side, input);
    expect(t.ok ? t.to : t.code).toBe(want);
  });

  it('lists each unmet indicator with target and reported value', () => {
    const t = milestoneTransition({ ...BASE, status: 'submitted', indicators: IND, reportedValues: [{ name: '回差', value: '1.2' }] }, 'accept', 'government');
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.unmet!.map((u) => u.zh)).toEqual(['回差：要求 <= 1arcmin，实测 1.2', '额定寿命：要求 >= 6000h，实测 未报告']);
  });

  it('a full run pays each milestone once and never more than awarded', () => {
    const amounts = [100_000_000, 150_000_000, 50_000_000];
    let paid = 0;
    for (const amountFen of amounts) {
      let status = 'planned';
      for (const [action, side, input] of [['report', 'team', { report: 'r' }], ['accept', 'government', {}], ['pay', 'government', {}]] as const) {
        const t = milestoneTransition({ ...BASE, status, amountFen, paidFen: paid, awardedFen: 300_000_000 }, action, side, input);
        expect(t.ok).toBe(true);
        if (t.ok) status = t.to;
      }
      paid += amountFen;
    }
    expect(paid).toBe(300_000_000);
  });
});

describe('indicators compare exactly', () => {
  it.each([['1.0', '1', 0], ['0.999999', '1', -1], ['6000.000001', '6000', 1], ['-2', '1', -1], ['0.3', '0.30', 0]] as const)('%s vs %s → %i', (a, b, c) => expect(compareDecimal(a, b)).toBe(c));
  it('marks non-numeric values unmet', () => expect(checkIndicators([IND[0]], [{ name: '回差', value: 'about 1' }])[0].met).toBe(false));
  it.each([['=', '5', '5', true], ['=', '5.0', '5', true], ['>', '5', '5', false], ['<', '4.99', '5', true]] as const)('%s: %s vs %s → %s', (comparator, value, target, met) => {
    expect(checkIndicators([{ name: 'x', unit: '', target, comparator }], [{ name: 'x', value }])[0].met).toBe(met);
  });
});

describe('milestone plan', () => {
  it('accepts amounts up to the budget in date order', () => expect(checkMilestonePlan([{ amountFen: 1, due: '2027-01-01' }, { amountFen: 2, due: '2027-06-01' }], 3)).toEqual([]));
  it('refuses an empty plan, amounts over the budget and dates out of order', () => {
    expect(checkMilestonePlan([], 3).map((r) => r.code)).toEqual(['NO_MILESTONES']);
    expect(checkMilestonePlan([{ amountFen: 2, due: '2027-06-01' }, { amountFen: 2, due: '2027-01-01' }], 3).map((r) => r.code)).toEqual(['MILESTONES_OVER_BUDGET', 'MILESTONES_OUT_OF_ORDER']);
  });
});
