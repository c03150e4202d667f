import type { Kysely } from 'kysely';

/** Auctions (拍卖) of achievements and sealed tenders (招标) on demands or achievements. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
    .addColumn('seller_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('seller_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('scheduled_end_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('starting_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('min_increment_fen', 'bigint', (c) => c.notNull())
    .addColumn('reserve_price_fen', 'bigint')
    .addColumn('rules', 'text', (c) => c.notNull()) // anti-sniping and other defaults in force
    .addColumn('extensions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('outcome', 'text') // won | reserve_not_met | no_bids
    .addColumn('winner_bid_id', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('auction_bids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('auction_id', 'text', (c) => c.notNull().references('auctions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bidder_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('bidder_org_id', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('auction_bids_seq', ['auction_id', 'seq'])
    .execute();

  await db.schema
    .createTable('tenders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_kind', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | opened | awarded
    .addColumn('opened_at', 'text')
    .addColumn('ranking', 'text')
    .addColumn('awarded_offer_id', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tender_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tender_id', 'text', (c) => c.notNull().references('tenders.id'))
    .addColumn('bidder_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('bidder_org_id', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('score', 'integer')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tender_offers_tender').on('tender_offers').column('tender_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tender_offers', 'tenders', 'auction_bids', 'auctions']) await db.schema.dropTable(t).ifExists().execute();
}
