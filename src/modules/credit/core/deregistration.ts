/**
 * 简易注销 (simplified deregistration): who may use it, the public-notice period, and whether objections stopped
 * it. All dates are Asia/Shanghai calendar dates; the notice length is params.deregistration.noticeDays (20,
 * [recalled]) counted in calendar days under params.periods (default: start day not counted, 民法典 §201).
 */
import { assertCalendarDate, compareDates, dayAfterPeriod, periodLastDay, type CalendarDate } from './dates.js';
import type { CreditParams } from './params.js';

export interface DeregistrationFacts {
  readonly onAbnormalList: boolean;
  readonly onSeriousList: boolean;
  readonly equityFrozenOrPledged: boolean;
  readonly underInvestigation: boolean;
  readonly unfinishedPenalties: boolean;
}

export type DeregistrationFailureCode =
  | 'ON_ABNORMAL_LIST'
  | 'ON_SERIOUS_LIST'
  | 'EQUITY_FROZEN_OR_PLEDGED'
  | 'UNDER_INVESTIGATION'
  | 'UNFINISHED_PENALTIES';

export interface DeregistrationEligibility {
  readonly eligible: boolean;
  readonly failures: readonly { code: DeregistrationFailureCode; zh: string; en: string }[];
}

const FAILURES: readonly { fact: keyof DeregistrationFacts; code: DeregistrationFailureCode; zh: string; en: string }[] = [
  { fact: 'onAbnormalList', code: 'ON_ABNORMAL_LIST', zh: '被列入经营异常名录', en: 'On the abnormal list' },
  { fact: 'onSeriousList', code: 'ON_SERIOUS_LIST', zh: '被列入严重违法失信名单', en: 'On the serious-violation list' },
  { fact: 'equityFrozenOrPledged', code: 'EQUITY_FROZEN_OR_PLEDGED', zh: '存在股权（财产份额）被冻结、出质情形', en: 'Equity is frozen or pledged' },
  { fact: 'underInvestigation', code: 'UNDER_INVESTIGATION', zh: '正在被立案调查或者采取行政强制措施', en: 'Under investigation or administrative compulsory measures' },
  { fact: 'unfinishedPenalties', code: 'UNFINISHED_PENALTIES', zh: '存在未办结的行政处罚', en: 'Administrative penalties not yet completed' },
];

/** Every reason, with a stable code, why simplified deregistration is not available; eligible when none. */
export function deregistrationEligibility(facts: DeregistrationFacts): DeregistrationEligibility {
  const failures = FAILURES.filter((f) => facts[f.fact] !== false).map(({ code, zh, en }) => ({ code, zh, en }));
  return { eligible: failures.length === 0, failures };
}

export interface NoticePeriod {
  readonly startsOn: CalendarDate;
  /** last day (inclusive) of the public notice */
  readonly endsOn: CalendarDate;
  /** first day the deregistration may be completed if no objection came in */
  readonly completableFrom: CalendarDate;
}

/** The public notice that starts on `startDate` (calendar date). */
export function noticePeriod(startDate: CalendarDate, params: CreditParams): NoticePeriod {
  const length = { days: params.deregistration.noticeDays };
  return {
    startsOn: assertCalendarDate(startDate, 'noticeStart'),
    endsOn: periodLastDay(startDate, length, params.periods),
    completableFrom: dayAfterPeriod(startDate, length, params.periods),
  };
}

export type DeregistrationOutcome = 'in_notice' | 'stopped_by_objection' | 'completable';

export interface DeregistrationProgress {
  readonly noticeStart: CalendarDate;
  /** objections received; only those dated inside the notice and on or before `today` count */
  readonly objections: readonly { readonly date: CalendarDate }[];
  readonly today: CalendarDate;
}

/** Where a simplified deregistration stands on `today`; an objection during the notice stops it at once. */
export function deregistrationOutcome(progress: DeregistrationProgress, params: CreditParams): DeregistrationOutcome {
  const { startsOn, endsOn } = noticePeriod(progress.noticeStart, params);
  const today = assertCalendarDate(progress.today, 'today');
  const stopped = progress.objections.some(
    (o) => compareDates(o.date, startsOn) >= 0 && compareDates(o.date, endsOn) <= 0 && compareDates(o.date, today) <= 0,
  );
  if (stopped) return 'stopped_by_objection';
  return compareDates(today, endsOn) <= 0 ? 'in_notice' : 'completable';
}
