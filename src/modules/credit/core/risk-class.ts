/**
 * Monthly credit risk classes (信用风险分类) A 低 / B 一般 / C 较高 / D 高, from transparent indicators.
 *
 * The score is risk points: `baseScore` plus the points of each indicator (weights in params.riskClass.points;
 * negative points are favourable). Dated events are weighted by recency bands (default: last 12 months 100%,
 * 12–36 months 50%, older 0). Favourable points together are floored at `positiveFloor` so good news cannot hide
 * bad news. The class follows thresholds on the score, then two overrides apply, each shown in `overrides`:
 * - on the serious list on `asOf` → `seriousListClass` (D) whatever the score [recalled];
 * - on the abnormal list on `asOf` → `currentAbnormalListBestClass` (C) at best, i.e. C or worse [default].
 * All dates are Asia/Shanghai calendar dates; `asOf` is the evaluation date (for a monthly class, the month's last
 * day — see `lastDayOfMonth`). Events dated after `asOf` are ignored.
 */
import type { AnnualReportStatus } from './abnormal-list.js';
import { addMonths, assertCalendarDate, compareDates, type CalendarDate } from './dates.js';
import { CreditRuleError } from './errors.js';
import { RISK_CLASSES, type CreditParams, type RiskClass, type RiskIndicator } from './params.js';
import type { CommitmentOutcome, CreditRecord, InspectionResult, PenaltySeverity, PlatformBehaviour } from './records.js';

export const RISK_CLASS_LABELS: Readonly<Record<RiskClass, { zh: string; en: string }>> = {
  A: { zh: '低风险', en: 'Low risk' },
  B: { zh: '一般风险', en: 'Ordinary risk' },
  C: { zh: '较高风险', en: 'Elevated risk' },
  D: { zh: '高风险', en: 'High risk' },
};

export const RISK_INDICATOR_LABELS: Readonly<Record<RiskIndicator, { zh: string; en: string }>> = {
  'penalty.minor': { zh: '较轻行政处罚', en: 'Minor penalties' },
  'penalty.ordinary': { zh: '一般行政处罚', en: 'Ordinary penalties' },
  'penalty.serious': { zh: '较重行政处罚', en: 'Serious penalties' },
  'abnormal_list.current': { zh: '现列入经营异常名录', en: 'Currently on the abnormal list' },
  'abnormal_list.past': { zh: '曾列入经营异常名录', en: 'Formerly on the abnormal list' },
  'serious_list.past': { zh: '曾列入严重违法失信名单', en: 'Formerly on the serious list' },
  'commitment.broken': { zh: '信用承诺未履行', en: 'Broken credit commitments' },
  'commitment.kept': { zh: '信用承诺已履行', en: 'Kept credit commitments' },
  'inspection.problems': { zh: '抽查发现问题', en: 'Inspections with problems' },
  'inspection.fail': { zh: '抽查不合格', en: 'Failed inspections' },
  'inspection.pass': { zh: '抽查未发现问题', en: 'Inspections passed' },
  'platform.deal_abandoned_after_nda': { zh: '签署保密协议后放弃对接', en: 'Deals abandoned after an NDA' },
  'platform.upheld_complaint': { zh: '投诉经核实成立', en: 'Upheld complaints' },
  award: { zh: '表彰奖励', en: 'Awards' },
  licence: { zh: '行政许可', en: 'Licences' },
  'annual_report.on_time': { zh: '按时公示年度报告', en: 'Annual report filed on time' },
  'annual_report.late': { zh: '逾期公示年度报告', en: 'Annual report filed late' },
  'annual_report.missing': { zh: '未公示年度报告', en: 'Annual report missing' },
};

export interface ListingSpan {
  readonly listedOn: CalendarDate;
  /** removed (cured, term ended or repaired) on this date; null while listed */
  readonly removedOn: CalendarDate | null;
}

export interface RiskIndicators {
  readonly penalties: readonly { readonly severity: PenaltySeverity; readonly date: CalendarDate }[];
  readonly abnormalListings: readonly ListingSpan[];
  readonly seriousListings: readonly ListingSpan[];
  readonly commitments: readonly { readonly outcome: CommitmentOutcome; readonly date: CalendarDate }[];
  readonly inspections: readonly { readonly result: InspectionResult; readonly date: CalendarDate }[];
  readonly platformEvents: readonly { readonly behaviour: PlatformBehaviour; readonly date: CalendarDate }[];
  readonly awards: readonly { readonly date: CalendarDate }[];
  readonly licences: readonly { readonly date: CalendarDate }[];
  /** status of the latest report that has come due; 'pending' and 'unknown' carry no points */
  readonly annualReport: AnnualReportStatus | 'unknown';
}

