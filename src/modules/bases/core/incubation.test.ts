import { describe, expect, it } from 'vitest';
import { carriersForStage, decideIntake, nextStage, type IncubationParams } from './incubation.js';

const params: IncubationParams = {
  stages: ['idea', 'nursery', 'incubator', 'accelerator'],
  carrierStages: { nursery: ['idea', 'nursery'], incubator: ['nursery', 'incubator'], accelerator: ['incubator', 'accelerator'], demonstration_base: ['idea', 'nursery', 'incubator', 'accelerator'] },
};

describe('stages', () => {
  it.each([['idea', 'nursery'], ['nursery', 'incubator'], ['incubator', 'accelerator'], ['accelerator', null]] as const)('%s → %s', (s, n) => expect(nextStage(s, params)).toBe(n));
  it.each([
    ['idea', ['nursery', 'demonstration_base']],
    ['incubator', ['incubator', 'accelerator', 'demonstration_base']],
  ] as const)('an applicant at %s looks at %j', (s, kinds) => expect(carriersForStage(s, params)).toEqual(kinds));
});

describe('decideIntake', () => {
  it.each([
    ['submitted', true, null, 10, 3, { ok: true, to: 'accepted' }],
    ['submitted', true, null, 3, 3, { ok: false, code: 'INCUBATION_FULL' }],
    ['submitted', true, null, null, 99, { ok: true, to: 'accepted' }],
    ['submitted', false, '', 10, 0, { ok: false, code: 'INCUBATION_REASON_REQUIRED' }],
    ['submitted', false, '方向不符', 10, 0, { ok: true, to: 'declined' }],
    ['accepted', true, null, 10, 0, { ok: false, code: 'INCUBATION_STATE_INVALID' }],
  ] as const)('%s accept=%s reason=%j seats=%s residents=%s → %j', (status, accept, reason, seats, residents, expected) => {
    expect(decideIntake(status, accept, reason, seats, residents)).toEqual(expected);
  });
});
