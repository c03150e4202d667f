/**
 * Tunable defaults for challenge programmes. None is from a public source — all are [default] practitioner
 * conventions; a programme overrides the rules and the sheet when it is created.
 */
import type { Criterion, EligibilityRules } from './core/index.js';

/** [default] Liaoning organisations of the research and enterprise kinds, not on either credit list, class C or better. */
export const DEFAULT_RULES: EligibilityRules = {
  regions: ['21'],
  orgTypes: ['enterprise', 'university', 'institute'],
  excludeAbnormalList: true,
  excludeSeriousList: true,
  worstCreditClass: 'C',
  unratedCountsAs: 'B',
};

/** [default] a 100-point scoring sheet (评审打分表). */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'plan', name: '技术方案先进性与可行性', maxHundredths: 4000 },
  { key: 'team', name: '团队能力与前期基础', maxHundredths: 2000 },
  { key: 'budget', name: '经费预算合理性', maxHundredths: 2000 },
  { key: 'industry', name: '产业化前景与本地转化', maxHundredths: 2000 },
];

/** [default] drop one highest and one lowest total when at least this many reviewers scored. */
export const MIN_SCORES_TO_DROP = 3;
