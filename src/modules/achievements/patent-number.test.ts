import { describe, expect, it } from 'vitest';
import { parsePatentNumber, patentCheckChar } from './patent-number.js';

describe('Chinese patent application numbers', () => {
  it('accepts a granted invention number with X check', () => {
    expect(parsePatentNumber('ZL201811564288.X', 2026)).toEqual({ normalised: '201811564288.X', granted: true, year: 2018, kind: 'invention' });
  });

  it('computes check digits by the weighted mod-11 rule', () => {
    expect(patentCheckChar('201811564288')).toBe('X');
    const digits = '202120123456';
    const check = patentCheckChar(digits);
    const parsed = parsePatentNumber(`${digits}.${check}`, 2026);
    expect(parsed).toMatchObject({ kind: 'utility', granted: false });
    const wrong = check === '0' ? '1' : '0';
    expect(parsePatentNumber(`${digits}.${wrong}`, 2026)).toBe('check');
  });

  it('accepts the form without the dot and lower-case zl/x', () => {
    expect(parsePatentNumber('zl201811564288x', 2026)).toMatchObject({ normalised: '201811564288.X' });
  });

  it.each([
    ['2018115642.X', 'format'],
    ['abc', 'format'],
    ['199811564288.X', 'year'],
    ['203011564288.1', 'year'],
    ['201851564288.' + patentCheckChar('201851564288'), 'type'],
  ])('rejects %s (%s)', (input, problem) => {
    expect(parsePatentNumber(input, 2026)).toBe(problem);
  });
});
