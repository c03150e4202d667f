/**
 * The credit-supervision settings: every rule that is not [confirmed] (see docs/domain.md §7) lives in
 * data/reference/credit.json and reaches the pure functions through {@link parseCreditParams}. Nothing here reads
 * a file; `credit.params.ts` beside the core does that.
 */
import type { PeriodRules } from './dates.js';
import { CreditRuleError } from './errors.js';

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
/** 信用风险分类: A 低 / B 一般 / C 较高 / D 高 — in order of increasing risk. */
export type RiskClass = (typeof RISK_CLASSES)[number];

/** One publication/repair rule per kind of record (and per severity, outcome or result where the kind has one). */
export const RECORD_CATEGORIES = [
  'licence',
  'award',
  'penalty.minor',
  'penalty.ordinary',
  'penalty.serious',
  'abnormal_list',
  'serious_list',
  'commitment.kept',
  'commitment.broken',
  'inspection.pass',
  'inspection.problems',
  'inspection.fail',
  'platform.deal_abandoned_after_nda',
  'platform.upheld_complaint',
] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Every indicator that carries points in the risk score. */
export const RISK_INDICATORS = [
  'penalty.minor',
  'penalty.ordinary',
  'penalty.serious',
  'abnormal_list.current',
  'abnormal_list.past',
  'serious_list.past',
  'commitment.broken',
  'commitment.kept',
  'inspection.problems',
  'inspection.fail',
  'inspection.pass',
  'platform.deal_abandoned_after_nda',
  'platform.upheld_complaint',
  'award',
  'licence',
  'annual_report.on_time',
  'annual_report.late',
  'annual_report.missing',
] as const;
export type RiskIndicator = (typeof RISK_INDICATORS)[number];

export type SampleRounding = 'ceil' | 'round' | 'floor';

export interface RecordPeriodParams {
  /** months a record stays public from its publication date; null → public until removed/repaired */
  readonly publicationMonths: number | null;
  /** months after publication from which credit repair (信用修复) may be requested; null → no repair applies */
  readonly repairAfterMonths: number | null;
}

export interface RecencyBand {
  /** events dated within the last N months before asOf (asOf − N months < date ≤ asOf) … */
  readonly withinMonths: number;
  /** … count with this share of their points, in basis points */
  readonly factorBp: number;
}

export interface CreditParams {
  readonly periods: PeriodRules;
  readonly records: Readonly<Record<RecordCategory, RecordPeriodParams>>;
  readonly abnormalList: {
    /** filing window for last year's annual report, 'MM-DD' inclusive */
    readonly annualReportWindow: { readonly from: string; readonly to: string };
    readonly removalDecisionDays: number;
    readonly moveToSeriousAfterYears: number;
    readonly seriousNoticeDaysBefore: number;
  };
  readonly seriousList: {
    readonly termYears: number;
    readonly earlyRemovalAfterYears: number;
  };
  readonly riskClass: {
    readonly baseScore: number;
    /** lowest score of each class above A; must increase B < C < D */
    readonly thresholds: { readonly B: number; readonly C: number; readonly D: number };
    /** ordered by withinMonths ascending; older events count 0 */
    readonly recencyBands: readonly RecencyBand[];
    readonly points: Readonly<Record<RiskIndicator, number>>;
    /** the favourable (negative) points together never go below this (e.g. −20) */
    readonly positiveFloor: number;
    /** class forced while on the serious list */
    readonly seriousListClass: RiskClass;
    /** best class possible while on the abnormal list */
    readonly currentAbnormalListBestClass: RiskClass;
  };
  readonly inspection: {
    readonly ratiosBp: Readonly<Record<RiskClass, number>>;
    /** classes drawn only from targets with cause (hasCause) */
    readonly causeOnlyClasses: readonly RiskClass[];
    readonly inspectorsPerTarget: number;
    readonly sampleRounding: SampleRounding;
  };
  readonly deregistration: {
    readonly noticeDays: number;
  };
}

