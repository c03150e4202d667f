/**
 * The insurance-compensation application workflow (首台套保险补偿):
 *   submitted → under_review → approved → paid
 *                            ↘ returned (with reason) → submitted (resubmitted by the applicant)
 *                            ↘ declined (with reason)
 * The applicant may withdraw while submitted or returned. The government reviews, approves an amount no larger than
 * requested, and records payment. Pure.
 */
export const COMP_STATUSES = ['submitted', 'under_review', 'returned', 'approved', 'declined', 'paid', 'withdrawn'] as const;
export type CompStatus = (typeof COMP_STATUSES)[number];
export const COMP_ACTIONS = ['review', 'return', 'approve', 'decline', 'pay', 'resubmit', 'withdraw'] as const;
export type CompAction = (typeof COMP_ACTIONS)[number];
export type CompSide = 'government' | 'applicant';

const RULES: Record<CompAction, { from: CompStatus[]; to: CompStatus; by: CompSide }> = {
  review: { from: ['submitted'], to: 'under_review', by: 'government' },
  return: { from: ['submitted', 'under_review'], to: 'returned', by: 'government' },
  approve: { from: ['under_review'], to: 'approved', by: 'government' },
  decline: { from: ['submitted', 'under_review'], to: 'declined', by: 'government' },
  pay: { from: ['approved'], to: 'paid', by: 'government' },
  resubmit: { from: ['returned'], to: 'submitted', by: 'applicant' },
  withdraw: { from: ['submitted', 'returned'], to: 'withdrawn', by: 'applicant' },
};

export type CompTransition =
  | { ok: true; to: CompStatus }
  | { ok: false; code: 'FIRSTKIND_STATE_INVALID' | 'FIRSTKIND_NOT_YOURS' | 'FIRSTKIND_REASON_REQUIRED' | 'FIRSTKIND_AMOUNT_INVALID' };

export function compTransition(f: { status: string; requestedFen: number; approvedFen: number | null }, action: CompAction, side: CompSide, input: { reason?: string | null; amountFen?: number | null } = {}): CompTransition {
  const r = RULES[action];
  if (r.by !== side) return { ok: false, code: 'FIRSTKIND_NOT_YOURS' };
  if (!(r.from as string[]).includes(f.status)) return { ok: false, code: 'FIRSTKIND_STATE_INVALID' };
  if ((action === 'return' || action === 'decline') && !input.reason?.trim()) return { ok: false, code: 'FIRSTKIND_REASON_REQUIRED' };
  if (action === 'approve') {
    const a = input.amountFen;
    if (!a || !Number.isSafeInteger(a) || a <= 0 || a > f.requestedFen) return { ok: false, code: 'FIRSTKIND_AMOUNT_INVALID' };
  }
  if (action === 'pay') {
    const a = input.amountFen ?? f.approvedFen;
    if (!a || a <= 0 || a > (f.approvedFen ?? 0)) return { ok: false, code: 'FIRSTKIND_AMOUNT_INVALID' };
  }
  return { ok: true, to: r.to };
}
