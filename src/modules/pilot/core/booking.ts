/**
 * Capacity booking (中试产能 / 共享仪器预约) by whole days in Asia/Shanghai. Pure rules: period checks, overlap,
 * the booking state machine and the capacity calendar. A request holds its days from the moment it is made until it
 * is declined or cancelled, so two requests can never hold the same day of the same unit; the service makes the check
 * and the insert atomic (optimistic version on the unit).
 */

export type BookingStatus = 'requested' | 'accepted' | 'declined' | 'cancelled' | 'completed';
export const BOOKING_STATUSES: readonly BookingStatus[] = ['requested', 'accepted', 'declined', 'cancelled', 'completed'];
/** Statuses that hold the days. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['requested', 'accepted', 'completed'];

export type BookingAction = 'accept' | 'decline' | 'cancel' | 'complete';
export type BookingSide = 'owner' | 'requester';

export interface Period {
  start: string; // YYYY-MM-DD, inclusive
  end: string; // YYYY-MM-DD, inclusive
}

export interface BookingRules {
  maxDays: number;
  maxLeadDays: number;
}

export interface HeldPeriod extends Period {
  id: string;
  status: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from a to b (b − a); both calendar dates. */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Number of days in an inclusive period. */
export function periodDays(p: Period): number {
  return dayDiff(p.start, p.end) + 1;
}

export type PeriodProblem = 'DATE_INVALID' | 'END_BEFORE_START' | 'IN_PAST' | 'TOO_LONG' | 'TOO_FAR_AHEAD';

/** Problems with a requested period, given today's date (Asia/Shanghai). Empty when it may be booked. */
export function periodProblems(p: Period, today: string, rules: BookingRules): PeriodProblem[] {
  if (!isCalendarDate(p.start) || !isCalendarDate(p.end)) return ['DATE_INVALID'];
  const problems: PeriodProblem[] = [];
  if (p.end < p.start) problems.push('END_BEFORE_START');
  if (p.start < today) problems.push('IN_PAST');
  if (p.end >= p.start && periodDays(p) > rules.maxDays) problems.push('TOO_LONG');
  if (dayDiff(today, p.start) > rules.maxLeadDays) problems.push('TOO_FAR_AHEAD');
  return problems;
}

/** Inclusive day ranges overlap when each starts no later than the other ends. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The first booking that holds a day of the requested period, or null when the period is free. */
export function findConflict(existing: readonly HeldPeriod[], requested: Period): HeldPeriod | null {
  return existing.find((e) => (HOLDING_STATUSES as readonly string[]).includes(e.status) && periodsOverlap(e, requested)) ?? null;
}

const TRANSITIONS: Record<BookingAction, { from: BookingStatus[]; to: BookingStatus; by: BookingSide }> = {
  accept: { from: ['requested'], to: 'accepted', by: 'owner' },
  decline: { from: ['requested'], to: 'declined', by: 'owner' },
  complete: { from: ['accepted'], to: 'completed', by: 'owner' },
  cancel: { from: ['requested', 'accepted'], to: 'cancelled', by: 'requester' },
};

export type BookingTransition = { ok: true; to: BookingStatus } | { ok: false; code: 'BOOKING_STATE_INVALID' | 'BOOKING_NOT_YOURS' | 'BOOKING_REASON_REQUIRED' };

/** accept/decline/complete are the owner's; cancel is the requester's; a decline needs a reason. */
export function bookingTransition(from: string, action: BookingAction, side: BookingSide, reason?: string | null): BookingTransition {
  const t = TRANSITIONS[action];
  if (t.by !== side) return { ok: false, code: 'BOOKING_NOT_YOURS' };
  if (!(t.from as string[]).includes(from)) return { ok: false, code: 'BOOKING_STATE_INVALID' };
  if (action === 'decline' && !reason?.trim()) return { ok: false, code: 'BOOKING_REASON_REQUIRED' };
  return { ok: true, to: t.to };
}

export type DayState = 'free' | 'requested' | 'booked';

export interface UnitCalendar {
  unitId: string;
  days: { date: string; state: DayState; bookingId: string | null }[];
  freeDays: number;
}

/** Day-by-day state of each unit over [from, to]: booked (accepted/completed), requested (held, undecided) or free. */
export function capacityCalendar(unitIds: readonly string[], bookings: readonly (HeldPeriod & { unitId: string })[], range: Period): UnitCalendar[] {
  const n = Math.max(0, periodDays(range));
  return unitIds.map((unitId) => {
    const mine = bookings.filter((b) => b.unitId === unitId && (HOLDING_STATUSES as readonly string[]).includes(b.status));
    const days = Array.from({ length: n }, (_, i) => {
      const date = addDays(range.start, i);
      const b = mine.find((m) => m.start <= date && date <= m.end);
      return { date, state: (b ? (b.status === 'requested' ? 'requested' : 'booked') : 'free') as DayState, bookingId: b?.id ?? null };
    });
    return { unitId, days, freeDays: days.filter((d) => d.state === 'free').length };
  });
}
