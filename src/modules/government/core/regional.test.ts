import { describe, expect, it } from 'vitest';
import { regionalTotals } from './regional.js';
import { regionGroups } from '../../reference/index.js';

describe('regional totals', () => {
  it('counts a record in its city, in every group that lists the city or its county, and once in the province', () => {
    const t = regionalTotals([
      { regionCode: '210700', values: { listings: 1 } }, // 锦州: coastal belt AND liaoxi pilot zone
      { regionCode: '210283', values: { listings: 1 } }, // 庄河市 (大连): coastal belt (city member) AND liaodong green zone (county member)
      { regionCode: '210202', values: { listings: 1 } }, // 大连 district: coastal belt only
      { regionCode: '210102', values: { listings: 2 } }, // 沈阳: metro circle
      { regionCode: '110105', values: { listings: 5 } }, // Beijing
      { regionCode: null, values: { listings: 1 } },
    ], regionGroups());
    expect(t.cities.get('210700')).toEqual({ listings: 1 });
    expect(t.cities.get('210200')).toEqual({ listings: 2 });
    expect(Object.fromEntries([...t.groups].map(([k, v]) => [k, v.listings ?? 0]))).toEqual({ 'shenyang-metro': 2, 'coastal-belt': 3, 'liaoxi-pilot-zone': 1, 'liaodong-green-zone': 1 });
    expect(t.province).toEqual({ listings: 5 });
    expect(t.elsewhere).toEqual({ listings: 6 });
  });
});
