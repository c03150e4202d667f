/**
 * Calendar arithmetic for credit rules. Every `CalendarDate` is a civil date 'YYYY-MM-DD' in Asia/Shanghai; an
 * `IsoInstant` is an ISO 8601 timestamp with an explicit offset ('Z' or ±HH:MM). Nothing here reads the clock.
 *
 * Periods follow the Civil Code (民法典) [recalled]:
 * - §201: for periods in days, months or years the start day is not counted — the period runs from the next day,
 *   so a 7-day period starting 1 March has 8 March as its last day. `PeriodRules.startDayCounted` switches this
 *   (true → 7 March), because the one-day reading is exactly the kind of thing a regulator may count differently.
 * - §202: for months and years the corresponding day of the last month is the last day; when that month has no
 *   corresponding day, the month's last day is. So 29 Feb 2024 + 3 years → 28 Feb 2027 (never 1 March), and
 *   31 Jan + 1 month → 28/29 Feb.
 * - §203 (a last day falling on a statutory holiday moves to the next working day) is NOT applied: credit
 *   deadlines here are supervision dates, and the pure core has no holiday calendar (contracts/ has one).
 */
import { CreditRuleError } from './errors.js';

/** 'YYYY-MM-DD', a civil date in Asia/Shanghai. */
export type CalendarDate = string;
/** ISO 8601 instant with an explicit offset, e.g. '2025-03-01T08:00:00Z' or '2025-03-01T16:00:00+08:00'. */
export type IsoInstant = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Throws DATE_INVALID unless `value` is a real calendar date 'YYYY-MM-DD' (so '2025-02-29' is rejected). */
export function assertCalendarDate(value: unknown, field = 'date'): CalendarDate {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return value as CalendarDate;
  }
  throw new CreditRuleError('DATE_INVALID', { field, value });
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  try {
    assertCalendarDate(value);
    return true;
  } catch {
    return false;
  }
}

function toEpochDay(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromEpochDay(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar date + n days (n may be negative). */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  return fromEpochDay(toEpochDay(assertCalendarDate(date)) + n);
}

/** Calendar date + n months, clamped to the month's last day (民法典 §202): 2025-01-31 + 1 → 2025-02-28. */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = assertCalendarDate(date).split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Calendar date + n years; 29 Feb → 28 Feb in a common year (民法典 §202). */
export function addYears(date: CalendarDate, n: number): CalendarDate {
  return addMonths(date, 12 * n);
}

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(assertCalendarDate(a)) - toEpochDay(assertCalendarDate(b));
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return compareDates(b, a);
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The Asia/Shanghai calendar date of an instant. Shanghai has kept UTC+8 without daylight saving since 1991, so
 * a fixed offset is exact for any date this platform handles and needs no time-zone database.
 */
export function shanghaiDateOf(instant: IsoInstant | Date): CalendarDate {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string' && INSTANT_RE.test(instant)) ms = Date.parse(instant);
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) throw new CreditRuleError('INSTANT_INVALID', { value: String(instant) });
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM' → the month's last calendar date; monthly risk classes are computed as of that day. */
export function lastDayOfMonth(month: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const y = m ? Number(m[1]) : Number.NaN;
  const mo = m ? Number(m[2]) : Number.NaN;
  if (!m || y < 1900 || mo < 1 || mo > 12) throw new CreditRuleError('MONTH_INVALID', { value: month });
  return `${m[1]}-${m[2]}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
}

export interface PeriodLength {
  readonly days?: number;
  readonly months?: number;
  readonly years?: number;
}

export interface PeriodRules {
  /** false (民法典 §201, the default): the start day is not counted, so the corresponding day is the last day. */
  readonly startDayCounted: boolean;
}

/** The corresponding date start + length (years and months first, then days), with the §202 month-end clamp. */
export function addPeriod(start: CalendarDate, length: PeriodLength): CalendarDate {
  const months = (length.years ?? 0) * 12 + (length.months ?? 0);
  return addDays(addMonths(start, months), length.days ?? 0);
}

/** The last day (inclusive) of a period that starts on `start`. */
export function periodLastDay(start: CalendarDate, length: PeriodLength, rules: PeriodRules): CalendarDate {
  const corresponding = addPeriod(start, length);
  return rules.startDayCounted ? addDays(corresponding, -1) : corresponding;
}

/** The first day after the period: the day on which something that waits for the period to run out may happen. */
export function dayAfterPeriod(start: CalendarDate, length: PeriodLength, rules: PeriodRules): CalendarDate {
  return addDays(periodLastDay(start, length, rules), 1);
}
