export interface UserRow {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string;
  role: string;
  organisation_id: string | null;
  org_admin: number;
  status: string; // active | disabled
  locale: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AccountsTables {
  users: UserRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  login_attempts: { key: string; failures: number; window_start: string; locked_until: string | null };
}
