/**
 * Auctions (拍卖, English ascending auction with a reserve price) and sealed tenders (招标), as pure rules.
 * Times are ISO instants (or Dates); `now` is always passed in. Amounts are integer fen.
 * Defaults (anti-sniping, ranking) come from data/reference/deals.json through {@link parseDealsParams}.
 */
import { RuleError } from '../../../kernel/rule-error.js';
import { toMs } from './deal-times.js';

/** Domain error with a stable code, mapped to HTTP/i18n by the edge. */
export class DealRuleError extends RuleError<string> {}

const MINUTE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const isFen = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

// ---------------------------------------------------------------------------------------------------------------
// Parameters (data/reference/deals.json)

export interface AuctionDefaults {
  /** A bid this close to the end moves the end to bid time + this many minutes; 0 disables. */
  readonly antiSnipingMinutes: number;
  /** Cap on the total extension beyond the scheduled end. */
  readonly maxExtensionMinutes: number;
  /** true: a bid below the reserve is refused (BID_BELOW_RESERVE); false: accepted, but then nobody wins. */
  readonly rejectBelowReserve: boolean;
  /** May the current highest bidder raise their own bid? */
  readonly allowSelfOutbid: boolean;
}

export type PriceDirection = 'higher_better' | 'lower_better';

export interface TenderRules {
  /** higher_better when selling (offers to buy); lower_better when procuring (offers to supply). */
  readonly priceDirection: PriceDirection;
  /** Weight of the price in the ranking, bp; the rest goes to each offer's evaluation score (0–100). */
  readonly priceWeightBp: number;
  /** After opening, may bidders see each other's offers (公开开标)? */
  readonly bidderSeesOthersAfterOpening: boolean;
}

export interface DealsParams {
  readonly auction: AuctionDefaults;
  readonly tender: TenderRules;
}

