import { describe, expect, it } from 'vitest';
import { conflictsOf, type ApplicationFacts, type ReviewerFacts } from './conflicts.js';

const REVIEWER: ReviewerFacts = { userId: 'u1', name: '王建国', email: 'wang@neu.edu.cn', orgId: 'neu', declaredCoAuthors: [] };
const APP: ApplicationFacts = { orgId: 'dlut', challengeOwnerOrgIds: ['ent1'], team: [{ name: '李明', email: 'liming@dlut.edu.cn' }, { name: '赵强' }], coAuthors: [] };

const TABLE: { name: string; reviewer?: Partial<ReviewerFacts>; app?: Partial<ApplicationFacts>; codes: string[] }[] = [
  { name: 'an independent expert', codes: [] },
  { name: 'same organisation as the applicant', reviewer: { orgId: 'dlut' }, codes: ['SAME_ORGANISATION'] },
  { name: 'works for the enterprise that set the challenge', reviewer: { orgId: 'ent1' }, codes: ['CHALLENGE_OWNER'] },
  { name: 'a reviewer without organisation', reviewer: { orgId: null }, app: { orgId: 'dlut' }, codes: [] },
  { name: 'listed in the team (by name, spaces ignored)', app: { team: [{ name: '王 建国' }] }, codes: ['TEAM_MEMBER'] },
  { name: 'listed in the team by e-mail', app: { team: [{ name: 'J. Wang', email: 'WANG@neu.edu.cn' }] }, codes: ['TEAM_MEMBER'] },
  { name: 'the team declared the reviewer a co-author by e-mail', app: { coAuthors: ['wang@neu.edu.cn'] }, codes: ['DECLARED_CO_AUTHOR'] },
  { name: 'the team declared the reviewer a co-author by name', app: { coAuthors: ['王建国'] }, codes: ['DECLARED_CO_AUTHOR'] },
  { name: 'a declared co-author with another name', app: { coAuthors: ['王建军', 'someone@else.cn'] }, codes: [] },
  { name: 'the reviewer declared co-authorship with a team member', reviewer: { declaredCoAuthors: ['李明'] }, codes: ['REVIEWER_DECLARED_CO_AUTHOR'] },
  { name: 'the reviewer declared a team member by e-mail', reviewer: { declaredCoAuthors: ['liming@dlut.edu.cn'] }, codes: ['REVIEWER_DECLARED_CO_AUTHOR'] },
  { name: 'the reviewer declared someone not in the team', reviewer: { declaredCoAuthors: ['张三'] }, codes: [] },
  { name: 'several reasons at once', reviewer: { orgId: 'dlut', declaredCoAuthors: ['赵强'] }, app: { coAuthors: ['王建国'] }, codes: ['SAME_ORGANISATION', 'DECLARED_CO_AUTHOR', 'REVIEWER_DECLARED_CO_AUTHOR'] },
];

describe('reviewer conflicts of interest (table)', () => {
  it.each(TABLE)('$name → [$codes]', ({ reviewer, app, codes }) => {
    const r = conflictsOf({ ...REVIEWER, ...reviewer }, { ...APP, ...app });
    expect(r.map((x) => x.code)).toEqual(codes);
  });
});
