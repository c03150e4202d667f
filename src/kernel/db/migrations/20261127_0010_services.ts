import type { Kysely } from 'kysely';

/**
 * Services around the deal (issue 6): pilot bases (中试基地) and shared instruments (科技资源共享) with one booking
 * ledger, technology finance (科技金融), supply-chain localisation (省内配套对接) and alliances (产学研联盟),
 * incubation carriers (苗圃/孵化器/加速器/示范基地). JSON lists are stored as text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // ── pilot bases and shared instruments ────────────────────────────────────────────────────────
  await db.schema
    .createTable('pilot_bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('capabilities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('equipment', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('certifications', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region_code', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('trl_min', 'integer', (c) => c.notNull())
    .addColumn('trl_max', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pilot_bases_org').on('pilot_bases').column('organisation_id').execute();
  await db.schema
    .createTable('pilot_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_id', 'text', (c) => c.notNull().references('pilot_bases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('line'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // bumped by every reservation: the optimistic lock
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pilot_units_base').on('pilot_units').column('base_id').execute();
  await db.schema
    .createTable('instruments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capabilities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fee_fen', 'bigint', (c) => c.notNull())
    .addColumn('fee_unit', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('capacity_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_kind', 'text', (c) => c.notNull()) // pilot_unit | instrument
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('requester_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('requester_user_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text')
    .addColumn('achievement_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('quantities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('start_date', 'text', (c) => c.notNull()) // YYYY-MM-DD Asia/Shanghai, inclusive
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('capacity_bookings_resource').on('capacity_bookings').columns(['resource_kind', 'resource_id', 'start_date']).execute();
  await db.schema
    .createTable('pilot_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().unique().references('capacity_bookings.id'))
    .addColumn('base_id', 'text', (c) => c.notNull().references('pilot_bases.id'))
    .addColumn('achievement_id', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('trl_before', 'integer', (c) => c.notNull())
    .addColumn('trl_after', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('instrument_usages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('capacity_bookings.id'))
    .addColumn('instrument_id', 'text', (c) => c.notNull().references('instruments.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // ── technology finance ─────────────────────────────────────────────────────────────────────
  await db.schema
    .createTable('finance_institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().unique().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('finance_products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('finance_institutions.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull()) // JSON ProductConditions (amounts in fen, rates in bp)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('financing_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull()) // JSON: stage, trl, industries, region, collateral, kinds, maxRateBp
    .addColumn('achievement_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('patents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contract_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('financing_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('financing_requests.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('finance_products.id'))
    .addColumn('institution_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('applicant_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pledged_patents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('valuation', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('approved_amount_fen', 'bigint')
    .addColumn('approved_rate_bp', 'integer')
    .addColumn('approved_term_months', 'integer')
    .addColumn('disbursed_amount_fen', 'bigint')
    .addColumn('disbursed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('financing_applications_inst').on('financing_applications').column('institution_org_id').execute();
  await db.schema.createIndex('financing_applications_appl').on('financing_applications').column('applicant_org_id').execute();

  // ── supply-chain localisation and alliances ────────────────────────────────────────────────
  await db.schema
    .createTable('chain_parts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('chain_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('specs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('annual_volume', 'integer')
    .addColumn('volume_unit', 'text', (c) => c.notNull().defaultTo('件'))
    .addColumn('current_source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chain_capabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chain_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('specs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chain_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('part_id', 'text', (c) => c.notNull().references('chain_parts.id'))
    .addColumn('capability_id', 'text')
    .addColumn('supplier_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chain_trials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('response_id', 'text', (c) => c.notNull().references('chain_responses.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alliances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lead_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('chain_code', 'text')
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alliance_members')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_members_pk', ['alliance_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('alliance_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('demand_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alliance_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic_id', 'text', (c) => c.notNull().references('alliance_topics.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // ── incubation: nurseries, incubators, accelerators, demonstration bases ────────────────────
  await db.schema
    .createTable('incubation_carriers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('stages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('services', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('region_code', 'text')
    .addColumn('seats', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('incubation_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('carrier_id', 'text', (c) => c.notNull().references('incubation_carriers.id'))
    .addColumn('applicant_org_id', 'text')
    .addColumn('applicant_user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // team | spin_off | company
    .addColumn('team_name', 'text', (c) => c.notNull())
    .addColumn('achievement_id', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createTable('incubation_residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('carrier_id', 'text', (c) => c.notNull().references('incubation_carriers.id'))
    .addColumn('application_id', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('team_name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('entered_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('next_stage', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'incubation_residents', 'incubation_applications', 'incubation_carriers',
    'alliance_tasks', 'alliance_topics', 'alliance_members', 'alliances', 'chain_trials', 'chain_responses', 'chain_capabilities', 'chain_parts',
    'financing_applications', 'financing_requests', 'finance_products', 'finance_institutions',
    'instrument_usages', 'pilot_projects', 'capacity_bookings', 'instruments', 'pilot_units', 'pilot_bases',
  ]) await db.schema.dropTable(t).ifExists().execute();
}
