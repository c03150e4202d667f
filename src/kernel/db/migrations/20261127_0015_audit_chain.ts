import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';
import { backfillAuditChain } from '../../audit/chain.js';

/**
 * Tamper-evident audit log: seq / prev_hash / hash on every entry (a sha256 hash chain) and a one-row chain head
 * that appends lock. Existing entries are chained in id order (uuidv7 ids sort by time). The append-only triggers
 * stay: they are lifted only for the backfill inside this migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pgsql = isPostgres(db);
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  if (pgsql) await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  else await sql`drop trigger if exists audit_log_no_update`.execute(db);
  await backfillAuditChain(db);
  if (pgsql) await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const pgsql = isPostgres(db);
  await db.schema.dropIndex('audit_log_seq').ifExists().execute();
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  if (!pgsql) await sql`drop trigger if exists audit_log_no_update`.execute(db);
  for (const c of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_log').dropColumn(c).execute();
  if (!pgsql) {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}
