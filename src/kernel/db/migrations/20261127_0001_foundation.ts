import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/** Foundation: audit log, organisations, accounts, demands, achievements, NDA access. */
export async function up(db: Kysely<any>): Promise<void> {
  const pgsql = isPostgres(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_org_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  // Append-only: the database itself refuses UPDATE and DELETE on the audit log.
  if (pgsql) {
    await sql`create or replace function audit_log_append_only() returns trigger as $$
      begin raise exception 'audit_log is append-only'; end; $$ language plpgsql`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_name').on('organisations').column('name').execute();
  await db.schema
    .createTable('organisation_industries')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_industries_pk', ['organisation_id', 'code'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('org_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('users_org').on('users').column('organisation_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie token; the token itself is never stored
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  for (const kind of ['demand', 'achievement'] as const) {
    const table = `${kind}s`;
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('external_id', 'text', (c) => c.unique())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull()) // public summary (demands: the public description)
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('')) // confidential detail
      .addColumn('field', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('region_code', 'text')
      .addColumn('modes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reject_reason', 'text')
      .addColumn('published_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
    if (kind === 'demand') {
      builder = builder
        .addColumn('min_trl', 'integer')
        .addColumn('budget_min_fen', 'bigint')
        .addColumn('budget_max_fen', 'bigint')
        .addColumn('deadline', 'text');
    } else {
      builder = builder
        .addColumn('trl', 'integer')
        .addColumn('price_negotiable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('price_min_fen', 'bigint')
        .addColumn('price_max_fen', 'bigint')
        .addColumn('team', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('pilot_needs', 'text', (c) => c.notNull().defaultTo(''));
    }
    await builder.execute();
    await db.schema.createIndex(`${table}_status`).on(table).columns(['status', 'published_at']).execute();
    await db.schema.createIndex(`${table}_org`).on(table).column('organisation_id').execute();
    await db.schema.createIndex(`${table}_region`).on(table).column('region_code').execute();
    await db.schema
      .createTable(`${kind}_industries`)
      .addColumn('listing_id', 'text', (c) => c.notNull().references(`${table}.id`).onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${kind}_industries_pk`, ['listing_id', 'code'])
      .execute();
    await db.schema.createIndex(`${kind}_industries_code`).on(`${kind}_industries`).column('code').execute();
  }

  await db.schema
    .createTable('ip_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('ip_items_achievement').on('ip_items').column('achievement_id').execute();

  // Brokers assigned to a listing may read its confidential detail.
  await db.schema
    .createTable('listing_brokers')
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('broker_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_brokers_pk', ['listing_kind', 'listing_id', 'broker_user_id'])
    .execute();

  // NDA (保密协议) requests: requested → approved → accepted (or rejected / withdrawn).
  await db.schema
    .createTable('nda_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requester_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('nda_version', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nda_requests_listing').on('nda_requests').columns(['listing_kind', 'listing_id']).execute();
  await db.schema.createIndex('nda_requests_requester').on('nda_requests').column('requester_org_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['nda_requests', 'listing_brokers', 'ip_items', 'achievement_industries', 'achievements', 'demand_industries', 'demands', 'login_attempts', 'api_tokens', 'sessions', 'users', 'organisation_industries', 'organisations', 'audit_log']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
