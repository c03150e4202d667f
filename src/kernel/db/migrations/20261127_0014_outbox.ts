import type { Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * The outbox: every write to a searchable record (demands, achievements) appends an event in the same transaction;
 * each API node applies the events after its last applied id, in id order, to keep its matching index current.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('outbox_events')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_events_created').on('outbox_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_events').ifExists().execute();
}
