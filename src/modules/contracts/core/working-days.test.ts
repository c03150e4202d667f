import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarCoverage,
  dateOfDayNumber,
  dayNumber,
  fallbackYearsBetween,
  holidayName,
  isWorkingDay,
  parseHolidayCalendar,
  WEEKENDS_ONLY_CALENDAR,
  workingDaysBetween,
} from './working-days.js';

const shipped = JSON.parse(readFileSync(new URL('../../../../data/reference/holidays-cn.json', import.meta.url), 'utf8'));
const cal = parseHolidayCalendar(shipped);

describe('isWorkingDay with the shipped calendar', () => {
  it.each([
    // 2025 Spring Festival: 1月28日–2月4日 off; 1月26日 (Sun) and 2月8日 (Sat) are 调休 working days
    ['2025-01-24', true, 'Friday before'],
    ['2025-01-25', false, 'ordinary Saturday'],
    ['2025-01-26', true, 'makeup Sunday'],
    ['2025-01-27', true, 'Monday'],
    ['2025-01-28', false, '除夕 (holiday since 2025)'],
    ['2025-01-29', false, '初一'],
    ['2025-02-03', false, 'Monday inside the holiday'],
    ['2025-02-04', false, 'last holiday day'],
    ['2025-02-05', true, 'back to work'],
    ['2025-02-08', true, 'makeup Saturday'],
    ['2025-02-09', false, 'ordinary Sunday'],
    // 2025 National Day + Mid-Autumn: 10月1日–8日 off; 9月28日 (Sun), 10月11日 (Sat) on
    ['2025-09-27', false, 'ordinary Saturday'],
    ['2025-09-28', true, 'makeup Sunday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Monday inside the holiday (中秋)'],
    ['2025-10-08', false, 'last holiday day'],
    ['2025-10-09', true, 'Thursday after'],
    ['2025-10-11', true, 'makeup Saturday'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2025-01-01', false, '元旦 2025'],
    ['2025-05-02', false, 'Labour Day holiday (added 2025)'],
    ['2025-04-27', true, 'Labour Day makeup Sunday'],
    ['2024-02-09', true, '除夕 2024 was not a public holiday'],
    ['2024-02-18', true, '2024 Spring Festival makeup Sunday'],
    ['2026-01-04', true, '2026 New Year makeup Sunday'],
    ['2026-02-23', false, '2026 Spring Festival, 正月初七 (Monday)'],
    ['2026-02-28', true, '2026 Spring Festival makeup Saturday'],
    ['2026-10-10', true, '2026 National Day makeup Saturday'],
    ['2027-10-01', true, '2027 is not in the data: weekends-only fallback, a Friday'],
    ['2027-10-02', false, '2027 fallback: a Saturday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });

  it('names the holiday a date is in', () => {
    expect(holidayName('2025-10-06', cal)).toBe('国庆节、中秋节');
    expect(holidayName('2025-10-09', cal)).toBeNull();
  });
});

describe('addWorkingDays (day 1 = the first working day after the start)', () => {
  it.each([
    ['2025-01-24', 0, '2025-01-24', 'n = 0 returns the start'],
    ['2025-01-25', 0, '2025-01-25', 'n = 0 returns the start even on a day off'],
    ['2025-01-24', 1, '2025-01-26', 'Friday + 1 → the makeup Sunday'],
    ['2025-01-24', 2, '2025-01-27', ''],
    ['2025-01-24', 3, '2025-02-05', 'jumps the 8-day Spring Festival'],
    ['2025-01-29', 1, '2025-02-05', 'start inside the holiday'],
    // 2025-01-20 + 15: 21,22,23,24,26(Sun),27, 2/5,6,7,8(Sat),10,11,12,13,14
    ['2025-01-20', 15, '2025-02-14', '15 working days across Spring Festival'],
    ['2025-09-26', 1, '2025-09-28', 'Friday + 1 → the makeup Sunday'],
    ['2025-09-30', 1, '2025-10-09', 'jumps National Day'],
    ['2025-09-30', 3, '2025-10-11', 'lands on the makeup Saturday'],
    // 2025-09-25 + 15: 9/26,28,29,30, 10/9,10,11,13,14,15,16,17,20,21,22
    ['2025-09-25', 15, '2025-10-22', '15 working days across National Day'],
    // 12/29 (1), 12/30 (2), 12/31 (3), 1/1–1/3 off, 2026-01-04 makeup Sunday (4), 01-05 (5)
    ['2025-12-26', 5, '2026-01-05', 'across the year end into 2026 元旦'],
  ])('%s + %i → %s (%s)', (start, n, expected) => {
    expect(addWorkingDays(start, n, cal)).toBe(expected);
  });

  it.each([
    ['2025-02-05', -1, '2025-01-27'],
    ['2025-10-09', -1, '2025-09-30'],
    ['2025-10-13', -2, '2025-10-10'],
  ])('%s − %i counts backwards → %s', (start, n, expected) => {
    expect(addWorkingDays(start, n, cal)).toBe(expected);
  });

  it('refuses bad input', () => {
    expect(() => addWorkingDays('2025-02-30', 1, cal)).toThrow('DATE_INVALID');
    expect(() => addWorkingDays('2025/02/03', 1, cal)).toThrow('DATE_INVALID');
    expect(() => addWorkingDays('2025-02-03', 1.5, cal)).toThrow('WORKING_DAYS_INVALID');
  });
});

describe('workingDaysBetween counts (from, to]', () => {
  it.each([
    ['2025-01-24', '2025-02-14', 11],
    ['2025-09-30', '2025-10-12', 3],
    ['2025-10-12', '2025-09-30', -3],
    ['2025-03-03', '2025-03-03', 0],
    // whole years: weekdays − weekday holidays + makeup days
    ['2023-12-31', '2024-12-31', 251], // 262 − 19 + 8
    ['2024-12-31', '2025-12-31', 248], // 261 − 18 + 5
    ['2025-12-31', '2026-12-31', 248], // 261 − 19 + 6
    ['2026-12-31', '2027-12-31', 261], // fallback: weekdays only
  ])('%s → %s = %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to, cal)).toBe(expected);
  });

  it('weekends-only calendar counts weekdays', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-14', WEEKENDS_ONLY_CALENDAR)).toBe(15);
  });
});

describe('coverage flags', () => {
  it('tells confirmed years from the weekends-only fallback', () => {
    expect(calendarCoverage('2025-06-01', cal)).toBe('confirmed');
    expect(calendarCoverage('2026-06-01', cal)).toBe('confirmed');
    expect(calendarCoverage('2027-06-01', cal)).toBe('weekends_only');
    expect(fallbackYearsBetween('2026-12-01', '2028-01-15', cal)).toEqual([2027, 2028]);
    expect(fallbackYearsBetween('2025-12-01', '2024-01-15', cal)).toEqual([]);
  });

  it('reports unconfirmed years', () => {
    const c = parseHolidayCalendar({
      fallback: 'weekends_only',
      years: [{ year: 2030, source: 'x', confirmed: false, holidays: [], workdays: [] }],
    });
    expect(calendarCoverage('2030-01-02', c)).toBe('unconfirmed');
  });
});

describe('parseHolidayCalendar refuses bad data', () => {
  const base = { year: 2025, source: 's', confirmed: true };
  it.each([
    ['makeup day on a weekday', { ...base, holidays: [], workdays: [{ date: '2025-01-29', for: 'x' }] }, 'not a Saturday or Sunday'],
    [
      'a day both off and on',
      { ...base, holidays: [{ name: 'x', from: '2025-01-25', to: '2025-01-26' }], workdays: [{ date: '2025-01-26', for: 'x' }] },
      'both a holiday and a working day',
    ],
    ['date outside the year', { ...base, holidays: [{ name: 'x', from: '2024-12-31', to: '2024-12-31' }], workdays: [] }, 'outside 2025'],
    ['impossible date', { ...base, holidays: [{ name: 'x', from: '2025-02-30', to: '2025-02-30' }], workdays: [] }, 'not a calendar date'],
    ['reversed range', { ...base, holidays: [{ name: 'x', from: '2025-02-03', to: '2025-02-01' }], workdays: [] }, 'to is before from'],
    ['missing source', { year: 2025, confirmed: true, holidays: [], workdays: [] }, 'source is required'],
  ])('%s', (_label, year, message) => {
    expect(() => parseHolidayCalendar({ fallback: 'weekends_only', years: [year] })).toThrow(message);
  });
});

describe('properties', () => {
  const startArb = fc.integer({ min: dayNumber('2023-12-01'), max: dayNumber('2027-12-31') }).map(dateOfDayNumber);

  it('workingDaysBetween inverts addWorkingDays, and the result is a working day', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const end = addWorkingDays(start, n, cal);
        expect(workingDaysBetween(start, end, cal)).toBe(n);
        expect(workingDaysBetween(end, start, cal)).toBe(0 - n);
        if (n !== 0) expect(isWorkingDay(end, cal)).toBe(true);
      }),
    );
  });

  it('counting backwards lands on a working day with |n| − 1 working days strictly between', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addWorkingDays(start, -n, cal);
        expect(isWorkingDay(end, cal)).toBe(true);
        const previousDay = dateOfDayNumber(dayNumber(start) - 1);
        expect(workingDaysBetween(end, previousDay, cal)).toBe(n - 1);
      }),
    );
  });

  it('is strictly monotonic in n', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 60 }), (start, n) => {
        expect(addWorkingDays(start, n + 1, cal) > addWorkingDays(start, n, cal)).toBe(true);
      }),
    );
  });
});
