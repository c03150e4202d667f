import type { Kysely } from 'kysely';

/** Government: departments, coordination cases (协调事项), plan tasks and indicators, 四上 reports, GDP + GEP. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gov_departments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gov_departments_org').on('gov_departments').column('organisation_id').execute();

  await db.schema
    .createTable('coordination_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region_code', 'text')
    .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('raised_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('first_department', 'text', (c) => c.notNull().references('gov_departments.code'))
    .addColumn('department', 'text', (c) => c.notNull().references('gov_departments.code'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_on', 'text', (c) => c.notNull())
    .addColumn('first_due_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('reminded_for', 'text')
    .addColumn('overdue_flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('coordination_cases_department').on('coordination_cases').columns(['department', 'status']).execute();
  await db.schema.createIndex('coordination_cases_status_due').on('coordination_cases').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('coordination_cases_raised_by').on('coordination_cases').column('raised_by').execute();
  await db.schema.createIndex('coordination_cases_subject').on('coordination_cases').columns(['subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('coordination_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('coordination_cases.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('coordination_events_case').on('coordination_events').column('case_id').execute();

  await db.schema
    .createTable('plan_areas')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_tasks')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('area_code', 'text', (c) => c.notNull().references('plan_areas.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('owner_department', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_indicators')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('area_code', 'text', (c) => c.notNull().references('plan_areas.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('baseline', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('trajectory', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('owner_department', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('computation', 'text')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('definition_en', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('plan_indicators.code').onDelete('cascade'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('reported_org_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_progress_indicator').on('plan_progress').columns(['indicator_code', 'as_of']).execute();

  await db.schema
    .createTable('enterprise_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('revenue_fen', 'bigint', (c) => c.notNull())
    .addColumn('qualification', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprise_reports_org_year', ['organisation_id', 'year'])
    .execute();

  await db.schema
    .createTable('gdp_values')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('gdp_fen', 'bigint', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gdp_values_pk', ['region_code', 'year'])
    .execute();
  await db.schema
    .createTable('gep_quantities')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('price_yuan', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gep_quantities_pk', ['region_code', 'year', 'item_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['gep_quantities', 'gdp_values', 'enterprise_reports', 'plan_progress', 'plan_indicators', 'plan_tasks', 'plan_areas', 'coordination_events', 'coordination_cases', 'gov_departments']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
