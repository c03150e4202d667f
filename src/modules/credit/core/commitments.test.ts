import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import { commitmentIndicators, commitmentRecord, commitmentStatus, makeCommitment, resolveCommitment, type NewCommitment } from './commitments.js';
import { emptyIndicators, scoreOrganisation } from './risk-class.js';

const draft: NewCommitment = {
  id: 'c1',
  orgId: 'org-1',
  purpose: 'licence_notification',
  content: '  三个月内补齐中试基地安全评价报告  ',
  madeOn: '2025-01-10',
  dueOn: '2025-04-10',
};

describe('credit commitments (信用承诺)', () => {
  it('are made pending with trimmed content', () => {
    expect(makeCommitment(draft)).toMatchObject({ outcome: 'pending', content: '三个月内补齐中试基地安全评价报告' });
  });

  it.each([
    ['empty content', { content: '  ' }, 'COMMITMENT_INVALID'],
    ['due before made', { dueOn: '2025-01-09' }, 'DATE_ORDER_INVALID'],
    ['an impossible date', { madeOn: '2025-02-30' }, 'DATE_INVALID'],
  ])('reject %s', (_, over, code) => {
    expect(() => makeCommitment({ ...draft, ...over })).toThrowError(expect.objectContaining({ code }));
  });

  it('are resolved once', () => {
    const kept = resolveCommitment(makeCommitment(draft), 'kept', '2025-04-01');
    expect(kept).toMatchObject({ outcome: 'kept', resolvedOn: '2025-04-01' });
    expect(() => resolveCommitment(kept, 'broken', '2025-05-01')).toThrowError(expect.objectContaining({ code: 'COMMITMENT_ALREADY_RESOLVED' }));
    expect(() => resolveCommitment(makeCommitment(draft), 'kept', '2024-12-31')).toThrowError(expect.objectContaining({ code: 'DATE_ORDER_INVALID' }));
  });

  it.each([
    ['pending before due', null, '2025-04-10', 'pending'],
    ['overdue after due', null, '2025-04-11', 'overdue'],
    ['kept', 'kept', '2025-05-01', 'kept'],
    ['broken, seen after the decision', 'broken', '2025-05-01', 'broken'],
    ['broken, seen before the decision date', 'broken', '2025-04-11', 'overdue'],
  ] as const)('status: %s', (_, outcome, today, want) => {
    const c = makeCommitment(draft);
    const resolved = outcome ? resolveCommitment(c, outcome, '2025-04-20') : c;
    expect(commitmentStatus(resolved, today)).toBe(want);
  });

  it('broken commitments lower the class through the risk indicators', () => {
    const params = creditParams();
    const commitments = ['a', 'b'].map((id) => resolveCommitment(makeCommitment({ ...draft, id }), 'broken', '2025-04-20'));
    const before = scoreOrganisation({ ...emptyIndicators(), annualReport: 'on_time' }, params, '2025-06-30');
    const after = scoreOrganisation({ ...emptyIndicators(), annualReport: 'on_time', commitments: commitmentIndicators(commitments, '2025-06-30') }, params, '2025-06-30');
    expect(before.class).toBe('B');
    expect(after.class).toBe('C');
    expect(after.breakdown.find((e) => e.indicator === 'commitment.broken')).toMatchObject({ count: 2, points: 20 });
    expect(commitmentIndicators(commitments, '2025-04-19')).toEqual([]);
  });

  it('become credit records once resolved', () => {
    const source = { type: 'authority', name: '大连市市场监督管理局' } as const;
    expect(commitmentRecord(makeCommitment(draft), source)).toBeNull();
    expect(commitmentRecord(resolveCommitment(makeCommitment(draft), 'broken', '2025-04-20'), source)).toEqual({
      id: 'commitment:c1',
      orgId: 'org-1',
      source,
      date: '2025-04-20',
      kind: 'commitment',
      outcome: 'broken',
    });
  });
});
