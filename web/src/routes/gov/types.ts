/** Shapes of the government endpoints (coordination, plan), as the server presents them. */
export interface CaseType {
  type: string;
  zh: string;
  en: string;
  sla: { amount: number; unit: 'days' | 'working_days' };
}
export interface Department {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  regionCode: string;
  kind: string;
  organisationId: string | null;
}
export interface CoordCase {
  id: string;
  subjectType: 'deal' | 'demand' | 'achievement' | 'service';
  subjectId: string;
  type: string;
  typeLabel: { zh: string; en: string };
  title: string;
  description: string;
  regionCode: string | null;
  raisedBy: string;
  raisedOrgId: string | null;
  firstDepartment: string;
  department: string;
  level: string;
  status: 'open' | 'resolved' | 'closed';
  raisedOn: string;
  firstDueDate: string;
  dueDate: string;
  overdue: boolean;
  escalatedAt: string | null;
  resolution: string | null;
  resolvedOn: string | null;
  rating: number | null;
  ratingComment: string | null;
  closedAt: string | null;
}
export interface CaseEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  kind: string;
  text: string | null;
  data: Record<string, unknown>;
}
export interface DeptStats {
  department: string;
  name: string;
  nameEn: string;
  raised: number;
  closed: number;
  open: number;
  medianDaysToClose: number | null;
  overdue: number;
  overdueShareBp: number | null;
  ratings: number;
  meanRatingX100: number | null;
}
export interface PlanIndicator {
  code: string;
  areaCode: string;
  name: string;
  nameEn: string | null;
  unit: string;
  baseline: string;
  target: string;
  direction: 'up' | 'down';
  trajectory: 'linear' | 'level';
  periodStart: string;
  periodEnd: string;
  ownerDepartment: string;
  source: 'computed' | 'manual';
  computation: string | null;
  definition: string | null;
  definitionEn: string | null;
  value: string | null;
  valueAsOf: string | null;
  availability?: string;
  light: 'green' | 'yellow' | 'red' | 'none' | null;
  expected: string | null;
  achievedPercent: string | null;
  evidence: string | null;
  detail?: Record<string, unknown>;
}
export interface PlanProgress {
  plan: { name: string; nameEn: string; periodStart: string; periodEnd: string };
  asOf: string;
  areas: { code: string; name: string; nameEn: string }[];
  indicators: PlanIndicator[];
}
