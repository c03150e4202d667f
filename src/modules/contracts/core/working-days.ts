/**
 * Chinese working-day calendar (工作日历): Monday–Friday are working days, except public holidays (法定节假日,
 * listed per year from the State Council notice), and except that adjusted working days (调休上班, usually a
 * Saturday or Sunday) are working days. Years the data does not cover fall back to weekends only and are flagged,
 * so a deadline computed on a guess can be shown as such.
 *
 * Dates are calendar dates 'YYYY-MM-DD' (Asia/Shanghai calendar days; no time zone arithmetic happens here).
 */
import { ContractRuleError } from './errors.js';

export interface HolidayRange {
  readonly name: string;
  readonly en: string;
  readonly from: string;
  readonly to: string;
}

export interface CalendarYear {
  readonly year: number;
  readonly source: string;
  /** true when the dates were checked against the published notice. */
  readonly confirmed: boolean;
  readonly note?: string;
  readonly holidays: readonly HolidayRange[];
  /** Adjusted working days (调休上班). */
  readonly workdays: readonly { readonly date: string; readonly for: string }[];
}

export interface WorkingDayCalendar {
  readonly fallback: 'weekends_only';
  readonly years: ReadonlyMap<number, CalendarYear>;
  /** Every holiday date → holiday name. */
  readonly holidayDates: ReadonlyMap<string, string>;
  readonly workdayDates: ReadonlySet<string>;
}

/** How well the calendar knows a date's year. */
export type CalendarCoverage = 'confirmed' | 'unconfirmed' | 'weekends_only';

// ---------------------------------------------------------------------------------------------------------------
// Calendar-date arithmetic on day numbers (days since 1970-01-01), so no clock or time zone is involved.

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a 'YYYY-MM-DD' date; throws DATE_INVALID for anything else (incl. 2025-02-30). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new ContractRuleError('DATE_INVALID', { date });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new ContractRuleError('DATE_INVALID', { date });
  }
  return ms / DAY_MS;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing the shipped data (data/reference/holidays-cn.json)

/** Validates holidays-cn.json; throws one Error listing every problem. */
export function parseHolidayCalendar(json: unknown): WorkingDayCalendar {
  const problems: string[] = [];
  const years = new Map<number, CalendarYear>();
  const holidayDates = new Map<string, string>();
  const workdayDates = new Set<string>();
  const root = json as { fallback?: unknown; years?: unknown };
  if (!root || typeof root !== 'object') throw new Error('holiday calendar: not an object');
  if (root.fallback !== 'weekends_only') problems.push('fallback must be "weekends_only"');
  if (!Array.isArray(root.years)) throw new Error('holiday calendar: years must be an array');

  const validDate = (v: unknown, where: string, year: number): number | null => {
    if (typeof v !== 'string' || !DATE_RE.test(v)) {
      problems.push(`${where}: ${String(v)} is not YYYY-MM-DD`);
      return null;
    }
    try {
      const n = dayNumber(v);
      if (Number(v.slice(0, 4)) !== year) problems.push(`${where}: ${v} is outside ${year}`);
      return n;
    } catch {
      problems.push(`${where}: ${v} is not a calendar date`);
      return null;
    }
  };

  for (const [i, raw] of root.years.entries()) {
    const y = raw as Record<string, unknown>;
    const where = `years[${i}]`;
    if (!y || typeof y !== 'object' || !Number.isInteger(y.year)) {
      problems.push(`${where}: year must be an integer`);
      continue;
    }
    const year = y.year as number;
    if (years.has(year)) problems.push(`${where}: year ${year} listed twice`);
    if (typeof y.source !== 'string' || !y.source) problems.push(`${where}: source is required`);
    if (typeof y.confirmed !== 'boolean') problems.push(`${where}: confirmed must be true or false`);
    if (!Array.isArray(y.holidays) || !Array.isArray(y.workdays)) {
      problems.push(`${where}: holidays and workdays must be arrays`);
      continue;
    }
    const holidays: HolidayRange[] = [];
    for (const [j, h] of (y.holidays as Record<string, unknown>[]).entries()) {
      const w = `${where}.holidays[${j}]`;
      if (typeof h?.name !== 'string') problems.push(`${w}: name is required`);
      const from = validDate(h?.from, w, year);
      const to = validDate(h?.to, w, year);
      if (from === null || to === null) continue;
      if (to < from) problems.push(`${w}: to is before from`);
      for (let d = from; d <= to; d++) holidayDates.set(dateOfDayNumber(d), String(h.name));
      holidays.push({ name: String(h.name), en: String(h.en ?? h.name), from: String(h.from), to: String(h.to) });
    }
    const workdays: { date: string; for: string }[] = [];
    for (const [j, wd] of (y.workdays as Record<string, unknown>[]).entries()) {
      const w = `${where}.workdays[${j}]`;
      const d = validDate(wd?.date, w, year);
      if (d === null) continue;
      const day = weekday(d);
      if (day !== 0 && day !== 6) problems.push(`${w}: ${String(wd.date)} is not a Saturday or Sunday`);
      workdayDates.add(String(wd.date));
      workdays.push({ date: String(wd.date), for: String(wd.for ?? '') });
    }
    years.set(year, {
      year,
      source: String(y.source),
      confirmed: y.confirmed === true,
      ...(typeof y.note === 'string' ? { note: y.note } : {}),
      holidays,
      workdays,
    });
  }
  for (const d of workdayDates) if (holidayDates.has(d)) problems.push(`${d} is both a holiday and a working day`);
  if (problems.length) throw new Error(`holiday calendar invalid:\n- ${problems.join('\n- ')}`);
  return { fallback: 'weekends_only', years, holidayDates, workdayDates };
}

