/**
 * Eligibility of a team for a challenge (揭榜资格审查). Every rule is checked and every failing one is returned with a
 * stable code and a zh-CN/en message — an applicant sees all that stands in the way at once, not only the first. Pure.
 */
export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export type CreditClass = 'A' | 'B' | 'C' | 'D';
export const CREDIT_ORDER: CreditClass[] = ['A', 'B', 'C', 'D'];

/** The programme's eligibility rules (申报条件). Empty lists mean "any". */
export interface EligibilityRules {
  /** GB/T 2260 code prefixes the applicant's registered region must start with, e.g. ["21"] for Liaoning */
  regions: string[];
  /** organisation types that may apply, e.g. ["university", "institute", "enterprise"] */
  orgTypes: string[];
  /** organisations on the abnormal list (经营异常名录) are refused */
  excludeAbnormalList: boolean;
  /** organisations on the serious list (严重违法失信名单) are refused — on by default, 失信惩戒 */
  excludeSeriousList: boolean;
  /** the worst credit risk class still admitted (A best … D worst); null: no class requirement */
  worstCreditClass: CreditClass | null;
  /** how an organisation not yet rated counts against worstCreditClass */
  unratedCountsAs: CreditClass;
}

export interface Applicant {
  orgId: string;
  orgType: string;
  regionCode: string | null;
  deregistered: boolean;
  credit: { abnormal: boolean; serious: boolean; riskClass: CreditClass | null };
  /** the requested budget, fen */
  budgetFen: number;
}

export interface ChallengeFacts {
  status: string; // only 'open' accepts applications
  today: string; // YYYY-MM-DD Asia/Shanghai
  applyFrom: string;
  applyUntil: string;
  /** total funding of the challenge (government budget + enterprise co-funding), fen */
  fundingFen: number;
  /** the enterprises whose demands the challenge was made from — they set the task and cannot take it */
  ownerOrgIds: string[];
  /** organisations that already hold an active application to this challenge */
  appliedOrgIds: string[];
}

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
}

const TYPE_ZH: Record<string, string> = {
  enterprise: '企业', university: '高校', institute: '科研院所', broker_agency: '技术转移机构', pilot_base: '中试基地', demonstration_base: '示范基地',
  incubator: '孵化器', bank: '银行', guarantee: '担保机构', insurer: '保险机构', investor: '投资机构', government: '政府部门',
};
const wan = (fen: number) => `${fen / 1_000_000}`;

export function checkEligibility(rules: EligibilityRules, applicant: Applicant, challenge: ChallengeFacts): Eligibility {
  const reasons: Reason[] = [];
  const add = (code: string, zh: string, en: string) => reasons.push({ code, zh, en });

  if (challenge.status !== 'open') add('CHALLENGE_NOT_OPEN', '该榜单当前不接受揭榜申请', 'the challenge is not accepting applications');
  else if (challenge.today < challenge.applyFrom) add('BEFORE_APPLICATION_WINDOW', `揭榜申请自 ${challenge.applyFrom} 开始`, `applications open on ${challenge.applyFrom}`);
  else if (challenge.today > challenge.applyUntil) add('AFTER_APPLICATION_WINDOW', `揭榜申请已于 ${challenge.applyUntil} 截止`, `applications closed on ${challenge.applyUntil}`);

  if (rules.regions.length && !rules.regions.some((p) => applicant.regionCode?.startsWith(p))) {
    add('REGION_NOT_ALLOWED', `注册地（${applicant.regionCode ?? '未填写'}）不在申报范围（${rules.regions.join('、')}）内`, `registered region (${applicant.regionCode ?? 'none'}) is outside ${rules.regions.join(', ')}`);
  }
  if (rules.orgTypes.length && !rules.orgTypes.includes(applicant.orgType)) {
    add('ORG_TYPE_NOT_ALLOWED', `单位类型（${TYPE_ZH[applicant.orgType] ?? applicant.orgType}）不在申报范围（${rules.orgTypes.map((t) => TYPE_ZH[t] ?? t).join('、')}）内`, `organisation type ${applicant.orgType} is not among ${rules.orgTypes.join(', ')}`);
  }
  if (applicant.deregistered) add('DEREGISTERED', '单位已注销', 'the organisation has been deregistered');
  if (rules.excludeSeriousList && applicant.credit.serious) add('SERIOUS_LIST', '单位被列入严重违法失信名单', 'the organisation is on the serious list');
  if (rules.excludeAbnormalList && applicant.credit.abnormal) add('ABNORMAL_LIST', '单位被列入经营异常名录', 'the organisation is on the abnormal list');
  if (rules.worstCreditClass) {
    const cls = applicant.credit.riskClass ?? rules.unratedCountsAs;
    if (CREDIT_ORDER.indexOf(cls) > CREDIT_ORDER.indexOf(rules.worstCreditClass)) {
      const rated = applicant.credit.riskClass ? `信用风险分类为 ${cls} 类` : `尚无信用风险分类（按 ${cls} 类计）`;
      add('CREDIT_CLASS_TOO_LOW', `${rated}，要求 ${rules.worstCreditClass} 类或更好`, `credit risk class ${cls}${applicant.credit.riskClass ? '' : ' (unrated)'} is below the required ${rules.worstCreditClass}`);
    }
  }
  if (challenge.ownerOrgIds.includes(applicant.orgId)) add('OWN_CHALLENGE', '发榜企业不能揭自己的榜', 'an enterprise that set the challenge cannot apply to it');
  if (challenge.appliedOrgIds.includes(applicant.orgId)) add('ALREADY_APPLIED', '本单位已揭此榜', 'your organisation has already applied');
  if (applicant.budgetFen > challenge.fundingFen) add('BUDGET_OVER_FUNDING', `申请经费 ${wan(applicant.budgetFen)} 万元超过榜单经费 ${wan(challenge.fundingFen)} 万元`, `the budget of ${wan(applicant.budgetFen)} (10k CNY) exceeds the challenge's ${wan(challenge.fundingFen)}`);
  return { eligible: reasons.length === 0, reasons };
}
