interface ListingRowBase {
  id: string;
  external_id: string | null;
  organisation_id: string;
  created_by: string | null;
  title: string;
  summary: string; // public
  detail: string; // confidential: owner, assigned brokers, admins, parties with an accepted NDA
  field: string;
  keywords: string; // JSON array
  region_code: string | null;
  modes: string; // JSON array
  status: string;
  reject_reason: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DemandRow extends ListingRowBase {
  min_trl: number | null;
  budget_min_fen: number | null;
  budget_max_fen: number | null;
  deadline: string | null; // YYYY-MM-DD, Asia/Shanghai
}

export interface AchievementRow extends ListingRowBase {
  trl: number | null;
  price_negotiable: number;
  price_min_fen: number | null;
  price_max_fen: number | null;
  team: string; // JSON array of {name, title, role}
  pilot_needs: string;
}

export interface IpItemRow {
  id: string;
  achievement_id: string;
  type: string;
  number: string | null;
  title: string;
  position: number;
}

export interface ListingsTables {
  demands: DemandRow;
  achievements: AchievementRow;
  demand_industries: { listing_id: string; code: string };
  achievement_industries: { listing_id: string; code: string };
  ip_items: IpItemRow;
  listing_brokers: { listing_kind: string; listing_id: string; broker_user_id: string; assigned_by: string | null; assigned_at: string };
}
