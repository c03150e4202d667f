import type { Kysely } from 'kysely';

/** Enterprise cultivation: recognitions tracked per enterprise (专精特新, 高新技术企业 …) and cultivation measures taken. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_designations')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recognised_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_designations_pk', ['organisation_id', 'kind'])
    .execute();
  await db.schema.createIndex('enterprise_designations_kind').on('enterprise_designations').columns(['kind', 'status']).execute();

  await db.schema
    .createTable('cultivation_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_org_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cultivation_measures_org').on('cultivation_measures').columns(['organisation_id', 'taken_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cultivation_measures').ifExists().execute();
  await db.schema.dropTable('enterprise_designations').ifExists().execute();
}
