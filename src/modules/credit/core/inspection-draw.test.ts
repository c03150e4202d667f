import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import {
  canonicalJson,
  drawInspection,
  inspectionDrawSettings,
  inspectorConflicts,
  sampleSize,
  verifyDraw,
  type DrawInput,
  type DrawInspector,
  type DrawTarget,
  type InspectionDraw,
} from './inspection-draw.js';
import type { RiskClass } from './params.js';

const settings = inspectionDrawSettings(creditParams());
const CITIES = ['210100', '210200', '210300'];

function pool(cls: RiskClass, n: number, withCause = 0): DrawTarget[] {
  return Array.from({ length: n }, (_, i) => ({
    orgId: `${cls}-${String(i).padStart(3, '0')}`,
    class: cls,
    regionCode: CITIES[i % CITIES.length],
    industry: i % 2 ? '先进装备制造' : '生物医药',
    hasCause: i < withCause,
  }));
}
const targets = [...pool('A', 40, 10), ...pool('B', 40), ...pool('C', 20), ...pool('D', 10)];
const inspectors: DrawInspector[] = [
  { id: 'i-01', orgId: 'C-000', lastInspected: [] },
  { id: 'i-02', orgId: 'C-000', lastInspected: ['D-001'] },
  { id: 'i-03', orgId: 'agency-1', lastInspected: ['D-000', 'D-001', 'C-005'] },
  { id: 'i-04', orgId: 'agency-1', lastInspected: [] },
  { id: 'i-05', orgId: 'agency-2', lastInspected: ['B-000'] },
  { id: 'i-06', orgId: 'agency-2', lastInspected: [] },
  { id: 'i-07', orgId: 'D-002', lastInspected: [] },
  { id: 'i-08', orgId: 'agency-3', lastInspected: ['D-000'] },
];
const input = (seed: string, over: Partial<DrawInput> = {}): DrawInput => ({ seed, targets, inspectors, ...settings, ...over });

function shuffled<T>(xs: readonly T[], k: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = (i * 7919 + k) % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe('sample sizes', () => {
  it.each([
    [10, 300, 'ceil', 1],
    [40, 500, 'ceil', 2],
    [20, 1500, 'ceil', 3],
    [10, 3000, 'ceil', 3],
    [0, 3000, 'ceil', 0],
    [3, 1500, 'ceil', 1],
    [3, 1500, 'round', 0],
    [10, 1500, 'round', 2],
    [10, 1500, 'floor', 1],
    [7, 10_000, 'floor', 7],
  ] as const)('%i × %i bp (%s) = %i', (n, bp, rounding, want) => expect(sampleSize(n, bp, rounding)).toBe(want));
});

describe('drawInspection', () => {
  it('draws per class with the default ratios, A only among those with cause', () => {
    const d = drawInspection(input('2025-Q2 辽宁省市场监管局 公开种子'));
    expect(d.result.strata).toEqual([
      { class: 'A', poolSize: 40, eligibleSize: 10, ratioBp: 300, sampleSize: 1 },
      { class: 'B', poolSize: 40, eligibleSize: 40, ratioBp: 500, sampleSize: 2 },
      { class: 'C', poolSize: 20, eligibleSize: 20, ratioBp: 1500, sampleSize: 3 },
      { class: 'D', poolSize: 10, eligibleSize: 10, ratioBp: 3000, sampleSize: 3 },
    ]);
    expect(d.result.selections.map((s) => s.class)).toEqual(['A', 'B', 'B', 'C', 'C', 'C', 'D', 'D', 'D']);
    expect(d.result.selections[0].hasCause).toBe(true);
    expect(d.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('A is drawn from its whole pool when configured so', () => {
    const d = drawInspection(input('s', { causeOnlyClasses: [] }));
    expect(d.result.strata[0]).toMatchObject({ eligibleSize: 40, sampleSize: 2 });
  });

  it('is reproducible: same seed and pools → same draw and digest, whatever the input order', () => {
    const a = drawInspection(input('seed-42'));
    const b = drawInspection(input('seed-42', { targets: shuffled(targets, 3), inspectors: shuffled(inspectors, 5) }));
    expect(b).toEqual(a);
    expect(drawInspection(input('seed-43')).digest).not.toBe(a.digest);
  });

  it('the digest covers the pools: changing one target changes it', () => {
    const a = drawInspection(input('seed-42'));
    const changed = targets.map((t) => (t.orgId === 'B-039' ? { ...t, industry: '冶金新材料' } : t));
    expect(drawInspection(input('seed-42', { targets: changed })).digest).not.toBe(a.digest);
  });

  it('never assigns an inspector from the target organisation or who inspected it last time', () => {
    expect(inspectorConflicts(inspectors[0], 'C-000')).toBe(true);
    expect(inspectorConflicts(inspectors[2], 'D-001')).toBe(true);
    expect(inspectorConflicts(inspectors[3], 'D-001')).toBe(false);
    for (let s = 0; s < 500; s++) {
      const d = drawInspection(input(`conflicts-${s}`));
      for (const sel of d.result.selections) {
        expect(new Set(sel.inspectorIds).size).toBe(2);
        for (const id of sel.inspectorIds) {
          const p = inspectors.find((x) => x.id === id)!;
          expect(inspectorConflicts(p, sel.orgId), `${id} → ${sel.orgId}`).toBe(false);
        }
      }
    }
  });

  it('refuses to draw when too few inspectors remain after exclusions', () => {
    const few: DrawInspector[] = [
      { id: 'x1', orgId: 'agency', lastInspected: [] },
      { id: 'x2', orgId: 'agency', lastInspected: ['D-000'] },
    ];
    const only = [pool('D', 1)[0]];
    expect(() => drawInspection(input('s', { targets: only, inspectors: few }))).toThrowError(
      expect.objectContaining({ code: 'NOT_ENOUGH_INSPECTORS', details: { orgId: 'D-000', needed: 2, eligible: 1 } }),
    );
  });

  it.each([
    ['an empty seed', { seed: '' }, 'SEED_REQUIRED'],
    ['a ratio above 100 %', { ratios: { A: 300, B: 500, C: 1500, D: 10_001 } }, 'RATIO_INVALID'],
    ['a duplicate target', { targets: [...targets, targets[0]] }, 'DUPLICATE_TARGET'],
    ['a duplicate inspector', { inspectors: [...inspectors, inspectors[1]] }, 'DUPLICATE_INSPECTOR'],
  ])('rejects %s', (_, over, code) => {
    expect(() => drawInspection(input('s', over as Partial<DrawInput>))).toThrowError(expect.objectContaining({ code }));
  });

  it('sample sizes follow the ratio for any pool sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.string({ minLength: 1 }), (nB, nD, seed) => {
        const d = drawInspection(input(seed, { targets: [...pool('B', nB), ...pool('D', nD)] }));
        expect(d.result.selections.filter((s) => s.class === 'B')).toHaveLength(Math.ceil((nB * 500) / 10_000));
        expect(d.result.selections.filter((s) => s.class === 'D')).toHaveLength(Math.ceil((nD * 3000) / 10_000));
        expect(new Set(d.result.selections.map((s) => s.orgId)).size).toBe(d.result.selections.length);
      }),
      { numRuns: 100 },
    );
  });

  it('over 500 seeds every target of a class is drawn about equally often (binomial bounds)', () => {
    const counts = new Map<string, number>();
    const runs = 500;
    for (let s = 0; s < runs; s++) {
      for (const sel of drawInspection(input(`fair-${s}`)).result.selections) counts.set(sel.orgId, (counts.get(sel.orgId) ?? 0) + 1);
    }
    const check = (cls: RiskClass, members: string[], perDraw: number): void => {
      const p = perDraw / members.length;
      const mean = runs * p;
      const sd = Math.sqrt(runs * p * (1 - p));
      let total = 0;
      for (const id of members) {
        const c = counts.get(id) ?? 0;
        total += c;
        expect(Math.abs(c - mean), `${cls} ${id}: ${c} vs ${mean.toFixed(1)}`).toBeLessThan(4.5 * sd);
      }
      expect(total / (runs * members.length)).toBeCloseTo(p, 10);
    };
    check('A', pool('A', 10).map((t) => t.orgId), 1);
    check('B', pool('B', 40).map((t) => t.orgId), 2);
    check('C', pool('C', 20).map((t) => t.orgId), 3);
    check('D', pool('D', 10).map((t) => t.orgId), 3);
    // A without cause is never drawn
    for (const t of pool('A', 40).slice(10)) expect(counts.get(t.orgId) ?? 0).toBe(0);
  });
});

