export interface DealRow {
  id: string;
  title: string;
  demand_id: string | null;
  achievement_id: string | null;
  buyer_org_id: string;
  seller_org_id: string;
  mode: string;
  stage: string;
  opened_via: string;
  match_score: number | null;
  amount_fen: number | null;
  lost_reason: string | null;
  lost_note: string | null;
  industrialised_in_liaoning: number | null;
  industrialised_region: string | null;
  city_code: string | null;
  industry: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DealOfferRow {
  id: string;
  deal_id: string;
  round: number;
  side: 'buyer' | 'seller' | string;
  by_user_id: string;
  price_fen: number;
  payment: string;
  royalty_bp: number | null;
  equity_bp: number | null;
  instalments: string;
  exclusivity: string;
  term_months: number | null;
  territory: string;
  milestones: string;
  note: string;
  valuation: string | null;
  status: string;
  created_at: string;
}

export interface AuctionRow {
  id: string;
  achievement_id: string;
  seller_org_id: string;
  seller_user_id: string;
  title: string;
  start_at: string;
  scheduled_end_at: string;
  end_at: string;
  starting_price_fen: number;
  min_increment_fen: number;
  reserve_price_fen: number | null;
  rules: string;
  extensions: number;
  status: string;
  outcome: string | null;
  winner_bid_id: string | null;
  deal_id: string | null;
  version: number;
  created_at: string;
}

export interface AuctionBidRow {
  id: string;
  auction_id: string;
  seq: number;
  bidder_user_id: string;
  bidder_org_id: string | null;
  amount_fen: number;
  at: string;
}

export interface TenderRow {
  id: string;
  listing_kind: string;
  listing_id: string;
  owner_org_id: string;
  title: string;
  deadline: string;
  rules: string;
  status: string;
  opened_at: string | null;
  ranking: string | null;
  awarded_offer_id: string | null;
  deal_id: string | null;
  created_at: string;
}

export interface TenderOfferRow {
  id: string;
  tender_id: string;
  bidder_user_id: string;
  bidder_org_id: string;
  price_fen: number;
  proposal: string;
  score: number | null;
  submitted_at: string;
}

export interface DealsTables {
  auctions: AuctionRow;
  auction_bids: AuctionBidRow;
  tenders: TenderRow;
  tender_offers: TenderOfferRow;
  deals: DealRow;
  deal_stage_times: { deal_id: string; stage: string; at: string };
  deal_brokers: { deal_id: string; broker_user_id: string; commission_type: string; commission_bp: number | null; commission_fen: number | null; assigned_at: string };
  deal_events: { id: string; deal_id: string; at: string; actor_user_id: string | null; kind: string; data: string };
  broker_tasks: { id: string; deal_id: string; broker_user_id: string; title: string; due_date: string; done_at: string | null; reminded_at: string | null; created_at: string };
  deal_offers: DealOfferRow;
}
