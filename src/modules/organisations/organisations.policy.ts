import { definePolicy, type Actor } from '../../kernel/auth/index.js';
import type { OrganisationRow } from './organisations.table.js';

function isMemberAdmin(actor: Actor, org: OrganisationRow): boolean {
  return actor.kind === 'user' && actor.orgId === org.id && actor.orgAdmin;
}

export const organisationPolicy = definePolicy<OrganisationRow>('organisation', {
  read: () => true, // public profile data only; presenters decide what is public
  create: (actor) => actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin'),
  update: (actor, org) => actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin') || isMemberAdmin(actor, org),
  verify: (actor) => actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin'),
  manageMembers: (actor, org) => actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin') || isMemberAdmin(actor, org),
  listMembers: (actor, org) => actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'admin' || actor.orgId === org.id)),
});
