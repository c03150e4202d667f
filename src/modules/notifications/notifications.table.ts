export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string; // match | nda | review …
  title: string;
  body: string;
  link: string | null;
  data: string; // JSON
  read_at: string | null;
  created_at: string;
}

export interface NotificationsTables {
  notifications: NotificationRow;
}
