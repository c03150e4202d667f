import { describe, expect, it } from 'vitest';
import { addDays, bookingTransition, capacityCalendar, findConflict, isCalendarDate, periodDays, periodProblems, periodsOverlap } from './booking.js';

const rules = { maxDays: 30, maxLeadDays: 100 };

describe('periods', () => {
  it.each([
    ['2026-12-01', '2026-12-05', []],
    ['2026-12-01', '2026-12-01', []],
    ['2026-12-05', '2026-12-01', ['END_BEFORE_START']],
    ['2026-11-20', '2026-11-30', ['IN_PAST']],
    ['2026-12-01', '2027-01-30', ['TOO_LONG']],
    ['2027-06-01', '2027-06-02', ['TOO_FAR_AHEAD']],
    ['2026-02-30', '2026-03-01', ['DATE_INVALID']],
  ])('%s … %s → %j (today 2026-11-27)', (start, end, expected) => {
    expect(periodProblems({ start, end }, '2026-11-27', rules)).toEqual(expected);
  });

  it.each([
    [['2026-12-01', '2026-12-03'], ['2026-12-03', '2026-12-05'], true, 'sharing the last day'],
    [['2026-12-01', '2026-12-03'], ['2026-12-04', '2026-12-05'], false, 'back to back'],
    [['2026-12-01', '2026-12-10'], ['2026-12-04', '2026-12-05'], true, 'inside'],
    [['2026-12-04', '2026-12-05'], ['2026-12-01', '2026-12-10'], true, 'around'],
  ])('%j and %j overlap: %s (%s)', (a, b, expected) => {
    expect(periodsOverlap({ start: a[0], end: a[1] }, { start: b[0], end: b[1] })).toBe(expected);
  });

  it('counts days across month ends and leap days', () => {
    expect(periodDays({ start: '2028-02-27', end: '2028-03-01' })).toBe(4);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});

describe('findConflict', () => {
  const held = [
    { id: 'a', start: '2026-12-01', end: '2026-12-05', status: 'accepted' },
    { id: 'b', start: '2026-12-10', end: '2026-12-12', status: 'declined' },
    { id: 'c', start: '2026-12-20', end: '2026-12-22', status: 'requested' },
  ];
  it.each([
    ['2026-12-05', '2026-12-06', 'a'],
    ['2026-12-10', '2026-12-12', null], // declined frees its days
    ['2026-12-21', '2026-12-21', 'c'], // an undecided request holds its days too
    ['2026-12-06', '2026-12-09', null],
  ])('%s … %s conflicts with %s', (start, end, id) => {
    expect(findConflict(held, { start, end })?.id ?? null).toBe(id);
  });
});

describe('bookingTransition', () => {
  it.each([
    ['requested', 'accept', 'owner', null, { ok: true, to: 'accepted' }],
    ['requested', 'decline', 'owner', '产线检修', { ok: true, to: 'declined' }],
    ['requested', 'decline', 'owner', ' ', { ok: false, code: 'BOOKING_REASON_REQUIRED' }],
    ['requested', 'accept', 'requester', null, { ok: false, code: 'BOOKING_NOT_YOURS' }],
    ['accepted', 'accept', 'owner', null, { ok: false, code: 'BOOKING_STATE_INVALID' }],
    ['accepted', 'complete', 'owner', null, { ok: true, to: 'completed' }],
    ['accepted', 'cancel', 'requester', null, { ok: true, to: 'cancelled' }],
    ['declined', 'cancel', 'requester', null, { ok: false, code: 'BOOKING_STATE_INVALID' }],
  ] as const)('%s –%s by %s→ %j', (from, action, side, reason, expected) => {
    expect(bookingTransition(from, action, side, reason)).toEqual(expected);
  });
});

describe('capacityCalendar', () => {
  it('marks requested, booked and free days per unit', () => {
    const cal = capacityCalendar(['u1', 'u2'], [
      { id: 'x', unitId: 'u1', start: '2026-12-01', end: '2026-12-02', status: 'accepted' },
      { id: 'y', unitId: 'u1', start: '2026-12-04', end: '2026-12-04', status: 'requested' },
      { id: 'z', unitId: 'u2', start: '2026-12-01', end: '2026-12-04', status: 'cancelled' },
    ], { start: '2026-12-01', end: '2026-12-04' });
    expect(cal[0].days.map((d) => d.state)).toEqual(['booked', 'booked', 'free', 'requested']);
    expect(cal[0].freeDays).toBe(1);
    expect(cal[1].freeDays).toBe(4);
  });
});
