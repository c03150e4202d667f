import type { Kysely } from 'kysely';

/** Service-invention income sharing (收益分配) and rights grants (职务科技成果赋权). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('income_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('deal_id', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('ruleset', 'text', (c) => c.notNull())
    .addColumn('unit_rule', 'text') // JSON of the unit's own floors, if any
    .addColumn('team_share_bp', 'integer', (c) => c.notNull())
    .addColumn('other_parties', 'text', (c) => c.notNull())
    .addColumn('contributors', 'text', (c) => c.notNull())
    .addColumn('years', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('income_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('income_plans.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('gross_fen', 'bigint', (c) => c.notNull())
    .addColumn('costs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('net_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rights_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('team_share_bp', 'integer')
    .addColumn('years', 'integer')
    .addColumn('remaining_protection_years', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rights_grants', 'income_receipts', 'income_plans']) await db.schema.dropTable(t).ifExists().execute();
}
