export interface BrokerProfileRow {
  user_id: string;
  certificate_no: string; // 技术经纪人证书编号
  specialities: string; // JSON array of taxonomy codes
  regions: string; // JSON array of GB/T 2260 codes
  bio: string;
  default_commission_bp: number | null;
  updated_at: string;
}

export interface BrokersTables {
  broker_profiles: BrokerProfileRow;
}
