export interface IncomePlanRow {
  id: string;
  achievement_id: string;
  organisation_id: string;
  deal_id: string | null;
  mode: string;
  ruleset: string;
  unit_rule: string | null;
  team_share_bp: number;
  other_parties: string; // JSON [{party, shareBp}]
  contributors: string; // JSON [{id, name, shareBp}]
  years: number | null;
  created_by: string | null;
  created_at: string;
}

export interface IncomeReceiptRow {
  id: string;
  plan_id: string;
  date: string;
  gross_fen: number;
  costs: string; // JSON [{label, amountFen}]
  net_fen: number;
  note: string;
  created_at: string;
}

export interface RightsGrantRow {
  id: string;
  achievement_id: string;
  organisation_id: string;
  kind: string;
  team_share_bp: number | null;
  years: number | null;
  remaining_protection_years: number | null;
  note: string;
  created_at: string;
}

export interface IncomeTables {
  income_plans: IncomePlanRow;
  income_receipts: IncomeReceiptRow;
  rights_grants: RightsGrantRow;
}
