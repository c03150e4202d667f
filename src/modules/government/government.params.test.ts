import { describe, expect, it } from 'vitest';
import { aboveThresholdParams, coordinationParams, gepParams, planSeed } from './government.params.js';
import { COMPUTATIONS } from './plan.service.js';

describe('shipped government defaults', () => {
  it('load and validate', () => {
    expect(coordinationParams().types.land.sla).toEqual({ amount: 20, unit: 'working_days' });
    expect(aboveThresholdParams().categories.industry.thresholdFen).toBe(2000 * 1_000_000);
    expect(gepParams().options.excludeOxygenWithCarbon).toBe(true);
  });
  it('seed the 10 plan areas and the indicators domain.md names, each computed one with a known computation', () => {
    const seed = planSeed();
    expect(seed.areas).toHaveLength(10);
    const lcr = seed.indicators.find((i) => i.code === 'local_conversion_rate')!;
    expect(lcr).toMatchObject({ target: '60', source: 'computed', computation: 'local_conversion_rate' });
    expect(seed.indicators.find((i) => i.code === 'rd_spending_growth')).toMatchObject({ target: '9', source: 'manual', trajectory: 'level' });
    for (const i of seed.indicators) {
      expect(seed.areas.map((a) => a.code)).toContain(i.area);
      if (i.source === 'computed') expect(COMPUTATIONS).toContain(i.computation);
    }
  });
});
