import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessPatentFiling, parsePatentAssessmentParams, recommendationLabel, type PatentAssessmentInput } from './patent-assessment.js';

const params = parsePatentAssessmentParams(
  JSON.parse(readFileSync(new URL('../../../../data/reference/patent-assessment.json', import.meta.url), 'utf8')),
);

// defaults: novelty none 3 / similar 0; market small 0 / medium 2 / large 3; claims narrow 0 / medium 1 / broad 2;
// signals 1 per enquiry (≤ 2), 2 per letter of intent, 3 for a licensee, capped at 4; cost > 5万元 −1, > 20万元 −2;
// thresholds invention 7, utility 4, know-how 3
const base: PatentAssessmentInput = {
  noveltySearch: 'none',
  marketSize: 'large',
  claimBreadth: 'broad',
  signals: { enterpriseInquiries: 2, lettersOfIntent: 0, licenseeIdentified: false },
  estimatedCostFen: 3_000_000,
  productStructure: true,
  infringementDetectable: true,
};
const weak = { enterpriseInquiries: 0, lettersOfIntent: 0, licenseeIdentified: false };

describe('assessPatentFiling', () => {
  it.each<[string, Partial<PatentAssessmentInput>, string, number | null, string]>([
    ['strong on every count: 3 + 3 + 2 + 2 = 10', {}, 'file_invention', 10, 'SCORE_INVENTION'],
    ['identical prior art stops everything', { noveltySearch: 'identical' }, 'do_not_file', null, 'NOVELTY_DESTROYED'],
    ['exactly the invention threshold: 3 + 3 + 1 + 0 = 7', { claimBreadth: 'medium', signals: weak }, 'file_invention', 7, 'SCORE_INVENTION'],
    ['similar art, medium market, a product: 0 + 2 + 1 + 1 = 4', { noveltySearch: 'similar', marketSize: 'medium', claimBreadth: 'medium', signals: { ...weak, enterpriseInquiries: 1 } }, 'file_utility', 4, 'SCORE_UTILITY'],
    ['the same, but a process: no utility model', { noveltySearch: 'similar', marketSize: 'medium', claimBreadth: 'medium', signals: { ...weak, enterpriseInquiries: 1 }, productStructure: false }, 'keep_as_know_how', 4, 'SCORE_KNOW_HOW'],
    ['undetectable in-house process scoring 8', { signals: weak, infringementDetectable: false }, 'keep_as_know_how', 8, 'INFRINGEMENT_HARD_TO_DETECT'],
    ['undetectable and weak: 0', { noveltySearch: 'similar', marketSize: 'small', claimBreadth: 'narrow', signals: weak, infringementDetectable: false }, 'do_not_file', 0, 'VALUE_TOO_LOW'],
    ['novel but small and narrow: 3', { marketSize: 'small', claimBreadth: 'narrow', signals: weak }, 'keep_as_know_how', 3, 'SCORE_KNOW_HOW'],
    ['nothing going for it: 0', { noveltySearch: 'similar', marketSize: 'small', claimBreadth: 'narrow', signals: weak }, 'do_not_file', 0, 'VALUE_TOO_LOW'],
    ['costly upkeep (25万元): 3 + 3 + 2 + 0 − 2 = 6', { signals: weak, estimatedCostFen: 25_000_000 }, 'file_utility', 6, 'SCORE_UTILITY'],
    ['moderate cost (10万元): 8 − 1 = 7', { signals: weak, estimatedCostFen: 10_000_000 }, 'file_invention', 7, 'SCORE_INVENTION'],
    ['exactly 5万元 carries no penalty', { signals: weak, estimatedCostFen: 5_000_000 }, 'file_invention', 8, 'SCORE_INVENTION'],
    ['signals are capped at 4: 0 + 0 + 0 + min(2 + 4 + 3, 4)', { noveltySearch: 'similar', marketSize: 'small', claimBreadth: 'narrow', signals: { enterpriseInquiries: 5, lettersOfIntent: 2, licenseeIdentified: true } }, 'file_utility', 4, 'SCORE_UTILITY'],
  ])('%s → %s', (_label, over, recommendation, score, decisionCode) => {
    const a = assessPatentFiling({ ...base, ...over }, params);
    expect(a.recommendation).toBe(recommendation);
    expect(a.score).toBe(score);
    expect(a.reasons[a.reasons.length - 1].code).toBe(decisionCode);
    if (score !== null) expect(a.reasons.reduce((s, r) => s + (r.points ?? 0), 0)).toBe(score);
  });

  it('lists every factor with its points before the decision', () => {
    const a = assessPatentFiling({ ...base, estimatedCostFen: 30_000_000 }, params);
    expect(a.reasons.map((r) => [r.code, r.points])).toEqual([
      ['NOVELTY', 3],
      ['MARKET_SIZE', 3],
      ['CLAIM_BREADTH', 2],
      ['COMMERCIAL_SIGNALS', 2],
      ['COST', -2],
      ['SCORE_INVENTION', undefined],
    ]);
    for (const r of a.reasons) expect(r.zh.length > 0 && r.en.length > 0).toBe(true);
  });

  it('can be told not to prefer know-how for undetectable uses', () => {
    const p = { ...params, preferKnowHowWhenUndetectable: false };
    expect(assessPatentFiling({ ...base, infringementDetectable: false }, p).recommendation).toBe('file_invention');
  });

  it('refuses negative counts', () => {
    expect(() => assessPatentFiling({ ...base, estimatedCostFen: -1 }, params)).toThrow(RangeError);
  });

  it('labels recommendations', () => {
    expect(recommendationLabel('file_utility')).toEqual({ zh: '申请实用新型专利', en: 'File a utility model' });
  });
});

describe('parsePatentAssessmentParams', () => {
  it('refuses inconsistent thresholds and missing bands', () => {
    expect(() =>
      parsePatentAssessmentParams({ ...JSON.parse(JSON.stringify(params)), thresholds: { invention: 2, utility: 4, knowHow: 3 }, marketSizeBands: [] }),
    ).toThrow(/"small" once[\s\S]*invention ≥ utility ≥ knowHow/);
  });
});
