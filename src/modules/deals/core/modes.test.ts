import { describe, expect, it } from 'vitest';
import { DEFAULT_MODE_TABLE, maturityGroup, recommendTransformationModes } from './modes.js';

describe('recommendTransformationModes (docs/domain.md §3)', () => {
  it.each([
    [1, 'low', ['joint_lab', 'commissioned'], false],
    [3, 'low', ['joint_lab', 'commissioned'], false],
    [4, 'medium', ['strategic', 'joint_centre', 'co_development'], true],
    [6, 'medium', ['strategic', 'joint_centre', 'co_development'], true],
    [7, 'high', ['equity', 'license', 'co_development', 'incubation'], false],
    [9, 'high', ['equity', 'license', 'co_development', 'incubation'], false],
  ])('TRL %i → %s: %j, pilot base %s', (trl, group, modes, pilot) => {
    const a = recommendTransformationModes(trl);
    expect(a.group).toBe(group);
    expect(a.modes.map((m) => m.mode)).toEqual(modes);
    expect(a.needsPilotBase).toBe(pilot);
    expect(a.selfAssessFirst).toBe(false);
  });

  it('asks for a self-assessment when the TRL is unknown', () => {
    const a = recommendTransformationModes(null);
    expect(a).toMatchObject({ trl: null, group: null, modes: [], selfAssessFirst: true, needsPilotBase: false });
    expect(a.adviceZh).toContain('自评');
  });

  it.each([0, 10, 4.5, Number.NaN])('refuses TRL %s', (trl) => {
    expect(() => recommendTransformationModes(trl)).toThrow(RangeError);
  });

  it('every recommendation carries both languages and a reason', () => {
    for (const row of DEFAULT_MODE_TABLE) {
      for (const m of row.modes) for (const k of ['zh', 'en', 'reasonZh', 'reasonEn'] as const) expect(m[k].length).toBeGreaterThan(1);
    }
    expect(maturityGroup(5)).toBe('medium');
  });

  it('takes another table', () => {
    const table = [{ ...DEFAULT_MODE_TABLE[0], minTrl: 1, maxTrl: 9, needsPilotBase: true }];
    expect(recommendTransformationModes(2, table)).toMatchObject({ group: 'high', needsPilotBase: true });
  });
});
