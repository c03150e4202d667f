import { AppError } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * A policy answers whether an actor may perform an action on a subject. Each module defines one
 * (`<module>.policy.ts`) and registers it under its subject type; services call `authorize` before any work.
 */
export type Policy<S> = Record<string, (actor: Actor, subject: S) => boolean>;

const policies = new Map<string, Policy<any>>();

export function definePolicy<S>(subjectType: string, policy: Policy<S>): Policy<S> {
  policies.set(subjectType, policy);
  return policy;
}

export function can<S>(actor: Actor, action: string, subjectType: string, subject: S): boolean {
  const rule = policies.get(subjectType)?.[action];
  if (!rule) throw new Error(`no policy rule for ${subjectType}.${action}`);
  return rule(actor, subject);
}

/** Throws UNAUTHENTICATED for anonymous actors and FORBIDDEN for signed-in ones when the policy says no. */
export function authorize<S>(actor: Actor, action: string, subjectType: string, subject: S): void {
  if (can(actor, action, subjectType, subject)) return;
  throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN', { action, subjectType });
}
