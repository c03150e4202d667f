/**
 * Coordination cases (协调事项): routing by type and city to a responsible department, due dates from the type's
 * SLA, reminders and escalation city → province when overdue, and per-department statistics. Pure; no I/O.
 */
import { addWorkingDays, type WorkingDayCalendar } from '../../contracts/index.js';
import { addCalendarDays, dayNo } from './decimal.js';

export const CASE_TYPES = ['policy', 'land', 'finance', 'approvals', 'pilot_capacity', 'other'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const SUBJECT_TYPES = ['deal', 'demand', 'achievement', 'service'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type DeptLevel = 'city' | 'province';

export interface Sla {
  readonly amount: number;
  readonly unit: 'working_days' | 'days';
}

export interface CoordinationParams {
  readonly types: Readonly<Record<CaseType, { zh: string; en: string; sla: Sla; department: string }>>;
  readonly departmentKinds: Readonly<Record<string, { city: string; province: string; cityEn: string; provinceEn: string }>>;
  readonly overrides: readonly { type: CaseType; city: string; department: string }[];
  readonly escalation: { provinceSla: Sla; reminderDaysBefore: number };
  readonly rating: { min: number; max: number };
}

export interface Department {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly level: DeptLevel;
  /** the city for city departments; '210000' for provincial ones */
  readonly regionCode: string;
  readonly kind: string;
}

export const PROVINCE_CODE = '210000';

function parseSla(v: unknown, where: string, problems: string[]): Sla {
  const s = v as Sla;
  if (!s || !Number.isInteger(s.amount) || s.amount < 1 || (s.unit !== 'working_days' && s.unit !== 'days')) {
    problems.push(`${where}: sla needs a positive integer amount and unit working_days|days`);
    return { amount: 1, unit: 'days' };
  }
  return { amount: s.amount, unit: s.unit };
}

/** Validates data/reference/coordination.json; throws one Error listing every problem. */
export function parseCoordinationParams(json: unknown): CoordinationParams {
  const root = json as Record<string, any>;
  const problems: string[] = [];
  const kinds: CoordinationParams['departmentKinds'] = {};
  for (const [k, v] of Object.entries(root?.departmentKinds ?? {})) {
    if (k.startsWith('_')) continue;
    const d = v as Record<string, unknown>;
    if (!/^[a-z]+$/.test(k) || typeof d.city !== 'string' || typeof d.province !== 'string') problems.push(`departmentKinds.${k}: needs city and province names`);
    (kinds as any)[k] = { city: String(d.city), province: String(d.province), cityEn: String(d.cityEn ?? d.city), provinceEn: String(d.provinceEn ?? d.province) };
  }
  const types = {} as Record<CaseType, { zh: string; en: string; sla: Sla; department: string }>;
  for (const t of CASE_TYPES) {
    const v = root?.types?.[t];
    if (!v) {
      problems.push(`types.${t} is missing`);
      continue;
    }
    if (!kinds[v.department]) problems.push(`types.${t}.department ${v.department} is not a department kind`);
    types[t] = { zh: String(v.zh), en: String(v.en), sla: parseSla(v.sla, `types.${t}`, problems), department: String(v.department) };
  }
  const overrides = (root?.overrides?.routes ?? []) as CoordinationParams['overrides'];
  for (const [i, o] of overrides.entries()) {
    if (!CASE_TYPES.includes(o.type) || !/^\d{6}$/.test(o.city) || !/^\d{6}-[a-z]+$/.test(o.department)) problems.push(`overrides.routes[${i}]: needs type, 6-digit city and a department code`);
  }
  const esc = root?.escalation ?? {};
  const provinceSla = parseSla(esc.provinceSla, 'escalation.provinceSla', problems);
  if (!Number.isInteger(esc.reminderDaysBefore) || esc.reminderDaysBefore < 0) problems.push('escalation.reminderDaysBefore must be a non-negative integer');
  const rating = { min: Number(root?.rating?.min ?? 1), max: Number(root?.rating?.max ?? 5) };
  if (problems.length) throw new Error(`coordination parameters invalid:\n- ${problems.join('\n- ')}`);
  return { types, departmentKinds: kinds, overrides, escalation: { provinceSla, reminderDaysBefore: esc.reminderDaysBefore }, rating };
}

/** Every department the routing can name: one per kind for the province and for each city. */
export function departmentsFor(params: CoordinationParams, cities: readonly { code: string; name: string; short: string }[]): Department[] {
  const out: Department[] = [];
  for (const [kind, d] of Object.entries(params.departmentKinds)) {
    out.push({ code: `${PROVINCE_CODE}-${kind}`, name: d.province, nameEn: d.provinceEn, level: 'province', regionCode: PROVINCE_CODE, kind });
    for (const c of cities) {
      out.push({ code: `${c.code}-${kind}`, name: d.city.replace('{city}', c.name), nameEn: d.cityEn.replace('{cityEn}', c.short), level: 'city', regionCode: c.code, kind });
    }
  }
  return out;
}

/**
 * The department a new case goes to: an explicit override for (type, city) first; else the type's department kind
 * in the case's city; a case with no Liaoning city (missing or outside the province) goes to the provincial one.
 */
export function routeCase(params: CoordinationParams, type: CaseType, regionCode: string | null | undefined): string {
  const city = regionCode && /^21\d{4}$/.test(regionCode) && regionCode.slice(2, 4) !== '00' ? `${regionCode.slice(0, 4)}00` : null;
  if (city) {
    const o = params.overrides.find((r) => r.type === type && r.city === city);
    if (o) return o.department;
    return `${city}-${params.types[type].department}`;
  }
  return `${PROVINCE_CODE}-${params.types[type].department}`;
}

export function departmentLevel(code: string): DeptLevel {
  return code.startsWith(`${PROVINCE_CODE}-`) ? 'province' : 'city';
}

/** The next level up: a city department's provincial counterpart of the same kind; null for provincial ones. */
export function parentDepartment(code: string): string | null {
  if (departmentLevel(code) === 'province') return null;
  return `${PROVINCE_CODE}-${code.split('-')[1]}`;
}

/** The due date `sla` after `start` (a Shanghai calendar date; the start day itself is not counted). */
export function dueDateFor(start: string, sla: Sla, calendar: WorkingDayCalendar): string {
  return sla.unit === 'working_days' ? addWorkingDays(start, sla.amount, calendar) : addCalendarDays(start, sla.amount);
}

export interface OpenCaseFacts {
  readonly level: DeptLevel;
  readonly dueDate: string;
  /** the due date a reminder was last sent for (reminders are once per due date) */
  readonly remindedFor: string | null;
  readonly overdueFlagged: boolean;
}

export type SweepAction = 'remind' | 'escalate' | 'flag' | null;

/**
 * What the scheduled sweep does with an open case on `today`: past the due date a city case escalates and a
 * provincial case is flagged (once); within `reminderDaysBefore` days of the due date the department is reminded
 * (once per due date). A case is overdue from the day after its due date.
 */
export function sweepAction(c: OpenCaseFacts, today: string, params: CoordinationParams): SweepAction {
  if (today > c.dueDate) {
    if (c.level === 'city') return 'escalate';
    return c.overdueFlagged ? null : 'flag';
  }
  if (c.remindedFor !== c.dueDate && dayNo(c.dueDate) - dayNo(today) <= params.escalation.reminderDaysBefore) return 'remind';
  return null;
}

export interface CaseStatFacts {
  /** the department first routed to: it owns the SLA, so it answers for overdue cases even after escalation */
  readonly department: string;
  readonly raisedOn: string;
  readonly firstDueDate: string;
  /** the date the case was resolved, null while open */
  readonly resolvedOn: string | null;
  readonly rating: number | null;
}

export interface DepartmentStats {
  readonly department: string;
  readonly raised: number;
  readonly closed: number;
  readonly open: number;
  /** calendar days from raising to resolution, median over closed cases (x.5 for an even count) */
  readonly medianDaysToClose: number | null;
  /** cases resolved after, or still open past, the first due date ÷ all cases, in basis points */
  readonly overdue: number;
  readonly overdueShareBp: number | null;
  readonly ratings: number;
  /** mean satisfaction × 100 (e.g. 450 = 4.5), rounded */
  readonly meanRatingX100: number | null;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Per-department statistics of cases on `today`, departments in code order. */
export function departmentStats(cases: readonly CaseStatFacts[], today: string): DepartmentStats[] {
  const by = new Map<string, CaseStatFacts[]>();
  for (const c of cases) by.set(c.department, [...(by.get(c.department) ?? []), c]);
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, list]) => {
    const closed = list.filter((c) => c.resolvedOn !== null);
    const overdue = list.filter((c) => (c.resolvedOn !== null ? c.resolvedOn > c.firstDueDate : today > c.firstDueDate)).length;
    const ratings = list.map((c) => c.rating).filter((r): r is number => r !== null);
    return {
      department, raised: list.length, closed: closed.length, open: list.length - closed.length,
      medianDaysToClose: median(closed.map((c) => dayNo(c.resolvedOn!) - dayNo(c.raisedOn))),
      overdue, overdueShareBp: list.length ? Math.round((overdue * 10000) / list.length) : null,
      ratings: ratings.length, meanRatingX100: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) * 100) / ratings.length) : null,
    };
  });
}
