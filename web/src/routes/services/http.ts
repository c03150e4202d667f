/**
 * Hand types for the services-around-the-deal endpoints (pilot bases, finance, supply chain, incubation, shared
 * instruments, alliances). Their routes declare no response schema, so the shapes follow the server presenters.
 */
export { get, post, put, orgName } from '../credit/http';

export interface Reason {
  code: string;
  zh: string;
  en: string;
}
export interface Param {
  key: string;
  value: string;
  unit?: string;
}

// ── pilot bases ──
export interface PilotUnit {
  id: string;
  baseId: string;
  name: string;
  kind: string | null;
  description: string | null;
  params: Param[];
  status: string;
}
export interface PilotBase {
  id: string;
  organisationId: string;
  name: string;
  intro: string | null;
  industries: string[];
  capabilities: string[];
  equipment: { name: string; model?: string; params?: Param[] }[];
  certifications: string[];
  scale: string | null;
  regionCode: string | null;
  address: string | null;
  trlMin: number | null;
  trlMax: number | null;
  status: string;
  createdAt: string;
  units?: PilotUnit[];
}
export type DayState = 'free' | 'requested' | 'booked';
export interface UnitCalendar {
  unitId: string;
  unitName: string;
  freeDays: number;
  days: { date: string; state: DayState; bookingId: string | null }[];
}
export type BookingStatus = 'requested' | 'accepted' | 'declined' | 'cancelled' | 'completed';
export interface Booking {
  id: string;
  resourceKind: string;
  resourceId: string;
  ownerOrgId: string;
  requesterOrgId: string;
  dealId: string | null;
  achievementId: string | null;
  subject: string;
  quantities: { item: string; amount: string; unit: string }[];
  start: string;
  end: string;
  status: BookingStatus;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}
export interface PilotProject {
  id: string;
  bookingId: string;
  baseId: string;
  achievementId: string | null;
  dealId: string | null;
  outcome: 'succeeded' | 'partial' | 'failed';
  trlBefore: number | null;
  trlAfter: number;
  report: string | null;
  createdAt: string;
}
export interface Recommendations {
  inGap: boolean;
  trl: number | null;
  reason: Reason | null;
  recommendations: { base: PilotBase; score: number; reasons: Reason[] }[];
}