type Obj = Record<string, unknown>;
const MMDD_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Validates the settings (from credit.json) and lists every problem at once. Keys starting with '_' are notes. */
export function parseCreditParams(json: unknown): CreditParams {
  const problems: string[] = [];
  const obj = (v: unknown, path: string): Obj => {
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
    problems.push(`${path} must be an object`);
    return {};
  };
  const int = (v: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
      problems.push(`${path} must be an integer in [${min}, ${max}]`);
    }
    return v as number;
  };
  const intOrNull = (v: unknown, path: string): number | null => (v === null ? null : int(v, path));
  const cls = (v: unknown, path: string): RiskClass => {
    if (!RISK_CLASSES.includes(v as RiskClass)) problems.push(`${path} must be one of ${RISK_CLASSES.join(', ')}`);
    return v as RiskClass;
  };

  const root = obj(json, 'credit params');

  const per = obj(root.periods, 'periods');
  if (typeof per.startDayCounted !== 'boolean') problems.push('periods.startDayCounted must be a boolean');
  const periods: PeriodRules = { startDayCounted: per.startDayCounted as boolean };

  const rec = obj(root.records, 'records');
  const records = {} as Record<RecordCategory, RecordPeriodParams>;
  for (const c of RECORD_CATEGORIES) {
    const r = obj(rec[c], `records.${c}`);
    records[c] = {
      publicationMonths: intOrNull(r.publicationMonths, `records.${c}.publicationMonths`),
      repairAfterMonths: intOrNull(r.repairAfterMonths, `records.${c}.repairAfterMonths`),
    };
    const { publicationMonths: p, repairAfterMonths: q } = records[c];
    if (typeof p === 'number' && typeof q === 'number' && q > p) {
      problems.push(`records.${c}.repairAfterMonths must not exceed publicationMonths`);
    }
  }
  for (const k of Object.keys(rec)) {
    if (!k.startsWith('_') && !RECORD_CATEGORIES.includes(k as RecordCategory)) problems.push(`records.${k} is not a known category`);
  }

  const ab = obj(root.abnormalList, 'abnormalList');
  const win = obj(ab.annualReportWindow, 'abnormalList.annualReportWindow');
  for (const k of ['from', 'to'] as const) {
    if (typeof win[k] !== 'string' || !MMDD_RE.test(win[k] as string)) problems.push(`abnormalList.annualReportWindow.${k} must be 'MM-DD'`);
  }
  if (typeof win.from === 'string' && typeof win.to === 'string' && win.from > win.to) {
    problems.push('abnormalList.annualReportWindow.from must not be after .to');
  }
  const abnormalList = {
    annualReportWindow: { from: win.from as string, to: win.to as string },
    removalDecisionDays: int(ab.removalDecisionDays, 'abnormalList.removalDecisionDays', 1),
    moveToSeriousAfterYears: int(ab.moveToSeriousAfterYears, 'abnormalList.moveToSeriousAfterYears', 1),
    seriousNoticeDaysBefore: int(ab.seriousNoticeDaysBefore, 'abnormalList.seriousNoticeDaysBefore'),
  };

  const se = obj(root.seriousList, 'seriousList');
  const seriousList = {
    termYears: int(se.termYears, 'seriousList.termYears', 1),
    earlyRemovalAfterYears: int(se.earlyRemovalAfterYears, 'seriousList.earlyRemovalAfterYears'),
  };
  if (seriousList.earlyRemovalAfterYears > seriousList.termYears) {
    problems.push('seriousList.earlyRemovalAfterYears must not exceed termYears');
  }

  const rc = obj(root.riskClass, 'riskClass');
  const th = obj(rc.thresholds, 'riskClass.thresholds');
  const NEG = Number.MIN_SAFE_INTEGER;
  const thresholds = { B: int(th.B, 'riskClass.thresholds.B', NEG), C: int(th.C, 'riskClass.thresholds.C', NEG), D: int(th.D, 'riskClass.thresholds.D', NEG) };
  if (!(thresholds.B < thresholds.C && thresholds.C < thresholds.D)) problems.push('riskClass.thresholds must increase: B < C < D');
  const bandsRaw = rc.recencyBands;
  const recencyBands: RecencyBand[] = [];
  if (!Array.isArray(bandsRaw) || bandsRaw.length === 0) problems.push('riskClass.recencyBands must be a non-empty array');
  else {
    bandsRaw.forEach((b, i) => {
      const o = obj(b, `riskClass.recencyBands[${i}]`);
      recencyBands.push({
        withinMonths: int(o.withinMonths, `riskClass.recencyBands[${i}].withinMonths`, 1),
        factorBp: int(o.factorBp, `riskClass.recencyBands[${i}].factorBp`, 0, 10_000),
      });
    });
    for (let i = 1; i < recencyBands.length; i++) {
      if (!(recencyBands[i].withinMonths > recencyBands[i - 1].withinMonths)) problems.push('riskClass.recencyBands must be ordered by increasing withinMonths');
    }
  }
  const pts = obj(rc.points, 'riskClass.points');
  const points = {} as Record<RiskIndicator, number>;
  for (const k of RISK_INDICATORS) points[k] = int(pts[k], `riskClass.points.${k}`, NEG);
  for (const k of Object.keys(pts)) {
    if (!k.startsWith('_') && !RISK_INDICATORS.includes(k as RiskIndicator)) problems.push(`riskClass.points.${k} is not a known indicator`);
  }
  const riskClass = {
    baseScore: int(rc.baseScore, 'riskClass.baseScore', NEG),
    thresholds,
    recencyBands,
    points,
    positiveFloor: int(rc.positiveFloor, 'riskClass.positiveFloor', NEG, 0),
    seriousListClass: cls(rc.seriousListClass, 'riskClass.seriousListClass'),
    currentAbnormalListBestClass: cls(rc.currentAbnormalListBestClass, 'riskClass.currentAbnormalListBestClass'),
  };

  const ins = obj(root.inspection, 'inspection');
  const ratios = obj(ins.ratiosBp, 'inspection.ratiosBp');
  const ratiosBp = {} as Record<RiskClass, number>;
  for (const c of RISK_CLASSES) ratiosBp[c] = int(ratios[c], `inspection.ratiosBp.${c}`, 0, 10_000);
  const causeOnly = ins.causeOnlyClasses;
  if (!Array.isArray(causeOnly)) problems.push('inspection.causeOnlyClasses must be an array');
  const causeOnlyClasses = Array.isArray(causeOnly) ? causeOnly.map((c, i) => cls(c, `inspection.causeOnlyClasses[${i}]`)) : [];
  const rounding = ins.sampleRounding;
  if (rounding !== 'ceil' && rounding !== 'round' && rounding !== 'floor') problems.push("inspection.sampleRounding must be 'ceil', 'round' or 'floor'");
  const inspection = {
    ratiosBp,
    causeOnlyClasses,
    inspectorsPerTarget: int(ins.inspectorsPerTarget, 'inspection.inspectorsPerTarget', 1),
    sampleRounding: rounding as SampleRounding,
  };

  const de = obj(root.deregistration, 'deregistration');
  const deregistration = { noticeDays: int(de.noticeDays, 'deregistration.noticeDays', 1) };

  if (problems.length) throw new CreditRuleError('PARAMS_INVALID', { problems });
  return { periods, records, abnormalList, seriousList, riskClass, inspection, deregistration };
}
