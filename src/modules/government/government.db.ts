import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';
import type { KernelContext } from '../../kernel/context.js';
import type { Actor } from '../../kernel/auth/index.js';
import { AppError } from '../../kernel/errors.js';
import type { GovernmentTables } from './government.table.js';

/** The database as this module sees it (its own tables added to the platform's). */
export type GovDB = DB & GovernmentTables;

export function govDb(ctx: KernelContext<DB>): Kysely<GovDB> {
  return ctx.db as unknown as Kysely<GovDB>;
}

export function isGovOrAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'government' || actor.role === 'admin'));
}

export function denied(actor: Actor): AppError {
  return new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
}

export function requireGovOrAdmin(actor: Actor): void {
  if (!isGovOrAdmin(actor)) throw denied(actor);
}

export function requireAdmin(actor: Actor): void {
  if (!(actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin'))) throw denied(actor);
}
