import { describe, expect, it } from 'vitest';
import { fenToWan, fenToYuan, wanToFen } from './money.js';

describe('money (万元 ↔ fen)', () => {
  it.each([
    ['120', 120_000_000],
    ['0.5', 500_000],
    ['1,200.25', 1_200_250_000],
    ['0.000001', 1],
    [35, 35_000_000],
    [12.5, 12_500_000],
  ])('parses %s 万元 exactly', (input, fen) => {
    expect(wanToFen(input)).toBe(fen);
  });

  it.each(['', 'abc', '-5', '1.0000001', '1e3', '12.', NaN, -1])('refuses %s', (input) => {
    expect(wanToFen(input as string | number)).toBeNull();
  });

  it('round-trips and formats without floats', () => {
    expect(fenToWan(wanToFen('0.1')! + wanToFen('0.2')!)).toBe('0.3');
    expect(fenToWan(1_205_000_000)).toBe('1205');
    expect(fenToWan(null)).toBeNull();
    expect(fenToYuan(123456)).toBe('1234.56');
  });
});
