export interface FinanceInstitutionRow {
  id: string;
  organisation_id: string;
  kind: string; // bank | guarantee | insurer | vc_pe | guidance_fund
  name: string;
  intro: string;
  region_code: string | null;
  created_at: string;
}

export interface FinanceProductRow {
  id: string;
  institution_id: string;
  organisation_id: string;
  kind: string; // credit_loan | ip_pledge_loan | guarantee | tech_insurance | equity
  name: string;
  description: string;
  conditions: string; // JSON ProductConditions (fen, bp, months)
  status: string;
  created_at: string;
  updated_at: string;
}

export interface FinancingRequestRow {
  id: string;
  organisation_id: string;
  created_by: string;
  title: string;
  amount_fen: number;
  term_months: number;
  purpose: string;
  profile: string; // JSON {stage, trl, industries, regionCode, collateral, preferredKinds, maxRateBp}
  achievement_ids: string; // JSON
  patents: string; // JSON [{number, title}]
  contract_ids: string; // JSON
  status: string;
  created_at: string;
}

export interface FinancingApplicationRow {
  id: string;
  request_id: string;
  product_id: string;
  institution_org_id: string;
  applicant_org_id: string;
  applicant_user_id: string;
  status: string;
  flags: string; // JSON [{code, zh, en}] — e.g. the applicant is on the abnormal list (经营异常名录)
  pledged_patents: string; // JSON [{number, title}]
  valuation: string | null; // JSON from POST /api/valuation
  decline_reason: string | null;
  approved_amount_fen: number | null;
  approved_rate_bp: number | null;
  approved_term_months: number | null;
  disbursed_amount_fen: number | null;
  disbursed_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FinanceTables {
  finance_institutions: FinanceInstitutionRow;
  finance_products: FinanceProductRow;
  financing_requests: FinancingRequestRow;
  financing_applications: FinancingApplicationRow;
}
