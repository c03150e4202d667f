import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import {
  ABNORMAL_REASONS,
  annualReportStatus,
  annualReportWindow,
  missedAnnualReport,
  removalDueDate,
  seriousListMoveDate,
  seriousListNoticeDate,
  shouldListForMissedReport,
  shouldMoveToSerious,
} from './abnormal-list.js';
import type { CreditParams } from './params.js';

const params = creditParams();
const counted: CreditParams = { ...params, periods: { startDayCounted: true } };

describe('annual report (企业年度报告)', () => {
  it('the report on year Y−1 is filed 1 Jan – 30 Jun of year Y', () => {
    expect(annualReportWindow(2025, params)).toEqual({ reportYear: 2024, opensOn: '2025-01-01', closesOn: '2025-06-30' });
  });

  it('knows the four listing reasons', () => {
    expect(ABNORMAL_REASONS.map((r) => r.reason)).toEqual([
      'annual_report_not_filed',
      'instant_info_not_published',
      'concealed_or_false_info',
      'unreachable_at_address',
    ]);
  });

  it.each([
    ['nothing filed, window open', [], '2025-06-30', 'pending', false],
    ['nothing filed, window closed', [], '2025-07-01', 'missing', true],
    ['filed on the last day', [{ reportYear: 2024, filedOn: '2025-06-30' }], '2025-07-01', 'on_time', false],
    ['filed late', [{ reportYear: 2024, filedOn: '2025-07-02' }], '2025-07-05', 'late', true],
    ['late filing not yet made on today', [{ reportYear: 2024, filedOn: '2025-07-02' }], '2025-07-01', 'missing', true],
    ['only last year filed', [{ reportYear: 2023, filedOn: '2024-03-01' }], '2025-07-01', 'missing', true],
    ['earliest filing counts', [{ reportYear: 2024, filedOn: '2025-08-01' }, { reportYear: 2024, filedOn: '2025-05-01' }], '2025-09-01', 'on_time', false],
  ] as const)('%s', (_, filings, today, status, missed) => {
    expect(annualReportStatus(filings, 2024, today, params)).toBe(status);
    expect(missedAnnualReport(filings, 2024, today, params)).toBe(missed);
  });

  it('lists for a missed report from 1 July, not on 30 June, and not twice', () => {
    expect(shouldListForMissedReport([], 2024, '2025-06-30', params)).toBe(false);
    expect(shouldListForMissedReport([], 2024, '2025-07-01', params)).toBe(true);
    expect(shouldListForMissedReport([], 2024, '2025-07-01', params, true)).toBe(false);
  });
});

describe('removal and the move to the serious list', () => {
  it('removal decision is due 7 days after the cure', () => {
    expect(removalDueDate('2025-07-10', params)).toBe('2025-07-17');
    expect(removalDueDate('2025-12-28', params)).toBe('2026-01-04');
    expect(removalDueDate('2025-07-10', counted)).toBe('2025-07-16');
  });

  it.each([
    // listedOn, move date (default), notice (default), move date (start day counted)
    ['2022-07-05', '2025-07-06', '2025-05-07', '2025-07-05'],
    ['2024-02-29', '2027-03-01', '2026-12-31', '2027-02-28'],
    ['2023-02-28', '2026-03-01', '2025-12-31', '2026-02-28'],
  ])('listed %s: move from %s, notice on %s (or from %s when the start day counts)', (listedOn, move, notice, moveCounted) => {
    expect(seriousListMoveDate(listedOn, params)).toBe(move);
    expect(seriousListNoticeDate(listedOn, params)).toBe(notice);
    expect(seriousListMoveDate(listedOn, counted)).toBe(moveCounted);
  });

  it.each([
    ['the day before the move date', null, '2025-07-05', false],
    ['on the move date, uncured', null, '2025-07-06', true],
    ['later, uncured', null, '2026-01-01', true],
    ['cured before the move date', '2025-07-05', '2025-07-06', false],
    ['cured on the move date — too late', '2025-07-06', '2025-07-06', true],
    ['cure dated after today does not count yet', '2025-07-01', '2025-06-30', false],
  ])('%s', (_, curedOn, today, want) => {
    expect(shouldMoveToSerious('2022-07-05', curedOn, today, params)).toBe(want);
  });

  it('with the start day counted the move is due on the anniversary itself', () => {
    expect(shouldMoveToSerious('2022-07-05', null, '2025-07-04', counted)).toBe(false);
    expect(shouldMoveToSerious('2022-07-05', null, '2025-07-05', counted)).toBe(true);
  });
});
