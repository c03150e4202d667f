import { describe, expect, it } from 'vitest';
import { availableActions, LISTING_ACTIONS, LISTING_STATUSES, transition, type ActionBy, type ListingAction, type ListingStatus } from './lifecycle.js';

describe('listing lifecycle', () => {
  const table: [ListingStatus, ListingAction, ActionBy, ListingStatus | string][] = [
    ['draft', 'submit', 'owner', 'submitted'],
    ['rejected', 'submit', 'owner', 'submitted'],
    ['submitted', 'withdraw', 'owner', 'draft'],
    ['submitted', 'approve', 'admin', 'published'],
    ['submitted', 'approve', 'owner', 'LISTING_ACTION_FORBIDDEN'],
    ['draft', 'approve', 'admin', 'LISTING_STATUS_INVALID'],
    ['published', 'negotiate', 'system', 'in_negotiation'],
    ['in_negotiation', 'resume', 'system', 'published'],
    ['in_negotiation', 'solve', 'owner', 'solved'],
    ['published', 'close', 'owner', 'closed'],
    ['solved', 'close', 'owner', 'LISTING_STATUS_INVALID'],
    ['published', 'expire', 'system', 'expired'],
    ['published', 'expire', 'owner', 'LISTING_ACTION_FORBIDDEN'],
    ['expired', 'reopen', 'owner', 'submitted'],
    ['closed', 'reopen', 'owner', 'submitted'],
    ['published', 'edit', 'owner', 'draft'],
    ['rejected', 'edit', 'owner', 'rejected'],
    ['solved', 'edit', 'owner', 'LISTING_STATUS_INVALID'],
  ];

  it.each(table)('%s --%s by %s--> %s', (from, action, by, expected) => {
    const r = transition(from, action, by, 'reason');
    expect(r.ok ? r.to : r.code).toBe(expected);
  });

  it('rejection needs a reason', () => {
    expect(transition('submitted', 'reject', 'admin', '  ')).toEqual({ ok: false, code: 'LISTING_REASON_REQUIRED' });
    expect(transition('submitted', 'reject', 'admin', '描述过于笼统')).toEqual({ ok: true, to: 'rejected' });
  });

  it('no transition leads out of the known states, and solved is terminal for owners', () => {
    for (const from of LISTING_STATUSES) {
      for (const action of LISTING_ACTIONS) {
        for (const by of ['owner', 'admin', 'system'] as const) {
          const r = transition(from, action, by, 'x');
          if (r.ok) expect(LISTING_STATUSES).toContain(r.to);
        }
      }
    }
    expect(availableActions('solved', 'owner')).toEqual([]);
    expect(availableActions('submitted', 'admin')).toEqual(['approve', 'reject', 'close']);
  });
});
