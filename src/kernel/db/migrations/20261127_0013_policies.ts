import type { Kysely } from 'kysely';

/**
 * Issue 10 parts 3–4: policy push (惠企政策直达) — the policy library with structured conditions, the size facts an
 * organisation declares, and which organisation qualified (and was notified) under which policy version; first-of-kind
 * promotion (首台套/首批次/首版次) — the catalogue and insurance-compensation applications. JSON is stored as text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('benefit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('effective_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_status').on('policies').column('status').execute();
  await db.schema
    .createTable('policy_matches')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_matches_pk', ['policy_id', 'organisation_id', 'version'])
    .execute();
  await db.schema
    .createTable('policy_org_profiles')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('employees', 'integer')
    .addColumn('revenue_fen', 'bigint')
    .addColumn('stage', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('firstkind_products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('maker_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recognition_year', 'integer')
    .addColumn('batch', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('proposed_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('firstkind_products_status').on('firstkind_products').column('status').execute();
  await db.schema
    .createTable('firstkind_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('firstkind_products.id'))
    .addColumn('applicant_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull())
    .addColumn('applicant_role', 'text', (c) => c.notNull())
    .addColumn('insurer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('policy_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('premium_fen', 'bigint', (c) => c.notNull())
    .addColumn('requested_fen', 'bigint', (c) => c.notNull())
    .addColumn('approved_fen', 'bigint')
    .addColumn('paid_fen', 'bigint')
    .addColumn('paid_on', 'text')
    .addColumn('documents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('firstkind_applications_status').on('firstkind_applications').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['firstkind_applications', 'firstkind_products', 'policy_org_profiles', 'policy_matches', 'policies']) await db.schema.dropTable(t).ifExists().execute();
}
