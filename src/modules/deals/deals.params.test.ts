import { describe, expect, it } from 'vitest';
import { dealsParams } from './deals.params.js';

describe('shipped deal defaults', () => {
  it('load and validate', () => {
    expect(dealsParams().auction.antiSnipingMinutes).toBe(5);
  });
});
