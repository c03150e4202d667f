/**
 * Conflict of interest (回避) between a reviewer and an application: the reviewer works for the applying organisation
 * or for an enterprise that set the challenge, is a member of the team, or is a declared co-author — declared by the
 * team on the application, or by the reviewer on assignment. People are compared by e-mail, else by name. Pure.
 */
import type { Reason } from './eligibility.js';

export interface ReviewerFacts {
  userId: string;
  name: string;
  email: string;
  orgId: string | null;
  /** co-authors the reviewer declared (names or e-mails) */
  declaredCoAuthors: string[];
}

export interface ApplicationFacts {
  orgId: string;
  /** the enterprises whose demands make up the challenge */
  challengeOwnerOrgIds: string[];
  team: { name: string; email?: string | null }[];
  /** co-authors the team declared (names or e-mails) */
  coAuthors: string[];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function samePerson(a: { name: string; email?: string | null }, b: string): boolean {
  const x = norm(b);
  if (!x) return false;
  if (x.includes('@')) return !!a.email && norm(a.email) === x;
  return norm(a.name) === x;
}

/** Every reason the reviewer must not review the application; empty when there is none. */
export function conflictsOf(reviewer: ReviewerFacts, app: ApplicationFacts): Reason[] {
  const out: Reason[] = [];
  const me = { name: reviewer.name, email: reviewer.email };
  if (reviewer.orgId && reviewer.orgId === app.orgId) out.push({ code: 'SAME_ORGANISATION', zh: '评审专家与申报单位为同一单位', en: 'the reviewer works for the applying organisation' });
  if (reviewer.orgId && app.challengeOwnerOrgIds.includes(reviewer.orgId)) out.push({ code: 'CHALLENGE_OWNER', zh: '评审专家来自发榜企业', en: 'the reviewer works for an enterprise that set the challenge' });
  if (app.team.some((m) => (m.email && norm(m.email) === norm(reviewer.email)) || norm(m.name) === norm(reviewer.name))) {
    out.push({ code: 'TEAM_MEMBER', zh: '评审专家是申报团队成员', en: 'the reviewer is a member of the team' });
  }
  if (app.coAuthors.some((c) => samePerson(me, c))) out.push({ code: 'DECLARED_CO_AUTHOR', zh: '申报团队申报了与该专家的合著关系', en: 'the team declared the reviewer as a co-author' });
  const hit = reviewer.declaredCoAuthors.find((c) => app.team.some((m) => samePerson(m, c)));
  if (hit) out.push({ code: 'REVIEWER_DECLARED_CO_AUTHOR', zh: `评审专家申报了与团队成员（${hit}）的合著关系`, en: `the reviewer declared co-authorship with a team member (${hit})` });
  return out;
}
