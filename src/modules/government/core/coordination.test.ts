import { describe, expect, it } from 'vitest';
import { WEEKENDS_ONLY_CALENDAR } from '../../contracts/index.js';
import { departmentStats, departmentsFor, dueDateFor, parentDepartment, parseCoordinationParams, routeCase, sweepAction, type CaseType } from './coordination.js';
import { coordinationParams } from '../government.params.js';

const params = coordinationParams();

describe('routing', () => {
  it.each<[CaseType, string | null, string]>([
    ['land', '210102', '210100-zrzy'], // a district of 沈阳 → 沈阳市自然资源局
    ['finance', '210200', '210200-jr'],
    ['policy', '211302', '211300-kj'],
    ['approvals', null, '210000-sp'], // no region → the province
    ['pilot_capacity', '110105', '210000-kj'], // outside Liaoning → the province
    ['other', '210000', '210000-kj'],
  ])('%s in %s → %s', (type, region, dept) => expect(routeCase(params, type, region)).toBe(dept));

  it('lets an explicit override win', () => {
    const p = { ...params, overrides: [{ type: 'pilot_capacity' as const, city: '210100', department: '210100-zrzy' }] };
    expect(routeCase(p, 'pilot_capacity', '210106')).toBe('210100-zrzy');
    expect(routeCase(p, 'pilot_capacity', '210200')).toBe('210200-kj');
  });

  it('names departments per city and escalates city → province of the same kind', () => {
    const d = departmentsFor(params, [{ code: '210100', name: '沈阳市', short: '沈阳' }]);
    expect(d.find((x) => x.code === '210100-kj')).toMatchObject({ name: '沈阳市科学技术局', level: 'city' });
    expect(d.find((x) => x.code === '210000-kj')).toMatchObject({ name: '辽宁省科学技术厅', level: 'province' });
    expect(parentDepartment('210100-zrzy')).toBe('210000-zrzy');
    expect(parentDepartment('210000-zrzy')).toBeNull();
  });

  it('rejects a configuration that names an unknown department kind', () => {
    const raw = { ...JSON.parse(JSON.stringify(params)), types: { ...params.types, land: { ...params.types.land, department: 'nope' } }, overrides: { routes: [] } };
    expect(() => parseCoordinationParams(raw)).toThrow(/types.land.department/);
  });
});

describe('due dates and the sweep', () => {
  it.each([
    // Friday 2026-11-27 + 10 working days (weekends only) = Friday 2026-12-11; + 7 calendar days = 2026-12-04
    ['2026-11-27', { amount: 10, unit: 'working_days' as const }, '2026-12-11'],
    ['2026-11-27', { amount: 7, unit: 'days' as const }, '2026-12-04'],
    ['2026-12-31', { amount: 1, unit: 'days' as const }, '2027-01-01'],
  ])('%s + %o = %s', (start, sla, due) => expect(dueDateFor(start, sla, WEEKENDS_ONLY_CALENDAR)).toBe(due));

  it.each([
    [{ level: 'city', dueDate: '2026-12-11', remindedFor: null, overdueFlagged: false }, '2026-12-09', null],
    [{ level: 'city', dueDate: '2026-12-11', remindedFor: null, overdueFlagged: false }, '2026-12-10', 'remind'],
    [{ level: 'city', dueDate: '2026-12-11', remindedFor: '2026-12-11', overdueFlagged: false }, '2026-12-11', null],
    [{ level: 'city', dueDate: '2026-12-11', remindedFor: '2026-12-11', overdueFlagged: false }, '2026-12-12', 'escalate'],
    [{ level: 'province', dueDate: '2026-12-11', remindedFor: null, overdueFlagged: false }, '2026-12-12', 'flag'],
    [{ level: 'province', dueDate: '2026-12-11', remindedFor: null, overdueFlagged: true }, '2026-12-20', null],
  ] as const)('%o on %s → %s', (c, today, action) => expect(sweepAction(c, today, params)).toBe(action));
});

describe('department statistics', () => {
  it('counts closed cases, the median days to close and the overdue share against the first due date', () => {
    const s = departmentStats([
      { department: 'A', raisedOn: '2026-11-01', firstDueDate: '2026-11-10', resolvedOn: '2026-11-04', rating: 5 }, // 3 days
      { department: 'A', raisedOn: '2026-11-01', firstDueDate: '2026-11-10', resolvedOn: '2026-11-12', rating: 2 }, // 11 days, late
      { department: 'A', raisedOn: '2026-11-02', firstDueDate: '2026-11-10', resolvedOn: null, rating: null }, // open, overdue on the 20th
      { department: 'A', raisedOn: '2026-11-15', firstDueDate: '2026-11-25', resolvedOn: null, rating: null }, // open, not yet due
      { department: 'B', raisedOn: '2026-11-01', firstDueDate: '2026-11-10', resolvedOn: '2026-11-06', rating: null },
    ], '2026-11-20');
    expect(s[0]).toMatchObject({ department: 'A', raised: 4, closed: 2, open: 2, medianDaysToClose: 7, overdue: 2, overdueShareBp: 5000, ratings: 2, meanRatingX100: 350 });
    expect(s[1]).toMatchObject({ department: 'B', raised: 1, closed: 1, medianDaysToClose: 5, overdue: 0, overdueShareBp: 0, meanRatingX100: null });
  });
});
