/**
 * The financing application workflow: submitted → under_review → approved | declined (with reason) → disbursed;
 * the applicant may withdraw before a decision. Pure.
 */
export const APPLICATION_STATUSES = ['submitted', 'under_review', 'approved', 'declined', 'disbursed', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationAction = 'review' | 'approve' | 'decline' | 'disburse' | 'withdraw';
export type ApplicationSide = 'institution' | 'applicant';

const RULES: Record<ApplicationAction, { from: ApplicationStatus[]; to: ApplicationStatus; by: ApplicationSide }> = {
  review: { from: ['submitted'], to: 'under_review', by: 'institution' },
  approve: { from: ['under_review'], to: 'approved', by: 'institution' },
  decline: { from: ['submitted', 'under_review'], to: 'declined', by: 'institution' },
  disburse: { from: ['approved'], to: 'disbursed', by: 'institution' },
  withdraw: { from: ['submitted', 'under_review'], to: 'withdrawn', by: 'applicant' },
};

export interface ApplicationFacts {
  status: string;
  requestedFen: number;
  approvedFen: number | null;
  productMinFen: number;
  productMaxFen: number;
}

export interface ActionInput {
  reason?: string | null;
  amountFen?: number | null;
}

export type ApplicationTransition = { ok: true; to: ApplicationStatus } | { ok: false; code: 'APPLICATION_STATE_INVALID' | 'APPLICATION_NOT_YOURS' | 'APPLICATION_REASON_REQUIRED' | 'APPLICATION_AMOUNT_INVALID' };

export function applicationTransition(f: ApplicationFacts, action: ApplicationAction, side: ApplicationSide, input: ActionInput = {}): ApplicationTransition {
  const r = RULES[action];
  if (r.by !== side) return { ok: false, code: 'APPLICATION_NOT_YOURS' };
  if (!(r.from as string[]).includes(f.status)) return { ok: false, code: 'APPLICATION_STATE_INVALID' };
  if (action === 'decline' && !input.reason?.trim()) return { ok: false, code: 'APPLICATION_REASON_REQUIRED' };
  if (action === 'approve') {
    const a = input.amountFen;
    if (!a || a <= 0 || a > f.requestedFen || a < f.productMinFen || a > f.productMaxFen) return { ok: false, code: 'APPLICATION_AMOUNT_INVALID' };
  }
  if (action === 'disburse') {
    const a = input.amountFen;
    if (!a || a <= 0 || a > (f.approvedFen ?? 0)) return { ok: false, code: 'APPLICATION_AMOUNT_INVALID' };
  }
  return { ok: true, to: r.to };
}
