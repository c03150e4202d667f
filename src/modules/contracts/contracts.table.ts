export interface ContractRow {
  id: string;
  deal_id: string | null;
  title: string;
  type: string;
  subtype: string;
  license_object: string | null;
  direction: string;
  parties: string; // JSON
  seller_region: string | null;
  buyer_region: string | null;
  ip_items: string; // JSON
  amount_fen: number; // 成交额
  non_technical: string; // JSON [{label, amountFen}]
  tech_trade_fen: number; // 技术交易额
  sign_date: string;
  term_start: string | null;
  term_end: string | null;
  status: string;
  applicant_org_id: string;
  applicant_user_id: string;
  accepted_on: string | null;
  due_date: string | null;
  due_coverage: string | null;
  decided_at: string | null;
  registrar_user_id: string | null;
  certificate_no: string | null;
  reject_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractsTables {
  contracts: ContractRow;
  contract_changes: { id: string; contract_id: string; kind: string; reason: string; before: string; after: string; by_user_id: string | null; at: string };
}
