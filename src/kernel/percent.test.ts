import { describe, expect, it } from 'vitest';
import { bpToPercent, percentToBp } from './percent.js';

describe('percent ↔ basis points', () => {
  it.each([['5', 500], ['2.5', 250], ['0.01', 1], ['100', 10000], ['70', 7000]])('%s%% = %d bp', (p, bp) => {
    expect(percentToBp(p)).toBe(bp);
    expect(bpToPercent(bp)).toBe(p);
  });
  it.each(['101', '-1', '1.234', 'abc', ''])('refuses %s', (p) => expect(percentToBp(p)).toBeNull());
});
