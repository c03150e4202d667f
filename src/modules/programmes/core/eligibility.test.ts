import { describe, expect, it } from 'vitest';
import { checkEligibility, type Applicant, type ChallengeFacts, type EligibilityRules } from './eligibility.js';

const RULES: EligibilityRules = { regions: ['21'], orgTypes: ['enterprise', 'university', 'institute'], excludeAbnormalList: true, excludeSeriousList: true, worstCreditClass: 'C', unratedCountsAs: 'B' };
const OK: Applicant = { orgId: 'team', orgType: 'university', regionCode: '210200', deregistered: false, credit: { abnormal: false, serious: false, riskClass: 'A' }, budgetFen: 300_000_000 };
const OPEN: ChallengeFacts = { status: 'open', today: '2026-12-01', applyFrom: '2026-11-27', applyUntil: '2026-12-31', fundingFen: 500_000_000, ownerOrgIds: ['ent1', 'ent2'], appliedOrgIds: ['other'] };

// one row per case: what differs from the eligible applicant / open challenge / rules, and the expected reason codes
const TABLE: { name: string; rules?: Partial<EligibilityRules>; applicant?: Partial<Applicant>; challenge?: Partial<ChallengeFacts>; codes: string[] }[] = [
  { name: 'a Liaoning university within budget', codes: [] },
  { name: 'an enterprise in 沈阳', applicant: { orgType: 'enterprise', regionCode: '210100' }, codes: [] },
  { name: 'registered outside Liaoning (Beijing)', applicant: { regionCode: '110108' }, codes: ['REGION_NOT_ALLOWED'] },
  { name: 'no registered region', applicant: { regionCode: null }, codes: ['REGION_NOT_ALLOWED'] },
  { name: 'any region when the rule is empty', rules: { regions: [] }, applicant: { regionCode: '110108' }, codes: [] },
  { name: 'only 大连 admitted, applicant in 沈阳', rules: { regions: ['2102'] }, applicant: { regionCode: '210100' }, codes: ['REGION_NOT_ALLOWED'] },
  { name: 'a bank may not apply', applicant: { orgType: 'bank' }, codes: ['ORG_TYPE_NOT_ALLOWED'] },
  { name: 'on the serious list', applicant: { credit: { abnormal: false, serious: true, riskClass: 'D' } }, codes: ['SERIOUS_LIST', 'CREDIT_CLASS_TOO_LOW'] },
  { name: 'on the abnormal list', applicant: { credit: { abnormal: true, serious: false, riskClass: 'B' } }, codes: ['ABNORMAL_LIST'] },
  { name: 'abnormal list admitted when the rule is off', rules: { excludeAbnormalList: false }, applicant: { credit: { abnormal: true, serious: false, riskClass: 'B' } }, codes: [] },
  { name: 'class C is the worst admitted', applicant: { credit: { abnormal: false, serious: false, riskClass: 'C' } }, codes: [] },
  { name: 'class D is below C', applicant: { credit: { abnormal: false, serious: false, riskClass: 'D' } }, codes: ['CREDIT_CLASS_TOO_LOW'] },
  { name: 'unrated counts as B, admitted under C', applicant: { credit: { abnormal: false, serious: false, riskClass: null } }, codes: [] },
  { name: 'unrated counts as B, refused under A', rules: { worstCreditClass: 'A' }, applicant: { credit: { abnormal: false, serious: false, riskClass: null } }, codes: ['CREDIT_CLASS_TOO_LOW'] },
  { name: 'no class requirement', rules: { worstCreditClass: null }, applicant: { credit: { abnormal: false, serious: false, riskClass: 'D' } }, codes: [] },
  { name: 'deregistered', applicant: { deregistered: true }, codes: ['DEREGISTERED'] },
  { name: 'the enterprise that set the task', applicant: { orgId: 'ent2', orgType: 'enterprise' }, codes: ['OWN_CHALLENGE'] },
  { name: 'a second application', applicant: { orgId: 'other' }, codes: ['ALREADY_APPLIED'] },
  { name: 'budget equal to the funding', applicant: { budgetFen: 500_000_000 }, codes: [] },
  { name: 'budget one fen over the funding', applicant: { budgetFen: 500_000_001 }, codes: ['BUDGET_OVER_FUNDING'] },
  { name: 'before the window', challenge: { today: '2026-11-26' }, codes: ['BEFORE_APPLICATION_WINDOW'] },
  { name: 'on the last day', challenge: { today: '2026-12-31' }, codes: [] },
  { name: 'after the window', challenge: { today: '2027-01-01' }, codes: ['AFTER_APPLICATION_WINDOW'] },
  { name: 'challenge under review', challenge: { status: 'review' }, codes: ['CHALLENGE_NOT_OPEN'] },
  {
    name: 'every failing rule is reported, not only the first',
    applicant: { orgType: 'bank', regionCode: '110108', credit: { abnormal: true, serious: true, riskClass: 'D' }, budgetFen: 600_000_000 },
    challenge: { today: '2027-02-01' },
    codes: ['AFTER_APPLICATION_WINDOW', 'REGION_NOT_ALLOWED', 'ORG_TYPE_NOT_ALLOWED', 'SERIOUS_LIST', 'ABNORMAL_LIST', 'CREDIT_CLASS_TOO_LOW', 'BUDGET_OVER_FUNDING'],
  },
];

describe('challenge eligibility (table)', () => {
  it.each(TABLE)('$name → [$codes]', ({ rules, applicant, challenge, codes }) => {
    const r = checkEligibility({ ...RULES, ...rules }, { ...OK, ...applicant }, { ...OPEN, ...challenge });
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.eligible).toBe(codes.length === 0);
    for (const x of r.reasons) expect(x.zh.length > 0 && x.en.length > 0).toBe(true);
  });

  it('names the region and the required class in the messages', () => {
    const r = checkEligibility(RULES, { ...OK, regionCode: '110108', credit: { abnormal: false, serious: false, riskClass: 'D' } }, OPEN);
    expect(r.reasons[0].zh).toContain('110108');
    expect(r.reasons[1].zh).toContain('D 类');
    expect(r.reasons[1].en).toContain('required C');
  });
});
