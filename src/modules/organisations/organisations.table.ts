export interface OrganisationRow {
  id: string;
  name: string;
  uscc: string | null; // 统一社会信用代码
  type: string;
  region_code: string | null; // GB/T 2260
  flags: string; // JSON array: 专精特新, 高新技术企业, 链主企业 …
  intro: string;
  website: string | null;
  verified: number; // 0/1
  created_at: string;
  updated_at: string;
  deregistered_at?: string | null; // 简易注销 completed: the organisation is read-only
}

export interface OrganisationsTables {
  organisations: OrganisationRow;
  organisation_industries: { organisation_id: string; code: string };
}
