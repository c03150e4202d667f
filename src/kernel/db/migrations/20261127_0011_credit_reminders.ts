import type { Kysely } from 'kysely';

/** Annual-report reminders already sent (one per organisation, report year and reminder date). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_report_reminders')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('remind_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_report_reminders_pk', ['organisation_id', 'report_year', 'remind_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_report_reminders').ifExists().execute();
}
