/**
 * 经营异常名录 (abnormal list): the four listing reasons, the annual-report window, the removal deadline after a
 * cure, and the move to the serious list after years uncured. All dates are Asia/Shanghai calendar dates.
 *
 * Leap days: a listing on 29 Feb has no anniversary in a common year; under 民法典 §202 the period then ends on the
 * month's last day, 28 Feb (never 1 March). With the default `periods.startDayCounted: false`, 28 Feb 2027 is the
 * last day of a listing made on 29 Feb 2024 and the move to the serious list is due on 1 March 2027.
 */
import { addDays, assertCalendarDate, compareDates, dayAfterPeriod, periodLastDay, type CalendarDate } from './dates.js';
import { CreditRuleError } from './errors.js';
import type { CreditParams } from './params.js';

export type AbnormalReason = 'annual_report_not_filed' | 'instant_info_not_published' | 'concealed_or_false_info' | 'unreachable_at_address';

/** The four reasons (企业经营异常名录管理暂行办法 第四条 [recalled]). */
export const ABNORMAL_REASONS: readonly { reason: AbnormalReason; zh: string; en: string }[] = [
  { reason: 'annual_report_not_filed', zh: '未按规定期限公示年度报告', en: 'Annual report not filed between 1 January and 30 June' },
  { reason: 'instant_info_not_published', zh: '未在责令的期限内公示有关企业信息', en: 'Instant information not published within the ordered time' },
  { reason: 'concealed_or_false_info', zh: '公示企业信息隐瞒真实情况、弄虚作假', en: 'Published information concealed facts or was false' },
  { reason: 'unreachable_at_address', zh: '通过登记的住所或者经营场所无法联系', en: 'Cannot be reached at the registered address' },
];

export interface AnnualReportFiling {
  /** the year the report covers */
  readonly reportYear: number;
  /** calendar date the report was filed and published */
  readonly filedOn: CalendarDate;
}

export interface AnnualReportWindow {
  readonly reportYear: number;
  readonly opensOn: CalendarDate;
  /** last day (inclusive) of the filing window */
  readonly closesOn: CalendarDate;
}

function assertYear(year: number): number {
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9999) throw new CreditRuleError('YEAR_INVALID', { value: year });
  return year;
}

/** The window in `filingYear` for the report on year `filingYear − 1` (1 Jan – 30 Jun by default). */
export function annualReportWindow(filingYear: number, params: CreditParams): AnnualReportWindow {
  assertYear(filingYear);
  const w = params.abnormalList.annualReportWindow;
  return {
    reportYear: filingYear - 1,
    opensOn: assertCalendarDate(`${filingYear}-${w.from}`, 'annualReportWindow.from'),
    closesOn: assertCalendarDate(`${filingYear}-${w.to}`, 'annualReportWindow.to'),
  };
}

export type AnnualReportStatus = 'pending' | 'on_time' | 'late' | 'missing';

/**
 * Status on `today` of the report on `reportYear`: filed by the close → 'on_time'; filed after it → 'late';
 * not filed and the window still open (or not yet open) → 'pending'; not filed after the close → 'missing'.
 * Filings dated after `today` are ignored.
 */
export function annualReportStatus(
  filings: readonly AnnualReportFiling[],
  reportYear: number,
  today: CalendarDate,
  params: CreditParams,
): AnnualReportStatus {
  const { closesOn } = annualReportWindow(assertYear(reportYear) + 1, params);
  const filed = filings
    .filter((f) => f.reportYear === reportYear && compareDates(assertCalendarDate(f.filedOn, 'filedOn'), today) <= 0)
    .map((f) => f.filedOn)
    .sort();
  if (filed.length > 0) return compareDates(filed[0], closesOn) <= 0 ? 'on_time' : 'late';
  return compareDates(today, closesOn) <= 0 ? 'pending' : 'missing';
}

/** True once the window for `reportYear` has closed (from 1 July by default) without a filing inside it. */
export function missedAnnualReport(
  filings: readonly AnnualReportFiling[],
  reportYear: number,
  today: CalendarDate,
  params: CreditParams,
): boolean {
  const status = annualReportStatus(filings, reportYear, today, params);
  return status === 'missing' || status === 'late';
}

/**
 * Whether to list for reason 1 on `today`: on or after the day after the window closes (1 July by default), when
 * the report was not filed inside the window and the organisation is not already listed for it. A late filing does
 * not prevent listing — the deadline was missed — it is the cure, after which removal is due (see removalDueDate).
 */
export function shouldListForMissedReport(
  filings: readonly AnnualReportFiling[],
  reportYear: number,
  today: CalendarDate,
  params: CreditParams,
  alreadyListed = false,
): boolean {
  return !alreadyListed && missedAnnualReport(filings, reportYear, today, params);
}

/** Last calendar day for the removal decision after the cure (7 days by default; start day per params.periods). */
export function removalDueDate(curedOn: CalendarDate, params: CreditParams): CalendarDate {
  return periodLastDay(curedOn, { days: params.abnormalList.removalDecisionDays }, params.periods);
}

/** First calendar day on which an uncured listing is due to move to the serious list (the listing years have run). */
export function seriousListMoveDate(listedOn: CalendarDate, params: CreditParams): CalendarDate {
  return dayAfterPeriod(listedOn, { years: params.abnormalList.moveToSeriousAfterYears }, params.periods);
}

/** The day to notify the organisation that the move is coming: the move date minus the notice days (60). */
export function seriousListNoticeDate(listedOn: CalendarDate, params: CreditParams): CalendarDate {
  return addDays(seriousListMoveDate(listedOn, params), -params.abnormalList.seriousNoticeDaysBefore);
}

/**
 * Whether an abnormal listing must move to the serious list on `today`: the move date has come and the listing
 * was not cured before it (a cure on or after the move date is too late — the years had run uncured).
 */
export function shouldMoveToSerious(
  listedOn: CalendarDate,
  curedOn: CalendarDate | null,
  today: CalendarDate,
  params: CreditParams,
): boolean {
  const move = seriousListMoveDate(listedOn, params);
  if (compareDates(today, move) < 0) return false;
  if (curedOn === null) return true;
  return !(compareDates(curedOn, move) < 0 && compareDates(curedOn, today) <= 0);
}