/** Validates deals.json; throws one Error listing every problem. */
export function parseDealsParams(json: unknown): DealsParams {
  const problems: string[] = [];
  const root = (json ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const a = root.auction ?? {};
  const t = root.tender ?? {};
  const nonNegInt = (v: unknown, name: string) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) problems.push(`${name} must be a non-negative integer`);
  };
  const bool = (v: unknown, name: string) => {
    if (typeof v !== 'boolean') problems.push(`${name} must be true or false`);
  };
  nonNegInt(a.antiSnipingMinutes, 'auction.antiSnipingMinutes');
  nonNegInt(a.maxExtensionMinutes, 'auction.maxExtensionMinutes');
  bool(a.rejectBelowReserve, 'auction.rejectBelowReserve');
  bool(a.allowSelfOutbid, 'auction.allowSelfOutbid');
  if (t.priceDirection !== 'higher_better' && t.priceDirection !== 'lower_better') {
    problems.push('tender.priceDirection must be "higher_better" or "lower_better"');
  }
  if (!Number.isSafeInteger(t.priceWeightBp) || (t.priceWeightBp as number) < 0 || (t.priceWeightBp as number) > 10_000) {
    problems.push('tender.priceWeightBp must be 0–10000');
  }
  bool(t.bidderSeesOthersAfterOpening, 'tender.bidderSeesOthersAfterOpening');
  if (problems.length) throw new Error(`deals params invalid:\n- ${problems.join('\n- ')}`);
  return {
    auction: {
      antiSnipingMinutes: a.antiSnipingMinutes as number,
      maxExtensionMinutes: a.maxExtensionMinutes as number,
      rejectBelowReserve: a.rejectBelowReserve as boolean,
      allowSelfOutbid: a.allowSelfOutbid as boolean,
    },
    tender: {
      priceDirection: t.priceDirection as PriceDirection,
      priceWeightBp: t.priceWeightBp as number,
      bidderSeesOthersAfterOpening: t.bidderSeesOthersAfterOpening as boolean,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// English auction

export interface AuctionRules extends AuctionDefaults {
  readonly startAt: string;
  /** The scheduled end, before any extension. */
  readonly endAt: string;
  /** The first bid must be at least this. */
  readonly startingPriceFen: number;
  /** Each later bid must beat the highest by at least this (加价幅度). */
  readonly minIncrementFen: number;
  /** 保留价; null for none. Never shown to bidders by this module. */
  readonly reservePriceFen: number | null;
}

export interface AuctionBid {
  readonly bidderUserId: string;
  /** The bidder's organisation, to refuse bids from the seller's own organisation. */
  readonly bidderOrgId?: string | null;
  readonly amountFen: number;
  /** Set by {@link applyBid}. */
  readonly at?: string;
}

export interface AuctionState {
  readonly sellerUserId: string;
  readonly sellerOrgId?: string | null;
  readonly rules: AuctionRules;
  /** The current end, after anti-sniping extensions. */
  readonly endAt: string;
  /** Accepted bids, oldest first; each beats the one before. */
  readonly bids: readonly AuctionBid[];
  readonly extensions: number;
}

export type BidCode =
  | 'AMOUNT_INVALID'
  | 'BID_OWN_AUCTION'
  | 'AUCTION_NOT_OPEN'
  | 'AUCTION_CLOSED'
  | 'BID_ALREADY_HIGHEST'
  | 'BID_TOO_LOW'
  | 'BID_BELOW_RESERVE';

export interface BidCheck {
  readonly ok: boolean;
  readonly code: BidCode | null;
  /** The lowest amount the next bid may have (ignoring the reserve). */
  readonly minimumFen: number;
}

export interface NewAuctionInput {
  readonly sellerUserId: string;
  readonly sellerOrgId?: string | null;
  readonly startAt: string;
  readonly endAt: string;
  readonly startingPriceFen: number;
  readonly minIncrementFen: number;
  readonly reservePriceFen?: number | null;
  /** Overrides of the shipped defaults for this auction. */
  readonly overrides?: Partial<AuctionDefaults>;
}

/** A fresh auction with the shipped defaults filled in; throws AUCTION_RULES_INVALID on inconsistent input. */
export function newAuction(input: NewAuctionInput, defaults: AuctionDefaults): AuctionState {
  const rules: AuctionRules = {
    ...defaults,
    ...input.overrides,
    startAt: iso(toMs(input.startAt)),
    endAt: iso(toMs(input.endAt)),
    startingPriceFen: input.startingPriceFen,
    minIncrementFen: input.minIncrementFen,
    reservePriceFen: input.reservePriceFen ?? null,
  };
  const problems: string[] = [];
  if (toMs(rules.endAt) <= toMs(rules.startAt)) problems.push('endAt must be after startAt');
  if (!isFen(rules.startingPriceFen)) problems.push('startingPriceFen');
  if (!isFen(rules.minIncrementFen) || rules.minIncrementFen === 0) problems.push('minIncrementFen must be ≥ 1 fen');
  if (rules.reservePriceFen !== null && !isFen(rules.reservePriceFen)) problems.push('reservePriceFen');
  if (problems.length) throw new DealRuleError('AUCTION_RULES_INVALID', { problems });
  return { sellerUserId: input.sellerUserId, sellerOrgId: input.sellerOrgId ?? null, rules, endAt: rules.endAt, bids: [], extensions: 0 };
}

export function highestBid(state: AuctionState): AuctionBid | null {
  return state.bids.length ? state.bids[state.bids.length - 1] : null;
}

/** The lowest acceptable next bid: the starting price, then the highest bid + the minimum increment. */
export function minimumNextBidFen(state: AuctionState): number {
  const top = highestBid(state);
  return top ? top.amountFen + state.rules.minIncrementFen : state.rules.startingPriceFen;
}

export function isAuctionClosed(state: AuctionState, now: string | Date): boolean {
  return toMs(now) >= toMs(state.endAt);
}

/**
 * Checks a bid, in this order: amount, own auction (same user or same organisation as the seller), not started
 * (now < startAt), closed (now ≥ current end), already the highest bidder, below the minimum next bid, below the
 * reserve (when the rules refuse such bids).
 */
export function validateBid(state: AuctionState, bid: AuctionBid, now: string | Date): BidCheck {
  const minimumFen = minimumNextBidFen(state);
  const fail = (code: BidCode): BidCheck => ({ ok: false, code, minimumFen });
  if (!isFen(bid.amountFen) || bid.amountFen === 0) return fail('AMOUNT_INVALID');
  const sameOrg = !!bid.bidderOrgId && !!state.sellerOrgId && bid.bidderOrgId === state.sellerOrgId;
  if (bid.bidderUserId === state.sellerUserId || sameOrg) return fail('BID_OWN_AUCTION');
  const t = toMs(now);
  if (t < toMs(state.rules.startAt)) return fail('AUCTION_NOT_OPEN');
  if (t >= toMs(state.endAt)) return fail('AUCTION_CLOSED');
  const top = highestBid(state);
  if (top && top.bidderUserId === bid.bidderUserId && !state.rules.allowSelfOutbid) return fail('BID_ALREADY_HIGHEST');
  if (bid.amountFen < minimumFen) return fail('BID_TOO_LOW');
  const reserve = state.rules.reservePriceFen;
  if (reserve !== null && bid.amountFen < reserve && state.rules.rejectBelowReserve) return fail('BID_BELOW_RESERVE');
  return { ok: true, code: null, minimumFen };
}

/**
 * Accepts a bid and returns the new state (the input is not changed); throws DealRuleError with the
 * {@link validateBid} code when the bid is refused. Anti-sniping: a bid less than N minutes before the current end
 * moves the end to now + N minutes, but never beyond the scheduled end + maxExtensionMinutes.
 */
export function applyBid(state: AuctionState, bid: AuctionBid, now: string | Date): AuctionState {
  const check = validateBid(state, bid, now);
  if (!check.ok) throw new DealRuleError(check.code!, { minimumFen: check.minimumFen });
  const t = toMs(now);
  const end = toMs(state.endAt);
  const { antiSnipingMinutes: n, maxExtensionMinutes: cap } = state.rules;
  let endAt = state.endAt;
  let extensions = state.extensions;
  if (n > 0 && end - t < n * MINUTE_MS) {
    const newEnd = Math.min(t + n * MINUTE_MS, toMs(state.rules.endAt) + cap * MINUTE_MS);
    if (newEnd > end) {
      endAt = iso(newEnd);
      extensions++;
    }
  }
  return { ...state, endAt, extensions, bids: [...state.bids, { ...bid, at: iso(t) }] };
}

export type AuctionOutcome =
  | { readonly status: 'no_bids' }
  | { readonly status: 'reserve_not_met'; readonly highest: AuctionBid }
  | { readonly status: 'won'; readonly bid: AuctionBid };

/** The outcome from the bids (call once the auction is closed): the highest bid wins if it meets the reserve. */
export function winner(state: AuctionState): AuctionOutcome {
  const top = highestBid(state);
  if (!top) return { status: 'no_bids' };
  const reserve = state.rules.reservePriceFen;
  if (reserve !== null && top.amountFen < reserve) return { status: 'reserve_not_met', highest: top };
  return { status: 'won', bid: top };
}

// ---------------------------------------------------------------------------------------------------------------
// Sealed tender (招标)

export interface Tender {
  /** The listing owner's users (who receive the offers). */
  readonly ownerUserIds: readonly string[];
  /** Brokers running the tender (see offers with the owner). */
  readonly brokerUserIds: readonly string[];
  /** Offers close and may be opened at this instant. */
  readonly deadline: string;
  readonly rules: TenderRules;
}

export interface TenderOffer {
  readonly id: string;
  readonly bidderUserId: string;
  readonly priceFen: number;
  readonly submittedAt: string;
  /** Evaluation score 0–100 (technical and commercial), used when priceWeightBp < 10000. */
  readonly score?: number | null;
}

export type OfferCode = 'AMOUNT_INVALID' | 'TENDER_CLOSED' | 'OFFER_OWN_TENDER';

/** Checks an offer at submission: a positive amount, before the deadline, not from the owner or a broker. */
export function validateOffer(tender: Tender, offer: Pick<TenderOffer, 'bidderUserId' | 'priceFen'>, now: string | Date): { ok: boolean; code: OfferCode | null } {
  if (!isFen(offer.priceFen) || offer.priceFen === 0) return { ok: false, code: 'AMOUNT_INVALID' };
  if (tender.ownerUserIds.includes(offer.bidderUserId) || tender.brokerUserIds.includes(offer.bidderUserId)) {
    return { ok: false, code: 'OFFER_OWN_TENDER' };
  }
  if (toMs(now) >= toMs(tender.deadline)) return { ok: false, code: 'TENDER_CLOSED' };
  return { ok: true, code: null };
}

export interface TenderViewer {
  readonly userId: string;
  /** Whether the viewer submitted an offer to this tender (the caller knows; only bidders may see others' offers). */
  readonly isBidder?: boolean;
}

/**
 * Sealed-offer visibility: a bidder always sees their own offer; everyone else — other bidders, and also the
 * listing owner and the brokers — sees nothing before the deadline. From the deadline on, the owner and the brokers
 * see every offer; other bidders see each other's only when the rules say so (公开开标); nobody else ever does.
 */
export function canSeeOffer(viewer: TenderViewer, offer: TenderOffer, tender: Tender, now: string | Date): boolean {
  if (viewer.userId === offer.bidderUserId) return true;
  if (toMs(now) < toMs(tender.deadline)) return false;
  if (tender.ownerUserIds.includes(viewer.userId) || tender.brokerUserIds.includes(viewer.userId)) return true;
  return viewer.isBidder === true && tender.rules.bidderSeesOthersAfterOpening;
}

export interface RankedOffer {
  readonly rank: number;
  readonly offer: TenderOffer;
  /** 0–100: the best price scores 100, others in proportion. */
  readonly priceScore: number;
  /** priceWeight × priceScore + (1 − priceWeight) × score; equals priceScore when ranking by price only. */
  readonly totalScore: number;
}

export type OpenTenderResult =
  | { readonly ok: false; readonly code: 'TENDER_NOT_DUE' | 'TENDER_SCORE_MISSING'; readonly offerIds?: readonly string[] }
  | {
      readonly ok: true;
      readonly openedAt: string;
      readonly ranked: readonly RankedOffer[];
      /** Submitted at or after the deadline: not ranked. */
      readonly late: readonly TenderOffer[];
      /** Earlier offers replaced by the same bidder's later one: not ranked. */
      readonly superseded: readonly TenderOffer[];
    };

/**
 * Opens a tender: refused before the deadline (TENDER_NOT_DUE). Each bidder's latest offer before the deadline
 * counts. Ranking by price only (priceWeightBp 10000), or by the weighted total with each offer's evaluation
 * score (then every counted offer needs a score 0–100, else TENDER_SCORE_MISSING). Ties: better price, then earlier
 * submission, then id.
 */
export function openTender(tender: Tender, offers: readonly TenderOffer[], now: string | Date): OpenTenderResult {
  const t = toMs(now);
  const deadline = toMs(tender.deadline);
  if (t < deadline) return { ok: false, code: 'TENDER_NOT_DUE' };
  const late: TenderOffer[] = [];
  const latest = new Map<string, TenderOffer>();
  const superseded: TenderOffer[] = [];
  const byTime = [...offers].sort((a, b) => toMs(a.submittedAt) - toMs(b.submittedAt) || a.id.localeCompare(b.id));
  for (const o of byTime) {
    if (toMs(o.submittedAt) >= deadline) {
      late.push(o);
      continue;
    }
    const prev = latest.get(o.bidderUserId);
    if (prev) superseded.push(prev);
    latest.set(o.bidderUserId, o);
  }
  const counted = [...latest.values()];
  const badPrice = counted.find((o) => !isFen(o.priceFen) || o.priceFen === 0);
  if (badPrice) throw new DealRuleError('AMOUNT_INVALID', { offerId: badPrice.id });
  const { priceDirection, priceWeightBp } = tender.rules;
  if (priceWeightBp < 10_000) {
    const missing = counted.filter((o) => typeof o.score !== 'number' || !(o.score >= 0 && o.score <= 100)).map((o) => o.id);
    if (missing.length) return { ok: false, code: 'TENDER_SCORE_MISSING', offerIds: missing };
  }
  const prices = counted.map((o) => o.priceFen);
  const best = priceDirection === 'higher_better' ? Math.max(...prices) : Math.min(...prices);
  const priceScoreOf = (p: number) => (priceDirection === 'higher_better' ? (100 * p) / best : (100 * best) / p);
  const w = priceWeightBp / 10_000;
  const scored = counted.map((offer) => {
    const priceScore = priceScoreOf(offer.priceFen);
    const totalScore = priceWeightBp === 10_000 ? priceScore : w * priceScore + (1 - w) * (offer.score as number);
    return { offer, priceScore, totalScore };
  });
  const better = (a: number, b: number) => (priceDirection === 'higher_better' ? b - a : a - b);
  scored.sort(
    (a, b) =>
      b.totalScore - a.totalScore ||
      better(a.offer.priceFen, b.offer.priceFen) ||
      toMs(a.offer.submittedAt) - toMs(b.offer.submittedAt) ||
      a.offer.id.localeCompare(b.offer.id),
  );
  return {
    ok: true,
    openedAt: iso(t),
    ranked: scored.map((s, i) => ({ rank: i + 1, ...s })),
    late,
    superseded,
  };
}
