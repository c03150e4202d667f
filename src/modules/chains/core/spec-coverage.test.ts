import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildUnitIndex, chainCoverage, convert, coverSpec, rankSuppliers, specProblems, type Spec, type UnitTable } from './index.js';

const idx = buildUnitIndex(JSON.parse(readFileSync(new URL('../../../../data/reference/units.json', import.meta.url), 'utf8')) as UnitTable);

describe('unit conversion', () => {
  it.each([
    [1, 'mm', 'μm', 1000],
    [5, 'um', 'mm', 0.005],
    [2.5, 'µm', 'μm', 2.5], // micro sign and Greek mu
    [0.2, 'GPa', 'MPa', 200],
    [25, '℃', 'K', 298.15],
    [300, 'K', '°C', 26.85],
    [3, 't', 'kg', 3000],
    [7.5, 'kW', 'W', 7500],
    [1, 'arcmin', 'arcsec', 60],
    [1500, 'rpm', 'r/min', 1500],
    [1, 'N/mm2', 'MPa', 1],
    [1, 'MPa', 'mm', null], // different dimensions
    [1, 'furlong', 'm', null],
  ])('%s %s → %s = %s', (v, from, to, expected) => {
    const r = convert(v, from, to, idx);
    if (expected === null) expect(r).toBeNull();
    else expect(r!).toBeCloseTo(expected, 9);
  });

  it('converts tolerances (differences) without the temperature offset', () => {
    expect(convert(2, '℃', 'K', idx, { difference: true })).toBe(2);
  });

  it('tells milli from mega only by case where both exist, and folds case otherwise', () => {
    expect(idx.resolve('MW')!.factor).toBe(1e6);
    expect(idx.resolve('mpa')!.unit).toBe('MPa');
  });
});

describe('coverSpec', () => {
  const caps: Spec[] = [
    { key: '外径', unit: 'mm', min: 10, max: 200, tolerance: 0.005 },
    { key: '工作温度', unit: 'K', min: 200, max: 450 },
    { key: '抗拉强度', unit: 'GPa', min: 0.8, max: 1.2 },
    { key: '材质', type: 'text', values: ['42CrMo', '40Cr'] },
    { key: '重量', unit: 'kg', max: 500 },
  ];
  it.each([
    ['a nominal with tolerance inside range and precision', { key: '外径', unit: 'μm', nominal: 50000, tolerance: 10 }, 'covered'],
    ['tighter tolerance than achievable', { key: '外径', unit: 'mm', nominal: 50, tolerance: 0.002 }, 'partial'],
    ['a range in ℃ inside a range in K', { key: '工作温度', unit: '℃', min: -40, max: 120 }, 'covered'],
    ['a range in ℃ reaching beyond', { key: '工作温度', unit: '℃', min: -100, max: 120 }, 'partial'],
    ['MPa against GPa', { key: '抗拉强度', unit: 'MPa', min: 900, max: 1000 }, 'covered'],
    ['disjoint', { key: '抗拉强度', unit: 'MPa', min: 1300, max: 1500 }, 'not_covered'],
    ['open-ended capability', { key: '重量', unit: 't', max: 0.3 }, 'covered'],
    ['a text value offered', { key: '材质', type: 'text', values: ['42crmo'] }, 'covered'],
    ['a text value not offered', { key: '材质', type: 'text', values: ['GCr15'] }, 'not_covered'],
    ['a key not declared', { key: '硬度', unit: 'HRC', min: 58, max: 62 }, 'missing'],
    ['units that do not convert', { key: '外径', unit: 'MPa', nominal: 50 }, 'unit_mismatch'],
  ] as [string, Spec, string][])('%s → %s', (_n, req, status) => {
    expect(coverSpec(req, caps, idx).status).toBe(status);
  });

  it('reports the share of a partly covered range', () => {
    const r = coverSpec({ key: '抗拉强度', unit: 'MPa', min: 1000, max: 1400 }, caps, idx);
    expect(r.fraction).toBeCloseTo(0.5, 9);
    expect(r.reason.zh).toContain('部分覆盖');
  });

  it.each([
    [{ key: 'x', unit: 'mm', min: 5, max: 1 }, ['x: min > max']],
    [{ key: 'x', unit: 'parsec', nominal: 1 }, ['x: unknown unit parsec']],
    [{ key: 'x', type: 'text', values: [] }, ['x: no values']],
  ] as [Spec, string[]][])('specProblems %j', (s, expected) => expect(specProblems(s, idx)).toEqual(expected));
});

describe('rankSuppliers', () => {
  const part = { specs: [{ key: '外径', unit: 'mm', nominal: 80, tolerance: 0.01 }, { key: '材质', type: 'text', values: ['42CrMo'] }] as Spec[], terms: [{ term: '轴承', weight: 1, surface: '轴承' }] };
  const params = { weights: { coverage: 0.75, text: 0.25 }, partialFactor: 0.5, limit: 10 };
  it('puts suppliers covering every spec first, even against a better text match', () => {
    const r = rankSuppliers(part, [
      { id: 'text-only', specs: [], terms: new Set(['轴承']) },
      { id: 'covers', specs: [{ key: '外径', unit: 'μm', min: 20000, max: 150000, tolerance: 5 }, { key: '材质', type: 'text', values: ['42CrMo'] }], terms: new Set() },
      { id: 'half', specs: [{ key: '外径', unit: 'mm', min: 20, max: 150, tolerance: 0.05 }, { key: '材质', type: 'text', values: ['42CrMo'] }], terms: new Set(['轴承']) },
      { id: 'nothing', specs: [{ key: '材质', type: 'text', values: ['Q235'] }], terms: new Set(['齿轮']) },
    ], idx, params);
    expect(r.map((m) => m.id)).toEqual(['covers', 'half', 'text-only']);
    expect(r[0]).toMatchObject({ fullyCovered: true, coverage: 1 });
    expect(r[0].reasons[0].code).toBe('ALL_SPECS_COVERED');
    expect(r[1].coverage).toBeCloseTo(0.75, 9);
  });
});

describe('chainCoverage', () => {
  it('counts localised and covered parts as local coverage, lists gaps', () => {
    const c = chainCoverage([
      { id: '1', name: 'a', chainCode: 'EQ', currentSource: 'imported', status: 'covered' },
      { id: '2', name: 'b', chainCode: 'EQ', currentSource: 'imported', status: 'gap' },
      { id: '3', name: 'c', chainCode: 'EQ', currentSource: 'other_province', status: 'partial' },
      { id: '4', name: 'd', chainCode: 'EQ', currentSource: 'imported', status: 'localised' },
    ]);
    expect(c).toMatchObject({ parts: 4, covered: 2, partial: 1, localCoverageBp: 5000 });
    expect(c.gaps.map((g) => g.id)).toEqual(['2', '3']);
  });
});
