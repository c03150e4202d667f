import type { ApiTokenRow, UserRow } from './accounts.table.js';

export function presentUser(u: UserRow) {
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisation_id, orgAdmin: u.org_admin === 1,
    status: u.status, createdAt: u.created_at, lastLoginAt: u.last_login_at,
  };
}

export function presentToken(t: ApiTokenRow) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, expiresAt: t.expires_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at };
}
