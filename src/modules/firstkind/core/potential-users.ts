/**
 * Enterprises that could use a first-of-kind product (首台套推广应用): each enterprise's profile — its open demands,
 * its introduction and its industries — is scored against the product's analysed text (the matching analyzer's
 * weighted terms) and industries; every score comes with its reasons. Pure.
 */
import { textOverlap, type Reason, type WeightedTerm } from '../../pilot/index.js';

export interface ProductProfile {
  makerOrgId: string;
  terms: readonly WeightedTerm[];
  industries: string[];
}

export interface UserCandidate {
  organisationId: string;
  industries: string[];
  /** analysed terms of the enterprise's intro */
  profileTerms: ReadonlySet<string>;
  /** open demands, each with its analysed terms */
  demands: { id: string; title: string; terms: ReadonlySet<string> }[];
}

export interface PotentialUserParams {
  weights: { demand: number; profile: number; industry: number };
  minScore: number;
  limit: number;
}

export interface PotentialUser {
  organisationId: string;
  score: number;
  demandId: string | null;
  reasons: Reason[];
}

/** The industry two codes share — the broader of the two when one contains the other — if it is below the top level
 *  (EQ.ROB, not EQ: "advanced equipment" alone says little about who would use a reducer). */
function sharedIndustry(a: string, b: string): string | null {
  const common = a === b || a.startsWith(`${b}.`) ? b : b.startsWith(`${a}.`) ? a : null;
  return common && common.includes('.') ? common : null;
}

export function rankPotentialUsers(product: ProductProfile, candidates: readonly UserCandidate[], p: PotentialUserParams, industryName: (code: string) => string = (c) => c): PotentialUser[] {
  const out: PotentialUser[] = [];
  for (const c of candidates) {
    if (c.organisationId === product.makerOrgId) continue;
    const reasons: Reason[] = [];
    let best = { score: 0, matched: [] as string[], demand: null as null | { id: string; title: string } };
    for (const d of c.demands) {
      const o = textOverlap(product.terms, d.terms);
      if (o.score > best.score) best = { score: o.score, matched: o.matched, demand: { id: d.id, title: d.title } };
    }
    const profile = textOverlap(product.terms, c.profileTerms);
    let industry: string | null = null;
    for (const pi of product.industries) for (const ci of c.industries) industry ??= sharedIndustry(pi, ci);
    const score = p.weights.demand * best.score + p.weights.profile * profile.score + (industry ? p.weights.industry : 0);
    if (best.demand && best.score > 0) reasons.push({ code: 'demand', zh: `需求“${best.demand.title}”与产品相关（${best.matched.slice(0, 4).join('、') || '相近用词'}）`, en: `demand "${best.demand.title}" relates to the product (${best.matched.slice(0, 4).join(', ') || 'similar terms'})` });
    if (profile.score > 0 && profile.matched.length) reasons.push({ code: 'profile', zh: `企业简介提及${profile.matched.slice(0, 4).join('、')}`, en: `the company profile mentions ${profile.matched.slice(0, 4).join(', ')}` });
    if (industry) reasons.push({ code: 'industry', zh: `同属${industryName(industry)}领域`, en: `same industry: ${industryName(industry)}` });
    const rounded = Math.round(score * 1000) / 1000;
    if (rounded >= p.minScore && reasons.length) out.push({ organisationId: c.organisationId, score: rounded, demandId: best.demand?.id ?? null, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.organisationId.localeCompare(b.organisationId)).slice(0, p.limit);
}
