import { describe, expect, it } from 'vitest';
import { industryRelation, inTrlGap, recommendPilotBases, type PilotBaseCandidate, type PilotRoutingParams } from './pilot-routing.js';
import { textOverlap } from './text-overlap.js';

const params: PilotRoutingParams = {
  trlGap: { min: 4, max: 6 }, horizonDays: 90, limit: 10,
  weights: { industryExact: 0.4, industryRelated: 0.15, capability: 0.3, trlServed: 0.1, sameCity: 0.05, sameProvince: 0.02, freeCapacity: 0.1 },
};
const t = (term: string, weight = 1) => ({ term, weight, surface: term, kind: 'word' });
const base = (over: Partial<PilotBaseCandidate>): PilotBaseCandidate => ({ id: 'x', industries: [], terms: new Set(), trlMin: 4, trlMax: 7, regionCode: '210100', freeUnitDays: 90, totalUnitDays: 90, ...over });

describe('inTrlGap', () => {
  it.each([[3, false], [4, true], [6, true], [7, false], [null, false]])('TRL %s → %s', (trl, expected) => expect(inTrlGap(trl, params)).toBe(expected));
});

describe('industryRelation', () => {
  it.each([
    [['EQ.ROB.RED'], ['EQ.ROB'], 'exact'],
    [['EQ.ROB'], ['EQ.ROB.RED'], 'exact'],
    [['EQ.ROB.RED'], ['EQ.CNC'], 'related'],
    [['EQ.ROB.RED'], ['PC.FINE'], 'none'],
    [['EQ.ROB'], ['EQ.ROBOTICS'], 'related'], // a prefix of the string but not of the code path
  ])('%j vs %j → %s', (need, b, kind) => expect(industryRelation(need, b).kind).toBe(kind));
});

describe('textOverlap', () => {
  it('is the weighted share of need terms found, ignoring bigrams, naming non-generic hits', () => {
    const r = textOverlap([t('磨削'), t('热处理'), { term: 'x', weight: 5, surface: 'x', kind: 'bigram' }, { ...t('中试', 0.2), generic: true }], new Set(['磨削', '中试']));
    expect(r.score).toBeCloseTo(1.2 / 2.2, 6);
    expect(r.matched).toEqual(['磨削']);
  });
});

describe('recommendPilotBases', () => {
  const need = { trl: 5, industries: ['EQ.ROB.RED'], terms: [t('摆线轮'), t('磨削'), t('装配')], regionCode: '210200' };
  it('ranks industry + capability + TRL + place + capacity and explains each', () => {
    const recs = recommendPilotBases(need, [
      base({ id: 'robot-dl', industries: ['EQ.ROB'], terms: new Set(['磨削', '装配']), regionCode: '210211' }),
      base({ id: 'robot-full', industries: ['EQ.ROB'], terms: new Set(['磨削', '装配']), regionCode: '210100', freeUnitDays: 0 }),
      base({ id: 'cnc', industries: ['EQ.CNC'], terms: new Set(['磨削']) }),
      base({ id: 'chem', industries: ['PC.FINE'], terms: new Set(['催化']) }),
      base({ id: 'late', industries: ['EQ.ROB'], trlMin: 7, trlMax: 9, terms: new Set(['磨削', '装配']), regionCode: '210211' }),
    ], params);
    expect(recs.map((r) => r.baseId)).toEqual(['robot-dl', 'late', 'robot-full', 'cnc']);
    expect(recs[0].reasons.map((r) => r.code)).toEqual(['INDUSTRY', 'CAPABILITY', 'TRL_SERVED', 'SAME_CITY', 'FREE_CAPACITY']);
    expect(recs[0].reasons[1].zh).toContain('磨削');
    expect(recs.find((r) => r.baseId === 'robot-full')!.reasons.map((r) => r.code)).toContain('NO_FREE_CAPACITY');
    expect(recs.find((r) => r.baseId === 'late')!.reasons.map((r) => r.code)).not.toContain('TRL_SERVED');
  });

  it('recommends nothing unrelated', () => {
    expect(recommendPilotBases(need, [base({ id: 'chem', industries: ['PC.FINE'], terms: new Set(['催化']) })], params)).toEqual([]);
  });
});
