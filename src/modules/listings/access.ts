import type { Actor } from '../../kernel/auth/index.js';
import { isPublicStatus, type ListingStatus } from './lifecycle.js';

/** The facts that decide who sees a listing and its confidential detail (保密详情). */
export interface ListingAccessFacts {
  status: ListingStatus;
  ownerOrgId: string;
  brokerUserIds: readonly string[];
  /** organisations whose NDA (保密协议) for this listing has been accepted */
  ndaOrgIds: readonly string[];
}

export function isOwner(actor: Actor, f: Pick<ListingAccessFacts, 'ownerOrgId'>): boolean {
  return actor.kind === 'user' && actor.orgId === f.ownerOrgId;
}

function isPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
}

/** Public listings are visible to all; drafts and listings under review only to the owner, assigned brokers and admins. */
export function canSeeListing(actor: Actor, f: ListingAccessFacts): boolean {
  if (isPublicStatus(f.status)) return true;
  if (isPlatformAdmin(actor) || isOwner(actor, f)) return true;
  return actor.kind === 'user' && f.brokerUserIds.includes(actor.userId);
}

/** Confidential detail: only the owner, assigned brokers, admins, and organisations with an accepted NDA. */
export function canReadDetail(actor: Actor, f: ListingAccessFacts): boolean {
  if (isPlatformAdmin(actor) || isOwner(actor, f)) return true;
  if (actor.kind !== 'user') return false;
  if (f.brokerUserIds.includes(actor.userId)) return true;
  return actor.orgId !== null && f.ndaOrgIds.includes(actor.orgId) && canSeeListing(actor, f);
}

export function canEditListing(actor: Actor, f: ListingAccessFacts): boolean {
  return isPlatformAdmin(actor) || (isOwner(actor, f) && actor.kind === 'user');
}
