export interface NdaRequestRow {
  id: string;
  listing_kind: string;
  listing_id: string;
  requester_user_id: string;
  requester_org_id: string;
  message: string;
  status: string; // requested | approved | accepted | rejected | withdrawn
  nda_version: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NdasTables {
  nda_requests: NdaRequestRow;
}