describe('verifyDraw', () => {
  const recorded = drawInspection(input('published-seed-2025-06'));
  const stored = (): InspectionDraw => JSON.parse(JSON.stringify(recorded));

  it('accepts an untouched record, also after a JSON round trip', () => {
    expect(verifyDraw(recorded)).toEqual({ ok: true, mismatches: [] });
    expect(verifyDraw(stored())).toEqual({ ok: true, mismatches: [] });
  });

  it('detects a swapped target', () => {
    const r = stored();
    (r.result.selections[3] as { orgId: string }).orgId = 'C-019';
    const v = verifyDraw(r);
    expect(v.ok).toBe(false);
    expect(v.mismatches.some((m) => m.startsWith('digest'))).toBe(true);
    expect(v.mismatches.some((m) => m.startsWith('selections[3].orgId'))).toBe(true);
  });

  it('detects a swapped inspector even when the digest was recomputed by the forger', () => {
    const r = stored();
    (r.result.selections[0] as unknown as { inspectorIds: string[] }).inspectorIds = ['i-04', 'i-06'];
    const digest = createHash('sha256').update(canonicalJson({ algorithm: r.algorithm, input: r.input, result: r.result })).digest('hex');
    const v = verifyDraw({ ...r, digest });
    expect(v.ok).toBe(false);
    expect(v.mismatches).toHaveLength(1);
    expect(v.mismatches.some((m) => m.startsWith('selections[0].inspectorIds'))).toBe(true);
  });

  it('detects an edited digest and an edited pool', () => {
    expect(verifyDraw({ ...stored(), digest: '0'.repeat(64) }).mismatches).toEqual([expect.stringMatching(/^digest/)]);
    const r = stored();
    expect(verifyDraw({ ...r, input: { ...r.input, seed: 'another-seed' } }).ok).toBe(false);
  });

  it('reports a record that can no longer be re-run', () => {
    const r = stored();
    expect(verifyDraw({ ...r, input: { ...r.input, inspectors: r.input.inspectors.slice(0, 1) } })).toEqual({ ok: false, mismatches: ['re-run failed: NOT_ENOUGH_INSPECTORS'] });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: '辽' } })).toBe('{"a":{"c":"辽","d":[2,{"z":1}]},"b":1}');
  });
});
