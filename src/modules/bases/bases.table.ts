export interface IncubationCarrierRow {
  id: string;
  organisation_id: string;
  kind: string; // nursery | incubator | accelerator | demonstration_base
  name: string;
  intro: string;
  stages: string; // JSON IncubationStage[]
  services: string; // JSON string[] (场地, 导师, 投融资对接, 中试 …)
  industries: string; // JSON taxonomy codes
  region_code: string | null;
  seats: number | null;
  created_at: string;
}

export interface IncubationApplicationRow {
  id: string;
  carrier_id: string;
  applicant_org_id: string | null;
  applicant_user_id: string;
  kind: string; // team | spin_off | company
  team_name: string;
  achievement_id: string | null;
  stage: string;
  plan: string;
  status: string; // submitted | accepted | declined
  decision_reason: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface IncubationResidentRow {
  id: string;
  carrier_id: string;
  application_id: string | null;
  organisation_id: string | null;
  team_name: string;
  stage: string;
  entered_on: string;
  status: string; // resident | graduated | exited
  left_on: string | null;
  next_stage: string | null;
  outcome: string;
  created_at: string;
}

export interface BasesTables {
  incubation_carriers: IncubationCarrierRow;
  incubation_applications: IncubationApplicationRow;
  incubation_residents: IncubationResidentRow;
}
