import { Type } from '@sinclair/typebox';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import { percentToBp } from '../../kernel/percent.js';
import { errorResponses, IdParams, type HttpApp, Nullable, Wan, fenFromWan as fen } from '../../kernel/http/index.js';
import type { AuctionEvent, AuctionsService } from './auctions.service.js';
import type { TenderOfferRow, TenderRow } from './deals.table.js';

const Iso = Type.String({ minLength: 10, maxLength: 40, description: 'ISO-8601 instant, e.g. 2026-12-01T10:00:00+08:00' });

const AuctionView = Type.Object({
  id: Type.String(), achievementId: Type.String(), title: Type.String(), sellerOrgId: Type.String(), startAt: Type.String(), scheduledEndAt: Type.String(), endAt: Type.String(),
  startingPriceWan: Type.String(), minIncrementWan: Type.String(), reservePriceWan: Nullable(Type.String()), reserveMet: Type.Boolean(), extensions: Type.Integer(),
  status: Type.String(), outcome: Nullable(Type.String()), dealId: Nullable(Type.String()), minimumNextBidWan: Type.String(),
  bids: Type.Array(Type.Object({ seq: Type.Integer(), bidder: Type.Integer(), mine: Type.Boolean(), amountWan: Type.String(), at: Type.String() })),
});

const TenderView = Type.Object({
  id: Type.String(), listingKind: Type.String(), listingId: Type.String(), title: Type.String(), deadline: Type.String(), status: Type.String(), sealed: Type.Boolean(),
  offerCount: Type.Integer(), openedAt: Nullable(Type.String()), dealId: Nullable(Type.String()),
  ranking: Nullable(Type.Array(Type.Object({ rank: Type.Integer(), offerId: Type.String(), priceWan: Type.String(), priceScore: Type.Number(), totalScore: Type.Number() }))),
  offers: Type.Array(Type.Object({ id: Type.String(), bidderOrgId: Type.String(), priceWan: Type.String(), proposal: Type.String(), submittedAt: Type.String(), mine: Type.Boolean() })),
});

