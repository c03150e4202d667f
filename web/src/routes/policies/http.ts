/**
 * JSON calls for the policy-push and first-of-kind endpoints (their routes declare response schemas; the shapes
 * below mirror them), through the shared fetch helper of lib/http.ts (ApiError with field messages, UI language).
 */
export { call, get, patch, post, put } from '../../lib/http';

// ── policy push ──
export const ORG_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const COMPANY_STAGES = ['idea', 'seed', 'startup', 'growth', 'mature'] as const;
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const ORG_TYPES = ['enterprise', 'university', 'institute', 'broker_agency', 'pilot_base', 'demonstration_base', 'incubator', 'bank', 'guarantee', 'insurer', 'investor', 'government'] as const;
export const ORG_FLAGS = ['专精特新', '高新技术企业', '链主企业', '科技型中小企业', '瞪羚企业', '独角兽企业'] as const;

export interface Conditions {
  regions: string[];
  orgTypes: string[];
  sizes: string[];
  industries: string[];
  flagsAll: string[];
  flagsAny: string[];
  trlMin: number | null;
  trlMax: number | null;
  stages: string[];
  creditClasses: string[];
}
export interface Policy {
  id: string;
  title: string;
  issuer: string;
  docNumber: string;
  summary: string;
  scope: string;
  conditions: Conditions;
  benefit: string;
  link: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: 'draft' | 'published' | 'withdrawn';
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface ConditionResult {
  condition: string;
  zh: string;
  en: string;
}
export interface Evaluation {
  qualifies: boolean;
  met: ConditionResult[];
  missed: ConditionResult[];
}
export interface Facts {
  regionCode: string | null;
  type: string;
  size: string | null;
  industries: string[];
  flags: string[];
  trlRange: { min: number; max: number } | null;
  stage: string | null;
  creditClass: string | null;
}
export interface Mine {
  facts: Facts;
  qualifying: (Evaluation & { policy: Policy })[];
  nearMisses: (Evaluation & { policy: Policy })[];
}
export interface PolicyDetail {
  policy: Policy;
  inForce: boolean;
  mine: Evaluation | null;
  qualifying: { organisationId: string; name: string; met: ConditionResult[] }[] | null;
}
export interface Declared {
  declared: { employees: number | null; revenueWan: string | null; stage: string | null; updatedAt: string } | null;
  facts: Facts;
  revenueSource: string | null;
}

// ── first-of-kind ──
export const FIRSTKIND_KINDS = ['equipment', 'material', 'software'] as const;
export const DOCUMENT_TYPES = ['certificate', 'insurance_contract', 'premium_invoice', 'sales_contract', 'other'] as const;
export type Indicator = { key: string; type: 'number'; value: number; unit: string; comparator?: '=' | '>=' | '<=' } | { key: string; type: 'text'; value: string };
export interface Product {
  id: string;
  kind: string;
  name: string;
  makerOrgId: string;
  makerName: string | null;
  indicators: Indicator[];
  indicatorTexts: string[];
  industries: string[];
  recognitionYear: number | null;
  batch: string;
  description: string;
  status: 'proposed' | 'approved' | 'rejected';
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface DocumentMeta {
  type: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}
export interface CompApplication {
  id: string;
  productId: string;
  productName: string | null;
  applicantOrgId: string;
  applicantName: string | null;
  applicantRole: 'maker' | 'buyer';
  insurer: string;
  policyNumber: string;
  premiumWan: string;
  requestedWan: string;
  approvedWan: string | null;
  paidWan: string | null;
  paidOn: string | null;
  documents: DocumentMeta[];
  status: 'submitted' | 'under_review' | 'returned' | 'approved' | 'declined' | 'paid' | 'withdrawn';
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface PotentialUser {
  organisationId: string;
  name: string;
  score: number;
  demandId: string | null;
  demandTitle: string | null;
  reasons: { code: string; zh: string; en: string }[];
}
export interface FirstkindParams {
  rateBp: number;
  capWan: string;
  minPremiumWan: string;
  requiredDocuments: string[];
  maxMegabytes: number;
  mimes: string[];
}
