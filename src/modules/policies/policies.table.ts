export interface PolicyRow {
  id: string;
  title: string;
  issuer: string; // 发文机关
  doc_number: string; // 文号
  summary: string;
  scope: string; // 适用范围 in words
  conditions: string; // JSON PolicyConditions
  benefit: string; // 支持内容
  link: string | null;
  effective_from: string | null; // YYYY-MM-DD, Asia/Shanghai
  effective_to: string | null;
  status: string; // draft | published | withdrawn
  version: number; // bumped by every edit of a published policy
  created_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An organisation qualified under a policy version; `notified` when it newly qualified and its members were told. */
export interface PolicyMatchRow {
  policy_id: string;
  organisation_id: string;
  version: number;
  notified: number;
  created_at: string;
}

/** Facts an organisation declares for policy matching (企业划型, 发展阶段). */
export interface PolicyOrgProfileRow {
  organisation_id: string;
  employees: number | null;
  revenue_fen: number | null;
  stage: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface PoliciesTables {
  policies: PolicyRow;
  policy_matches: PolicyMatchRow;
  policy_org_profiles: PolicyOrgProfileRow;
}
