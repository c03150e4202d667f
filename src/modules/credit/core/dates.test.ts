import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  assertCalendarDate,
  dayAfterPeriod,
  lastDayOfMonth,
  periodLastDay,
  shanghaiDateOf,
} from './dates.js';
import { CreditRuleError } from './errors.js';

describe('calendar arithmetic (民法典 §202 month-end clamp)', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-01-15', -13, '2023-12-15'],
  ])('addMonths(%s, %i) = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));

  it.each([
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2023-02-28', 1, '2024-02-28'],
  ])('addYears(%s, %i) = %s — a leap day goes to 28 Feb, never 1 Mar', (d, n, want) => expect(addYears(d, n)).toBe(want));

  it('adds days across a leap day and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
});

describe('periods (民法典 §201: start day not counted by default)', () => {
  const notCounted = { startDayCounted: false };
  const counted = { startDayCounted: true };
  it.each([
    ['2025-03-01', { days: 7 }, notCounted, '2025-03-08', '2025-03-09'],
    ['2025-03-01', { days: 7 }, counted, '2025-03-07', '2025-03-08'],
    ['2022-03-15', { years: 3 }, notCounted, '2025-03-15', '2025-03-16'],
    ['2022-03-15', { years: 3 }, counted, '2025-03-14', '2025-03-15'],
    ['2024-02-29', { years: 3 }, notCounted, '2027-02-28', '2027-03-01'],
    ['2024-02-29', { years: 3 }, counted, '2027-02-27', '2027-02-28'],
    ['2025-11-30', { months: 3 }, notCounted, '2026-02-28', '2026-03-01'],
  ])('%s + %o → last day %s, then %s', (start, len, rules, last, after) => {
    expect(periodLastDay(start, len, rules)).toBe(last);
    expect(dayAfterPeriod(start, len, rules)).toBe(after);
  });
});

describe('validation and instants', () => {
  it.each(['2025-02-29', '2025-13-01', '2025-1-01', '', '20250101', '2025-04-31'])('rejects %s', (bad) => {
    expect(() => assertCalendarDate(bad)).toThrow(CreditRuleError);
  });

  it.each([
    ['2025-03-01T15:59:59Z', '2025-03-01'],
    ['2025-03-01T16:00:00Z', '2025-03-02'],
    ['2025-03-02T00:30:00+08:00', '2025-03-02'],
    ['2024-12-31T23:00:00-05:00', '2025-01-01'],
  ])('the Asia/Shanghai date of %s is %s', (instant, date) => expect(shanghaiDateOf(instant)).toBe(date));

  it('rejects instants without an offset (they would depend on the server time zone)', () => {
    expect(() => shanghaiDateOf('2025-03-01T10:00:00')).toThrowError(expect.objectContaining({ code: 'INSTANT_INVALID' }));
  });

  it('gives the last day of a month', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(lastDayOfMonth('2025-12')).toBe('2025-12-31');
    expect(() => lastDayOfMonth('2025-13')).toThrowError(expect.objectContaining({ code: 'MONTH_INVALID' }));
  });
});
