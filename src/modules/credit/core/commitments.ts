/**
 * 信用承诺 (credit commitments): what an organisation promised, by when, and whether it kept it. A broken
 * commitment feeds the risk class (indicator 'commitment.broken'); a kept one counts slightly in its favour.
 * Dates are Asia/Shanghai calendar dates.
 */
import { assertCalendarDate, compareDates, type CalendarDate } from './dates.js';
import { CreditRuleError } from './errors.js';
import type { CommitmentOutcome, CreditRecord, RecordSource } from './records.js';
import type { RiskIndicators } from './risk-class.js';

/** Why the commitment was made: 告知承诺 for a licence, repair (信用修复), simplified deregistration, or other. */
export type CommitmentPurpose = 'licence_notification' | 'credit_repair' | 'deregistration' | 'other';

export interface Commitment {
  readonly id: string;
  readonly orgId: string;
  readonly purpose: CommitmentPurpose;
  readonly content: string;
  readonly madeOn: CalendarDate;
  /** the date by which it must be fulfilled */
  readonly dueOn: CalendarDate;
  readonly outcome: 'pending' | CommitmentOutcome;
  /** when the outcome was determined */
  readonly resolvedOn?: CalendarDate;
}

export interface NewCommitment {
  readonly id: string;
  readonly orgId: string;
  readonly purpose: CommitmentPurpose;
  readonly content: string;
  readonly madeOn: CalendarDate;
  readonly dueOn: CalendarDate;
}

/** A pending commitment; COMMITMENT_INVALID for empty content, DATE_ORDER_INVALID when due before made. */
export function makeCommitment(input: NewCommitment): Commitment {
  if (!input.id || !input.orgId) throw new CreditRuleError('COMMITMENT_INVALID', { reason: 'id and orgId are required' });
  if (!input.content?.trim()) throw new CreditRuleError('COMMITMENT_INVALID', { reason: 'content is empty' });
  assertCalendarDate(input.madeOn, 'madeOn');
  assertCalendarDate(input.dueOn, 'dueOn');
  if (compareDates(input.dueOn, input.madeOn) < 0) throw new CreditRuleError('DATE_ORDER_INVALID', { field: 'dueOn' });
  return { ...input, content: input.content.trim(), outcome: 'pending' };
}

/** Records whether the commitment was kept, on `on`; a commitment is resolved once. */
export function resolveCommitment(commitment: Commitment, outcome: CommitmentOutcome, on: CalendarDate): Commitment {
  if (commitment.outcome !== 'pending') throw new CreditRuleError('COMMITMENT_ALREADY_RESOLVED', { id: commitment.id });
  assertCalendarDate(on, 'resolvedOn');
  if (compareDates(on, commitment.madeOn) < 0) throw new CreditRuleError('DATE_ORDER_INVALID', { field: 'resolvedOn' });
  return { ...commitment, outcome, resolvedOn: on };
}

export type CommitmentStatus = 'pending' | 'overdue' | 'kept' | 'broken';

/**
 * Status on `today`. 'overdue' (past due, not yet resolved) is a prompt for the supervisor to decide; it is not
 * treated as broken automatically, because a commitment may be kept with evidence that arrives late.
 */
export function commitmentStatus(commitment: Commitment, today: CalendarDate): CommitmentStatus {
  if (commitment.outcome !== 'pending' && commitment.resolvedOn !== undefined && compareDates(commitment.resolvedOn, today) <= 0) {
    return commitment.outcome;
  }
  return compareDates(today, commitment.dueOn) > 0 ? 'overdue' : 'pending';
}

/** The risk-class indicator entries for commitments resolved on or before `asOf`, dated by resolution. */
export function commitmentIndicators(commitments: readonly Commitment[], asOf: CalendarDate): RiskIndicators['commitments'] {
  return commitments
    .filter((c) => c.outcome !== 'pending' && c.resolvedOn !== undefined && compareDates(c.resolvedOn, asOf) <= 0)
    .map((c) => ({ outcome: c.outcome as CommitmentOutcome, date: c.resolvedOn as CalendarDate }));
}

/** The credit record of a resolved commitment (null while pending), dated by its resolution. */
export function commitmentRecord(commitment: Commitment, source: RecordSource): CreditRecord | null {
  if (commitment.outcome === 'pending' || commitment.resolvedOn === undefined) return null;
  return { id: `commitment:${commitment.id}`, orgId: commitment.orgId, source, date: commitment.resolvedOn, kind: 'commitment', outcome: commitment.outcome };
}
