import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../kernel/auth/index.js';
import { canReadDetail, canSeeListing, type ListingAccessFacts } from './access.js';

const user = (id: string, orgId: string | null, role: any = 'enterprise'): Actor => ({ kind: 'user', userId: id, email: `${id}@x.cn`, name: id, role, orgId, orgAdmin: false, via: 'session' });
const facts: ListingAccessFacts = { status: 'published', ownerOrgId: 'org-owner', brokerUserIds: ['u-broker'], ndaOrgIds: ['org-nda'] };

describe('listing confidentiality', () => {
  it.each([
    ['anonymous', ANONYMOUS, true, false],
    ['owner member', user('u1', 'org-owner'), true, true],
    ['assigned broker', user('u-broker', 'org-b', 'broker'), true, true],
    ['org with accepted NDA', user('u2', 'org-nda'), true, true],
    ['third organisation', user('u3', 'org-third'), true, false],
    ['government user', user('u4', 'org-gov', 'government'), true, false],
    ['admin', user('u5', null, 'admin'), true, true],
  ])('%s: sees=%s detail=%s', (_, actor, sees, detail) => {
    expect(canSeeListing(actor, facts)).toBe(sees);
    expect(canReadDetail(actor, facts)).toBe(detail);
  });

  it('hides unpublished listings from everyone but owner, brokers and admins', () => {
    const draft = { ...facts, status: 'draft' as const };
    expect(canSeeListing(ANONYMOUS, draft)).toBe(false);
    expect(canSeeListing(user('u2', 'org-nda'), draft)).toBe(false);
    expect(canReadDetail(user('u2', 'org-nda'), draft)).toBe(false);
    expect(canSeeListing(user('u1', 'org-owner'), draft)).toBe(true);
  });
});
