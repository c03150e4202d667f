import type { Kysely } from 'kysely';

/** Credit supervision (信用监管): records, annual reports, repairs, commitments, risk classes, inspections, deregistration. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('deregistered_at', 'text').execute();

  await db.schema
    .createTable('credit_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text') // entities not on the platform are kept by their 统一社会信用代码
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}')) // severity / reason / legalBasis / outcome / result / behaviour
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull()) // JSON {type, name, documentNo}
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('publication_months', 'integer')
    .addColumn('cured_on', 'text') // abnormal list: the cause was cured on this date (removal decision due within 7 days)
    .addColumn('repaired_on', 'text')
    .addColumn('removed_on', 'text')
    .addColumn('notice_sent_on', 'text') // abnormal list: notice before the move to the serious list
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_records_org').on('credit_records').columns(['organisation_id', 'kind']).execute();
  await db.schema.createIndex('credit_records_uscc').on('credit_records').column('uscc').execute();

  await db.schema
    .createTable('annual_reports')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('annual_reports_pk', ['organisation_id', 'report_year'])
    .execute();

  await db.schema
    .createTable('credit_repairs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('credit_records.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('penalty_carried_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('harm_removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | approved | rejected
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credit_commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('made_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('outcome', 'text') // kept | broken
    .addColumn('resolved_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('risk_classes')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_classes_pk', ['organisation_id', 'as_of'])
    .execute();

  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull()) // {regionPrefix, industry, items}
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('draw', 'text', (c) => c.notNull()) // the recorded draw (input pools, result, digest)
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // drawn | published
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createTable('inspection_results')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_results_pk', ['plan_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('deregistrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // in_notice | stopped | completed
    .addColumn('notice_start', 'text', (c) => c.notNull())
    .addColumn('objections', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('declared', 'text', (c) => c.notNull()) // the applicant's declarations
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['deregistrations', 'inspection_results', 'inspection_plans', 'risk_classes', 'credit_commitments', 'credit_repairs', 'annual_reports', 'credit_records']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('organisations').dropColumn('deregistered_at').execute();
}
