/**
 * Untyped JSON calls for the credit, government and service endpoints whose routes declare no response schema
 * (the generated api-types give them `{}`); the shapes below follow the server handlers. Errors become ApiError,
 * so applyApiError can put field messages next to form fields, and requests carry the UI language.
 */
import { ApiError, apiLanguage, type FieldError } from '../../lib/api';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': apiLanguage(), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const b = (parsed ?? {}) as { error?: { code?: string; message?: string; fields?: FieldError[] }; requestId?: string };
    const e = b.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.fields ?? [], b.requestId);
  }
  return parsed as T;
}

export const get = <T>(path: string, query?: Query) => call<T>('GET', path, undefined, query);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const put = <T>(path: string, body: unknown = {}) => call<T>('PUT', path, body);

/** The reasons listed in a rule error message ("不符合简易注销条件：甲；乙" / "...: a; b"), one per line. */
export function reasonsOf(message: string): string[] {
  const i = Math.max(message.indexOf('：'), message.indexOf(': '));
  const tail = i >= 0 ? message.slice(i + (message[i] === '：' ? 1 : 2)) : message;
  return tail
    .split(/[；;]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

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

/** Organisation names, fetched once per id (plan pages list ids only). */
const orgNames = new Map<string, Promise<string>>();
export function orgName(id: string): Promise<string> {
  let p = orgNames.get(id);
  if (!p) {
    p = get<{ name: string }>(`/api/organisations/${encodeURIComponent(id)}`).then(
      (o) => o.name,
      () => id,
    );
    orgNames.set(id, p);
  }
  return p;
}
