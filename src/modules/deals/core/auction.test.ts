import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyBid,
  canSeeOffer,
  isAuctionClosed,
  minimumNextBidFen,
  newAuction,
  openTender,
  parseDealsParams,
  validateBid,
  validateOffer,
  winner,
  type AuctionState,
  type Tender,
  type TenderOffer,
  type TenderViewer,
} from './auction.js';

const params = parseDealsParams(JSON.parse(readFileSync(new URL('../../../../data/reference/deals.json', import.meta.url), 'utf8')));
const T = (hhmmss: string) => `2025-06-01T${hhmmss}.000Z`;

// starting price 10,000 元, increment 500 元, reserve 12,000 元; 02:00–04:00 UTC; anti-sniping 5 min, cap 10 min
const fresh = (over: Partial<typeof params.auction> = {}): AuctionState =>
  newAuction(
    {
      sellerUserId: 'seller',
      sellerOrgId: 'org-s',
      startAt: T('02:00:00'),
      endAt: T('04:00:00'),
      startingPriceFen: 1_000_000,
      minIncrementFen: 50_000,
      reservePriceFen: 1_200_000,
      overrides: { maxExtensionMinutes: 10, ...over },
    },
    params.auction,
  );
const withOneBid = applyBid(fresh(), { bidderUserId: 'b1', bidderOrgId: 'org-1', amountFen: 1_200_000 }, T('02:30:00'));

describe('defaults', () => {
  it('ships 5-minute anti-sniping, 60-minute cap, reserve enforced', () => {
    expect(params.auction).toEqual({ antiSnipingMinutes: 5, maxExtensionMinutes: 60, rejectBelowReserve: true, allowSelfOutbid: false });
    expect(params.tender).toEqual({ priceDirection: 'higher_better', priceWeightBp: 10_000, bidderSeesOthersAfterOpening: false });
  });

  it('refuses inconsistent auctions', () => {
    expect(() =>
      newAuction({ sellerUserId: 's', startAt: T('04:00:00'), endAt: T('02:00:00'), startingPriceFen: 1, minIncrementFen: 0 }, params.auction),
    ).toThrow('AUCTION_RULES_INVALID');
  });
});

describe('validateBid', () => {
  it.each<[string, AuctionState, { bidderUserId: string; bidderOrgId?: string; amountFen: number }, string, string | null, number]>([
    ['zero amount', withOneBid, { bidderUserId: 'b2', amountFen: 0 }, T('03:00:00'), 'AMOUNT_INVALID', 1_250_000],
    ['fractional fen', withOneBid, { bidderUserId: 'b2', amountFen: 1_250_000.5 }, T('03:00:00'), 'AMOUNT_INVALID', 1_250_000],
    ['the seller', withOneBid, { bidderUserId: 'seller', amountFen: 2_000_000 }, T('03:00:00'), 'BID_OWN_AUCTION', 1_250_000],
    ['a colleague of the seller', withOneBid, { bidderUserId: 'b9', bidderOrgId: 'org-s', amountFen: 2_000_000 }, T('03:00:00'), 'BID_OWN_AUCTION', 1_250_000],
    ['before the start', fresh(), { bidderUserId: 'b2', amountFen: 1_200_000 }, T('01:59:59'), 'AUCTION_NOT_OPEN', 1_000_000],
    ['at the end', withOneBid, { bidderUserId: 'b2', amountFen: 2_000_000 }, T('04:00:00'), 'AUCTION_CLOSED', 1_250_000],
    ['the highest bidder again', withOneBid, { bidderUserId: 'b1', amountFen: 2_000_000 }, T('03:00:00'), 'BID_ALREADY_HIGHEST', 1_250_000],
    ['one fen under highest + increment', withOneBid, { bidderUserId: 'b2', amountFen: 1_249_999 }, T('03:00:00'), 'BID_TOO_LOW', 1_250_000],
    ['exactly highest + increment', withOneBid, { bidderUserId: 'b2', amountFen: 1_250_000 }, T('03:00:00'), null, 1_250_000],
    ['under the starting price', fresh(), { bidderUserId: 'b2', amountFen: 999_999 }, T('03:00:00'), 'BID_TOO_LOW', 1_000_000],
    ['at the starting price but under the reserve', fresh(), { bidderUserId: 'b2', amountFen: 1_000_000 }, T('03:00:00'), 'BID_BELOW_RESERVE', 1_000_000],
    ['under the reserve when allowed', fresh({ rejectBelowReserve: false }), { bidderUserId: 'b2', amountFen: 1_000_000 }, T('03:00:00'), null, 1_000_000],
    ['self-outbid when allowed', applyBid(fresh({ allowSelfOutbid: true }), { bidderUserId: 'b1', amountFen: 1_200_000 }, T('02:30:00')), { bidderUserId: 'b1', amountFen: 1_250_000 }, T('03:00:00'), null, 1_250_000],
  ])('%s', (_label, state, bid, now, code, minimum) => {
    const r = validateBid(state, bid, now);
    expect(r.code).toBe(code);
    expect(r.ok).toBe(code === null);
    expect(r.minimumFen).toBe(minimum);
  });
});

