import type { Kysely } from 'kysely';

/**
 * Challenge programmes (揭榜挂帅, issue 10): programmes with eligibility rules and scoring sheets, challenges made from
 * enterprise demands (co-funding, acceptance indicators), team applications, reviewer assignments with conflict
 * exclusions and scores, projects with milestones, acceptance and disbursement. Money in fen, scores in hundredths.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('apply_from', 'text', (c) => c.notNull())
    .addColumn('apply_until', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('drop_extremes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('programme_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('demands', 'text', (c) => c.notNull()) // JSON [{demandId, orgId, title, cofundFen, indicators}]
    .addColumn('owner_org_ids', 'text', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull()) // the programme's share
    .addColumn('cofund_fen', 'bigint', (c) => c.notNull()) // the enterprises' share
    .addColumn('status', 'text', (c) => c.notNull()) // open | review | awarded
    .addColumn('results_published_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('programme_challenges_programme').on('programme_challenges').column('programme_id').execute();
  await db.schema
    .createTable('programme_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('programme_challenges.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull()) // JSON [{name, title, role, email}]
    .addColumn('co_authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('milestones', 'text', (c) => c.notNull()) // JSON [{title, due, amountFen, deliverable, indicators}]
    .addColumn('eligibility', 'text', (c) => c.notNull()) // JSON snapshot at submission
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | awarded | not_awarded | withdrawn
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programme_applications_challenge').on('programme_applications').column('challenge_id').execute();
  await db.schema.createIndex('programme_applications_org').on('programme_applications').column('organisation_id').execute();
  await db.schema
    .createTable('programme_reviewers')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('programme_challenges.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('declared_co_authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_reviewers_pk', ['challenge_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('programme_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('programme_challenges.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('programme_applications.id'))
    .addColumn('reviewer_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // assigned | excluded | scored
    .addColumn('exclusion', 'text') // JSON [{code, zh, en}]
    .addColumn('sheet', 'text') // JSON [{key, hundredths}]
    .addColumn('total_hundredths', 'integer')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scored_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('programme_reviews_pair', ['application_id', 'reviewer_user_id'])
    .execute();
  await db.schema.createIndex('programme_reviews_reviewer').on('programme_reviews').column('reviewer_user_id').execute();
  await db.schema
    .createTable('programme_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge_id', 'text', (c) => c.notNull().unique().references('programme_challenges.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('programme_applications.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('awarded_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // active | completed
    .addColumn('deal_id', 'text')
    .addColumn('contract_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('programme_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('programme_projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]')) // JSON Indicator[] the milestone is accepted against
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('reported_values', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('acceptance', 'text') // JSON IndicatorResult[] at acceptance
    .addColumn('return_reason', 'text')
    .addColumn('paid_fen', 'bigint')
    .addColumn('paid_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programme_milestones_project').on('programme_milestones').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['programme_milestones', 'programme_projects', 'programme_reviews', 'programme_reviewers', 'programme_applications', 'programme_challenges', 'programmes']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