/** An empty calendar: weekends only, every year flagged 'weekends_only'. */
export const WEEKENDS_ONLY_CALENDAR: WorkingDayCalendar = {
  fallback: 'weekends_only',
  years: new Map(),
  holidayDates: new Map(),
  workdayDates: new Set(),
};

// ---------------------------------------------------------------------------------------------------------------
// Rules

function isWorkingDayNumber(n: number, cal: WorkingDayCalendar): boolean {
  const date = dateOfDayNumber(n);
  if (cal.workdayDates.has(date)) return true;
  if (cal.holidayDates.has(date)) return false;
  const day = weekday(n);
  return day !== 0 && day !== 6;
}

export function isWorkingDay(date: string, cal: WorkingDayCalendar): boolean {
  return isWorkingDayNumber(dayNumber(date), cal);
}

/** The holiday name when the date is inside a listed public holiday, else null. */
export function holidayName(date: string, cal: WorkingDayCalendar): string | null {
  dayNumber(date);
  return cal.holidayDates.get(date) ?? null;
}

export function calendarCoverage(date: string, cal: WorkingDayCalendar): CalendarCoverage {
  dayNumber(date);
  const y = cal.years.get(Number(date.slice(0, 4)));
  if (!y) return 'weekends_only';
  return y.confirmed ? 'confirmed' : 'unconfirmed';
}

/** Years in [from, to] (inclusive, either order) the calendar does not cover, i.e. that use the weekends-only fallback. */
export function fallbackYearsBetween(from: string, to: string, cal: WorkingDayCalendar): number[] {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y);
  dayNumber(from);
  dayNumber(to);
  const out: number[] = [];
  for (let y = a; y <= b; y++) if (!cal.years.has(y)) out.push(y);
  return out;
}

/** Guards against a calendar with no working day for a whole year (bad data), which would loop forever. */
const MAX_CONSECUTIVE_OFF_DAYS = 366;

/**
 * The date n working days after `start`. Counting convention: the start day itself is never counted, whatever it
 * is; day 1 is the first working day AFTER the start (a submission on Friday 2025-01-24 has day 1 on Sunday
 * 2025-01-26, a 调休 working day). n = 0 returns `start` unchanged; negative n counts backwards the same way
 * (day −1 = the last working day before the start).
 */
export function addWorkingDays(start: string, n: number, cal: WorkingDayCalendar): string {
  if (!Number.isSafeInteger(n)) throw new ContractRuleError('WORKING_DAYS_INVALID', { n });
  let d = dayNumber(start);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let offRun = 0;
  while (left > 0) {
    d += step;
    if (isWorkingDayNumber(d, cal)) {
      left--;
      offRun = 0;
    } else if (++offRun > MAX_CONSECUTIVE_OFF_DAYS) {
      throw new ContractRuleError('CALENDAR_HAS_NO_WORKING_DAYS', { near: dateOfDayNumber(d) });
    }
  }
  return dateOfDayNumber(d);
}

/**
 * Number of working days in (from, to] — `from` excluded, `to` included — so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n for n ≥ 0. Negative when `to` is before `from`
 * (then it counts (to, from] and negates).
 */
export function workingDaysBetween(from: string, to: string, cal: WorkingDayCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDayNumber(d, cal)) count++;
  return count === 0 ? 0 : sign * count; // never -0
}
