import { describe, expect, it } from 'vitest';
import { computeGep, gepGdpRatio, GepInputError, yoyBp, type GepItemSpec } from './gep.js';

const items: Record<string, GepItemSpec> = {
  agriculture: { code: 'agriculture', category: 'material', zh: '农业产品', en: 'Agriculture', unit: 't', priceYuan: '3000' },
  carbon_sequestration: { code: 'carbon_sequestration', category: 'regulating', zh: '固碳', en: 'Carbon', unit: 'tCO2', priceYuan: '60' },
  oxygen_release: { code: 'oxygen_release', category: 'regulating', zh: '释氧', en: 'Oxygen', unit: 't', priceYuan: '1000' },
  water_conservation: { code: 'water_conservation', category: 'regulating', zh: '水源涵养', en: 'Water', unit: 'm3', priceYuan: '6.11' },
  recreation: { code: 'recreation', category: 'cultural', zh: '休闲旅游', en: 'Recreation', unit: 'visits', priceYuan: '300' },
};

describe('GEP', () => {
  // by hand:
  //   agriculture 12 000.5 t × 2 800 yuan (county price) = 33 601 400 yuan
  //   carbon 150 000 tCO2 × 60 = 9 000 000 yuan; oxygen 109 090.9 t × 1 000 = 109 090 900 yuan
  //   water 1 234 567.89 m3 × 6.11 = 7 543 209.8079 yuan → 754 320 980.79 fen → 754 320 981 fen
  //   recreation 800 000 visits × 300 = 240 000 000 yuan
  const inputs = [
    { code: 'agriculture', quantity: '12000.5', priceYuan: '2800' },
    { code: 'carbon_sequestration', quantity: '150000' },
    { code: 'oxygen_release', quantity: '109090.9' },
    { code: 'water_conservation', quantity: '1234567.89' },
    { code: 'recreation', quantity: '800000' },
  ];
  it('values each item exactly and leaves oxygen out when carbon is counted and the option says so', () => {
    const r = computeGep(inputs, items, { excludeOxygenWithCarbon: true });
    expect(r.lines.map((l) => l.valueFen)).toEqual([3_360_140_000, 900_000_000, 10_909_090_000, 754_320_981, 24_000_000_000]);
    expect(r.lines[2]).toMatchObject({ counted: false, excludedBecause: 'double_counting_oxygen_carbon' });
    expect(r.byCategory).toEqual({ material: 3_360_140_000, regulating: 900_000_000 + 754_320_981, cultural: 24_000_000_000 });
    expect(r.totalFen).toBe(3_360_140_000 + 900_000_000 + 754_320_981 + 24_000_000_000);
  });
  it('counts oxygen when configured to, or when no carbon is entered', () => {
    expect(computeGep(inputs, items, { excludeOxygenWithCarbon: false }).byCategory.regulating).toBe(900_000_000 + 10_909_090_000 + 754_320_981);
    expect(computeGep([{ code: 'oxygen_release', quantity: '1' }], items, { excludeOxygenWithCarbon: true }).totalFen).toBe(100_000);
  });
  it.each([
    [[{ code: 'gold', quantity: '1' }], 'GEP_ITEM_UNKNOWN'],
    [[{ code: 'recreation', quantity: '-1' }], 'GEP_QUANTITY_INVALID'],
    [[{ code: 'recreation', quantity: '1', priceYuan: 'x' }], 'GEP_PRICE_INVALID'],
    [[{ code: 'recreation', quantity: '1' }, { code: 'recreation', quantity: '2' }], 'GEP_ITEM_DUPLICATE'],
  ])('refuses %o', (input, code) => {
    expect(() => computeGep(input, items, { excludeOxygenWithCarbon: true })).toThrow(expect.objectContaining({ code }) as unknown as GepInputError);
  });
  it('gives the GEP/GDP ratio to 4 places and the year-on-year change in basis points', () => {
    expect(gepGdpRatio(2_000, 3_000)).toBe('0.6667');
    expect(gepGdpRatio(35_000, 10_000)).toBe('3.5000');
    expect(gepGdpRatio(1, null)).toBeNull();
    expect(yoyBp(110, 100)).toBe(1000);
    expect(yoyBp(95, 100)).toBe(-500);
    expect(yoyBp(1, null)).toBeNull();
  });
});
