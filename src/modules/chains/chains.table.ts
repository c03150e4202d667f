export interface ChainPartRow {
  id: string;
  organisation_id: string; // the head enterprise (链主企业)
  chain_code: string; // industry-chain taxonomy code
  name: string;
  description: string;
  specs: string; // JSON Spec[]
  annual_volume: number | null;
  volume_unit: string;
  current_source: string; // imported | other_province
  status: string; // open | localised | closed
  created_at: string;
  updated_at: string;
}

export interface ChainCapabilityRow {
  id: string;
  organisation_id: string; // a provincial supplier
  name: string;
  description: string;
  chain_codes: string; // JSON
  specs: string; // JSON Spec[]
  created_at: string;
  updated_at: string;
}

export interface ChainResponseRow {
  id: string;
  part_id: string;
  capability_id: string | null;
  supplier_org_id: string;
  message: string;
  status: string; // submitted | shortlisted | sampling | qualified | supplying | declined | withdrawn
  decline_reason: string | null; // why the head enterprise declined (2–500 chars), shown to the supplier
  created_at: string;
  updated_at: string;
}

export interface ChainTrialRow {
  id: string;
  response_id: string;
  round: number;
  status: string; // sent | passed | failed
  note: string;
  date: string;
  created_at: string;
}

export interface AllianceRow {
  id: string;
  name: string;
  kind: string; // alliance (产学研联盟) | consortium (创新联合体)
  lead_org_id: string;
  chain_code: string | null;
  intro: string;
  created_at: string;
}

export interface AllianceMemberRow {
  alliance_id: string;
  organisation_id: string;
  role: string; // lead | member
  joined_at: string;
}

export interface AllianceTopicRow {
  id: string;
  alliance_id: string;
  title: string;
  description: string;
  demand_ids: string; // JSON
  status: string;
  created_by: string | null;
  created_at: string;
}

export interface AllianceTaskRow {
  id: string;
  topic_id: string;
  title: string;
  assignee_org_id: string | null;
  due_date: string | null;
  status: string; // open | done
  created_at: string;
  updated_at: string;
}

export interface ChainsTables {
  chain_parts: ChainPartRow;
  chain_capabilities: ChainCapabilityRow;
  chain_responses: ChainResponseRow;
  chain_trials: ChainTrialRow;
  alliances: AllianceRow;
  alliance_members: AllianceMemberRow;
  alliance_topics: AllianceTopicRow;
  alliance_tasks: AllianceTaskRow;
}
