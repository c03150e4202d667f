import type { Kysely } from 'kysely';

/** Why a head enterprise declined a supplier's response (不予采用的理由), shown to the supplier. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chain_responses').addColumn('decline_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chain_responses').dropColumn('decline_reason').execute();
}
