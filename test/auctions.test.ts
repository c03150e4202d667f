import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe.each(DIALECTS)('auctions and tenders on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let seller: Awaited<ReturnType<typeof makeUser>>;
  let sellerCookie: string;

  beforeAll(async () => {
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 30 }); // the clock moves days ahead in these tests
    app = await createTestApp(p);
    seller = await makeUser(p, 'institution');
    sellerCookie = await login(app, seller.email, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  async function auction(over: Record<string, unknown> = {}) {
    const a = await makePublished(p, 'achievement', seller.actor);
    const res = await call(app, 'POST', '/api/auctions', { cookie: sellerCookie, body: { achievementId: a.row.id, startAt: '2026-11-27T00:00:00Z', endAt: '2026-11-28T02:00:00Z', startingPriceWan: '50', minIncrementWan: '1', reservePriceWan: '60', ...over } });
    expect(res.status).toBe(201);
    return res.json;
  }

  it('accepts exactly one highest bid under many concurrent bids and loses none', async () => {
    const a = await auction();
    const bidders = await Promise.all(Array.from({ length: 12 }, () => makeUser(p, 'enterprise')));
    const cookies = await Promise.all(bidders.map((b) => login(app, b.email, PASSWORD)));
    const amounts = bidders.map((_, i) => 50 + 2 * ((i * 7) % 12)); // distinct, 2 万元 apart, in scrambled order
    const results = await Promise.all(cookies.map((cookie, i) => call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie, body: { amountWan: String(amounts[i]) } })));
    for (const r of results) expect([201, 409]).toContain(r.status);
    const accepted = results.filter((r) => r.status === 201).length;
    expect(accepted).toBeGreaterThan(0);
    const view = await call(app, 'GET', `/api/auctions/${a.id}`);
    expect(view.json.bids).toHaveLength(accepted); // every 2xx bid is in the room, nothing else
    const seq = view.json.bids.map((b: { amountWan: string }) => Number(b.amountWan));
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThan(seq[i - 1]);
    expect(Math.max(...seq)).toBe(Math.max(...amounts));
    expect(view.json.reservePriceWan).toBeNull(); // hidden from everyone but the seller
    expect((await call(app, 'GET', `/api/auctions/${a.id}`, { cookie: sellerCookie })).json.reservePriceWan).toBe('60');
  });

  it('refuses low, own and late bids; extends the end against sniping; the winner gets a deal', async () => {
    const a = await auction();
    const [b1, b2] = await Promise.all([makeUser(p, 'enterprise'), makeUser(p, 'enterprise')]);
    const [c1, c2] = await Promise.all([login(app, b1.email, PASSWORD), login(app, b2.email, PASSWORD)]);
    expect((await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: sellerCookie, body: { amountWan: '70' } })).json.error.code).toBe('BID_OWN_AUCTION');
    expect((await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: c1, body: { amountWan: '55' } })).json.error.code).toBe('BID_BELOW_RESERVE');
    expect((await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: c1, body: { amountWan: '61' } })).status).toBe(201);
    const low = await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: c2, body: { amountWan: '61.5' } });
    expect(low.json.error).toMatchObject({ code: 'BID_TOO_LOW' });
    expect(low.json.error.message).toContain('62');
    p.clock.set('2026-11-28T01:58:00Z'); // two minutes before the end
    const late = await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: c2, body: { amountWan: '65' } });
    expect(late.status).toBe(201);
    expect(late.json.endAt).toBe('2026-11-28T02:03:00.000Z');
    expect(late.json.extensions).toBe(1);
    p.clock.set('2026-11-28T02:04:00Z');
    expect((await call(app, 'POST', `/api/auctions/${a.id}/bids`, { cookie: c1, body: { amountWan: '80' } })).json.error.code).toBe('AUCTION_CLOSED');
    const closed = await call(app, 'GET', `/api/auctions/${a.id}`);
    expect(closed.json).toMatchObject({ status: 'closed', outcome: 'won' });
    p.clock.set('2026-11-27T02:00:00Z');
    const deal = await call(app, 'GET', `/api/deals/${closed.json.dealId}`, { cookie: c2 });
    expect(deal.json).toMatchObject({ mode: 'auction', stage: 'agreed', amountWan: '65', buyer: { id: b2.orgId }, seller: { id: seller.orgId } });
  });

  it('keeps tender offers sealed from other bidders and the owner until the deadline', async () => {
    const owner = await makeUser(p, 'enterprise');
    const ownerCookie = await login(app, owner.email, PASSWORD);
    const demand = await makePublished(p, 'demand', owner.actor);
    const t = await call(app, 'POST', '/api/tenders', { cookie: ownerCookie, body: { listingKind: 'demand', listingId: demand.row.id, deadline: '2026-11-30T10:00:00+08:00' } });
    expect(t.status).toBe(201);
    const [s1, s2] = await Promise.all([makeUser(p, 'institution'), makeUser(p, 'institution')]);
    const [k1, k2] = await Promise.all([login(app, s1.email, PASSWORD), login(app, s2.email, PASSWORD)]);
    expect((await call(app, 'POST', `/api/tenders/${t.json.id}/offers`, { cookie: ownerCookie, body: { priceWan: '10' } })).json.error.code).toBe('OFFER_OWN_TENDER');
    await call(app, 'POST', `/api/tenders/${t.json.id}/offers`, { cookie: k1, body: { priceWan: '180', proposal: '方案甲' } });
    await call(app, 'POST', `/api/tenders/${t.json.id}/offers`, { cookie: k2, body: { priceWan: '150', proposal: '方案乙' } });
    const own = await call(app, 'GET', `/api/tenders/${t.json.id}`, { cookie: k1 });
    expect(own.json.offers.map((o: { priceWan: string }) => o.priceWan)).toEqual(['180']);
    const listed = (await call(app, 'GET', '/api/tenders?status=open')).json.find((x: { id: string }) => x.id === t.json.id);
    expect(listed).toMatchObject({ offerCount: 2, sealed: true, offers: [] });
    const ownerView = await call(app, 'GET', `/api/tenders/${t.json.id}`, { cookie: ownerCookie });
    expect(ownerView.json).toMatchObject({ sealed: true, offerCount: 2, offers: [] });
    expect(ownerView.body).not.toContain('方案乙');
    expect((await call(app, 'POST', `/api/tenders/${t.json.id}/open`, { cookie: ownerCookie })).json.error.code).toBe('TENDER_NOT_DUE');
    const audit = await p.ctx.db.selectFrom('audit_log').select('changes').where('subject_id', '=', t.json.id).execute();
    expect(JSON.stringify(audit)).not.toContain('180');
    p.clock.set('2026-11-30T02:00:01Z');
    expect((await call(app, 'POST', `/api/tenders/${t.json.id}/offers`, { cookie: k2, body: { priceWan: '100' } })).json.error.code).toBe('TENDER_CLOSED');
    const opened = await call(app, 'POST', `/api/tenders/${t.json.id}/open`, { cookie: ownerCookie });
    expect(opened.json.ranking.map((r: { priceWan: string }) => r.priceWan)).toEqual(['150', '180']); // procurement: lowest first
    expect((await call(app, 'GET', `/api/tenders/${t.json.id}`, { cookie: k1 })).json.offers).toHaveLength(1); // bidders still see only their own
    const award = await call(app, 'POST', `/api/tenders/${t.json.id}/award`, { cookie: ownerCookie, body: { offerId: opened.json.ranking[0].offerId } });
    p.clock.set('2026-11-27T02:00:00Z');
    const deal = await call(app, 'GET', `/api/deals/${award.json.dealId}`, { cookie: ownerCookie });
    expect(deal.json).toMatchObject({ mode: 'tender', stage: 'agreed', amountWan: '150', seller: { id: s2.orgId } });
  });
});
