/**
 * Auctions (拍卖) and sealed tenders (招标). The rules are pure (core/auction.ts); this shell makes bids atomic —
 * each bid is validated against the state it commits on, with an optimistic version check, so under any number of
 * concurrent bids exactly one highest bid wins and no accepted bid is lost — and keeps sealed offers sealed.
 */
import { EventEmitter } from 'node:events';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { CreditGate, ListingKind, ListingsService } from '../listings/index.js';
import { applyBid, canSeeOffer, DealRuleError, isAuctionClosed, minimumNextBidFen, newAuction, openTender, validateOffer, winner, type AuctionRules, type AuctionState, type Tender, type TenderOffer, type TenderRules } from './core/auction.js';
import { dealsParams } from './deals.params.js';
import type { DealsService } from './deals.service.js';
import type { AuctionBidRow, AuctionRow, TenderOfferRow, TenderRow } from './deals.table.js';

const MAX_BID_RETRIES = 20;

export interface AuctionEvent {
  type: 'bid' | 'closed';
  auctionId: string;
  amountFen?: number;
  endAt: string;
  bids: number;
  outcome?: string | null;
}

export class AuctionsService {
  /** Live updates to auction rooms (SSE); in server mode a Redis relay republishes these across nodes. */
  readonly events = new EventEmitter();

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { demands: ListingsService<'demand'>; achievements: ListingsService<'achievement'>; deals: DealsService; credit?: CreditGate },
  ) {
    this.events.setMaxListeners(0);
  }

  // ── auctions ─────────────────────────────────────────────────────────────────────────────────

  private state(a: AuctionRow, bids: AuctionBidRow[]): AuctionState {
    const rules = { ...(JSON.parse(a.rules) as Omit<AuctionRules, 'startAt' | 'endAt' | 'startingPriceFen' | 'minIncrementFen' | 'reservePriceFen'>), startAt: a.start_at, endAt: a.scheduled_end_at, startingPriceFen: a.starting_price_fen, minIncrementFen: a.min_increment_fen, reservePriceFen: a.reserve_price_fen };
    return { sellerUserId: a.seller_user_id, sellerOrgId: a.seller_org_id, rules, endAt: a.end_at, extensions: a.extensions, bids: bids.map((b) => ({ bidderUserId: b.bidder_user_id, bidderOrgId: b.bidder_org_id, amountFen: b.amount_fen, at: b.at })) };
  }

  async createAuction(actor: Actor, input: { achievementId: string; startAt: string; endAt: string; startingPriceFen: number; minIncrementFen: number; reservePriceFen?: number | null }): Promise<AuctionRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const view = await this.deps.achievements.get(actor, input.achievementId);
    if (!view.owner) throw new AppError('FORBIDDEN');
    if (view.row.status !== 'published') throw new AppError('DEAL_LISTING_NOT_PUBLIC');
    if (Number.isNaN(Date.parse(input.startAt)) || Number.isNaN(Date.parse(input.endAt))) throw invalidField('endAt', '时间格式不正确', 'is not a valid time');
    if (Date.parse(input.endAt) <= this.ctx.clock.now().getTime()) throw invalidField('endAt', '结束时间须晚于现在', 'must be in the future');
    let state: AuctionState;
    try {
      state = newAuction({ sellerUserId: actor.userId, sellerOrgId: actor.orgId, startAt: input.startAt, endAt: input.endAt, startingPriceFen: input.startingPriceFen, minIncrementFen: input.minIncrementFen, reservePriceFen: input.reservePriceFen ?? null }, dealsParams().auction);
    } catch (e) {
      if (e instanceof DealRuleError) throw new AppError('AUCTION_RULES_INVALID', { problems: (e.details.problems as string[]).join('; ') });
      throw e;
    }
    const { startAt: _s, endAt: _e, startingPriceFen: _p, minIncrementFen: _i, reservePriceFen: _r, ...rules } = state.rules;
    const row: AuctionRow = {
      id: uuidv7(), achievement_id: view.row.id, seller_org_id: view.row.organisation_id, seller_user_id: actor.userId, title: view.row.title,
      start_at: state.rules.startAt, scheduled_end_at: state.rules.endAt, end_at: state.endAt, starting_price_fen: state.rules.startingPriceFen,
      min_increment_fen: state.rules.minIncrementFen, reserve_price_fen: state.rules.reservePriceFen, rules: JSON.stringify(rules), extensions: 0, status: 'open',
      outcome: null, winner_bid_id: null, deal_id: null, version: 1, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('auctions').values(row).execute();
      await recordAudit(trx, actor, { action: 'auction.create', subjectType: 'auction', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async loadAuction(id: string): Promise<{ a: AuctionRow; bids: AuctionBidRow[] }> {
    const a = await this.ctx.db.selectFrom('auctions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new AppError('AUCTION_NOT_FOUND');
    const bids = await this.ctx.db.selectFrom('auction_bids').selectAll().where('auction_id', '=', id).orderBy('seq').execute();
    return { a, bids };
  }

  /** The auction as anyone sees it: bidders anonymised (竞买人 n), the reserve price only to the seller. */
  async auction(actor: Actor, id: string) {
    await this.closeIfDue(id);
    const { a, bids } = await this.loadAuction(id);
    const isSeller = actor.kind === 'user' && actor.orgId === a.seller_org_id;
    const state = this.state(a, bids);
    const numbers = new Map<string, number>();
    for (const b of bids) if (!numbers.has(b.bidder_user_id)) numbers.set(b.bidder_user_id, numbers.size + 1);
    return {
      row: a,
      reserveVisible: isSeller,
      reserveMet: a.reserve_price_fen === null ? true : bids.length > 0 && bids[bids.length - 1].amount_fen >= a.reserve_price_fen,
      minimumNextBidFen: minimumNextBidFen(state),
      bids: bids.map((b) => ({ seq: b.seq, bidder: numbers.get(b.bidder_user_id)!, mine: actor.kind === 'user' && b.bidder_user_id === actor.userId, amountFen: b.amount_fen, at: b.at })),
    };
  }

  /** Places a bid atomically: validated against the state it commits on; a lost race re-validates and retries. */
  async bid(actor: Actor, id: string, amountFen: number): Promise<AuctionBidRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    await this.deps.credit?.assertMayTransact(actor.orgId, 'bid');
    for (let attempt = 0; attempt < MAX_BID_RETRIES; attempt++) {
      const result = await inTransaction(this.ctx.db, async (trx) => {
        const a = await trx.selectFrom('auctions').selectAll().where('id', '=', id).executeTakeFirst();
        if (!a) throw new AppError('AUCTION_NOT_FOUND');
        if (a.status !== 'open') throw new AppError('AUCTION_CLOSED');
        const bids = await trx.selectFrom('auction_bids').selectAll().where('auction_id', '=', id).orderBy('seq').execute();
        const now = this.ctx.clock.now();
        let next: AuctionState;
        try {
          next = applyBid(this.state(a, bids), { bidderUserId: actor.userId, bidderOrgId: actor.orgId, amountFen }, now);
        } catch (e) {
          if (e instanceof DealRuleError) throw new AppError(e.code, { minimumWan: ((e.details.minimumFen as number) / 1_000_000).toString() });
          throw e;
        }
        const updated = await trx.updateTable('auctions').set({ end_at: next.endAt, extensions: next.extensions, version: a.version + 1 }).where('id', '=', id).where('version', '=', a.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return null; // another bid committed first: retry on the new state
        const row: AuctionBidRow = { id: uuidv7(), auction_id: id, seq: bids.length + 1, bidder_user_id: actor.userId, bidder_org_id: actor.orgId, amount_fen: amountFen, at: now.toISOString() };
        await trx.insertInto('auction_bids').values(row).execute();
        await recordAudit(trx, actor, { action: 'auction.bid', subjectType: 'auction', subjectId: id, after: { amountFen, seq: row.seq }, requestId: actor.requestId }, now);
        return { row, endAt: next.endAt, bids: bids.length + 1 };
      }).catch((e) => {
        // PostgreSQL may also refuse the insert on the (auction, seq) key when two bids race: treat it as a lost race
        if (e instanceof AppError) throw e;
        if (/auction_bids_seq|unique|UNIQUE/i.test(String((e as Error).message))) return null;
        throw e;
      });
      if (result) {
        this.events.emit(id, { type: 'bid', auctionId: id, amountFen, endAt: result.endAt, bids: result.bids } satisfies AuctionEvent);
        return result.row;
      }
    }
    throw new AppError('CONFLICT');
  }

  /** Closes an auction whose end has passed; the winning bid opens a deal at its amount. Idempotent. */
  async closeIfDue(id: string): Promise<void> {
    const { a, bids } = await this.loadAuction(id);
    if (a.status !== 'open' || !isAuctionClosed(this.state(a, bids), this.ctx.clock.now())) return;
    const outcome = winner(this.state(a, bids));
    const winningBid = outcome.status === 'won' ? bids[bids.length - 1] : null;
    const closed = await inTransaction(this.ctx.db, async (trx) => {
      const r = await trx.updateTable('auctions').set({ status: 'closed', outcome: outcome.status, winner_bid_id: winningBid?.id ?? null, version: a.version + 1 }).where('id', '=', id).where('version', '=', a.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await recordAudit(trx, { kind: 'system', process: 'auction' }, { action: 'auction.close', subjectType: 'auction', subjectId: id, after: { outcome: outcome.status, winnerBidId: winningBid?.id ?? null }, requestId: null }, this.ctx.clock.now());
      return true;
    });
    if (!closed) return;
    if (winningBid) {
      const achievement = await this.deps.achievements.getRow(a.achievement_id);
      const industries = (await this.deps.achievements.industriesOf([a.achievement_id])).get(a.achievement_id) ?? [];
      const deal = await this.deps.deals.openConcluded({
        achievementId: a.achievement_id, buyerOrgId: winningBid.bidder_org_id!, sellerOrgId: a.seller_org_id, mode: 'auction', amountFen: winningBid.amount_fen,
        title: `拍卖：${a.title}`, industry: industries[0] ?? null, cityCode: achievement.region_code ? `${achievement.region_code.slice(0, 4)}00` : null,
      });
      await this.ctx.db.updateTable('auctions').set({ deal_id: deal.id }).where('id', '=', id).execute();
    }
    this.events.emit(id, { type: 'closed', auctionId: id, endAt: a.end_at, bids: bids.length, outcome: outcome.status } satisfies AuctionEvent);
  }

  /** Scheduled: closes every auction whose end has passed. */
  async closeDueAuctions(): Promise<number> {
    const due = await this.ctx.db.selectFrom('auctions').select('id').where('status', '=', 'open').where('end_at', '<=', nowIso(this.ctx.clock)).execute();
    for (const d of due) await this.closeIfDue(d.id);
    return due.length;
  }

  async listAuctions(status?: 'open' | 'closed') {
    let q = this.ctx.db.selectFrom('auctions').selectAll();
    if (status) q = q.where('status', '=', status);
    return q.orderBy('end_at').limit(200).execute();
  }

  // ── tenders ──────────────────────────────────────────────────────────────────────────────────

  private tender(t: TenderRow, ownerUserIds: string[], brokerUserIds: string[]): Tender {
    return { ownerUserIds, brokerUserIds, deadline: t.deadline, rules: JSON.parse(t.rules) as TenderRules };
  }

  private async tenderParties(t: TenderRow): Promise<{ owners: string[]; brokers: string[] }> {
    const owners = (await this.ctx.db.selectFrom('users').select('id').where('organisation_id', '=', t.owner_org_id).execute()).map((u) => u.id);
    const brokers = (await this.ctx.db.selectFrom('listing_brokers').select('broker_user_id').where('listing_kind', '=', t.listing_kind).where('listing_id', '=', t.listing_id).execute()).map((b) => b.broker_user_id);
    return { owners, brokers };
  }

  private async loadTender(id: string): Promise<TenderRow> {
    const t = await this.ctx.db.selectFrom('tenders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t) throw new AppError('TENDER_NOT_FOUND');
    return t;
  }

  /** Tenders, newest first; offers stay sealed (only counts here). */
  async listTenders(status?: 'open' | 'opened' | 'awarded') {
    let q = this.ctx.db.selectFrom('tenders').selectAll();
    if (status) q = q.where('status', '=', status);
    const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
    const counts = new Map<string, number>();
    if (rows.length) for (const r of await this.ctx.db.selectFrom('tender_offers').select(['tender_id', (eb) => eb.fn.countAll().as('n')]).where('tender_id', 'in', rows.map((t) => t.id)).groupBy('tender_id').execute()) counts.set(r.tender_id, Number(r.n));
    return rows.map((t) => ({ tender: t, offerCount: counts.get(t.id) ?? 0, sealed: this.ctx.clock.now().getTime() < Date.parse(t.deadline) }));
  }

  async createTender(actor: Actor, input: { listingKind: ListingKind; listingId: string; deadline: string; title?: string; priceWeightBp?: number }): Promise<TenderRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const svc = input.listingKind === 'demand' ? this.deps.demands : this.deps.achievements;
    const view = await svc.get(actor, input.listingId);
    if (!view.owner) throw new AppError('FORBIDDEN');
    if (view.row.status !== 'published') throw new AppError('DEAL_LISTING_NOT_PUBLIC');
    if (Number.isNaN(Date.parse(input.deadline)) || Date.parse(input.deadline) <= this.ctx.clock.now().getTime()) throw invalidField('deadline', '截止时间须晚于现在', 'must be in the future');
    // procuring technology for a demand: the lowest price is best; selling an achievement: the highest
    const rules: TenderRules = { ...dealsParams().tender, priceDirection: input.listingKind === 'demand' ? 'lower_better' : 'higher_better', ...(input.priceWeightBp !== undefined ? { priceWeightBp: input.priceWeightBp } : {}) };
    const row: TenderRow = {
      id: uuidv7(), listing_kind: input.listingKind, listing_id: input.listingId, owner_org_id: view.row.organisation_id, title: input.title?.trim() || `招标：${view.row.title}`,
      deadline: new Date(Date.parse(input.deadline)).toISOString(), rules: JSON.stringify(rules), status: 'open', opened_at: null, ranking: null, awarded_offer_id: null, deal_id: null,
      created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('tenders').values(row).execute();
      await recordAudit(trx, actor, { action: 'tender.create', subjectType: 'tender', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async submitOffer(actor: Actor, id: string, input: { priceFen: number; proposal?: string; score?: number | null }): Promise<TenderOfferRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    await this.deps.credit?.assertMayTransact(actor.orgId, 'bid');
    const t = await this.loadTender(id);
    const { owners, brokers } = await this.tenderParties(t);
    if (actor.orgId === t.owner_org_id) throw new AppError('OFFER_OWN_TENDER');
    const check = validateOffer(this.tender(t, owners, brokers), { bidderUserId: actor.userId, priceFen: input.priceFen }, this.ctx.clock.now());
    if (!check.ok) throw new AppError(check.code!);
    const row: TenderOfferRow = { id: uuidv7(), tender_id: id, bidder_user_id: actor.userId, bidder_org_id: actor.orgId, price_fen: input.priceFen, proposal: input.proposal ?? '', score: input.score ?? null, submitted_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('tender_offers').values(row).execute();
      // the audit entry records that an offer exists, not its amount: the box stays sealed until opening
      await recordAudit(trx, actor, { action: 'tender.offer', subjectType: 'tender', subjectId: id, after: { offerId: row.id }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Offers the actor may see: their own always; others only after the deadline, and then only owner and brokers. */
  async offers(actor: Actor, id: string): Promise<{ tender: TenderRow; offers: TenderOfferRow[]; sealed: boolean; count: number }> {
    const t = await this.loadTender(id);
    const { owners, brokers } = await this.tenderParties(t);
    const all = await this.ctx.db.selectFrom('tender_offers').selectAll().where('tender_id', '=', id).orderBy('submitted_at').execute();
    const tender = this.tender(t, owners, brokers);
    const userId = actor.kind === 'user' ? actor.userId : '';
    const isBidder = all.some((o) => o.bidder_user_id === userId);
    const now = this.ctx.clock.now();
    const visible = all.filter((o) => canSeeOffer({ userId, isBidder }, toOffer(o), tender, now));
    return { tender: t, offers: visible, sealed: now.getTime() < Date.parse(t.deadline), count: all.length };
  }

  async openTender(actor: Actor, id: string) {
    const t = await this.loadTender(id);
    const { owners, brokers } = await this.tenderParties(t);
    if (actor.kind !== 'user' || !(owners.includes(actor.userId) || brokers.includes(actor.userId))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (t.status !== 'open') throw new AppError('TENDER_ALREADY_OPENED');
    const all = await this.ctx.db.selectFrom('tender_offers').selectAll().where('tender_id', '=', id).execute();
    const result = openTender(this.tender(t, owners, brokers), all.map(toOffer), this.ctx.clock.now());
    if (!result.ok) throw new AppError(result.code);
    const ranking = result.ranked.map((r) => ({ rank: r.rank, offerId: r.offer.id, priceFen: r.offer.priceFen, priceScore: Number(r.priceScore.toFixed(2)), totalScore: Number(r.totalScore.toFixed(2)) }));
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('tenders').set({ status: 'opened', opened_at: result.openedAt, ranking: JSON.stringify(ranking) }).where('id', '=', id).where('status', '=', 'open').execute();
      await recordAudit(trx, actor, { action: 'tender.open', subjectType: 'tender', subjectId: id, after: { ranking }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { ...t, status: 'opened', opened_at: result.openedAt, ranking: JSON.stringify(ranking) } as TenderRow;
  }

  async award(actor: Actor, id: string, offerId: string) {
    const t = await this.loadTender(id);
    const { owners } = await this.tenderParties(t);
    if (actor.kind !== 'user' || !owners.includes(actor.userId)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (t.status !== 'opened') throw new AppError('TENDER_NOT_OPENED');
    const offer = await this.ctx.db.selectFrom('tender_offers').selectAll().where('id', '=', offerId).where('tender_id', '=', id).executeTakeFirst();
    const ranked = JSON.parse(t.ranking ?? '[]') as { offerId: string }[];
    if (!offer || !ranked.some((r) => r.offerId === offerId)) throw new AppError('OFFER_NOT_FOUND');
    const svc = t.listing_kind === 'demand' ? this.deps.demands : this.deps.achievements;
    const listing = await svc.getRow(t.listing_id);
    const industries = (await svc.industriesOf([t.listing_id])).get(t.listing_id) ?? [];
    const isDemand = t.listing_kind === 'demand';
    const deal = await this.deps.deals.openConcluded({
      demandId: isDemand ? t.listing_id : null, achievementId: isDemand ? null : t.listing_id,
      buyerOrgId: isDemand ? t.owner_org_id : offer.bidder_org_id, sellerOrgId: isDemand ? offer.bidder_org_id : t.owner_org_id,
      mode: 'tender', amountFen: offer.price_fen, title: t.title, industry: industries[0] ?? null, cityCode: listing.region_code ? `${listing.region_code.slice(0, 4)}00` : null,
    });
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('tenders').set({ status: 'awarded', awarded_offer_id: offerId, deal_id: deal.id }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'tender.award', subjectType: 'tender', subjectId: id, after: { offerId, dealId: deal.id }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { tenderId: id, dealId: deal.id };
  }
}

function toOffer(o: TenderOfferRow): TenderOffer {
  return { id: o.id, bidderUserId: o.bidder_user_id, priceFen: o.price_fen, submittedAt: o.submitted_at, score: o.score };
}