// ── finance ──
export const FINANCE_KINDS = ['credit_loan', 'ip_pledge_loan', 'guarantee', 'tech_insurance', 'equity'] as const;
export const INSTITUTION_KINDS = ['bank', 'guarantee', 'insurer', 'vc_pe', 'guidance_fund'] as const;
export const COMPANY_STAGES = ['idea', 'seed', 'startup', 'growth', 'mature'] as const;
export const COLLATERALS = ['none', 'ip_pledge', 'guarantee', 'property', 'equity'] as const;
export type FinanceKind = (typeof FINANCE_KINDS)[number];
export interface Institution {
  id: string;
  organisationId: string;
  kind: (typeof INSTITUTION_KINDS)[number];
  name: string;
  intro: string | null;
  regionCode: string | null;
}
export interface Conditions {
  amountMinWan: string;
  amountMaxWan: string;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinPercent: string | null;
  rateMaxPercent: string | null;
  trlMin: number | null;
  trlMax: number | null;
  stages: string[];
  creditClasses: string[];
  collateral: (typeof COLLATERALS)[number];
  industries: string[];
  regions: string[];
}
export interface Product {
  id: string;
  institutionId: string;
  organisationId: string;
  kind: FinanceKind;
  name: string;
  description: string | null;
  conditions: Conditions;
  status: string;
}
export interface FinancingRequest {
  id: string;
  organisationId: string;
  title: string;
  amountWan: string;
  termMonths: number;
  purpose: string;
  stage: string | null;
  trl: number | null;
  industries: string[];
  collateral: string[];
  preferredKinds: string[];
  maxRatePercent: string | null;
  achievementIds: string[];
  patents: { number: string; title?: string }[];
  status: string;
  createdAt: string;
}
export interface FinanceMatches {
  creditClass: string | null;
  eligible: { product: Product; score: number; reasons: Reason[] }[];
  excluded: { product: Product; failed: Reason[] }[];
}
export type ApplicationStatus = 'submitted' | 'under_review' | 'approved' | 'declined' | 'disbursed' | 'withdrawn';
export interface FinanceApplication {
  id: string;
  requestId: string;
  productId: string;
  institutionOrgId: string;
  applicantOrgId: string;
  status: ApplicationStatus;
  flags: Reason[];
  pledgedPatents: { number: string; title?: string }[];
  valuation: Record<string, unknown> | null;
  declineReason: string | null;
  approvedAmountWan: string | null;
  approvedRatePercent: string | null;
  approvedTermMonths: number | null;
  disbursedAmountWan: string | null;
  disbursedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

// ── supply chain ──
export type Spec =
  | { key: string; type?: 'number'; unit: string; min?: number | null; max?: number | null; nominal?: number | null; tolerance?: number | null }
  | { key: string; type: 'text'; values: string[] };
export interface Part {
  id: string;
  organisationId: string;
  chainCode: string;
  name: string;
  description: string | null;
  specs: Spec[];
  annualVolume: number | null;
  volumeUnit: string | null;
  currentSource: 'imported' | 'other_province';
  status: string;
  createdAt: string;
}
export interface Capability {
  id: string;
  organisationId: string;
  name: string;
  description: string | null;
  chainCodes: string[];
  specs: Spec[];
}
export interface PartMatch {
  capability: Capability;
  fullyCovered: boolean;
  coveragePercent: string;
  score: number;
  items: { key: string; status: string }[];
  reasons: Reason[];
}
export interface Trial {
  id: string;
  responseId: string;
  round: number;
  status: 'sent' | 'passed' | 'failed';
  note: string | null;
  date: string;
}
export interface ChainResponse {
  id: string;
  partId: string;
  capabilityId: string | null;
  supplierOrgId: string;
  message: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  trials: Trial[];
}
export interface ChainView {
  chainCode: string;
  chainName: string | null;
  parts: number;
  covered: number;
  partial: number;
  localCoveragePercent: string;
  gaps: { id: string; name: string; status: string; currentSource: string }[];
}

// ── incubation, instruments, alliances ──
export const CARRIER_KINDS = ['nursery', 'incubator', 'accelerator', 'demonstration_base'] as const;
export const INCUBATION_STAGES = ['idea', 'nursery', 'incubator', 'accelerator'] as const;
export const APPLICANT_KINDS = ['team', 'spin_off', 'company'] as const;
export interface Carrier {
  id: string;
  organisationId: string;
  kind: (typeof CARRIER_KINDS)[number];
  name: string;
  intro: string | null;
  stages: string[];
  services: string[];
  industries: string[];
  regionCode: string | null;
  seats: number | null;
}
export interface IncubationApplication {
  id: string;
  carrierId: string;
  applicantOrgId: string;
  kind: string;
  teamName: string;
  achievementId: string | null;
  stage: string;
  plan: string | null;
  status: string;
  decisionReason: string | null;
  createdAt: string;
}
export interface Resident {
  id: string;
  teamName: string;
  stage: string;
  enteredOn: string;
  status: string;
  leftOn: string | null;
  nextStage: string | null;
  outcome: string | null;
}
export interface Instrument {
  id: string;
  organisationId: string;
  name: string;
  model: string | null;
  category: string | null;
  capabilities: string[];
  feeWan: string;
  feeUnit: 'hour' | 'day' | 'sample';
  regionCode: string | null;
  address: string | null;
  status: string;
}
export interface Alliance {
  id: string;
  name: string;
  kind: 'alliance' | 'consortium';
  leadOrgId: string;
  chainCode: string | null;
  intro: string | null;
  createdAt: string;
  members?: { organisationId: string; role: string; joinedAt: string }[];
}
export interface AllianceOverview {
  alliance: Alliance;
  members: { organisationId: string; role: string; joinedAt: string }[];
  topics: { id: string; title: string; description: string | null; demandIds: string[]; status: string; tasks: { id: string; title: string; assigneeOrgId: string | null; dueDate: string | null; status: string }[] }[];
  deals: { count: number; internal?: number; items: { id: string; title: string; stage?: string; amountWan: string | null }[] };
  contracts: { count: number; amountWan: string | null; items: { id: string; title: string; status: string; dealId: string; amountWan: string | null }[] };
}
