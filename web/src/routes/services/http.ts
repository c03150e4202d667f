/**
 * Types of the services-around-the-deal endpoints. Where a route declares a response schema (pilot bases, shared
 * instruments, technology finance, incubation) the type comes from the generated OpenAPI types
 * (web/src/lib/api-types.ts, `npm run api:types`) — now including supply chain and alliances; the few hand types
 * left are request shapes and constants.
 */
import type { paths } from '../../lib/api-types';
export { get, post, put, orgName } from '../../lib/http';

/** The JSON body of a GET route's 200 response, from the generated OpenAPI types. */
export type GetOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer R } } } } } ? R : never;

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

// ── pilot bases (types generated from the route response schemas: npm run api:types) ──
export type PilotUnit = GetOk<'/api/pilot/bases/{id}'>['units'][number];
export type PilotBase = GetOk<'/api/pilot/bases'>[number] & { units?: PilotUnit[] };
export type DayState = GetOk<'/api/pilot/bases/{id}/calendar'>[number]['days'][number]['state'];
export type UnitCalendar = GetOk<'/api/pilot/bases/{id}/calendar'>[number];
export type Booking = GetOk<'/api/pilot/bookings'>[number];
export type BookingStatus = Booking['status'];
export type PilotProject = GetOk<'/api/pilot/bases/{id}/projects'>[number];
export type Recommendations = GetOk<'/api/pilot/recommendations'>;
export type DealGap = GetOk<'/api/pilot/gaps'>[number];
export type AchievementGaps = GetOk<'/api/pilot/gaps/achievements'>;
export type UsageHistory = GetOk<'/api/instruments/{id}/usages'>;
export type InstrumentUsage = GetOk<'/api/instrument-bookings/{id}/usages'>[number];

// ── finance ──
export const FINANCE_KINDS = ['credit_loan', 'ip_pledge_loan', 'guarantee', 'tech_insurance', 'equity'] as const;
export const INSTITUTION_KINDS = ['bank', 'guarantee', 'insurer', 'vc_pe', 'guidance_fund'] as const;
export const COMPANY_STAGES = ['idea', 'seed', 'startup', 'growth', 'mature'] as const;
export const COLLATERALS = ['none', 'ip_pledge', 'guarantee', 'property', 'equity'] as const;
export type FinanceKind = (typeof FINANCE_KINDS)[number];
export type Institution = GetOk<'/api/finance/institutions'>[number];
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
export type Product = GetOk<'/api/finance/products'>[number];
export type FinancingRequest = GetOk<'/api/finance/requests'>[number];
export type FinanceMatches = GetOk<'/api/finance/requests/{id}/matches'>;
export type ApplicationStatus = 'submitted' | 'under_review' | 'approved' | 'declined' | 'disbursed' | 'withdrawn';
export type FinanceApplication = GetOk<'/api/finance/applications'>[number] & { status: ApplicationStatus };

// ── supply chain (types generated from the route response schemas: npm run api:types) ──
export type Part = GetOk<'/api/chains/parts/{id}'>;
export type Spec = Part['specs'][number];
export type Capability = GetOk<'/api/chains/capabilities'>[number];
export type PartMatch = GetOk<'/api/chains/parts/{id}/matches'>[number];
export type ChainResponse = GetOk<'/api/chains/parts/{id}/responses'>[number];
export type Trial = ChainResponse['trials'][number];
export type ChainView = GetOk<'/api/chains/view'>;

// ── incubation, instruments, alliances ──
export const CARRIER_KINDS = ['nursery', 'incubator', 'accelerator', 'demonstration_base'] as const;
export const INCUBATION_STAGES = ['idea', 'nursery', 'incubator', 'accelerator'] as const;
export const APPLICANT_KINDS = ['team', 'spin_off', 'company'] as const;
export type Carrier = GetOk<'/api/incubation/carriers'>[number];
export type IncubationApplication = GetOk<'/api/incubation/applications'>[number];
export type Resident = GetOk<'/api/incubation/carriers/{id}/residents'>[number];
export type Instrument = GetOk<'/api/instruments'>[number];
export type Alliance = GetOk<'/api/alliances'>[number];
export type AllianceWithMembers = GetOk<'/api/alliances/{id}'>;
export type AllianceOverview = GetOk<'/api/alliances/{id}/overview'>;
