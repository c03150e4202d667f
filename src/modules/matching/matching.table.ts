export interface MatchSubscriptionRow {
  id: string;
  user_id: string;
  name: string;
  target_kind: string; // 'achievement' | 'demand': what kind of new listing is watched
  query_text: string | null;
  source_kind: string | null; // or a listing whose matches are watched
  source_id: string | null;
  region_code: string | null;
  min_trl: number | null;
  threshold: number; // 0–100
  webhook_url: string | null;
  active: number;
  created_at: string;
  last_notified_at: string | null;
}

export interface MatchingTables {
  match_subscriptions: MatchSubscriptionRow;
}
