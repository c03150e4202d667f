export interface CreditRecordRow {
  id: string;
  uscc: string | null;
  organisation_id: string | null;
  kind: string;
  detail: string;
  title: string;
  source: string;
  date: string;
  published_on: string | null;
  publication_months: number | null;
  cured_on: string | null;
  repaired_on: string | null;
  removed_on: string | null;
  notice_sent_on: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CreditTables {
  annual_report_reminders: { organisation_id: string; report_year: number; remind_on: string; sent_at: string };
  credit_records: CreditRecordRow;
  annual_reports: { organisation_id: string; report_year: number; filed_on: string; content: string };
  credit_repairs: { id: string; record_id: string; organisation_id: string; evidence: string; commitment: string; penalty_carried_out: number; harm_removed: number; status: string; decided_by: string | null; decided_at: string | null; reason: string | null; created_at: string };
  credit_commitments: { id: string; organisation_id: string; content: string; made_on: string; due_on: string | null; outcome: string | null; resolved_on: string | null; created_at: string };
  risk_classes: { organisation_id: string; as_of: string; class: string; score: number; breakdown: string };
  inspection_plans: { id: string; name: string; scope: string; seed: string; draw: string; digest: string; status: string; created_by: string | null; created_at: string; published_at: string | null };
  inspection_results: { plan_id: string; organisation_id: string; result: string; note: string; entered_by: string | null; entered_at: string };
  deregistrations: { id: string; organisation_id: string; status: string; notice_start: string; objections: string; declared: string; completed_at: string | null; created_at: string };
}