export function auctionsRoutes(deps: { auctions: AuctionsService }) {
  const { auctions } = deps;

  async function presentAuction(actor: Parameters<AuctionsService['auction']>[0], id: string) {
    const v = await auctions.auction(actor, id);
    const a = v.row;
    return {
      id: a.id, achievementId: a.achievement_id, title: a.title, sellerOrgId: a.seller_org_id, startAt: a.start_at, scheduledEndAt: a.scheduled_end_at, endAt: a.end_at,
      startingPriceWan: fenToWan(a.starting_price_fen)!, minIncrementWan: fenToWan(a.min_increment_fen)!, reservePriceWan: v.reserveVisible ? fenToWan(a.reserve_price_fen) : null,
      reserveMet: v.reserveMet, extensions: a.extensions, status: a.status, outcome: a.outcome, dealId: a.deal_id, minimumNextBidWan: fenToWan(v.minimumNextBidFen)!,
      bids: v.bids.map((b) => ({ seq: b.seq, bidder: b.bidder, mine: b.mine, amountWan: fenToWan(b.amountFen)!, at: b.at })),
    };
  }

  function presentTender(t: TenderRow, offers: TenderOfferRow[], sealed: boolean, count: number, userId: string | null) {
    const ranking = t.ranking ? (JSON.parse(t.ranking) as { rank: number; offerId: string; priceFen: number; priceScore: number; totalScore: number }[]) : null;
    return {
      id: t.id, listingKind: t.listing_kind, listingId: t.listing_id, title: t.title, deadline: t.deadline, status: t.status, sealed, offerCount: count,
      openedAt: t.opened_at, dealId: t.deal_id,
      ranking: ranking && !sealed && offers.length === count ? ranking.map((r) => ({ rank: r.rank, offerId: r.offerId, priceWan: fenToWan(r.priceFen)!, priceScore: r.priceScore, totalScore: r.totalScore })) : null,
      offers: offers.map((o) => ({ id: o.id, bidderOrgId: o.bidder_org_id, priceWan: fenToWan(o.price_fen)!, proposal: o.proposal, submittedAt: o.submitted_at, mine: o.bidder_user_id === userId })),
    };
  }

  return async function (app: HttpApp) {
    const tags = ['auctions 拍卖与招标'];
    app.post('/api/auctions', {
      config: { access: { roles: 'signed-in', owner: true, note: 'the listing / deal must be the caller organisation’s' } }, schema: {
        tags, summary: '发起拍卖（成果所有者）：起拍价、加价幅度、保留价、结束时间（末段出价自动延时）',
        body: Type.Object({ achievementId: Type.String({ maxLength: 64 }), startAt: Iso, endAt: Iso, startingPriceWan: Wan, minIncrementWan: Wan, reservePriceWan: Type.Optional(Nullable(Wan)) }),
        response: { 201: AuctionView, ...errorResponses },
      },
    }, async (req, reply) => {
      const b = req.body;
      const row = await auctions.createAuction(req.actor, { achievementId: b.achievementId, startAt: b.startAt, endAt: b.endAt, startingPriceFen: fen('startingPriceWan', b.startingPriceWan), minIncrementFen: fen('minIncrementWan', b.minIncrementWan), reservePriceFen: b.reservePriceWan ? fen('reservePriceWan', b.reservePriceWan) : null });
      return reply.status(201).send(await presentAuction(req.actor, row.id));
    });

    app.get('/api/auctions', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '拍卖列表', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) }), response: { 200: Type.Array(AuctionView), ...errorResponses } },
    }, async (req) => {
      await auctions.closeDueAuctions();
      const rows = await auctions.listAuctions(req.query.status);
      const out = [];
      for (const r of rows) out.push(await presentAuction(req.actor, r.id));
      return out;
    });

    app.get('/api/auctions/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: { 200: AuctionView, ...errorResponses } } }, async (req) => presentAuction(req.actor, req.params.id));

    app.post('/api/auctions/:id/bids', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '出价（原子提交：并发出价中只有最高者有效，不丢失任何已接受的出价）', params: IdParams, body: Type.Object({ amountWan: Wan }), response: { 201: AuctionView, ...errorResponses } },
    }, async (req, reply) => {
      await auctions.bid(req.actor, req.params.id, fen('amountWan', req.body.amountWan));
      return reply.status(201).send(await presentAuction(req.actor, req.params.id));
    });

    app.get('/api/auctions/:id/events', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '拍卖室实时事件（Server-Sent Events）', params: IdParams } }, async (req, reply) => {
      await auctions.auction(req.actor, req.params.id); // 404 for unknown auctions
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': req.id });
      const send = (e: AuctionEvent) => res.write(`event: ${e.type}\ndata: ${JSON.stringify({ ...e, amountWan: e.amountFen !== undefined ? fenToWan(e.amountFen) : undefined, amountFen: undefined })}\n\n`);
      res.write(': connected\n\n');
      auctions.events.on(req.params.id, send);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        auctions.events.off(req.params.id, send);
      });
    });

    app.post('/api/tenders', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags, summary: '发起招标（需求方采购技术，或成果方公开招标转让）：投标密封至截止时间',
        body: Type.Object({ listingKind: Type.Union([Type.Literal('demand'), Type.Literal('achievement')]), listingId: Type.String({ maxLength: 64 }), deadline: Iso, title: Type.Optional(Type.String({ maxLength: 200 })), priceWeightPercent: Type.Optional(Type.String({ maxLength: 6 })) }),
        response: { 201: TenderView, ...errorResponses },
      },
    }, async (req, reply) => {
      const b = req.body;
      let priceWeightBp: number | undefined;
      if (b.priceWeightPercent !== undefined) {
        const bp = percentToBp(b.priceWeightPercent);
        if (bp === null) throw invalidField('priceWeightPercent', '比例应在 0–100 之间', 'must be between 0 and 100');
        priceWeightBp = bp;
      }
      const t = await auctions.createTender(req.actor, { listingKind: b.listingKind, listingId: b.listingId, deadline: b.deadline, title: b.title, priceWeightBp });
      return reply.status(201).send(presentTender(t, [], true, 0, null));
    });

    app.get('/api/tenders', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '招标列表（投标内容密封，仅显示数量）', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('opened'), Type.Literal('awarded')])) }), response: { 200: Type.Array(TenderView), ...errorResponses } },
    }, async (req) => (await auctions.listTenders(req.query.status)).map((r) => presentTender(r.tender, [], r.sealed, r.offerCount, null)));

    app.get('/api/tenders/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '招标与可见的投标（截止前仅见本方投标）', params: IdParams, response: { 200: TenderView, ...errorResponses } } }, async (req) => {
      const r = await auctions.offers(req.actor, req.params.id);
      return presentTender(r.tender, r.offers, r.sealed, r.count, req.actor.kind === 'user' ? req.actor.userId : null);
    });

    app.post('/api/tenders/:id/offers', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '投标（截止前可多次提交，以最后一次为准）', params: IdParams, body: Type.Object({ priceWan: Wan, proposal: Type.Optional(Type.String({ maxLength: 10000 })) }), response: { 201: TenderView, ...errorResponses } },
    }, async (req, reply) => {
      await auctions.submitOffer(req.actor, req.params.id, { priceFen: fen('priceWan', req.body.priceWan), proposal: req.body.proposal });
      const r = await auctions.offers(req.actor, req.params.id);
      return reply.status(201).send(presentTender(r.tender, r.offers, r.sealed, r.count, req.actor.kind === 'user' ? req.actor.userId : null));
    });

    app.post('/api/tenders/:id/open', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '开标（截止后，招标方或经纪人）', params: IdParams, response: { 200: TenderView, ...errorResponses } } }, async (req) => {
      await auctions.openTender(req.actor, req.params.id);
      const r = await auctions.offers(req.actor, req.params.id);
      return presentTender(r.tender, r.offers, r.sealed, r.count, req.actor.kind === 'user' ? req.actor.userId : null);
    });

    app.post('/api/tenders/:id/award', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '定标：建立对接项目并进入“达成一致”', params: IdParams, body: Type.Object({ offerId: Type.String({ maxLength: 64 }) }), response: { 200: Type.Object({ tenderId: Type.String(), dealId: Type.String() }), ...errorResponses } },
    }, async (req) => auctions.award(req.actor, req.params.id, req.body.offerId));
  };
}
