import { describe, expect, it } from 'vitest';
import { classifyAboveThreshold, UnknownCategoryError } from './above-threshold.js';
import { aboveThresholdParams } from '../government.params.js';

const WAN = 1_000_000; // fen per 万元
const params = aboveThresholdParams();

describe('四上 classification', () => {
  it.each([
    // category, revenue (万元 in fen), qualification, above, candidate, gap (fen)
    ['industry', 2000 * WAN, null, true, false, 0],
    ['industry', 2000 * WAN - 1, null, false, true, 1],
    ['industry', 1600 * WAN, null, false, true, 400 * WAN], // exactly 80%
    ['industry', 1600 * WAN - 1, null, false, false, 400 * WAN + 1], // 79.99…% is not 80%
    ['wholesale', 2500 * WAN, null, true, false, 0],
    ['retail', 499 * WAN, null, false, true, WAN],
    ['accommodation_catering', 200 * WAN, null, true, false, 0],
    ['information_software', 1900 * WAN, null, false, true, 100 * WAN],
    ['research_technical', 1000 * WAN, null, true, false, 0],
    ['education', 700 * WAN, null, false, false, 300 * WAN],
    ['property_management', 450 * WAN, null, false, true, 50 * WAN],
    ['construction', 0, 'general_contracting', true, false, null],
    ['construction', 50_000 * WAN, 'labour_subcontracting', false, false, null],
    ['construction', 50_000 * WAN, null, false, false, null],
  ] as const)('%s with %i fen, %s → above %s, candidate %s', (category, revenue, qualification, above, candidate, gap) => {
    const r = classifyAboveThreshold(category, revenue, qualification, params);
    expect(r).toMatchObject({ above, candidate, gapFen: gap });
  });
  it('names the kind and refuses unknown categories', () => {
    expect(classifyAboveThreshold('transport', 0, null, params).kind).toBe('services');
    expect(() => classifyAboveThreshold('mining', 0, null, params)).toThrow(UnknownCategoryError);
  });
});
