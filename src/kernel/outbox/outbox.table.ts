import type { Generated } from 'kysely';

export interface OutboxEventTable {
  /** monotonic: under PostgreSQL appends are serialised by a transaction-scoped advisory lock, so ids commit in order */
  id: Generated<number>;
  /** listing.upserted | listing.removed */
  type: string;
  /** JSON */
  payload: string;
  created_at: string;
}

export interface OutboxTables {
  outbox_events: OutboxEventTable;
}
