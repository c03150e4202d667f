/**
 * Credit records (信用记录) of an organisation and how long each is published (公示期) and when credit repair
 * (信用修复) may be requested. All dates are Asia/Shanghai calendar dates 'YYYY-MM-DD'. Periods come from
 * `params.records[category]` and are counted under `params.periods` (民法典 §201–202, see dates.ts).
 */
import type { AbnormalReason } from './abnormal-list.js';
import { assertCalendarDate, compareDates, dayAfterPeriod, periodLastDay, type CalendarDate } from './dates.js';
import { CreditRuleError } from './errors.js';
import type { CreditParams, RecordCategory } from './params.js';

export type PenaltySeverity = 'minor' | 'ordinary' | 'serious';
export type InspectionResult = 'pass' | 'problems' | 'fail';
export type CommitmentOutcome = 'kept' | 'broken';
export type PlatformBehaviour = 'deal_abandoned_after_nda' | 'upheld_complaint';

export const PENALTY_SEVERITIES: readonly PenaltySeverity[] = ['minor', 'ordinary', 'serious'];
export const INSPECTION_RESULTS: readonly InspectionResult[] = ['pass', 'problems', 'fail'];
export const PLATFORM_BEHAVIOURS: readonly PlatformBehaviour[] = ['deal_abandoned_after_nda', 'upheld_complaint'];

/** Who produced the record: an authority's decision, the platform itself, or the organisation's own declaration. */
export interface RecordSource {
  readonly type: 'authority' | 'platform' | 'self_declared';
  /** e.g. '沈阳市市场监督管理局' or 'TechBridge' */
  readonly name: string;
  /** decision or document number (文书号), when there is one */
  readonly documentNo?: string;
}

interface RecordBase {
  readonly id: string;
  readonly orgId: string;
  readonly source: RecordSource;
  /** date of the decision or event */
  readonly date: CalendarDate;
  /** first day of publication; defaults to `date` */
  readonly publishedOn?: CalendarDate;
  /** a publication period the deciding authority set for this record, overriding the category default */
  readonly publicationMonths?: number | null;
  /** credit repair granted on this date: hidden from then on */
  readonly repairedOn?: CalendarDate;
  /** removed from the list, or revoked/annulled, on this date: hidden from then on */
  readonly removedOn?: CalendarDate;
}

export type CreditRecord = RecordBase &
  (
    | { readonly kind: 'licence' }
    | { readonly kind: 'award' }
    | { readonly kind: 'penalty'; readonly severity: PenaltySeverity }
    | { readonly kind: 'abnormal_list'; readonly reason: AbnormalReason }
    | { readonly kind: 'serious_list'; readonly legalBasis: string }
    | { readonly kind: 'commitment'; readonly outcome: CommitmentOutcome }
    | { readonly kind: 'inspection'; readonly result: InspectionResult }
    | { readonly kind: 'platform'; readonly behaviour: PlatformBehaviour }
  );

export type CreditRecordKind = CreditRecord['kind'];

export const RECORD_CATEGORY_LABELS: Readonly<Record<RecordCategory, { zh: string; en: string }>> = {
  licence: { zh: '行政许可', en: 'Administrative licence' },
  award: { zh: '表彰奖励', en: 'Award or honour' },
  'penalty.minor': { zh: '行政处罚（较轻）', en: 'Administrative penalty (minor)' },
  'penalty.ordinary': { zh: '行政处罚（一般）', en: 'Administrative penalty (ordinary)' },
  'penalty.serious': { zh: '行政处罚（较重）', en: 'Administrative penalty (serious)' },
  abnormal_list: { zh: '列入经营异常名录', en: 'Listed as abnormal (经营异常名录)' },
  serious_list: { zh: '列入严重违法失信名单', en: 'On the serious-violation list (严重违法失信名单)' },
  'commitment.kept': { zh: '信用承诺已履行', en: 'Credit commitment kept' },
  'commitment.broken': { zh: '信用承诺未履行', en: 'Credit commitment broken' },
  'inspection.pass': { zh: '抽查检查：未发现问题', en: 'Inspection: no problems found' },
  'inspection.problems': { zh: '抽查检查：发现问题已责令改正', en: 'Inspection: problems found, correction ordered' },
  'inspection.fail': { zh: '抽查检查：不合格', en: 'Inspection: failed' },
  'platform.deal_abandoned_after_nda': { zh: '签署保密协议后放弃对接', en: 'Deal abandoned after signing an NDA' },
  'platform.upheld_complaint': { zh: '投诉经核实成立', en: 'Complaint upheld' },
};