describe('applyBid and anti-sniping (5 min, capped at scheduled end + 10 min)', () => {
  it('extends the end only for late bids, never beyond the cap', () => {
    const steps: [string, string, number, string, number][] = [
      // bidder, time, amount, expected end, expected extensions
      ['b2', '03:50:00', 1_250_000, '04:00:00', 0], // 10 min left: no change
      ['b1', '03:57:00', 1_300_000, '04:02:00', 1], // 3 min left → now + 5
      ['b2', '04:01:00', 1_350_000, '04:06:00', 2], // inside the extension
      ['b1', '04:05:30', 1_400_000, '04:10:00', 3], // now + 5 = 04:10:30, capped at 04:10
      ['b2', '04:09:59', 1_450_000, '04:10:00', 3], // cap reached: no further extension
    ];
    let s = withOneBid;
    for (const [bidder, time, amount, end, ext] of steps) {
      s = applyBid(s, { bidderUserId: bidder, amountFen: amount }, T(time));
      expect([s.endAt, s.extensions]).toEqual([T(end), ext]);
    }
    expect(isAuctionClosed(s, T('04:09:59'))).toBe(false);
    expect(isAuctionClosed(s, T('04:10:00'))).toBe(true);
    expect(validateBid(s, { bidderUserId: 'b1', amountFen: 9_000_000 }, T('04:10:00')).code).toBe('AUCTION_CLOSED');
    expect(winner(s)).toEqual({ status: 'won', bid: { bidderUserId: 'b2', amountFen: 1_450_000, at: T('04:09:59') } });
    expect(minimumNextBidFen(s)).toBe(1_500_000);
  });

  it('does not change the state it was given', () => {
    const before = JSON.stringify(withOneBid);
    applyBid(withOneBid, { bidderUserId: 'b2', amountFen: 1_250_000 }, T('03:58:00'));
    expect(JSON.stringify(withOneBid)).toBe(before);
  });

  it('throws the refusal code', () => {
    expect(() => applyBid(withOneBid, { bidderUserId: 'b2', amountFen: 1 }, T('03:00:00'))).toThrow('BID_TOO_LOW');
  });

  it('anti-sniping 0 disables extension', () => {
    const s = applyBid(fresh({ antiSnipingMinutes: 0 }), { bidderUserId: 'b2', amountFen: 1_200_000 }, T('03:59:59'));
    expect(s.endAt).toBe(T('04:00:00'));
  });
});

describe('winner', () => {
  it.each<[string, AuctionState, string]>([
    ['no bids', fresh(), 'no_bids'],
    ['reserve met', withOneBid, 'won'],
    ['reserve not met', applyBid(fresh({ rejectBelowReserve: false }), { bidderUserId: 'b2', amountFen: 1_100_000 }, T('03:00:00')), 'reserve_not_met'],
  ])('%s → %s', (_label, state, status) => {
    expect(winner(state).status).toBe(status);
  });
});

