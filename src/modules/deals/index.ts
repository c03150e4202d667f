import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  DEAL_NOT_FOUND: { status: 404, zh: '对接项目不存在', en: 'Deal not found' },
  DEAL_STAGE_INVALID: { status: 409, zh: '对接项目不能从“{from}”进入“{to}”', en: 'A deal cannot move from {from} to {to}' },
  DEAL_STAGE_GUARDED: { status: 409, zh: '“{stage}”阶段由相应流程自动推进（保密协议接受、合同登记）', en: 'Stage {stage} is reached through its workflow (NDA accepted, contract registered)' },
  DEAL_LOST_REASON_REQUIRED: { status: 400, zh: '请选择未成交原因（选“其他”时须说明）', en: 'Choose why the deal was lost (explain "other")' },
  DEAL_WHERE_REQUIRED: { status: 400, zh: '请填写产业化地点（行政区划代码）', en: 'Say where it was industrialised (region code)' },
  DEAL_CLOSED: { status: 409, zh: '对接项目已结束', en: 'The deal has ended' },
  DEAL_PARTIES_REQUIRED: { status: 400, zh: '无法确定买卖双方：请同时指定需求与成果，或以一方身份发起', en: 'Cannot tell the parties: give both a demand and an achievement, or open as one of the parties' },
  DEAL_SAME_PARTY: { status: 400, zh: '买卖双方不能是同一单位', en: 'Buyer and seller cannot be the same organisation' },
  DEAL_LISTING_NOT_PUBLIC: { status: 409, zh: '只能对已发布的需求或成果建立对接项目', en: 'Deals can only be opened on published listings' },
  DEAL_EXISTS: { status: 409, zh: '双方已有进行中的对接项目', en: 'These parties already have an open deal on this listing' },
  DEAL_OFFER_PARTIES_ONLY: { status: 403, zh: '只有买卖双方可以报价或接受报价', en: 'Only the buyer and the seller make or accept offers' },
  OFFER_NOT_FOUND: { status: 404, zh: '报价不存在', en: 'Offer not found' },
  OFFER_OWN: { status: 400, zh: '不能接受己方的报价', en: 'You cannot accept your own side’s offer' },
  OFFER_NOT_OPEN: { status: 409, zh: '该报价已不可接受（{status}）', en: 'This offer can no longer be accepted ({status})' },
  TASK_NOT_FOUND: { status: 404, zh: '任务不存在', en: 'Task not found' },
  AUCTION_NOT_FOUND: { status: 404, zh: '拍卖不存在', en: 'Auction not found' },
  AUCTION_RULES_INVALID: { status: 400, zh: '拍卖规则不合法：{problems}', en: 'Invalid auction rules: {problems}' },
  AUCTION_NOT_OPEN: { status: 409, zh: '拍卖尚未开始', en: 'The auction has not started' },
  AUCTION_CLOSED: { status: 409, zh: '拍卖已结束', en: 'The auction has ended' },
  AMOUNT_INVALID: { status: 400, zh: '金额须为正数', en: 'The amount must be positive' },
  BID_OWN_AUCTION: { status: 403, zh: '不能对本单位的拍卖出价', en: 'You cannot bid in your own organisation’s auction' },
  BID_ALREADY_HIGHEST: { status: 409, zh: '您已是当前最高出价者', en: 'You already hold the highest bid' },
  BID_TOO_LOW: { status: 409, zh: '出价过低，当前最低可出价 {minimumWan} 万元', en: 'Bid too low; the minimum is now {minimumWan} (10k CNY)' },
  BID_BELOW_RESERVE: { status: 409, zh: '出价低于保留价', en: 'The bid is below the reserve price' },
  TENDER_NOT_FOUND: { status: 404, zh: '招标不存在', en: 'Tender not found' },
  TENDER_CLOSED: { status: 409, zh: '投标已截止', en: 'The tender has closed' },
  OFFER_OWN_TENDER: { status: 403, zh: '招标方及其经纪人不能投标', en: 'The tendering party and its brokers cannot submit offers' },
  TENDER_NOT_DUE: { status: 409, zh: '未到投标截止时间，不能开标', en: 'The tender cannot be opened before its deadline' },
  TENDER_SCORE_MISSING: { status: 409, zh: '综合评分招标须为每份投标评分后才能开标', en: 'Score every offer before opening a weighted tender' },
  TENDER_ALREADY_OPENED: { status: 409, zh: '已开标', en: 'The tender is already open' },
  TENDER_NOT_OPENED: { status: 409, zh: '尚未开标', en: 'The tender has not been opened' },
});

export { DealsService, DEAL_MODES, PAYMENT_TERMS, EXCLUSIVITY, type DealView, type OpenDealInput, type OfferInput } from './deals.service.js';
export { dealsRoutes, presentOffer } from './deals.routes.js';
export { AuctionsService, type AuctionEvent } from './auctions.service.js';
export { auctionsRoutes } from './auctions.routes.js';
export * from './core/index.js';
export type { DealRow, DealOfferRow, DealsTables } from './deals.table.js';
