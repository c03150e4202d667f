export interface PilotBaseRow {
  id: string;
  organisation_id: string;
  name: string;
  intro: string;
  industries: string; // JSON taxonomy codes
  capabilities: string; // JSON string[] (process capabilities: 工艺能力)
  equipment: string; // JSON [{name, model, params: [{key, value, unit}]}]
  certifications: string; // JSON string[] (CNAS, ISO 9001 …)
  scale: string; // e.g. 吨级中试线 2 条，厂房 6000 m²
  region_code: string | null;
  address: string;
  trl_min: number;
  trl_max: number;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface PilotUnitRow {
  id: string;
  base_id: string;
  name: string;
  kind: string; // line | unit | workshop
  description: string;
  params: string; // JSON [{key, value, unit}]
  status: string;
  version: number;
  created_at: string;
}

export interface InstrumentRow {
  id: string;
  organisation_id: string;
  name: string;
  model: string;
  category: string;
  capabilities: string; // JSON string[]
  fee_fen: number;
  fee_unit: string; // hour | day | sample
  region_code: string | null;
  address: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CapacityBookingRow {
  id: string;
  resource_kind: string; // pilot_unit | instrument
  resource_id: string;
  owner_org_id: string;
  requester_org_id: string;
  requester_user_id: string;
  deal_id: string | null;
  achievement_id: string | null;
  subject: string;
  quantities: string; // JSON [{item, amount, unit}]
  start_date: string;
  end_date: string;
  status: string;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PilotProjectRow {
  id: string;
  booking_id: string;
  base_id: string;
  achievement_id: string | null;
  deal_id: string | null;
  outcome: string; // succeeded | partial | failed
  trl_before: number;
  trl_after: number;
  report: string;
  recorded_by: string | null;
  created_at: string;
}

export interface InstrumentUsageRow {
  id: string;
  booking_id: string;
  instrument_id: string;
  date: string;
  quantity: number;
  fee_fen: number;
  note: string;
  created_at: string;
}

export interface PilotTables {
  pilot_bases: PilotBaseRow;
  pilot_units: PilotUnitRow;
  instruments: InstrumentRow;
  capacity_bookings: CapacityBookingRow;
  pilot_projects: PilotProjectRow;
  instrument_usages: InstrumentUsageRow;
}
