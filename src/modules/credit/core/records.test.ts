import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import { CreditRuleError } from './errors.js';
import type { CreditParams } from './params.js';
import { canRequestRepair, isPublic, publicationEnd, recordCategory, repairEligibleFrom, validateCreditRecord, type CreditRecord } from './records.js';

const params = creditParams();
const source = { type: 'authority', name: '沈阳市市场监督管理局', documentNo: '沈市监罚〔2025〕1号' } as const;
const rec = (r: Partial<CreditRecord> & Pick<CreditRecord, 'kind'>): CreditRecord =>
  ({ id: 'r1', orgId: 'org-1', source, date: '2025-03-10', ...r }) as CreditRecord;

describe('publicationEnd (last day public, start day not counted)', () => {
  it.each([
    [rec({ kind: 'penalty', severity: 'minor' }), '2025-06-10'],
    [rec({ kind: 'penalty', severity: 'ordinary' }), '2026-03-10'],
    [rec({ kind: 'penalty', severity: 'serious' }), '2028-03-10'],
    [rec({ kind: 'penalty', severity: 'serious', publishedOn: '2025-03-12' }), '2028-03-12'],
    [rec({ kind: 'penalty', severity: 'serious', publicationMonths: 18 }), '2026-09-10'],
    [rec({ kind: 'licence' }), null],
    [rec({ kind: 'award' }), null],
    [rec({ kind: 'abnormal_list', reason: 'unreachable_at_address' }), null],
    [rec({ kind: 'serious_list', legalBasis: 'obstructed_supervision' }), '2028-03-10'],
    [rec({ kind: 'commitment', outcome: 'broken' }), '2026-03-10'],
    [rec({ kind: 'inspection', result: 'fail' }), '2028-03-10'],
    [rec({ kind: 'platform', behaviour: 'upheld_complaint' }), '2026-03-10'],
  ])('%o → %s', (r, want) => expect(publicationEnd(r, params)).toBe(want));

  it('a penalty published on 30 Nov for 3 months ends on the last day of February', () => {
    expect(publicationEnd(rec({ kind: 'penalty', severity: 'minor', date: '2025-11-30' }), params)).toBe('2026-02-28');
  });

  it('follows the configured counting rule', () => {
    const counted: CreditParams = { ...params, periods: { startDayCounted: true } };
    expect(publicationEnd(rec({ kind: 'penalty', severity: 'minor' }), counted)).toBe('2025-06-09');
  });
});

describe('isPublic', () => {
  const minor = rec({ kind: 'penalty', severity: 'minor' });
  it.each([
    ['before publication', minor, '2025-03-09', false],
    ['on the first day', minor, '2025-03-10', true],
    ['on the last day', minor, '2025-06-10', true],
    ['the day after the period', minor, '2025-06-11', false],
    ['on the day of repair', rec({ kind: 'penalty', severity: 'serious', repairedOn: '2026-04-01' }), '2026-04-01', false],
    ['the day before repair', rec({ kind: 'penalty', severity: 'serious', repairedOn: '2026-04-01' }), '2026-03-31', true],
    ['removed from the list', rec({ kind: 'abnormal_list', reason: 'annual_report_not_filed', removedOn: '2025-05-01' }), '2025-05-02', false],
    ['listed, indefinitely', rec({ kind: 'abnormal_list', reason: 'annual_report_not_filed' }), '2035-01-01', true],
  ])('%s', (_, r, today, want) => expect(isPublic(r, today, params)).toBe(want));
});

describe('repairEligibleFrom', () => {
  it.each([
    [rec({ kind: 'penalty', severity: 'minor' }), null],
    [rec({ kind: 'penalty', severity: 'ordinary' }), '2025-06-11'],
    [rec({ kind: 'penalty', severity: 'serious' }), '2026-03-11'],
    [rec({ kind: 'abnormal_list', reason: 'unreachable_at_address' }), '2025-03-10'],
    [rec({ kind: 'award' }), null],
  ])('%o → %s', (r, want) => expect(repairEligibleFrom(r, params)).toBe(want));

  it('canRequestRepair needs the minimum to have run and the record still public', () => {
    const serious = rec({ kind: 'penalty', severity: 'serious' });
    expect(canRequestRepair(serious, '2026-03-10', params)).toBe(false);
    expect(canRequestRepair(serious, '2026-03-11', params)).toBe(true);
    expect(canRequestRepair({ ...serious, repairedOn: '2026-04-01' }, '2026-05-01', params)).toBe(false);
    expect(canRequestRepair(rec({ kind: 'award' }), '2030-01-01', params)).toBe(false);
  });
});

describe('records', () => {
  it('categorise by kind and refinement', () => {
    expect(recordCategory(rec({ kind: 'inspection', result: 'problems' }))).toBe('inspection.problems');
    expect(recordCategory(rec({ kind: 'platform', behaviour: 'deal_abandoned_after_nda' }))).toBe('platform.deal_abandoned_after_nda');
  });

  it.each([
    ['a repair before the decision', rec({ kind: 'penalty', severity: 'minor', repairedOn: '2025-03-01' }), 'DATE_ORDER_INVALID'],
    ['an impossible date', rec({ kind: 'award', date: '2025-02-30' }), 'DATE_INVALID'],
    ['a serious-list entry without basis', rec({ kind: 'serious_list', legalBasis: ' ' }), 'LEGAL_BASIS_REQUIRED'],
    ['a negative publication period', rec({ kind: 'award', publicationMonths: -1 }), 'RECORD_INVALID'],
  ])('reject %s', (_, r, code) => {
    expect(() => validateCreditRecord(r)).toThrowError(expect.objectContaining({ code }));
    expect(() => validateCreditRecord(r)).toThrow(CreditRuleError);
  });
});
