import type { Kysely } from 'kysely';

/** Deals (对接项目), their stage history and timeline, brokers' profiles, notes and tasks, negotiation offers. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('demand_id', 'text', (c) => c.references('demands.id'))
    .addColumn('achievement_id', 'text', (c) => c.references('achievements.id'))
    .addColumn('buyer_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('seller_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('mode', 'text', (c) => c.notNull()) // listing 挂牌 | agreement 协议 | tender 招标 | auction 拍卖 | equity 股 | investment 投
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('opened_via', 'text', (c) => c.notNull()) // match | party | broker
    .addColumn('match_score', 'real')
    .addColumn('amount_fen', 'bigint') // agreed 成交额
    .addColumn('lost_reason', 'text')
    .addColumn('lost_note', 'text')
    .addColumn('industrialised_in_liaoning', 'integer')
    .addColumn('industrialised_region', 'text')
    .addColumn('city_code', 'text') // the seller's city, for regional statistics
    .addColumn('industry', 'text') // the first industry code of the achievement or demand
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('deals_stage').on('deals').column('stage').execute();
  await db.schema.createIndex('deals_buyer').on('deals').column('buyer_org_id').execute();
  await db.schema.createIndex('deals_seller').on('deals').column('seller_org_id').execute();
  await db.schema.createIndex('deals_achievement').on('deals').column('achievement_id').execute();
  await db.schema.createIndex('deals_demand').on('deals').column('demand_id').execute();

  await db.schema
    .createTable('deal_stage_times')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_stage_times_pk', ['deal_id', 'stage'])
    .execute();

  await db.schema
    .createTable('deal_brokers')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('broker_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('commission_type', 'text', (c) => c.notNull()) // percent | fixed
    .addColumn('commission_bp', 'integer') // basis points of 成交额
    .addColumn('commission_fen', 'bigint')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_brokers_pk', ['deal_id', 'broker_user_id'])
    .execute();

  await db.schema
    .createTable('deal_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull()) // stage | note | offer | broker | nda | document
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('deal_events_deal').on('deal_events').columns(['deal_id', 'at']).execute();

  await db.schema
    .createTable('broker_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('certificate_no', 'text', (c) => c.notNull())
    .addColumn('specialities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('regions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('default_commission_bp', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('broker_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('broker_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('done_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('broker_tasks_due').on('broker_tasks').columns(['done_at', 'due_date']).execute();

  await db.schema
    .createTable('deal_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull()) // buyer | seller
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('payment', 'text', (c) => c.notNull()) // lump_sum | instalments | royalty | equity
    .addColumn('royalty_bp', 'integer')
    .addColumn('equity_bp', 'integer')
    .addColumn('instalments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('exclusivity', 'text', (c) => c.notNull()) // exclusive | sole | non_exclusive
    .addColumn('term_months', 'integer')
    .addColumn('territory', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('milestones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('valuation', 'text') // JSON of an attached valuation result
    .addColumn('status', 'text', (c) => c.notNull()) // open | superseded | accepted | withdrawn
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_offers_deal').on('deal_offers').columns(['deal_id', 'round']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['deal_offers', 'broker_tasks', 'broker_profiles', 'deal_events', 'deal_brokers', 'deal_stage_times', 'deals']) await db.schema.dropTable(t).ifExists().execute();
}