export function emptyIndicators(): RiskIndicators {
  return {
    penalties: [],
    abnormalListings: [],
    seriousListings: [],
    commitments: [],
    inspections: [],
    platformEvents: [],
    awards: [],
    licences: [],
    annualReport: 'unknown',
  };
}

export interface BreakdownEntry {
  readonly indicator: RiskIndicator | 'base' | 'positive_floor';
  /** events counted (with any recency weight above 0) */
  readonly count: number;
  readonly points: number;
  readonly zh: string;
  readonly en: string;
}

export interface RiskOverride {
  readonly rule: 'serious_list' | 'abnormal_list';
  readonly from: RiskClass;
  readonly to: RiskClass;
  readonly zh: string;
  readonly en: string;
}

export interface RiskScore {
  readonly asOf: CalendarDate;
  readonly score: number;
  /** class from the score alone */
  readonly scoreClass: RiskClass;
  /** class after the overrides */
  readonly class: RiskClass;
  readonly breakdown: readonly BreakdownEntry[];
  readonly overrides: readonly RiskOverride[];
}

const rank = (c: RiskClass): number => RISK_CLASSES.indexOf(c);
const worse = (a: RiskClass, b: RiskClass): RiskClass => (rank(a) >= rank(b) ? a : b);

/** Class for a score under the thresholds (score ≥ D → D, ≥ C → C, ≥ B → B, else A). */
export function riskClassOfScore(score: number, params: CreditParams): RiskClass {
  const t = params.riskClass.thresholds;
  if (score >= t.D) return 'D';
  if (score >= t.C) return 'C';
  if (score >= t.B) return 'B';
  return 'A';
}

/** Recency weight (basis points) of an event dated `date` as of `asOf`: the first band it falls in, else 0. */
export function recencyFactorBp(date: CalendarDate, asOf: CalendarDate, params: CreditParams): number {
  if (compareDates(date, asOf) > 0) return 0;
  for (const band of params.riskClass.recencyBands) {
    if (compareDates(date, addMonths(asOf, -band.withinMonths)) > 0) return band.factorBp;
  }
  return 0;
}

/** Half away from zero, so −2.5 and 2.5 round symmetrically. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

const isCurrent = (l: ListingSpan, asOf: CalendarDate): boolean =>
  compareDates(l.listedOn, asOf) <= 0 && (l.removedOn === null || compareDates(l.removedOn, asOf) > 0);
const isPast = (l: ListingSpan, asOf: CalendarDate): l is ListingSpan & { removedOn: CalendarDate } =>
  l.removedOn !== null && compareDates(l.listedOn, asOf) <= 0 && compareDates(l.removedOn, asOf) <= 0;

/** Scores an organisation as of `asOf` (calendar date) and explains every point. */
export function scoreOrganisation(indicators: RiskIndicators, params: CreditParams, asOf: CalendarDate): RiskScore {
  if (!indicators || typeof indicators !== 'object') throw new CreditRuleError('INDICATORS_INVALID', { reason: 'indicators missing' });
  assertCalendarDate(asOf, 'asOf');
  const rc = params.riskClass;
  const entries: BreakdownEntry[] = [{ indicator: 'base', count: 1, points: rc.baseScore, zh: '基础分', en: 'Base score' }];

  const add = (indicator: RiskIndicator, dates: readonly CalendarDate[], recency = true): void => {
    let weighted = 0;
    let count = 0;
    for (const d of dates) {
      const f = recency ? recencyFactorBp(d, asOf, params) : compareDates(d, asOf) <= 0 ? 10_000 : 0;
      if (f === 0) continue;
      count++;
      weighted += rc.points[indicator] * f;
    }
    if (count === 0) return;
    const label = RISK_INDICATOR_LABELS[indicator];
    entries.push({ indicator, count, points: roundHalfAway(weighted / 10_000), zh: `${label.zh} ×${count}`, en: `${label.en} ×${count}` });
  };

  for (const s of ['minor', 'ordinary', 'serious'] as const) {
    add(`penalty.${s}`, indicators.penalties.filter((p) => p.severity === s).map((p) => p.date));
  }
  add('abnormal_list.current', indicators.abnormalListings.filter((l) => isCurrent(l, asOf)).map((l) => l.listedOn), false);
  add('abnormal_list.past', indicators.abnormalListings.filter((l) => isPast(l, asOf)).map((l) => l.removedOn as CalendarDate));
  add('serious_list.past', indicators.seriousListings.filter((l) => isPast(l, asOf)).map((l) => l.removedOn as CalendarDate));
  for (const o of ['broken', 'kept'] as const) {
    add(`commitment.${o}`, indicators.commitments.filter((c) => c.outcome === o).map((c) => c.date));
  }
  for (const r of ['problems', 'fail', 'pass'] as const) {
    add(`inspection.${r}`, indicators.inspections.filter((i) => i.result === r).map((i) => i.date));
  }
  for (const b of ['deal_abandoned_after_nda', 'upheld_complaint'] as const) {
    add(`platform.${b}`, indicators.platformEvents.filter((e) => e.behaviour === b).map((e) => e.date));
  }
  add('award', indicators.awards.map((a) => a.date));
  add('licence', indicators.licences.map((l) => l.date));
  const ar = indicators.annualReport;
  if (ar === 'on_time' || ar === 'late' || ar === 'missing') add(`annual_report.${ar}`, [asOf], false);

  const favourable = entries.filter((e) => e.indicator !== 'base' && e.points < 0).reduce((s, e) => s + e.points, 0);
  if (favourable < rc.positiveFloor) {
    entries.push({
      indicator: 'positive_floor',
      count: 0,
      points: rc.positiveFloor - favourable,
      zh: `良好信息合计最多减 ${-rc.positiveFloor} 分`,
      en: `Favourable points are capped at ${rc.positiveFloor}`,
    });
  }

  const score = entries.reduce((s, e) => s + e.points, 0);
  const scoreClass = riskClassOfScore(score, params);
  let cls = scoreClass;
  const overrides: RiskOverride[] = [];
  if (indicators.abnormalListings.some((l) => isCurrent(l, asOf))) {
    const to = worse(cls, rc.currentAbnormalListBestClass);
    if (to !== cls) {
      overrides.push({ rule: 'abnormal_list', from: cls, to, zh: `现列入经营异常名录，最高为 ${to} 类`, en: `On the abnormal list: class ${to} at best` });
      cls = to;
    }
  }
  if (indicators.seriousListings.some((l) => isCurrent(l, asOf)) && cls !== rc.seriousListClass) {
    const to = rc.seriousListClass;
    overrides.push({ rule: 'serious_list', from: cls, to, zh: `现列入严重违法失信名单，定为 ${to} 类`, en: `On the serious list: class ${to}` });
    cls = to;
  }
  return { asOf, score, scoreClass, class: cls, breakdown: entries, overrides };
}

