import { describe, expect, it } from 'vitest';
import { extractUnitTokens, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    ['ＰＥＭ电解槽', 'pem电解槽'],
    ['ＳｉＣ　ＭＯＳＦＥＴ', 'sic mosfet'],
    ['１２３ｍｍ', '123mm'],
    ['減速機', '减速机'],
    ['電主軸', '电主轴'],
    ['600°C', '600℃'],
    ['10µm', '10um'],
    ['mg/m³', 'mg/m3'],
    ['IGBT模块', 'igbt模块'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const s = normalizeText('ＰＥＭ電解槽（70MPa）600°C');
    expect(normalizeText(s)).toBe(s);
  });
});

describe('extractUnitTokens', () => {
  it('keeps numbers with units as one token', () => {
    const { units, rest } = extractUnitTokens(normalizeText('耐温600℃，精度0.01mm，回差≤1arcmin，压力70MPa，12英寸晶圆'));
    expect(units).toEqual(['600℃', '0.01mm', '1arcmin', '70mpa', '12英寸']);
    expect(rest).not.toContain('600');
  });

  it('does not cut units out of Latin words', () => {
    expect(extractUnitTokens('ts-1 fgh96 model').units).toEqual([]);
  });
});