describe('sealed tender', () => {
  const tender = (over: Partial<Tender['rules']> = {}): Tender => ({
    ownerUserIds: ['owner'],
    brokerUserIds: ['broker'],
    deadline: '2025-07-01T08:00:00.000Z',
    rules: { ...params.tender, ...over },
  });
  const at = (hhmm: string) => `2025-07-01T${hhmm}:00.000Z`;
  const offer: TenderOffer = { id: 'o1', bidderUserId: 'b1', priceFen: 1_000_000, submittedAt: at('07:00') };

  it.each<[string, TenderViewer, string, boolean, boolean]>([
    // viewer, now, bidders-see-others rule, visible
    ['the bidder, before the deadline', { userId: 'b1', isBidder: true }, at('07:30'), false, true],
    ['another bidder, before', { userId: 'b2', isBidder: true }, at('07:30'), false, false],
    ['the listing owner, before', { userId: 'owner' }, at('07:59'), false, false],
    ['the broker, before', { userId: 'broker' }, at('07:59'), false, false],
    ['the owner, at the deadline', { userId: 'owner' }, at('08:00'), false, true],
    ['the broker, after', { userId: 'broker' }, at('09:00'), false, true],
    ['another bidder, after (sealed rule)', { userId: 'b2', isBidder: true }, at('09:00'), false, false],
    ['another bidder, after (public opening)', { userId: 'b2', isBidder: true }, at('09:00'), true, true],
    ['another bidder, before (public opening)', { userId: 'b2', isBidder: true }, at('07:00'), true, false],
    ['a stranger, after (public opening)', { userId: 'x' }, at('09:00'), true, false],
  ])('%s → %s', (_label, viewer, now, publicOpening, visible) => {
    expect(canSeeOffer(viewer, offer, tender({ bidderSeesOthersAfterOpening: publicOpening }), now)).toBe(visible);
  });

  it.each([
    ['b1', 1_000_000, at('07:59'), null],
    ['b1', 1_000_000, at('08:00'), 'TENDER_CLOSED'],
    ['owner', 1_000_000, at('07:00'), 'OFFER_OWN_TENDER'],
    ['broker', 1_000_000, at('07:00'), 'OFFER_OWN_TENDER'],
    ['b1', 0, at('07:00'), 'AMOUNT_INVALID'],
  ])('validateOffer(%s, %i, %s) → %s', (bidder, price, now, code) => {
    expect(validateOffer(tender(), { bidderUserId: bidder, priceFen: price }, now).code).toBe(code);
  });

  const offers: TenderOffer[] = [
    { id: 'a', bidderUserId: 'b1', priceFen: 1_000_000, submittedAt: at('07:00'), score: 50 },
    { id: 'b', bidderUserId: 'b2', priceFen: 1_200_000, submittedAt: at('07:10'), score: 90 },
    { id: 'c', bidderUserId: 'b1', priceFen: 1_300_000, submittedAt: at('07:30'), score: 50 }, // replaces a
    { id: 'd', bidderUserId: 'b3', priceFen: 1_200_000, submittedAt: at('07:05'), score: 80 },
    { id: 'e', bidderUserId: 'b4', priceFen: 2_000_000, submittedAt: at('08:00'), score: 100 }, // late
  ];

  it('refuses to open before the deadline', () => {
    expect(openTender(tender(), offers, at('07:59'))).toEqual({ ok: false, code: 'TENDER_NOT_DUE' });
  });

  it.each<[string, Partial<Tender['rules']>, string[]]>([
    // price only, higher better: c 1.3M; d and b tie at 1.2M → d submitted earlier
    ['price only, higher better', {}, ['c', 'd', 'b']],
    // 60% price: c = .6·100 + .4·50 = 80; b = .6·(100·1.2/1.3 = 92.31) + .4·90 = 91.38; d = 55.38 + .4·80 = 87.38
    ['60% price + 40% score', { priceWeightBp: 6000 }, ['b', 'd', 'c']],
    // procurement: the lowest price wins; d and b tie at 1.2M → d earlier
    ['price only, lower better', { priceDirection: 'lower_better' }, ['d', 'b', 'c']],
  ])('ranks: %s', (_label, rules, ids) => {
    const r = openTender(tender(rules), offers, at('08:00'));
    if (!r.ok) throw new Error(r.code);
    expect(r.ranked.map((x) => x.offer.id)).toEqual(ids);
    expect(r.ranked.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(r.late.map((o) => o.id)).toEqual(['e']);
    expect(r.superseded.map((o) => o.id)).toEqual(['a']);
    expect(r.openedAt).toBe(at('08:00'));
  });

  it('computes the weighted scores', () => {
    const r = openTender(tender({ priceWeightBp: 6000 }), offers, at('08:00'));
    if (!r.ok) throw new Error(r.code);
    expect(r.ranked[0].priceScore).toBeCloseTo(92.3077, 4);
    expect(r.ranked[0].totalScore).toBeCloseTo(91.3846, 4);
    expect(r.ranked[2].totalScore).toBeCloseTo(80, 10);
  });

  it('needs a score on every counted offer when scores carry weight', () => {
    const r = openTender(tender({ priceWeightBp: 6000 }), [...offers, { id: 'f', bidderUserId: 'b5', priceFen: 1, submittedAt: at('07:00') }], at('08:00'));
    expect(r).toEqual({ ok: false, code: 'TENDER_SCORE_MISSING', offerIds: ['f'] });
  });

  it('opens an empty tender', () => {
    const r = openTender(tender(), [], at('08:00'));
    expect(r.ok && r.ranked).toEqual([]);
  });
});

describe('parseDealsParams', () => {
  it('refuses bad parameters with a list of problems', () => {
    expect(() => parseDealsParams({ auction: { antiSnipingMinutes: -1 }, tender: { priceWeightBp: 20_000 } })).toThrow(
      /antiSnipingMinutes[\s\S]*maxExtensionMinutes[\s\S]*priceDirection[\s\S]*priceWeightBp/,
    );
  });
});