/**
 * Builds indicators from an organisation's credit records as of `asOf`. Records dated after `asOf` are ignored;
 * records repaired (信用修复) or removed/revoked on or before `asOf` no longer count — except list entries, which
 * become past listings from that date. Publication periods do not matter here: a record that is no longer public
 * still counts for supervision while its recency band lasts.
 */
export function indicatorsFromRecords(
  records: readonly CreditRecord[],
  asOf: CalendarDate,
  annualReport: AnnualReportStatus | 'unknown' = 'unknown',
): RiskIndicators {
  const penalties: { severity: PenaltySeverity; date: CalendarDate }[] = [];
  const abnormalListings: ListingSpan[] = [];
  const seriousListings: ListingSpan[] = [];
  const commitments: { outcome: CommitmentOutcome; date: CalendarDate }[] = [];
  const inspections: { result: InspectionResult; date: CalendarDate }[] = [];
  const platformEvents: { behaviour: PlatformBehaviour; date: CalendarDate }[] = [];
  const awards: { date: CalendarDate }[] = [];
  const licences: { date: CalendarDate }[] = [];
  for (const r of records) {
    if (compareDates(r.date, asOf) > 0) continue;
    const ends = [r.repairedOn, r.removedOn].filter((d): d is CalendarDate => d !== undefined).sort();
    const endedOn = ends.length ? ends[0] : null;
    if (r.kind === 'abnormal_list' || r.kind === 'serious_list') {
      (r.kind === 'abnormal_list' ? abnormalListings : seriousListings).push({ listedOn: r.date, removedOn: endedOn });
      continue;
    }
    if (endedOn !== null && compareDates(endedOn, asOf) <= 0) continue;
    switch (r.kind) {
      case 'penalty':
        penalties.push({ severity: r.severity, date: r.date });
        break;
      case 'commitment':
        commitments.push({ outcome: r.outcome, date: r.date });
        break;
      case 'inspection':
        inspections.push({ result: r.result, date: r.date });
        break;
      case 'platform':
        platformEvents.push({ behaviour: r.behaviour, date: r.date });
        break;
      case 'award':
        awards.push({ date: r.date });
        break;
      case 'licence':
        licences.push({ date: r.date });
        break;
    }
  }
  return { penalties, abnormalListings, seriousListings, commitments, inspections, platformEvents, awards, licences, annualReport };
}
