import { describe, expect, it } from 'vitest';
import { contractsParams, holidayCalendar } from './contracts.params.js';

describe('shipped contract defaults and holiday calendar', () => {
  it('load and validate', () => {
    expect(contractsParams().registrationDeadline).toEqual({ standardWorkingDays: 15, largeWorkingDays: 30, largeThresholdFen: 500_000_000 });
    expect([...holidayCalendar().years.keys()]).toEqual([2024, 2025, 2026]);
  });
});
