import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import { deregistrationEligibility, deregistrationOutcome, noticePeriod, type DeregistrationFacts } from './deregistration.js';
import type { CreditParams } from './params.js';

const params = creditParams();
const clean: DeregistrationFacts = {
  onAbnormalList: false,
  onSeriousList: false,
  equityFrozenOrPledged: false,
  underInvestigation: false,
  unfinishedPenalties: false,
};

describe('simplified deregistration (简易注销)', () => {
  it.each<[string, Partial<DeregistrationFacts>, string[]]>([
    ['a clean entity', {}, []],
    ['on the abnormal list', { onAbnormalList: true }, ['ON_ABNORMAL_LIST']],
    ['on the serious list', { onSeriousList: true }, ['ON_SERIOUS_LIST']],
    ['frozen equity and an open case', { equityFrozenOrPledged: true, underInvestigation: true }, ['EQUITY_FROZEN_OR_PLEDGED', 'UNDER_INVESTIGATION']],
    [
      'everything at once',
      { onAbnormalList: true, onSeriousList: true, equityFrozenOrPledged: true, underInvestigation: true, unfinishedPenalties: true },
      ['ON_ABNORMAL_LIST', 'ON_SERIOUS_LIST', 'EQUITY_FROZEN_OR_PLEDGED', 'UNDER_INVESTIGATION', 'UNFINISHED_PENALTIES'],
    ],
  ])('%s', (_, facts, codes) => {
    const e = deregistrationEligibility({ ...clean, ...facts });
    expect(e.failures.map((f) => f.code)).toEqual(codes);
    expect(e.eligible).toBe(codes.length === 0);
    expect(e.failures.every((f) => f.zh && f.en)).toBe(true);
  });

  it('a missing fact counts as a failure, never as a pass', () => {
    const e = deregistrationEligibility({ ...clean, underInvestigation: undefined as unknown as boolean });
    expect(e.failures.map((f) => f.code)).toEqual(['UNDER_INVESTIGATION']);
  });

  it('the notice lasts 20 calendar days, start day not counted', () => {
    expect(noticePeriod('2025-03-01', params)).toEqual({ startsOn: '2025-03-01', endsOn: '2025-03-21', completableFrom: '2025-03-22' });
    expect(noticePeriod('2024-02-15', params).endsOn).toBe('2024-03-06');
    const counted: CreditParams = { ...params, periods: { startDayCounted: true } };
    expect(noticePeriod('2025-03-01', counted)).toEqual({ startsOn: '2025-03-01', endsOn: '2025-03-20', completableFrom: '2025-03-21' });
  });

  it.each([
    ['during the notice', [], '2025-03-10', 'in_notice'],
    ['on the last day', [], '2025-03-21', 'in_notice'],
    ['after the notice', [], '2025-03-22', 'completable'],
    ['an objection on the first day', [{ date: '2025-03-01' }], '2025-03-05', 'stopped_by_objection'],
    ['an objection on the last day', [{ date: '2025-03-21' }], '2025-03-25', 'stopped_by_objection'],
    ['an objection after the notice does not count', [{ date: '2025-03-22' }], '2025-03-25', 'completable'],
    ['an objection before the notice does not count', [{ date: '2025-02-28' }], '2025-03-25', 'completable'],
    ['an objection dated after today is not known yet', [{ date: '2025-03-15' }], '2025-03-10', 'in_notice'],
  ])('%s', (_, objections, today, want) => {
    expect(deregistrationOutcome({ noticeStart: '2025-03-01', objections, today }, params)).toBe(want);
  });
});
