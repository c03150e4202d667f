/**
 * Policy eligibility (惠企政策直达): one pure function decides whether an organisation meets a policy's structured
 * conditions, and says, condition by condition, which it meets and which it misses — in Chinese and English.
 *
 * A condition left empty (empty list, null bound) does not apply and yields no reason. A fact the platform does not
 * know (no region, size not declared, no rated credit class, no achievement with a TRL) misses the condition it is
 * needed for, with a reason that says what is missing — an enterprise can then complete its profile.
 */
import { regionPrefix } from '../../reference/index.js';

export const ORG_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type OrgSize = (typeof ORG_SIZES)[number];
export const SIZE_ZH: Record<OrgSize, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
export const SIZE_EN: Record<OrgSize, string> = { large: 'large', medium: 'medium-sized', small: 'small', micro: 'micro' };

export const COMPANY_STAGES = ['idea', 'seed', 'startup', 'growth', 'mature'] as const;
export type CompanyStage = (typeof COMPANY_STAGES)[number];
const STAGE_ZH: Record<CompanyStage, string> = { idea: '创意期', seed: '种子期', startup: '初创期', growth: '成长期', mature: '成熟期' };

export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CREDIT_CLASSES)[number];

export const ORG_TYPE_ZH: Record<string, string> = {
  enterprise: '企业', university: '高校', institute: '科研院所', broker_agency: '技术转移机构', pilot_base: '中试基地', demonstration_base: '示范基地', incubator: '孵化载体',
  bank: '银行', guarantee: '担保机构', insurer: '保险机构', investor: '投资机构', government: '政府部门',
};

