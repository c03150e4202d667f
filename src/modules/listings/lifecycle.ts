/**
 * Listing lifecycle shared by demands (技术需求) and achievements (科技成果).
 *
 *   draft ─submit→ submitted ─approve→ published ─negotiate→ in_negotiation ─solve→ solved
 *     ↑               │  └withdraw→ draft      │  ↑                 │
 *     └──edit── rejected ←reject─┘             │  └──resume─────────┘
 *                                  published/in_negotiation ─close→ closed ─reopen→ submitted
 *                                  published ─expire→ expired ─reopen→ submitted
 */
export const LISTING_STATUSES = ['draft', 'submitted', 'rejected', 'published', 'in_negotiation', 'solved', 'closed', 'expired'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const LISTING_ACTIONS = ['submit', 'withdraw', 'approve', 'reject', 'negotiate', 'resume', 'solve', 'close', 'expire', 'reopen', 'edit'] as const;
export type ListingAction = (typeof LISTING_ACTIONS)[number];

/** Who may trigger an action: the owner organisation, an admin reviewer, or the platform (jobs, deal workflows). */
export type ActionBy = 'owner' | 'admin' | 'system';

interface Transition {
  from: readonly ListingStatus[];
  to: ListingStatus;
  by: readonly ActionBy[];
  /** a reason text is required (rejection) */
  needsReason?: boolean;
}

export const TRANSITIONS: Record<ListingAction, Transition> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', by: ['owner', 'admin'] },
  withdraw: { from: ['submitted'], to: 'draft', by: ['owner'] },
  approve: { from: ['submitted'], to: 'published', by: ['admin', 'system'] },
  reject: { from: ['submitted'], to: 'rejected', by: ['admin', 'system'], needsReason: true },
  negotiate: { from: ['published'], to: 'in_negotiation', by: ['owner', 'admin', 'system'] },
  resume: { from: ['in_negotiation'], to: 'published', by: ['owner', 'admin', 'system'] },
  solve: { from: ['published', 'in_negotiation'], to: 'solved', by: ['owner', 'admin', 'system'] },
  close: { from: ['draft', 'submitted', 'rejected', 'published', 'in_negotiation'], to: 'closed', by: ['owner', 'admin'] },
  expire: { from: ['published'], to: 'expired', by: ['system', 'admin'] },
  reopen: { from: ['closed', 'expired'], to: 'submitted', by: ['owner', 'admin'] },
  // Editing a published listing sends it back to review, so nothing unreviewed is ever public.
  edit: { from: ['draft', 'rejected', 'published', 'submitted'], to: 'draft', by: ['owner', 'admin'] },
};

export type TransitionResult = { ok: true; to: ListingStatus } | { ok: false; code: 'LISTING_STATUS_INVALID' | 'LISTING_ACTION_FORBIDDEN' | 'LISTING_REASON_REQUIRED' };

export function transition(from: ListingStatus, action: ListingAction, by: ActionBy, reason?: string | null): TransitionResult {
  const t = TRANSITIONS[action];
  if (!t.by.includes(by)) return { ok: false, code: 'LISTING_ACTION_FORBIDDEN' };
  if (!t.from.includes(from)) return { ok: false, code: 'LISTING_STATUS_INVALID' };
  if (t.needsReason && !(reason && reason.trim())) return { ok: false, code: 'LISTING_REASON_REQUIRED' };
  // edit keeps drafts/rejected where they are; a published or submitted listing goes back to draft for re-review
  if (action === 'edit') return { ok: true, to: from === 'rejected' ? 'rejected' : 'draft' };
  return { ok: true, to: t.to };
}

/** Statuses anonymous visitors and other organisations can see (the public market). */
export const PUBLIC_STATUSES: readonly ListingStatus[] = ['published', 'in_negotiation', 'solved'];

export function isPublicStatus(s: ListingStatus): boolean {
  return PUBLIC_STATUSES.includes(s);
}

/** Actions the given party could take now, for the UI's buttons. */
export function availableActions(from: ListingStatus, by: ActionBy): ListingAction[] {
  return LISTING_ACTIONS.filter((a) => a !== 'edit' && TRANSITIONS[a].by.includes(by) && TRANSITIONS[a].from.includes(from));
}
