/**
 * The shapes of the credit endpoints (the routes declare no response schema; these follow the server handlers).
 * The calls themselves are the shared untyped helpers of lib/http.
 */
export { call, get, orgName, post, put, reasonsOf, withQuery, type Query } from '../../lib/http';

export interface ZhEn {
  zh: string;
  en: string;
}

// ── credit ────────────────────────────────────────────────────────────────────────────────────────
export type RecordKind = 'licence' | 'award' | 'penalty' | 'abnormal_list' | 'serious_list' | 'commitment' | 'inspection' | 'platform';
export const RECORD_KINDS: RecordKind[] = ['licence', 'award', 'penalty', 'abnormal_list', 'serious_list', 'commitment', 'inspection', 'platform'];
export const PENALTY_SEVERITIES = ['minor', 'ordinary', 'serious'] as const;
export const ABNORMAL_REASONS = ['annual_report_not_filed', 'instant_info_not_published', 'concealed_or_false_info', 'unreachable_at_address'] as const;
export const INSPECTION_RESULTS = ['pass', 'problems', 'fail'] as const;
export type RiskClass = 'A' | 'B' | 'C' | 'D';

export interface CreditRecord {
  id: string;
  organisationId: string | null;
  uscc: string | null;
  kind: RecordKind;
  detail: Record<string, string>;
  title: string;
  source: { type: 'authority' | 'platform' | 'self_declared'; name: string; documentNo?: string };
  date: string;
  curedOn: string | null;
  repairedOn: string | null;
  removedOn: string | null;
  publicUntil?: string | null;
}
export interface AbnormalEntry extends CreditRecord {
  removalDue: string | null;
  noticeOn: string;
  moveOn: string;
}
export interface BreakdownLine {
  indicator: string;
  count: number;
  points: number;
  zh: string;
  en: string;
}
export interface RiskPoint {
  asOf: string;
  class: RiskClass;
  score: number;
  breakdown: BreakdownLine[];
  overrides: (ZhEn | string | Record<string, unknown>)[];
}
export interface CreditPublicPage {
  organisation: { id: string; name: string; uscc: string | null; deregistered: boolean };
  status: { abnormal: boolean; serious: boolean; deregistered: boolean; riskClass: RiskClass | null; riskClassLabel: ZhEn | null };
  records: CreditRecord[];
  riskHistory: RiskPoint[];
}
export interface Repair {
  id: string;
  record_id: string;
  organisation_id: string;
  evidence: string;
  commitment: string;
  penalty_carried_out: number;
  harm_removed: number;
  status: 'submitted' | 'approved' | 'rejected';
  reason: string | null;
  created_at: string;
  decided_at: string | null;
}
export interface Commitment {
  id: string;
  organisation_id: string;
  content: string;
  made_on: string;
  due_on: string | null;
  outcome: 'kept' | 'broken' | null;
  resolved_on: string | null;
}
export interface Stratum {
  class: RiskClass;
  poolSize: number;
  eligibleSize: number;
  ratioBp: number;
  sampleSize: number;
}
export interface Selection {
  orgId: string;
  class: RiskClass;
  regionCode: string;
  industry: string;
  hasCause: boolean;
  inspectorIds: string[];
}
export interface InspectionResultRow {
  plan_id: string;
  organisation_id: string;
  result: 'pass' | 'problems' | 'fail';
  note: string;
  entered_at: string;
}
export interface InspectionPlan {
  id: string;
  name: string;
  seed: string;
  digest: string;
  status?: 'drawn' | 'published';
  algorithm: string;
  strata: Stratum[];
  selections: Selection[];
  results: InspectionResultRow[];
}
export interface InspectionPlanSummary {
  id: string;
  name: string;
  seed: string;
  digest: string;
  status: 'drawn' | 'published';
  createdAt: string;
  publishedAt: string | null;
}
export interface Deregistration {
  id: string;
  organisationId: string;
  status: 'in_notice' | 'stopped' | 'completed';
  noticeStart: string;
  objections: number;
  completedAt: string | null;
}
