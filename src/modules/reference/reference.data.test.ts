import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  regions,
  regionByCode,
  resolveRegion,
  isLiaoning,
  cityOf,
  provinceOf,
  regionGroups,
  taxonomy,
  taxonomyNode,
  flattenTaxonomy,
  classifyField,
  trlLevels,
  regionPrefix,
} from './index.js';

const LIAONING_CITIES: Record<string, string> = {
  '210100': '沈阳市',
  '210200': '大连市',
  '210300': '鞍山市',
  '210400': '抚顺市',
  '210500': '本溪市',
  '210600': '丹东市',
  '210700': '锦州市',
  '210800': '营口市',
  '210900': '阜新市',
  '211000': '辽阳市',
  '211100': '盘锦市',
  '211200': '铁岭市',
  '211300': '朝阳市',
  '211400': '葫芦岛市',
};

describe('regions', () => {
  it('has the 14 Liaoning cities with their GB/T 2260 codes', () => {
    const cities = regions().filter((r) => r.level === 'city' && r.parent === '210000');
    expect(Object.fromEntries(cities.map((r) => [r.code, r.name]))).toEqual(LIAONING_CITIES);
  });

  it('has all 34 province-level divisions with full names', () => {
    const provinces = regions().filter((r) => r.level === 'province');
    expect(provinces).toHaveLength(34);
    for (const [code, name] of [
      ['110000', '北京市'],
      ['150000', '内蒙古自治区'],
      ['210000', '辽宁省'],
      ['320000', '江苏省'],
      ['710000', '台湾省'],
      ['810000', '香港特别行政区'],
      ['820000', '澳门特别行政区'],
    ]) {
      expect(regionByCode(code)?.name).toBe(name);
    }
  });

  it('is sorted, unique and consistent', () => {
    const list = regions();
    const codes = list.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const r of list) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.parent) expect(regionByCode(r.parent)).not.toBeNull();
      if (r.level === 'county') expect(r.code.startsWith('21')).toBe(true);
    }
    expect(list.some((r) => r.name === '市辖区')).toBe(false);
  });

  it('resolves codes, full names, short names, province names and counties', () => {
    expect(resolveRegion('沈阳市')?.code).toBe('210100');
    expect(resolveRegion('210300')?.name).toBe('鞍山市');
    expect(resolveRegion('沈阳')?.code).toBe('210100');
    expect(resolveRegion('北京市')?.code).toBe('110000');
    expect(resolveRegion('江苏省')?.code).toBe('320000');
    expect(resolveRegion('宽甸满族自治县')?.code).toBe('210624');
    expect(resolveRegion('宽甸')?.code).toBe('210624');
    expect(resolveRegion('浑南区')?.code).toBe('210112');
  });

  it('resolves compound names and ambiguous names to the most specific certain region', () => {
    expect(resolveRegion('辽宁省沈阳市浑南区')?.code).toBe('210112');
    expect(resolveRegion('沈阳市铁西区')?.code).toBe('210106');
    expect(resolveRegion('鞍山市铁西区')?.code).toBe('210303');
    expect(resolveRegion('铁西区')?.code).toBe('210000'); // two districts of that name, both in Liaoning
    expect(resolveRegion('抚顺')?.code).toBe('210400'); // the city, not 抚顺县
    expect(resolveRegion('110108')?.code).toBe('110000'); // county code not carried → its province
    expect(resolveRegion('大连理工大学')).toBeNull();
    expect(resolveRegion('')).toBeNull();
  });

  it('finds the city and province of a county', () => {
    expect(cityOf('210624')?.code).toBe('210600');
    expect(cityOf('210200')?.code).toBe('210200');
    expect(cityOf('210000')).toBeNull();
    expect(provinceOf('210624')?.code).toBe('210000');
    expect(isLiaoning('210624')).toBe(true);
    expect(isLiaoning('320000')).toBe(false);
  });

  it('has region groups whose members are known Liaoning regions', () => {
    const groups = regionGroups();
    expect(groups.map((g) => g.code)).toContain('shenyang-metro');
    for (const g of groups) {
      expect(g.members.length).toBeGreaterThan(0);
      for (const m of g.members) {
        expect(regionByCode(m)).not.toBeNull();
        expect(isLiaoning(m)).toBe(true);
      }
    }
  });
});

