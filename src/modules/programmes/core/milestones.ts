/**
 * A challenge project's milestones (里程碑) and their money (分阶段拨付):
 *
 *   planned → submitted (the team reports) → accepted | returned (government; a return needs a reason)
 *   returned → submitted (the team reports again);   accepted → paid (government disburses the milestone's amount)
 *
 * Acceptance is checked against the measurable indicators the enterprises stated (验收指标): a milestone that carries
 * indicators is accepted only when every one is met by the reported value. Disbursements are in fen; the amounts paid
 * never add up to more than the awarded budget. Pure.
 */
import type { Reason } from './eligibility.js';

export const MILESTONE_STATUSES = ['planned', 'submitted', 'accepted', 'returned', 'paid'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export type MilestoneAction = 'report' | 'accept' | 'return' | 'pay';
export type Side = 'team' | 'government';

const RULES: Record<MilestoneAction, { from: MilestoneStatus[]; to: MilestoneStatus; by: Side }> = {
  report: { from: ['planned', 'returned'], to: 'submitted', by: 'team' },
  accept: { from: ['submitted'], to: 'accepted', by: 'government' },
  return: { from: ['submitted'], to: 'returned', by: 'government' },
  pay: { from: ['accepted'], to: 'paid', by: 'government' },
};

export const COMPARATORS = ['>=', '<=', '>', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface Indicator {
  name: string;
  unit: string;
  /** exact decimal string, e.g. "1.5" */
  target: string;
  comparator: Comparator;
}

export interface IndicatorResult extends Indicator {
  value: string | null;
  met: boolean;
}

const DEC = /^-?\d{1,15}(\.\d{1,6})?$/;
export const isDecimal = (s: string) => DEC.test(s.trim());

/** Exact comparison of two decimal strings (no floats): -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const scale = (s: string) => {
    const [i, f = ''] = s.trim().split('.');
    return BigInt(i + f.padEnd(6, '0'));
  };
  const x = scale(a);
  const y = scale(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function checkIndicators(indicators: Indicator[], values: { name: string; value: string }[]): IndicatorResult[] {
  return indicators.map((ind) => {
    const v = values.find((x) => x.name === ind.name)?.value ?? null;
    if (v === null || !isDecimal(v)) return { ...ind, value: v, met: false };
    const c = compareDecimal(v, ind.target);
    const met = { '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0, '=': c === 0 }[ind.comparator];
    return { ...ind, value: v, met };
  });
}

export interface MilestoneFacts {
  status: string;
  amountFen: number;
  indicators: Indicator[];
  reportedValues: { name: string; value: string }[];
  /** fen already paid on the project's other milestones */
  paidFen: number;
  awardedFen: number;
}

export type MilestoneTransition =
  | { ok: true; to: MilestoneStatus; indicators: IndicatorResult[] }
  | { ok: false; code: 'MILESTONE_STATE_INVALID' | 'MILESTONE_NOT_YOURS' | 'MILESTONE_REASON_REQUIRED' | 'MILESTONE_REPORT_REQUIRED' | 'MILESTONE_INDICATORS_NOT_MET' | 'DISBURSEMENT_OVER_BUDGET'; unmet?: Reason[] };

export function milestoneTransition(m: MilestoneFacts, action: MilestoneAction, side: Side, input: { reason?: string | null; report?: string | null } = {}): MilestoneTransition {
  const r = RULES[action];
  if (r.by !== side) return { ok: false, code: 'MILESTONE_NOT_YOURS' };
  if (!(r.from as string[]).includes(m.status)) return { ok: false, code: 'MILESTONE_STATE_INVALID' };
  if (action === 'report' && !input.report?.trim()) return { ok: false, code: 'MILESTONE_REPORT_REQUIRED' };
  if (action === 'return' && !input.reason?.trim()) return { ok: false, code: 'MILESTONE_REASON_REQUIRED' };
  const results = checkIndicators(m.indicators, m.reportedValues);
  if (action === 'accept') {
    const unmet = results.filter((x) => !x.met);
    if (unmet.length) {
      return {
        ok: false, code: 'MILESTONE_INDICATORS_NOT_MET',
        unmet: unmet.map((x) => ({ code: 'INDICATOR_NOT_MET', zh: `${x.name}：要求 ${x.comparator} ${x.target}${x.unit}，实测 ${x.value ?? '未报告'}`, en: `${x.name}: required ${x.comparator} ${x.target}${x.unit}, reported ${x.value ?? 'nothing'}` })),
      };
    }
  }
  if (action === 'pay' && m.paidFen + m.amountFen > m.awardedFen) return { ok: false, code: 'DISBURSEMENT_OVER_BUDGET' };
  return { ok: true, to: r.to, indicators: results };
}

/** A plan's milestone amounts must be positive and add up to no more than the budget; the reasons otherwise. */
export function checkMilestonePlan(milestones: { amountFen: number; due: string }[], budgetFen: number): Reason[] {
  const out: Reason[] = [];
  if (!milestones.length) out.push({ code: 'NO_MILESTONES', zh: '请至少设置一个里程碑', en: 'add at least one milestone' });
  if (milestones.some((m) => !Number.isSafeInteger(m.amountFen) || m.amountFen < 0)) out.push({ code: 'MILESTONE_AMOUNT_INVALID', zh: '里程碑拨付金额不能为负', en: 'milestone amounts cannot be negative' });
  const sum = milestones.reduce((a, m) => a + m.amountFen, 0);
  if (sum > budgetFen) out.push({ code: 'MILESTONES_OVER_BUDGET', zh: `里程碑拨付合计 ${sum / 1_000_000} 万元超过经费 ${budgetFen / 1_000_000} 万元`, en: `milestone amounts (${sum / 1_000_000}) exceed the budget (${budgetFen / 1_000_000})` });
  for (let i = 1; i < milestones.length; i++) {
    if (milestones[i].due < milestones[i - 1].due) {
      out.push({ code: 'MILESTONES_OUT_OF_ORDER', zh: '里程碑应按时间先后排列', en: 'milestones must be in date order' });
      break;
    }
  }
  return out;
}