export const CONDITION_KINDS = ['region', 'orgType', 'size', 'industry', 'flagsAll', 'flagsAny', 'trl', 'stage', 'creditClass'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** A policy's conditions; every one left empty applies to everybody. */
export interface PolicyConditions {
  /** GB/T 2260 codes; the organisation must be registered inside one of them (210000 = all Liaoning). */
  regions: string[];
  /** organisation types admitted (enterprise, university …) */
  orgTypes: string[];
  /** enterprise sizes admitted (工信部划型: large / medium / small / micro) */
  sizes: OrgSize[];
  /** taxonomy code prefixes; one of the organisation's industries must fall under one */
  industries: string[];
  /** flags the organisation must all hold (专精特新, 高新技术企业 …) */
  flagsAll: string[];
  /** flags of which the organisation must hold at least one */
  flagsAny: string[];
  /** the TRL range of the organisation's achievements must reach into [trlMin, trlMax] */
  trlMin: number | null;
  trlMax: number | null;
  /** company stages admitted */
  stages: CompanyStage[];
  /** credit risk classes admitted (A best … D worst) */
  creditClasses: CreditClass[];
}

export const EMPTY_CONDITIONS: PolicyConditions = { regions: [], orgTypes: [], sizes: [], industries: [], flagsAll: [], flagsAny: [], trlMin: null, trlMax: null, stages: [], creditClasses: [] };

/** What the platform knows about an organisation, as the rules need it. */
export interface OrgFacts {
  regionCode: string | null;
  type: string;
  size: OrgSize | null;
  industries: string[];
  flags: string[];
  /** min and max TRL of the organisation's achievements; null when none has a TRL */
  trlRange: { min: number; max: number } | null;
  stage: CompanyStage | null;
  creditClass: CreditClass | null;
}

export interface ConditionResult {
  condition: ConditionKind;
  zh: string;
  en: string;
}

export interface Evaluation {
  qualifies: boolean;
  met: ConditionResult[];
  missed: ConditionResult[];
}

/** Region names for the reasons; injected so the rule stays pure and testable without reference data. */
export type RegionName = (code: string) => string;
export type IndustryName = (code: string) => string;

const list = (xs: readonly string[], sep: string) => xs.join(sep);

export function evaluate(c: PolicyConditions, f: OrgFacts, names: { region?: RegionName; industry?: IndustryName } = {}): Evaluation {
  const regionName = names.region ?? ((x: string) => x);
  const industryName = names.industry ?? ((x: string) => x);
  const met: ConditionResult[] = [];
  const missed: ConditionResult[] = [];
  const out = (ok: boolean, condition: ConditionKind, zh: string, en: string) => (ok ? met : missed).push({ condition, zh, en });

  if (c.regions.length) {
    const want = c.regions.map(regionName);
    if (!f.regionCode) out(false, 'region', `未登记注册地（要求：${list(want, '、')}）`, `no registered region (required: ${list(want, ', ')})`);
    else {
      const hit = c.regions.find((r) => f.regionCode!.startsWith(regionPrefix(r)));
      if (hit) out(true, 'region', `注册地在${regionName(hit)}`, `registered in ${regionName(hit)}`);
      else out(false, 'region', `注册地${regionName(f.regionCode)}不在适用范围（${list(want, '、')}）`, `registered in ${regionName(f.regionCode)}, outside ${list(want, ', ')}`);
    }
  }

  if (c.orgTypes.length) {
    const zh = (t: string) => ORG_TYPE_ZH[t] ?? t;
    if (c.orgTypes.includes(f.type)) out(true, 'orgType', `单位类型为${zh(f.type)}`, `organisation type is ${f.type}`);
    else out(false, 'orgType', `单位类型${zh(f.type)}不在适用范围（${list(c.orgTypes.map(zh), '、')}）`, `organisation type ${f.type} is not among ${list(c.orgTypes, ', ')}`);
  }

  if (c.sizes.length) {
    const want = c.sizes.map((s) => SIZE_ZH[s]);
    if (!f.size) out(false, 'size', `未填报从业人员和营业收入，无法划型（要求：${list(want, '、')}企业）`, `size unknown: employees and revenue not declared (required: ${list(c.sizes.map((s) => SIZE_EN[s]), ', ')})`);
    else if (c.sizes.includes(f.size)) out(true, 'size', `企业规模为${SIZE_ZH[f.size]}`, `the enterprise is ${SIZE_EN[f.size]}`);
    else out(false, 'size', `企业规模为${SIZE_ZH[f.size]}，政策面向${list(want, '、')}企业`, `the enterprise is ${SIZE_EN[f.size]}; the policy is for ${list(c.sizes.map((s) => SIZE_EN[s]), ', ')} enterprises`);
  }

  if (c.industries.length) {
    const hit = f.industries.find((code) => c.industries.some((p) => code === p || code.startsWith(`${p}.`)));
    const want = c.industries.map(industryName);
    if (hit) out(true, 'industry', `所属领域${industryName(hit)}在支持范围内`, `industry ${industryName(hit)} is supported`);
    else if (!f.industries.length) out(false, 'industry', `未登记所属领域（要求：${list(want, '、')}）`, `no industry registered (required: ${list(want, ', ')})`);
    else out(false, 'industry', `所属领域不在支持范围（${list(want, '、')}）`, `industries outside ${list(want, ', ')}`);
  }

  if (c.flagsAll.length) {
    const lacking = c.flagsAll.filter((x) => !f.flags.includes(x));
    if (!lacking.length) out(true, 'flagsAll', `已认定为${list(c.flagsAll, '、')}`, `recognised as ${list(c.flagsAll, ', ')}`);
    else out(false, 'flagsAll', `尚未认定为${list(lacking, '、')}`, `not recognised as ${list(lacking, ', ')}`);
  }

  if (c.flagsAny.length) {
    const held = c.flagsAny.filter((x) => f.flags.includes(x));
    if (held.length) out(true, 'flagsAny', `已认定为${list(held, '、')}`, `recognised as ${list(held, ', ')}`);
    else out(false, 'flagsAny', `须具备以下认定之一：${list(c.flagsAny, '、')}`, `needs one of: ${list(c.flagsAny, ', ')}`);
  }

  if (c.trlMin !== null || c.trlMax !== null) {
    const lo = c.trlMin ?? 1;
    const hi = c.trlMax ?? 9;
    const want = `TRL ${lo}–${hi}`;
    if (!f.trlRange) out(false, 'trl', `名下没有标明技术就绪度的成果（要求 ${want}）`, `no achievement with a TRL (required ${want})`);
    else if (f.trlRange.max >= lo && f.trlRange.min <= hi) {
      const inside = `${Math.max(lo, f.trlRange.min)}–${Math.min(hi, f.trlRange.max)}`;
      out(true, 'trl', `成果技术就绪度 TRL ${inside} 在 ${want} 之内`, `achievements at TRL ${inside}, within ${want}`);
    } else {
      const have = f.trlRange.min === f.trlRange.max ? `${f.trlRange.min}` : `${f.trlRange.min}–${f.trlRange.max}`;
      out(false, 'trl', `成果技术就绪度 TRL ${have}，政策要求 ${want}`, `achievements at TRL ${have}; the policy requires ${want}`);
    }
  }

  if (c.stages.length) {
    const want = c.stages.map((s) => STAGE_ZH[s]);
    if (!f.stage) out(false, 'stage', `未填报企业发展阶段（要求：${list(want, '、')}）`, `stage not declared (required: ${list(c.stages, ', ')})`);
    else if (c.stages.includes(f.stage)) out(true, 'stage', `企业处于${STAGE_ZH[f.stage]}`, `the company is at the ${f.stage} stage`);
    else out(false, 'stage', `企业处于${STAGE_ZH[f.stage]}，政策面向${list(want, '、')}`, `the company is at the ${f.stage} stage; the policy is for ${list(c.stages, ', ')}`);
  }

  if (c.creditClasses.length) {
    const want = list(c.creditClasses, '/');
    if (!f.creditClass) out(false, 'creditClass', `尚未评定信用风险分类（要求 ${want} 类）`, `no credit risk class yet (required ${want})`);
    else if (c.creditClasses.includes(f.creditClass)) out(true, 'creditClass', `信用风险分类为 ${f.creditClass} 类`, `credit risk class ${f.creditClass}`);
    else out(false, 'creditClass', `信用风险分类为 ${f.creditClass} 类，要求 ${want} 类`, `credit risk class ${f.creditClass}; required ${want}`);
  }

  return { qualifies: missed.length === 0, met, missed };
}

/** Whether a policy is in force on a date (YYYY-MM-DD, Asia/Shanghai): from its effective date through its expiry date. */
export function inForce(p: { effectiveFrom: string | null; effectiveTo: string | null }, today: string): boolean {
  return (!p.effectiveFrom || p.effectiveFrom <= today) && (!p.effectiveTo || today <= p.effectiveTo);
}

/** Conditions from stored JSON, with missing keys filled so old rows keep evaluating. */
export function normaliseConditions(raw: Partial<PolicyConditions> | null | undefined): PolicyConditions {
  return { ...EMPTY_CONDITIONS, ...(raw ?? {}) };
}

/** Which conditions a policy sets — for the editor and for validation. */
export function conditionProblems(c: PolicyConditions): { field: string; zh: string; en: string }[] {
  const out: { field: string; zh: string; en: string }[] = [];
  if (c.trlMin !== null && c.trlMax !== null && c.trlMin > c.trlMax) out.push({ field: 'conditions.trlMax', zh: 'TRL 上限低于下限', en: 'trlMax is below trlMin' });
  for (const r of c.regions) if (!/^\d{6}$/.test(r)) out.push({ field: 'conditions.regions', zh: `区划代码 ${r} 应为 6 位数字`, en: `region code ${r} must have 6 digits` });
  return out;
}
