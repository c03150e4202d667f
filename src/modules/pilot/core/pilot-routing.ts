/**
 * TRL-gap routing (中试需求导流): achievements at TRL 4–6, and deals lost for "no pilot capacity", are routed to
 * pilot bases by industry, process capability, the TRL range a base serves, location and free capacity. Every
 * recommendation carries its reasons. Pure: the shell supplies analysed terms and free-day counts.
 */
import { textOverlap, type WeightedTerm } from './text-overlap.js';

export interface PilotRoutingParams {
  trlGap: { min: number; max: number };
  horizonDays: number;
  limit: number;
  weights: { industryExact: number; industryRelated: number; capability: number; trlServed: number; sameCity: number; sameProvince: number; freeCapacity: number };
}

export interface PilotNeed {
  trl: number | null;
  industries: readonly string[]; // taxonomy codes, e.g. EQ.ROB.RED
  terms: readonly WeightedTerm[]; // analysed need text (title, summary, pilot needs)
  regionCode: string | null;
}

export interface PilotBaseCandidate {
  id: string;
  industries: readonly string[];
  terms: ReadonlySet<string>; // analysed capabilities, equipment and intro
  trlMin: number;
  trlMax: number;
  regionCode: string | null;
  /** free unit-days over the horizon, and the total unit-days */
  freeUnitDays: number;
  totalUnitDays: number;
}

export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export interface PilotRecommendation {
  baseId: string;
  score: number;
  reasons: Reason[];
}

export function inTrlGap(trl: number | null, params: Pick<PilotRoutingParams, 'trlGap'>): boolean {
  return trl !== null && trl >= params.trlGap.min && trl <= params.trlGap.max;
}

/** exact: the base serves this node or one of its ancestors/descendants; related: same industry chain (top level). */
export function industryRelation(need: readonly string[], base: readonly string[]): { kind: 'exact' | 'related' | 'none'; code: string | null } {
  for (const n of need) for (const b of base) if (n === b || n.startsWith(`${b}.`) || b.startsWith(`${n}.`)) return { kind: 'exact', code: b };
  for (const n of need) for (const b of base) if (n.split('.')[0] === b.split('.')[0]) return { kind: 'related', code: b };
  return { kind: 'none', code: null };
}

/** Ranks pilot bases for a need; a base with neither an industry link nor a capability match is not recommended. */
export function recommendPilotBases(need: PilotNeed, bases: readonly PilotBaseCandidate[], params: PilotRoutingParams, industryName: (code: string) => string = (c) => c): PilotRecommendation[] {
  const w = params.weights;
  const out: PilotRecommendation[] = [];
  for (const b of bases) {
    const reasons: Reason[] = [];
    let score = 0;
    const rel = industryRelation(need.industries, b.industries);
    if (rel.kind === 'exact') {
      score += w.industryExact;
      reasons.push({ code: 'INDUSTRY', zh: `服务产业领域：${industryName(rel.code!)}`, en: `serves the industry ${industryName(rel.code!)}` });
    } else if (rel.kind === 'related') {
      score += w.industryRelated;
      reasons.push({ code: 'INDUSTRY_RELATED', zh: `服务同一产业链：${industryName(rel.code!)}`, en: `serves the same industry chain (${industryName(rel.code!)})` });
    }
    const text = textOverlap(need.terms, b.terms);
    if (text.score > 0) {
      score += w.capability * text.score;
      if (text.matched.length) reasons.push({ code: 'CAPABILITY', zh: `工艺/设备能力匹配：${text.matched.slice(0, 5).join('、')}`, en: `process/equipment match: ${text.matched.slice(0, 5).join(', ')}` });
    }
    if (rel.kind === 'none' && text.matched.length === 0) continue;
    if (need.trl !== null && need.trl >= b.trlMin && need.trl <= b.trlMax) {
      score += w.trlServed;
      reasons.push({ code: 'TRL_SERVED', zh: `承接 TRL ${b.trlMin}–${b.trlMax} 的中试（成果当前 TRL ${need.trl}）`, en: `pilots TRL ${b.trlMin}–${b.trlMax} (the achievement is at TRL ${need.trl})` });
    }
    if (need.regionCode && b.regionCode) {
      if (need.regionCode.slice(0, 4) === b.regionCode.slice(0, 4)) {
        score += w.sameCity;
        reasons.push({ code: 'SAME_CITY', zh: '与成果在同一城市', en: 'in the same city' });
      } else if (need.regionCode.slice(0, 2) === b.regionCode.slice(0, 2)) {
        score += w.sameProvince;
        reasons.push({ code: 'SAME_PROVINCE', zh: '在省内', en: 'in the province' });
      }
    }
    if (b.totalUnitDays > 0) {
      const share = b.freeUnitDays / b.totalUnitDays;
      score += w.freeCapacity * share;
      reasons.push(b.freeUnitDays > 0
        ? { code: 'FREE_CAPACITY', zh: `未来 ${params.horizonDays} 天有 ${b.freeUnitDays} 个产线·日可预约`, en: `${b.freeUnitDays} line-days free in the next ${params.horizonDays} days` }
        : { code: 'NO_FREE_CAPACITY', zh: `未来 ${params.horizonDays} 天已约满`, en: `fully booked for the next ${params.horizonDays} days` });
    }
    out.push({ baseId: b.id, score: Math.round(score * 1000) / 1000, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.baseId.localeCompare(b.baseId)).slice(0, params.limit);
}
