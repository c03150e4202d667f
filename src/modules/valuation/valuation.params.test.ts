import { describe, expect, it } from 'vitest';
import { patentAssessmentParams, valuationParams } from './valuation.params.js';

describe('shipped valuation defaults', () => {
  it('load and validate', () => {
    expect(valuationParams().profitShare).toEqual({ low: 250_000, high: 330_000 });
    expect(patentAssessmentParams().thresholds).toEqual({ invention: 7, utility: 4, knowHow: 3 });
    expect(valuationParams()).toBe(valuationParams()); // loaded once
  });
});