/** The params key of a record: its kind, refined by severity, outcome, result or behaviour. */
export function recordCategory(record: CreditRecord): RecordCategory {
  switch (record.kind) {
    case 'licence':
    case 'award':
    case 'abnormal_list':
    case 'serious_list':
      return record.kind;
    case 'penalty':
      return `penalty.${record.severity}`;
    case 'commitment':
      return `commitment.${record.outcome}`;
    case 'inspection':
      return `inspection.${record.result}`;
    case 'platform':
      return `platform.${record.behaviour}`;
  }
}

/** Throws RECORD_INVALID (or DATE_INVALID) unless the record's dates are valid and in order. */
export function validateCreditRecord(record: CreditRecord): CreditRecord {
  if (!record.id || !record.orgId) throw new CreditRuleError('RECORD_INVALID', { reason: 'id and orgId are required' });
  if (!record.source?.name) throw new CreditRuleError('RECORD_INVALID', { reason: 'source.name is required', id: record.id });
  assertCalendarDate(record.date, 'date');
  for (const f of ['publishedOn', 'repairedOn', 'removedOn'] as const) {
    const v = record[f];
    if (v === undefined) continue;
    assertCalendarDate(v, f);
    if (compareDates(v, record.date) < 0) throw new CreditRuleError('DATE_ORDER_INVALID', { field: f, id: record.id });
  }
  const m = record.publicationMonths;
  if (m !== undefined && m !== null && (!Number.isSafeInteger(m) || m < 0)) {
    throw new CreditRuleError('RECORD_INVALID', { reason: 'publicationMonths must be a non-negative integer', id: record.id });
  }
  if (record.kind === 'serious_list' && !record.legalBasis?.trim()) throw new CreditRuleError('LEGAL_BASIS_REQUIRED', { id: record.id });
  return record;
}

/** First day of publication (calendar date). */
export function publicationStart(record: CreditRecord): CalendarDate {
  return record.publishedOn ?? record.date;
}

/**
 * The last day (inclusive, calendar date) on which the record is published, or null when it stays public until it
 * is removed or repaired (licences, awards, current list entries). A per-record `publicationMonths` wins over the
 * category default.
 */
export function publicationEnd(record: CreditRecord, params: CreditParams): CalendarDate | null {
  const months = record.publicationMonths !== undefined ? record.publicationMonths : params.records[recordCategory(record)].publicationMonths;
  if (months === null) return null;
  return periodLastDay(publicationStart(record), { months }, params.periods);
}

/** Whether the record is shown publicly on `today` (calendar date): published, not expired, not repaired or removed. */
export function isPublic(record: CreditRecord, today: CalendarDate, params: CreditParams): boolean {
  if (compareDates(today, publicationStart(record)) < 0) return false;
  if (record.repairedOn !== undefined && compareDates(record.repairedOn, today) <= 0) return false;
  if (record.removedOn !== undefined && compareDates(record.removedOn, today) <= 0) return false;
  const end = publicationEnd(record, params);
  return end === null || compareDates(today, end) <= 0;
}

/**
 * The first calendar date on which credit repair may be requested (the minimum publication period has run), or
 * null when repair does not apply to this kind (it drops off by itself, or it is favourable).
 */
export function repairEligibleFrom(record: CreditRecord, params: CreditParams): CalendarDate | null {
  const months = params.records[recordCategory(record)].repairAfterMonths;
  if (months === null) return null;
  if (months === 0) return publicationStart(record);
  return dayAfterPeriod(publicationStart(record), { months }, params.periods);
}

/** Whether a repair request is admissible on `today`: repair applies, the minimum has run, and the record is still public. */
export function canRequestRepair(record: CreditRecord, today: CalendarDate, params: CreditParams): boolean {
  const from = repairEligibleFrom(record, params);
  return from !== null && compareDates(today, from) >= 0 && isPublic(record, today, params);
}
