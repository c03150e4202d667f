/**
 * 严重违法失信名单 (serious-violation list): listing with its legal basis, the fixed term, and early removal
 * through credit repair (信用修复). All dates are Asia/Shanghai calendar dates. Rules [recalled] from
 * 市场监督管理严重违法失信名单管理办法 (2021); term and minimum in params.seriousList.
 */
import { assertCalendarDate, compareDates, dayAfterPeriod, periodLastDay, type CalendarDate } from './dates.js';
import { CreditRuleError } from './errors.js';
import type { CreditParams } from './params.js';

/** Groups of legal bases for listing [recalled; the Measures list more specific cases per field]. */
export const SERIOUS_LIST_BASES: readonly { code: string; zh: string; en: string }[] = [
  { code: 'abnormal_list_uncured', zh: '列入经营异常名录届满三年仍未履行相关义务', en: 'On the abnormal list for three years without cure' },
  { code: 'safety_field_violation', zh: '食品、药品、特种设备等安全领域严重违法', en: 'Serious violation in food, drug, special-equipment or similar safety fields' },
  { code: 'fair_competition_violation', zh: '严重破坏公平竞争秩序和社会主义市场经济秩序', en: 'Serious damage to fair competition and market order' },
  { code: 'false_registration', zh: '提交虚假材料或者采取其他欺诈手段隐瞒重要事实取得登记', en: 'Registration obtained with false material or by concealing key facts' },
  { code: 'obstructed_supervision', zh: '拒绝、阻碍、干扰市场监督管理部门依法开展监督检查', en: 'Refused, obstructed or interfered with lawful inspection' },
  { code: 'other', zh: '法律、行政法规规定的其他情形', en: 'Other cases under laws and administrative regulations' },
];

export interface SeriousListing {
  readonly orgId: string;
  /** calendar date of the listing decision */
  readonly listedOn: CalendarDate;
  readonly legalBasis: {
    /** one of SERIOUS_LIST_BASES[].code */
    readonly code: string;
    /** the article relied on, e.g. '《市场监督管理严重违法失信名单管理办法》第二条' */
    readonly article: string;
  };
  readonly decisionNo?: string;
}

/** Throws LEGAL_BASIS_REQUIRED unless the listing names a known basis and the article relied on. */
export function validateSeriousListing(listing: SeriousListing): SeriousListing {
  assertCalendarDate(listing.listedOn, 'listedOn');
  const basis = listing.legalBasis;
  if (!basis || !SERIOUS_LIST_BASES.some((b) => b.code === basis.code) || !basis.article?.trim()) {
    throw new CreditRuleError('LEGAL_BASIS_REQUIRED', { orgId: listing.orgId, basis: basis?.code });
  }
  return listing;
}

/** Last calendar day (inclusive) on the list when no early removal happens (3-year term by default). */
export function seriousListEnd(listedOn: CalendarDate, params: CreditParams): CalendarDate {
  return periodLastDay(listedOn, { years: params.seriousList.termYears }, params.periods);
}

/** First calendar day on which removal at the end of the term is due (the day after seriousListEnd). */
export function seriousListRemovalDate(listedOn: CalendarDate, params: CreditParams): CalendarDate {
  return dayAfterPeriod(listedOn, { years: params.seriousList.termYears }, params.periods);
}

/** First calendar day on which early removal may be requested (after at least 1 year by default). */
export function earlyRemovalEligibleFrom(listedOn: CalendarDate, params: CreditParams): CalendarDate {
  const years = params.seriousList.earlyRemovalAfterYears;
  return years === 0 ? assertCalendarDate(listedOn, 'listedOn') : dayAfterPeriod(listedOn, { years }, params.periods);
}

export type EarlyRemovalFailureCode =
  | 'MIN_PERIOD_NOT_REACHED'
  | 'TERM_ALREADY_ENDED'
  | 'PENALTY_NOT_CARRIED_OUT'
  | 'HARM_NOT_REMOVED'
  | 'NEW_HEAVIER_PENALTY'
  | 'COMMITMENT_NOT_SIGNED';

export interface EarlyRemovalInput {
  readonly listedOn: CalendarDate;
  readonly today: CalendarDate;
  /** 已经自觉履行行政处罚决定中规定的义务 */
  readonly penaltyCarriedOut: boolean;
  /** 已经主动消除危害后果和不良影响 */
  readonly harmRemoved: boolean;
  /** 作出信用承诺 */
  readonly commitmentSigned: boolean;
  /** 未再受到市场监督管理部门较重行政处罚 [recalled]; omitted → not checked */
  readonly newHeavierPenalty?: boolean;
}

export interface EarlyRemovalCheck {
  readonly eligible: boolean;
  readonly eligibleFrom: CalendarDate;
  readonly failures: readonly { code: EarlyRemovalFailureCode; zh: string; en: string }[];
}

/** Every reason, with a stable code, why early removal cannot be granted on `today`; eligible when there is none. */
export function earlyRemovalCheck(input: EarlyRemovalInput, params: CreditParams): EarlyRemovalCheck {
  const { listedOn, today } = input;
  assertCalendarDate(today, 'today');
  if (compareDates(today, listedOn) < 0) throw new CreditRuleError('DATE_ORDER_INVALID', { field: 'today' });
  const eligibleFrom = earlyRemovalEligibleFrom(listedOn, params);
  const failures: { code: EarlyRemovalFailureCode; zh: string; en: string }[] = [];
  if (compareDates(today, eligibleFrom) < 0) {
    failures.push({
      code: 'MIN_PERIOD_NOT_REACHED',
      zh: `列入名单未满${params.seriousList.earlyRemovalAfterYears}年，${eligibleFrom} 起方可申请提前移出`,
      en: `Listed less than ${params.seriousList.earlyRemovalAfterYears} year(s); early removal may be requested from ${eligibleFrom}`,
    });
  }
  const removal = seriousListRemovalDate(listedOn, params);
  if (compareDates(today, removal) >= 0) {
    failures.push({
      code: 'TERM_ALREADY_ENDED',
      zh: `名单期限已届满，应于 ${removal} 起按期移出，无需提前移出`,
      en: `The term has run; removal is due from ${removal} without early removal`,
    });
  }
  if (!input.penaltyCarriedOut) {
    failures.push({ code: 'PENALTY_NOT_CARRIED_OUT', zh: '尚未履行行政处罚决定规定的义务', en: 'The penalty decision has not been carried out' });
  }
  if (!input.harmRemoved) {
    failures.push({ code: 'HARM_NOT_REMOVED', zh: '尚未消除危害后果和不良影响', en: 'The harm and its effects have not been removed' });
  }
  if (input.newHeavierPenalty === true) {
    failures.push({ code: 'NEW_HEAVIER_PENALTY', zh: '列入名单后又受到较重行政处罚', en: 'A new heavier penalty was imposed after listing' });
  }
  if (!input.commitmentSigned) {
    failures.push({ code: 'COMMITMENT_NOT_SIGNED', zh: '尚未作出信用承诺', en: 'No credit commitment has been signed' });
  }
  return { eligible: failures.length === 0, eligibleFrom, failures };
}
