/**
 * Matching financing requests to finance products (科技金融产品匹配). Hard conditions (amount, term, TRL, company
 * stage, credit class, region, collateral) exclude a product and say which failed; soft conditions (industry, rate,
 * amount fit, purpose text, preferred kind, pledgeable IP) rank the rest, each with its reason. Pure.
 */
import { textOverlap, type Reason, type WeightedTerm } from '../../pilot/index.js';

export const FINANCE_KINDS = ['credit_loan', 'ip_pledge_loan', 'guarantee', 'tech_insurance', 'equity'] as const;
export type FinanceKind = (typeof FINANCE_KINDS)[number];
export const INSTITUTION_KINDS = ['bank', 'guarantee', 'insurer', 'vc_pe', 'guidance_fund'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export const COMPANY_STAGES = ['idea', 'seed', 'startup', 'growth', 'mature'] as const;
export type CompanyStage = (typeof COMPANY_STAGES)[number];
export const COLLATERALS = ['none', 'ip_pledge', 'guarantee', 'property', 'equity'] as const;
export type Collateral = (typeof COLLATERALS)[number];
export type CreditClass = 'A' | 'B' | 'C' | 'D';

const KIND_ZH: Record<FinanceKind, string> = { credit_loan: '信用贷款', ip_pledge_loan: '知识产权质押贷款', guarantee: '融资担保', tech_insurance: '科技保险', equity: '股权投资' };
const STAGE_ZH: Record<CompanyStage, string> = { idea: '创意', seed: '种子期', startup: '初创期', growth: '成长期', mature: '成熟期' };

export interface ProductConditions {
  amountMinFen: number;
  amountMaxFen: number;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinBp: number | null; // annual rate (or premium rate / fee rate); null for equity
  rateMaxBp: number | null;
  trlMin: number | null;
  trlMax: number | null;
  stages: CompanyStage[]; // empty: any
  creditClasses: CreditClass[]; // allowed classes; empty: any
  collateral: Collateral; // what the product requires
  industries: string[]; // preferred industries (soft); empty: any
  regions: string[]; // region code prefixes served (hard); empty: anywhere
}

export interface ProductCandidate {
  id: string;
  kind: FinanceKind;
  terms: ReadonlySet<string>; // analysed name + description
  conditions: ProductConditions;
}

export interface FinancingProfile {
  amountFen: number;
  termMonths: number;
  trl: number | null;
  stage: CompanyStage | null;
  creditClass: CreditClass | null; // null: not rated yet
  regionCode: string | null;
  industries: string[];
  collateral: Collateral[]; // what the applicant offers
  patents: number; // patents listed for pledge
  preferredKinds: FinanceKind[];
  maxRateBp: number | null;
  purposeTerms: readonly WeightedTerm[];
}

export interface FinanceMatchParams {
  creditClassOrder: CreditClass[];
  unratedCountsAs: CreditClass;
  weights: { industry: number; rate: number; amountFit: number; purpose: number; kind: number; ipAssets: number };
  limit: number;
}

export interface ProductMatch {
  productId: string;
  score: number;
  reasons: Reason[];
}

export interface ProductExclusion {
  productId: string;
  failed: Reason[];
}

const wan = (fen: number) => `${fen / 1_000_000}`;
const pct = (bp: number) => `${bp / 100}%`;

/** The hard conditions a product places on a request; empty when the request qualifies. */
export function hardConditionFailures(p: FinancingProfile, c: ProductConditions, params: FinanceMatchParams): Reason[] {
  const failed: Reason[] = [];
  if (p.amountFen < c.amountMinFen || p.amountFen > c.amountMaxFen) {
    failed.push({ code: 'AMOUNT_RANGE', zh: `申请金额不在产品额度 ${wan(c.amountMinFen)}–${wan(c.amountMaxFen)} 万元内`, en: `amount outside ${wan(c.amountMinFen)}–${wan(c.amountMaxFen)} (10k CNY)` });
  }
  if (p.termMonths < c.termMinMonths || p.termMonths > c.termMaxMonths) {
    failed.push({ code: 'TERM_RANGE', zh: `期限不在 ${c.termMinMonths}–${c.termMaxMonths} 个月内`, en: `term outside ${c.termMinMonths}–${c.termMaxMonths} months` });
  }
  if (c.trlMin !== null || c.trlMax !== null) {
    const lo = c.trlMin ?? 1;
    const hi = c.trlMax ?? 9;
    if (p.trl === null) failed.push({ code: 'TRL_UNKNOWN', zh: `产品要求技术成熟度 TRL ${lo}–${hi}，请关联成果或填写 TRL`, en: `the product needs TRL ${lo}–${hi}; state the TRL` });
    else if (p.trl < lo || p.trl > hi) failed.push({ code: 'TRL_RANGE', zh: `技术成熟度 TRL ${p.trl} 不在 ${lo}–${hi} 内`, en: `TRL ${p.trl} outside ${lo}–${hi}` });
  }
  if (c.stages.length && (!p.stage || !c.stages.includes(p.stage))) {
    failed.push({ code: 'STAGE', zh: `产品面向${c.stages.map((s) => STAGE_ZH[s]).join('、')}企业`, en: `the product serves ${c.stages.join(', ')} companies` });
  }
  if (c.creditClasses.length) {
    const cls = p.creditClass ?? params.unratedCountsAs;
    if (!c.creditClasses.includes(cls)) failed.push({ code: 'CREDIT_CLASS', zh: `信用风险分类 ${cls}${p.creditClass ? '' : '（未评级按此计）'} 不在准入范围 ${c.creditClasses.join('/')} 内`, en: `credit class ${cls} not in ${c.creditClasses.join('/')}` });
  }
  if (c.regions.length && !(p.regionCode && c.regions.some((r) => p.regionCode!.startsWith(regionCodePrefix(r))))) {
    failed.push({ code: 'REGION', zh: '企业注册地不在产品服务区域内', en: 'the company is outside the regions served' });
  }
  if (c.collateral === 'ip_pledge' && p.patents === 0) {
    failed.push({ code: 'COLLATERAL_IP', zh: '知识产权质押须列出可质押的专利', en: 'an IP pledge needs patents to pledge' });
  } else if (c.collateral !== 'none' && c.collateral !== 'ip_pledge' && !p.collateral.includes(c.collateral)) {
    failed.push({ code: 'COLLATERAL', zh: `产品要求提供${({ guarantee: '担保', property: '抵押物', equity: '股权' } as Record<string, string>)[c.collateral]}`, en: `the product requires ${c.collateral} collateral` });
  }
  return failed;
}

function industryScore(need: string[], offered: string[]): { score: number; reason: Reason | null } {
  if (!offered.length) return { score: 0.5, reason: null };
  for (const n of need) for (const o of offered) if (n === o || n.startsWith(`${o}.`) || o.startsWith(`${n}.`)) return { score: 1, reason: { code: 'INDUSTRY', zh: '产品重点支持本行业', en: 'the product targets this industry' } };
  for (const n of need) for (const o of offered) if (n.split('.')[0] === o.split('.')[0]) return { score: 0.5, reason: { code: 'INDUSTRY_RELATED', zh: '产品支持同一产业链', en: 'the product targets the same industry chain' } };
  return { score: 0, reason: null };
}

/** Geometric position of the amount inside the product's range: 1 at the centre, falling towards the edges. */
export function amountFit(amountFen: number, c: Pick<ProductConditions, 'amountMinFen' | 'amountMaxFen'>): number {
  const lo = Math.max(1, c.amountMinFen);
  const hi = Math.max(lo, c.amountMaxFen);
  if (hi === lo) return 1;
  const mid = Math.sqrt(lo * hi);
  const spread = Math.log(hi / lo) / 2;
  return Math.max(0, 1 - Math.abs(Math.log(Math.max(1, amountFen) / mid)) / spread / 2);
}

export function matchFinanceProducts(p: FinancingProfile, products: readonly ProductCandidate[], params: FinanceMatchParams): { eligible: ProductMatch[]; excluded: ProductExclusion[] } {
  const w = params.weights;
  const eligible: ProductMatch[] = [];
  const excluded: ProductExclusion[] = [];
  const passing = products.filter((prod) => {
    const failed = hardConditionFailures(p, prod.conditions, params);
    if (failed.length) excluded.push({ productId: prod.id, failed });
    return failed.length === 0;
  });
  const rates = passing.map((x) => x.conditions.rateMinBp).filter((r): r is number => r !== null);
  const lowest = rates.length ? Math.min(...rates) : 0;
  const highest = rates.length ? Math.max(...rates) : 0;
  for (const prod of passing) {
    const c = prod.conditions;
    const reasons: Reason[] = [{ code: 'HARD_OK', zh: `金额、期限${c.trlMin !== null || c.trlMax !== null ? '、TRL' : ''}${c.creditClasses.length ? '、信用分类' : ''}等准入条件均满足`, en: 'meets every hard condition' }];
    let score = 0;
    const ind = industryScore(p.industries, c.industries);
    score += w.industry * ind.score;
    if (ind.reason) reasons.push(ind.reason);
    if (c.rateMinBp !== null) {
      let rs = highest > lowest ? 1 - (c.rateMinBp - lowest) / (highest - lowest) : 1;
      if (p.maxRateBp !== null && c.rateMinBp > p.maxRateBp) {
        rs = 0;
        reasons.push({ code: 'RATE_ABOVE_WISH', zh: `最低费率 ${pct(c.rateMinBp)} 高于期望 ${pct(p.maxRateBp)}`, en: `lowest rate ${pct(c.rateMinBp)} above the wished ${pct(p.maxRateBp)}` });
      } else {
        reasons.push({ code: 'RATE', zh: `费率 ${pct(c.rateMinBp)}${c.rateMaxBp !== null && c.rateMaxBp !== c.rateMinBp ? `–${pct(c.rateMaxBp)}` : ''}${p.maxRateBp !== null ? '，在期望之内' : ''}`, en: `rate from ${pct(c.rateMinBp)}` });
      }
      score += w.rate * rs;
    } else {
      score += w.rate * 0.5;
    }
    const fit = amountFit(p.amountFen, c);
    score += w.amountFit * fit;
    if (fit >= 0.5) reasons.push({ code: 'AMOUNT_FIT', zh: `申请金额处于额度 ${wan(c.amountMinFen)}–${wan(c.amountMaxFen)} 万元的适中位置`, en: 'the amount sits well inside the range' });
    const text = textOverlap(p.purposeTerms, prod.terms);
    score += w.purpose * text.score;
    if (text.matched.length) reasons.push({ code: 'PURPOSE', zh: `用途与产品说明相符：${text.matched.slice(0, 4).join('、')}`, en: `purpose matches: ${text.matched.slice(0, 4).join(', ')}` });
    if (p.preferredKinds.includes(prod.kind)) {
      score += w.kind;
      reasons.push({ code: 'KIND', zh: `符合意向融资方式：${KIND_ZH[prod.kind]}`, en: `the preferred kind: ${prod.kind}` });
    }
    if (prod.kind === 'ip_pledge_loan' && p.patents > 0) {
      score += w.ipAssets * Math.min(1, p.patents / 3);
      reasons.push({ code: 'IP_ASSETS', zh: `可质押专利 ${p.patents} 件`, en: `${p.patents} patents to pledge` });
    }
    eligible.push({ productId: prod.id, score: Math.round(score * 1000) / 1000, reasons });
  }
  eligible.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  return { eligible: eligible.slice(0, params.limit), excluded };
}

/** GB/T 2260: a province code selects its first two digits, a city code its first four (211000 辽阳 → "2110", not "211"). */
export function regionCodePrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