describe('taxonomy', () => {
  it('has unique codes that follow the tree', () => {
    const flat = flattenTaxonomy();
    const codes = flat.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const n of flat) {
      expect(n.code).toMatch(/^[A-Z0-9]+(\.[A-Z0-9]+){0,2}$/);
      expect(n.path[n.path.length - 1]).toBe(n.code);
      expect(n.path.every((p) => n.code === p || n.code.startsWith(`${p}.`))).toBe(true);
      expect(n.depth).toBe(n.code.split('.').length);
      expect(taxonomyNode(n.code)?.name).toBe(n.name);
    }
    expect(taxonomy().length).toBeGreaterThanOrEqual(12);
    expect(taxonomy().length).toBeLessThanOrEqual(16);
  });

  it.each([
    ['高端装备/机器人', 'EQ.ROB'],
    ['新能源/氢能', 'NE.H2'],
    ['冶金/高温合金', 'MET.SUP'],
    ['航空/高温合金', 'AERO.MAT'],
    ['生物医药/创新药', 'BIO.CHEM'],
    ['集成电路/半导体装备', 'IC.EQ'],
    ['石化/精细化工', 'PC.FINE'],
    ['冶金/钢铁', 'MET.STL'],
    ['船舶海工', 'SHIP'],
    ['航空航天', 'AERO'],
    ['数控机床', 'EQ.CNC'],
    ['工业软件/CAE', 'SW.RD'],
    ['节能环保', 'ENV'],
    ['现代农业', 'AGR'],
    ['电子信息', 'ICT'],
    ['医疗器械/超声', 'MED.IMG'],
    ['新能源（氢能）', 'NE.H2'],
  ])('classifies %s under %s', (label, prefix) => {
    const codes = classifyField(label);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.length).toBeLessThanOrEqual(5);
    expect(codes.every((c) => c === prefix || c.startsWith(`${prefix}.`))).toBe(true);
  });

  it('returns [] for empty or unknown labels', () => {
    expect(classifyField('')).toEqual([]);
    expect(classifyField(' / ')).toEqual([]);
    expect(classifyField('其他')).toEqual([]);
  });

  // The development set lives outside the repository (/work/shared); skip where it is absent.
  const matchDev = new URL('../../../../shared/datasets/match-dev/', import.meta.url);
  it.skipIf(!existsSync(matchDev))('classifies every match-dev field label', () => {
    const labels = new Set<string>();
    for (const file of ['achievements.jsonl', 'demands.jsonl']) {
      const text = readFileSync(new URL(file, matchDev), 'utf8');
      for (const line of text.split('\n')) if (line.trim()) labels.add((JSON.parse(line) as { field: string }).field);
    }
    expect(labels.size).toBeGreaterThan(100);
    const unclassified = [...labels].filter((l) => classifyField(l).length === 0);
    expect(unclassified).toEqual([]);
  });
});

describe('TRL', () => {
  it('has the nine GB/T 22900 levels with 2–3 questions each', () => {
    const levels = trlLevels();
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(levels.map((l) => l.group)).toEqual(['low', 'low', 'low', 'medium', 'medium', 'medium', 'high', 'high', 'high']);
    for (const l of levels) {
      expect(l.questions.length).toBeGreaterThanOrEqual(2);
      expect(l.questions.length).toBeLessThanOrEqual(3);
    }
  });

  it('selects a region and what lies inside it by code prefix, 辽阳 211000 included', () => {
    expect(regionPrefix('210000')).toBe('21');
    expect(regionPrefix('211000')).toBe('2110');
    expect(regionPrefix('210102')).toBe('210102');
    expect('211100'.startsWith(regionPrefix('211000'))).toBe(false);
  });
});
