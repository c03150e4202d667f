import type { Role } from '../auth/index.js';

/**
 * The expected access of a route, declared beside it (`config: { access: … }`) and checked by the generated
 * authorization matrix (test/authz-matrix.test.ts: every route × every role × owner or not). A route without a
 * declaration fails that test.
 */
export interface RouteAccess {
  /**
   * Who gets past the role gate: 'everyone' (anonymous too — the route must also be `public: true`),
   * 'signed-in' (every role), or the list of roles. Everyone else is refused with 401 (anonymous) or 403.
   */
  roles: 'everyone' | 'signed-in' | readonly Role[];
  /**
   * Only the owner of the subject (its organisation, the parties of a deal or contract, the applicant …) succeeds
   * among those roles; a non-owner is refused (403, or 404 where existence is confidential). Platform admins pass.
   */
  owner?: boolean;
  /** finer rules the matrix cannot see (org admin only, state-dependent, …) — documentation */
  note?: string;
}

export function rolesOf(access: RouteAccess, all: readonly Role[]): Set<'anonymous' | Role> {
  if (access.roles === 'everyone') return new Set(['anonymous', ...all]);
  if (access.roles === 'signed-in') return new Set(all);
  return new Set(access.roles);
}
