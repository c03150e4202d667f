export interface FirstkindProductRow {
  id: string;
  kind: string; // equipment 首台套 | material 首批次 | software 首版次
  name: string;
  maker_org_id: string;
  indicators: string; // JSON Indicator[]
  industries: string; // JSON taxonomy codes
  recognition_year: number | null;
  batch: string; // 认定批次
  description: string;
  status: string; // proposed | approved | rejected
  proposed_by: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface FirstkindApplicationRow {
  id: string;
  product_id: string;
  applicant_org_id: string;
  applicant_user_id: string;
  applicant_role: string; // maker | buyer
  insurer: string;
  policy_number: string;
  premium_fen: number;
  requested_fen: number;
  approved_fen: number | null;
  paid_fen: number | null;
  paid_on: string | null;
  documents: string; // JSON DocumentMeta[]
  status: string;
  reason: string | null; // why returned or declined
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FirstkindTables {
  firstkind_products: FirstkindProductRow;
  firstkind_applications: FirstkindApplicationRow;
}
