import type { Kysely } from 'kysely';

/** Saved match subscriptions and in-app notifications. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('match_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // what is watched: listings of this kind …
    .addColumn('target_kind', 'text', (c) => c.notNull())
    // … matching either a saved query text or a listing (source_kind + source_id)
    .addColumn('query_text', 'text')
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('region_code', 'text')
    .addColumn('min_trl', 'integer')
    .addColumn('threshold', 'integer', (c) => c.notNull().defaultTo(50)) // 0–100 match score
    .addColumn('webhook_url', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_notified_at', 'text')
    .execute();
  await db.schema.createIndex('match_subscriptions_target').on('match_subscriptions').columns(['target_kind', 'active']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('match_subscriptions').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
}
