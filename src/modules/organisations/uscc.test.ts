import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccRegion, validateUscc } from './uscc.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of well-known entities (facts, used to check the algorithm).
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T', '914403001922038216'])('accepts %s', (code) => {
    expect(validateUscc(code)).toBeNull();
  });

  it('computes the check character, mapping 31 to 0', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // brute-force: every body gets exactly one valid check character
    const body = '91210100MA0Q5ABC1';
    const valid = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').filter((c) => validateUscc(body + c) === null);
    expect(valid).toEqual([usccCheckChar(body)]);
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100YI3', 'charset'], // I is not in the alphabet
    ['91350100M000100Y44', 'check'],
    ['91ABCDEFM000100Y43', 'region'],
  ])('rejects %s (%s)', (code, problem) => {
    expect(validateUscc(code)).toBe(problem);
  });

  it('accepts lower case and extracts the region', () => {
    expect(validateUscc('91350100m000100y43')).toBeNull();
    expect(usccRegion('91350100M000100Y43')).toBe('350100');
  });
});
