import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import {
  earlyRemovalCheck,
  earlyRemovalEligibleFrom,
  seriousListEnd,
  seriousListRemovalDate,
  validateSeriousListing,
  type EarlyRemovalInput,
} from './serious-list.js';

const params = creditParams();
const ok: EarlyRemovalInput = { listedOn: '2024-02-29', today: '2025-06-01', penaltyCarriedOut: true, harmRemoved: true, commitmentSigned: true };

describe('serious list (严重违法失信名单)', () => {
  it('lasts three years; a 29 Feb listing ends on 28 Feb', () => {
    expect(seriousListEnd('2024-02-29', params)).toBe('2027-02-28');
    expect(seriousListRemovalDate('2024-02-29', params)).toBe('2027-03-01');
    expect(seriousListEnd('2025-05-20', params)).toBe('2028-05-20');
  });

  it('needs a known legal basis and the article', () => {
    const listing = { orgId: 'o', listedOn: '2025-01-01', legalBasis: { code: 'false_registration', article: '第二条' } };
    expect(validateSeriousListing(listing)).toBe(listing);
    expect(() => validateSeriousListing({ ...listing, legalBasis: { code: 'made_up', article: '第二条' } })).toThrowError(
      expect.objectContaining({ code: 'LEGAL_BASIS_REQUIRED' }),
    );
    expect(() => validateSeriousListing({ ...listing, legalBasis: { code: 'other', article: '' } })).toThrowError(
      expect.objectContaining({ code: 'LEGAL_BASIS_REQUIRED' }),
    );
  });

  it('early removal may be requested after one year (the day after the anniversary)', () => {
    expect(earlyRemovalEligibleFrom('2024-02-29', params)).toBe('2025-03-01');
  });

  it.each([
    ['all conditions hold', ok, []],
    ['one day too early', { ...ok, today: '2025-02-28' }, ['MIN_PERIOD_NOT_REACHED']],
    ['on the first eligible day', { ...ok, today: '2025-03-01' }, []],
    ['nothing done, too early', { ...ok, today: '2024-06-01', penaltyCarriedOut: false, harmRemoved: false, commitmentSigned: false }, [
      'MIN_PERIOD_NOT_REACHED',
      'PENALTY_NOT_CARRIED_OUT',
      'HARM_NOT_REMOVED',
      'COMMITMENT_NOT_SIGNED',
    ]],
    ['no commitment', { ...ok, commitmentSigned: false }, ['COMMITMENT_NOT_SIGNED']],
    ['a new heavier penalty', { ...ok, newHeavierPenalty: true }, ['NEW_HEAVIER_PENALTY']],
    ['the term has run', { ...ok, today: '2027-03-01' }, ['TERM_ALREADY_ENDED']],
  ])('%s', (_, input, codes) => {
    const check = earlyRemovalCheck(input, params);
    expect(check.failures.map((f) => f.code)).toEqual(codes);
    expect(check.eligible).toBe(codes.length === 0);
    for (const f of check.failures) {
      expect(f.zh).not.toBe('');
      expect(f.en).not.toBe('');
    }
  });

  it('tells the date from which it becomes possible', () => {
    const check = earlyRemovalCheck({ ...ok, today: '2024-06-01' }, params);
    expect(check.eligibleFrom).toBe('2025-03-01');
    expect(check.failures[0].en).toContain('2025-03-01');
  });

  it('rejects a check dated before the listing', () => {
    expect(() => earlyRemovalCheck({ ...ok, today: '2024-01-01' }, params)).toThrowError(expect.objectContaining({ code: 'DATE_ORDER_INVALID' }));
  });
});
