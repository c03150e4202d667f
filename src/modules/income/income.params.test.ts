import { describe, expect, it } from 'vitest';
import { incomeSharingParams } from './income.params.js';

describe('shipped income-sharing defaults', () => {
  it('load and validate', () => {
    expect(incomeSharingParams().defaultRuleset).toBe('liaoning');
    expect(incomeSharingParams().rulesets.liaoning.teamShareMinBp.transfer).toBe(7000);
  });
});
