export interface ProgrammeRow {
  id: string;
  title: string;
  issuer_org_id: string | null;
  issuer_name: string;
  description: string;
  budget_fen: number;
  apply_from: string; // YYYY-MM-DD Asia/Shanghai
  apply_until: string;
  schedule: string; // JSON [{label, date}]
  rules: string; // JSON EligibilityRules
  criteria: string; // JSON Criterion[] (hundredths)
  drop_extremes: number; // 0/1
  status: string; // open | closed
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One enterprise demand inside a challenge: its co-funding and the indicators the result is accepted against. */
export interface ChallengeDemand {
  demandId: string;
  orgId: string;
  title: string;
  cofundFen: number;
  indicators: { name: string; unit: string; target: string; comparator: '>=' | '<=' | '>' | '<' | '=' }[];
}

export interface ChallengeRow {
  id: string;
  programme_id: string;
  title: string;
  description: string;
  demands: string; // JSON ChallengeDemand[]
  owner_org_ids: string; // JSON
  budget_fen: number;
  cofund_fen: number;
  status: string; // open | review | awarded
  results_published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgrammeApplicationRow {
  id: string;
  challenge_id: string;
  organisation_id: string;
  user_id: string;
  title: string;
  plan: string;
  team: string; // JSON [{name, title, role, email}]
  co_authors: string; // JSON string[]
  budget_fen: number;
  milestones: string; // JSON [{title, due, amountFen, deliverable, indicators: string[]}]
  eligibility: string; // JSON {eligible, reasons}
  status: string; // submitted | awarded | not_awarded | withdrawn
  created_at: string;
  updated_at: string;
}

export interface ProgrammeReviewerRow {
  challenge_id: string;
  user_id: string;
  declared_co_authors: string; // JSON string[]
  assigned_by: string | null;
  assigned_at: string;
}

export interface ProgrammeReviewRow {
  id: string;
  challenge_id: string;
  application_id: string;
  reviewer_user_id: string;
  status: string; // assigned | excluded | scored
  exclusion: string | null; // JSON Reason[]
  sheet: string | null; // JSON [{key, hundredths}]
  total_hundredths: number | null;
  comment: string;
  scored_at: string | null;
  created_at: string;
}

export interface ProgrammeProjectRow {
  id: string;
  challenge_id: string;
  application_id: string;
  organisation_id: string;
  title: string;
  awarded_fen: number;
  status: string; // active | completed
  deal_id: string | null;
  contract_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeMilestoneRow {
  id: string;
  project_id: string;
  seq: number;
  title: string;
  due: string;
  deliverable: string;
  amount_fen: number;
  indicators: string; // JSON Indicator[]
  status: string; // planned | submitted | accepted | returned | paid
  report: string | null;
  reported_values: string; // JSON [{name, value}]
  acceptance: string | null; // JSON IndicatorResult[]
  return_reason: string | null;
  paid_fen: number | null;
  paid_on: string | null;
  version: number;
  updated_at: string;
}

export interface ProgrammesTables {
  programmes: ProgrammeRow;
  programme_challenges: ChallengeRow;
  programme_applications: ProgrammeApplicationRow;
  programme_reviewers: ProgrammeReviewerRow;
  programme_reviews: ProgrammeReviewRow;
  programme_projects: ProgrammeProjectRow;
  programme_milestones: ProgrammeMilestoneRow;
}
