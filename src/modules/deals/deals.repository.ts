import type { Executor } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { DealOfferRow, DealRow } from './deals.table.js';

export interface DealFilter {
  orgId?: string;
  brokerUserId?: string;
  stage?: string;
  listingId?: string;
  ids?: string[];
}

/** The only SQL about deals. */
export class DealsRepository {
  async insert(db: Executor<DB>, row: DealRow): Promise<void> {
    await db.insertInto('deals').values(row).execute();
  }

  async update(db: Executor<DB>, id: string, patch: Partial<DealRow>): Promise<void> {
    await db.updateTable('deals').set(patch).where('id', '=', id).execute();
  }

  async findById(db: Executor<DB>, id: string): Promise<DealRow | undefined> {
    return db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Open (non-terminal) deals between these organisations on this listing. */
  async openDealsOn(db: Executor<DB>, listing: { demandId?: string | null; achievementId?: string | null }): Promise<DealRow[]> {
    let q = db.selectFrom('deals').selectAll().where('stage', 'not in', ['closed_lost', 'industrialised']);
    if (listing.achievementId) q = q.where('achievement_id', '=', listing.achievementId);
    if (listing.demandId) q = q.where('demand_id', '=', listing.demandId);
    return q.execute();
  }

  async list(db: Executor<DB>, f: DealFilter, page: number, pageSize: number): Promise<{ rows: DealRow[]; total: number }> {
    let q = db.selectFrom('deals');
    if (f.orgId) {
      const org = f.orgId;
      q = q.where((eb) => eb.or([eb('buyer_org_id', '=', org), eb('seller_org_id', '=', org)]));
    }
    if (f.brokerUserId) {
      const b = f.brokerUserId;
      q = q.where('id', 'in', (eb) => eb.selectFrom('deal_brokers').select('deal_id').where('broker_user_id', '=', b));
    }
    if (f.stage) q = q.where('stage', '=', f.stage);
    if (f.listingId) {
      const l = f.listingId;
      q = q.where((eb) => eb.or([eb('demand_id', '=', l), eb('achievement_id', '=', l)]));
    }
    if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { rows, total };
  }

  async all(db: Executor<DB>): Promise<DealRow[]> {
    return db.selectFrom('deals').selectAll().execute();
  }

  async stageTimes(db: Executor<DB>, ids: string[]): Promise<Map<string, Record<string, string>>> {
    const map = new Map<string, Record<string, string>>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('deal_stage_times').selectAll().where('deal_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) map.set(r.deal_id, { ...(map.get(r.deal_id) ?? {}), [r.stage]: r.at });
    }
    return map;
  }

  async recordStage(db: Executor<DB>, dealId: string, stage: string, at: string): Promise<void> {
    const exists = await db.selectFrom('deal_stage_times').select('stage').where('deal_id', '=', dealId).where('stage', '=', stage).executeTakeFirst();
    if (!exists) await db.insertInto('deal_stage_times').values({ deal_id: dealId, stage, at }).execute();
  }

  async brokers(db: Executor<DB>, ids: string[]) {
    if (!ids.length) return [];
    return db.selectFrom('deal_brokers').selectAll().where('deal_id', 'in', ids).execute();
  }

  async addBroker(db: Executor<DB>, row: DB['deal_brokers']): Promise<void> {
    await db.deleteFrom('deal_brokers').where('deal_id', '=', row.deal_id).where('broker_user_id', '=', row.broker_user_id).execute();
    await db.insertInto('deal_brokers').values(row).execute();
  }

  async addEvent(db: Executor<DB>, row: DB['deal_events']): Promise<void> {
    await db.insertInto('deal_events').values(row).execute();
  }

  async events(db: Executor<DB>, dealId: string) {
    return db.selectFrom('deal_events').selectAll().where('deal_id', '=', dealId).orderBy('at').orderBy('id').execute();
  }

  async offers(db: Executor<DB>, dealId: string): Promise<DealOfferRow[]> {
    return db.selectFrom('deal_offers').selectAll().where('deal_id', '=', dealId).orderBy('created_at').orderBy('id').execute();
  }

  async insertOffer(db: Executor<DB>, row: DealOfferRow): Promise<void> {
    await db.insertInto('deal_offers').values(row).execute();
  }

  async setOfferStatus(db: Executor<DB>, dealId: string, fromStatus: string, toStatus: string, exceptId?: string): Promise<void> {
    let q = db.updateTable('deal_offers').set({ status: toStatus }).where('deal_id', '=', dealId).where('status', '=', fromStatus);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async offerById(db: Executor<DB>, id: string): Promise<DealOfferRow | undefined> {
    return db.selectFrom('deal_offers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateOffer(db: Executor<DB>, id: string, patch: Partial<DealOfferRow>): Promise<void> {
    await db.updateTable('deal_offers').set(patch).where('id', '=', id).execute();
  }

  async tasks(db: Executor<DB>, dealId: string) {
    return db.selectFrom('broker_tasks').selectAll().where('deal_id', '=', dealId).orderBy('due_date').execute();
  }

  async insertTask(db: Executor<DB>, row: DB['broker_tasks']): Promise<void> {
    await db.insertInto('broker_tasks').values(row).execute();
  }

  async taskById(db: Executor<DB>, id: string) {
    return db.selectFrom('broker_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateTask(db: Executor<DB>, id: string, patch: Partial<DB['broker_tasks']>): Promise<void> {
    await db.updateTable('broker_tasks').set(patch).where('id', '=', id).execute();
  }

  /** Open tasks due on or before the date that have not been reminded. */
  async dueTasks(db: Executor<DB>, date: string) {
    return db.selectFrom('broker_tasks').selectAll().where('done_at', 'is', null).where('reminded_at', 'is', null).where('due_date', '<=', date).execute();
  }
}
