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
});

export { DealsService, DEAL_MODES, PAYMENT_TERMS, EXCLUSIVITY, type DealView, type OpenDealInput, type OfferInput } from './deals.service.js';
export { dealsRoutes, presentOffer } from './deals.routes.js';
export * from './core/index.js';
export type { DealRow, DealOfferRow, DealsTables } from './deals.table.js';
