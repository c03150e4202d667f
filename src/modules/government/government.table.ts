/** Tables of the government module: departments, coordination cases, plan tasks and indicators, 四上 reports, GDP + GEP. */
export interface GovDepartmentRow {
  code: string; // '210100-kj' (city) | '210000-kj' (province)
  name: string;
  name_en: string;
  level: string; // city | province
  region_code: string;
  kind: string;
  organisation_id: string | null; // the government organisation whose users work this department's queue
  updated_at: string;
}

export interface CoordinationCaseRow {
  id: string;
  subject_type: string; // deal | demand | achievement | service
  subject_id: string;
  type: string; // policy | land | finance | approvals | pilot_capacity | other
  title: string;
  description: string;
  region_code: string | null;
  raised_by: string;
  raised_org_id: string | null;
  first_department: string;
  department: string;
  level: string; // city | province
  status: string; // open | resolved | closed
  raised_on: string; // Asia/Shanghai date
  first_due_date: string;
  due_date: string;
  reminded_for: string | null;
  overdue_flagged: number;
  escalated_at: string | null;
  resolution: string | null;
  resolved_on: string | null;
  resolved_by: string | null;
  rating: number | null;
  rating_comment: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CoordinationEventRow {
  id: string;
  case_id: string;
  at: string;
  actor_user_id: string | null;
  kind: string; // raised | comment | reminded | escalated | flagged | resolved | closed | reassigned
  text: string;
  data: string; // JSON
}

export interface PlanAreaRow {
  code: string;
  name: string;
  name_en: string;
  position: number;
}

export interface PlanTaskRow {
  code: string;
  area_code: string;
  title: string;
  title_en: string;
  owner_department: string;
  updated_at: string;
}

export interface PlanIndicatorRow {
  code: string;
  area_code: string;
  name: string;
  name_en: string;
  unit: string;
  baseline: string; // decimal string
  target: string; // decimal string
  direction: string; // up | down
  trajectory: string; // linear | level
  period_start: string;
  period_end: string;
  owner_department: string;
  source: string; // computed | manual
  computation: string | null;
  definition: string;
  definition_en: string;
  updated_at: string;
}

export interface PlanProgressRow {
  id: string;
  indicator_code: string;
  as_of: string; // the date the value describes
  value: string; // decimal string
  evidence: string;
  evidence_url: string | null;
  reported_by: string | null;
  reported_org_id: string | null;
  created_at: string;
}

export interface EnterpriseReportRow {
  id: string;
  organisation_id: string;
  year: number;
  category: string;
  revenue_fen: number;
  qualification: string | null;
  reported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GdpValueRow {
  region_code: string;
  year: number;
  gdp_fen: number;
  entered_by: string | null;
  updated_at: string;
}

export interface GepQuantityRow {
  region_code: string;
  year: number;
  item_code: string;
  quantity: string; // decimal string
  price_yuan: string | null; // overrides the default price
  entered_by: string | null;
  updated_at: string;
}

export interface EnterpriseDesignationRow {
  organisation_id: string;
  kind: string; // zjtx | little_giant | high_tech | tech_sme
  status: string; // cultivating | applying | recognised | expired
  recognised_on: string | null;
  expires_on: string | null;
  certificate_no: string | null;
  note: string;
  updated_by: string | null;
  updated_at: string;
}

export interface CultivationMeasureRow {
  id: string;
  organisation_id: string;
  kind: string; // visit | policy | finance | talent | service | other
  title: string;
  description: string;
  taken_on: string; // Asia/Shanghai date
  recorded_by: string | null;
  recorded_org_id: string | null;
  created_at: string;
}

export interface GovernmentTables {
  gov_departments: GovDepartmentRow;
  coordination_cases: CoordinationCaseRow;
  coordination_events: CoordinationEventRow;
  plan_areas: PlanAreaRow;
  plan_tasks: PlanTaskRow;
  plan_indicators: PlanIndicatorRow;
  plan_progress: PlanProgressRow;
  enterprise_reports: EnterpriseReportRow;
  gdp_values: GdpValueRow;
  gep_quantities: GepQuantityRow;
  enterprise_designations: EnterpriseDesignationRow;
  cultivation_measures: CultivationMeasureRow;
}
