import type { Kysely } from 'kysely';

/** Technology contract registration (技术合同认定登记); service-invention income sharing (收益分配) and rights grants (赋权). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.references('deals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text', (c) => c.notNull())
    .addColumn('license_object', 'text')
    .addColumn('direction', 'text', (c) => c.notNull()) // domestic | import | export
    .addColumn('parties', 'text', (c) => c.notNull()) // JSON [{role, name, uscc, regionCode, foreign, organisationId}]
    .addColumn('seller_region', 'text')
    .addColumn('buyer_region', 'text')
    .addColumn('ip_items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull()) // 成交额
    .addColumn('non_technical', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tech_trade_fen', 'bigint', (c) => c.notNull()) // 技术交易额
    .addColumn('sign_date', 'text', (c) => c.notNull())
    .addColumn('term_start', 'text')
    .addColumn('term_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | registered | rejected | cancelled
    .addColumn('applicant_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('accepted_on', 'text')
    .addColumn('due_date', 'text')
    .addColumn('due_coverage', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('registrar_user_id', 'text')
    .addColumn('certificate_no', 'text', (c) => c.unique())
    .addColumn('reject_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contracts_status').on('contracts').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('contracts_deal').on('contracts').column('deal_id').execute();
  await db.schema
    .createTable('contract_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // change | cancel
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_changes').ifExists().execute();
  await db.schema.dropTable('contracts').ifExists().execute();
}
