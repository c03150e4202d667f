import { Type, type Static } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp, Nullable, Percent, Wan, bpFromPercent as bp, fenFromWan as fen } from '../../kernel/http/index.js';
import { COLLATERALS, COMPANY_STAGES, FINANCE_KINDS, INSTITUTION_KINDS, type ProductConditions } from './core/index.js';
import type { FinanceService } from './finance.service.js';
import { ApplicationView, InstitutionView, MatchesView, ProductView, RequestView } from './finance.schemas.js';
import type { FinanceInstitutionRow, FinanceProductRow, FinancingApplicationRow, FinancingRequestRow } from './finance.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Created = { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses };

const ConditionsBody = Type.Object({
  amountMinWan: Wan, amountMaxWan: Wan, termMinMonths: Type.Integer({ minimum: 0, maximum: 600 }), termMaxMonths: Type.Integer({ minimum: 0, maximum: 600 }),
  rateMinPercent: Type.Optional(Nullable(Percent)), rateMaxPercent: Type.Optional(Nullable(Percent)),
  trlMin: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))), trlMax: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))),
  stages: Type.Optional(Type.Array(Lit(COMPANY_STAGES), { maxItems: 5 })), creditClasses: Type.Optional(Type.Array(Lit(['A', 'B', 'C', 'D'] as const), { maxItems: 4 })),
  collateral: Type.Optional(Lit(COLLATERALS)), industries: Type.Optional(Type.Array(Text(40, 1), { maxItems: 20 })), regions: Type.Optional(Type.Array(Text(12, 2), { maxItems: 30 })),
});

function toConditions(b: Static<typeof ConditionsBody>): ProductConditions {
  return {
    amountMinFen: fen('conditions.amountMinWan', b.amountMinWan), amountMaxFen: fen('conditions.amountMaxWan', b.amountMaxWan), termMinMonths: b.termMinMonths, termMaxMonths: b.termMaxMonths,
    rateMinBp: bp('conditions.rateMinPercent', b.rateMinPercent), rateMaxBp: bp('conditions.rateMaxPercent', b.rateMaxPercent), trlMin: b.trlMin ?? null, trlMax: b.trlMax ?? null,
    stages: b.stages ?? [], creditClasses: b.creditClasses ?? [], collateral: b.collateral ?? 'none', industries: b.industries ?? [], regions: b.regions ?? [],
  };
}

function presentConditions(c: ProductConditions) {
  return {
    amountMinWan: fenToWan(c.amountMinFen), amountMaxWan: fenToWan(c.amountMaxFen), termMinMonths: c.termMinMonths, termMaxMonths: c.termMaxMonths, rateMinPercent: bpToPercent(c.rateMinBp), rateMaxPercent: bpToPercent(c.rateMaxBp),
    trlMin: c.trlMin, trlMax: c.trlMax, stages: c.stages, creditClasses: c.creditClasses, collateral: c.collateral, industries: c.industries, regions: c.regions,
  };
}
const presentInstitution = (i: FinanceInstitutionRow) => ({ id: i.id, organisationId: i.organisation_id, kind: i.kind, name: i.name, intro: i.intro, regionCode: i.region_code });
export const presentProduct = (p: FinanceProductRow) => ({ id: p.id, institutionId: p.institution_id, organisationId: p.organisation_id, kind: p.kind, name: p.name, description: p.description, conditions: presentConditions(JSON.parse(p.conditions)), status: p.status });
function presentRequest(r: FinancingRequestRow) {
  const p = JSON.parse(r.profile) as { stage: string | null; trl: number | null; industries: string[]; regionCode: string | null; collateral: string[]; preferredKinds: string[]; maxRateBp: number | null };
  return {
    id: r.id, organisationId: r.organisation_id, title: r.title, amountWan: fenToWan(r.amount_fen), termMonths: r.term_months, purpose: r.purpose, stage: p.stage, trl: p.trl, industries: p.industries, regionCode: p.regionCode,
    collateral: p.collateral, preferredKinds: p.preferredKinds, maxRatePercent: bpToPercent(p.maxRateBp), achievementIds: parseJsonArray(r.achievement_ids), patents: parseJsonArray<{ number: string; title?: string }>(r.patents), contractIds: parseJsonArray(r.contract_ids), status: r.status, createdAt: r.created_at,
  };
}
function presentApplication(a: FinancingApplicationRow) {
  return {
    id: a.id, requestId: a.request_id, productId: a.product_id, institutionOrgId: a.institution_org_id, applicantOrgId: a.applicant_org_id, status: a.status, flags: parseJsonArray<{ code: string; zh: string; en: string }>(a.flags),
    pledgedPatents: parseJsonArray<{ number: string; title?: string }>(a.pledged_patents), valuation: a.valuation ? JSON.parse(a.valuation) : null, declineReason: a.decline_reason, approvedAmountWan: fenToWan(a.approved_amount_fen),
    approvedRatePercent: bpToPercent(a.approved_rate_bp), approvedTermMonths: a.approved_term_months, disbursedAmountWan: fenToWan(a.disbursed_amount_fen), disbursedOn: a.disbursed_on, createdAt: a.created_at, updatedAt: a.updated_at,
  };
}

export function financeRoutes(deps: { finance: FinanceService }) {
  const { finance } = deps;
  return async function (app: HttpApp) {
    const tags = ['finance 科技金融'];
    app.get('/api/finance/institutions', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, response: { 200: Type.Array(InstitutionView), ...errorResponses }, summary: '金融机构（银行、担保、保险、创投、政府引导基金）' } }, async () => (await finance.institutions()).map(presentInstitution));
    app.post('/api/finance/institutions', {
      config: { access: { roles: ['government'] } }, schema: { tags, summary: '登记本单位为金融机构', body: Type.Object({ organisationId: Type.Optional(Text(64)), kind: Lit(INSTITUTION_KINDS), name: Type.Optional(Text(100)), intro: Type.Optional(Text(4000)), regionCode: Type.Optional(Nullable(Text(12))) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentInstitution(await finance.registerInstitution(req.actor, req.body))));
    app.get('/api/finance/products', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, response: { 200: Type.Array(ProductView), ...errorResponses }, summary: '金融产品目录', querystring: Type.Object({ kind: Type.Optional(Lit(FINANCE_KINDS)), institution: Type.Optional(Text(64)) }) } },
      async (req) => (await finance.products(req.query)).map(presentProduct));
    app.get('/api/finance/products/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, response: { 200: ProductView, ...errorResponses }, params: IdParams } }, async (req) => presentProduct(await finance.product(req.params.id)));
    app.post('/api/finance/products', {
      config: { access: { roles: ['government'] } }, schema: { tags, summary: '发布金融产品（额度、期限、费率区间、适用 TRL/阶段、信用分类、担保方式、行业、区域）', body: Type.Object({ kind: Lit(FINANCE_KINDS), name: Text(100, 1), description: Type.Optional(Text(4000)), conditions: ConditionsBody }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentProduct(await finance.createProduct(req.actor, { ...req.body, conditions: toConditions(req.body.conditions) }))));

    app.post('/api/finance/requests', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: {
        tags, summary: '发布融资需求（金额、期限、用途，关联成果、专利、合同）',
        body: Type.Object({
          title: Text(100, 1), amountWan: Wan, termMonths: Type.Integer({ minimum: 1, maximum: 600 }), purpose: Text(2000, 1), stage: Type.Optional(Nullable(Lit(COMPANY_STAGES))), trl: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))),
          industries: Type.Optional(Type.Array(Text(40, 1), { maxItems: 20 })), collateral: Type.Optional(Type.Array(Lit(COLLATERALS), { maxItems: 5 })), preferredKinds: Type.Optional(Type.Array(Lit(FINANCE_KINDS), { maxItems: 5 })),
          maxRatePercent: Type.Optional(Nullable(Percent)), achievementIds: Type.Optional(Type.Array(Text(64, 1), { maxItems: 20 })),
          patents: Type.Optional(Type.Array(Type.Object({ number: Text(40, 1), title: Type.Optional(Text(200)) }), { maxItems: 50 })), contractIds: Type.Optional(Type.Array(Text(64, 1), { maxItems: 20 })),
        }),
        response: Created,
      },
    }, async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(presentRequest(await finance.createRequest(req.actor, { ...b, amountFen: fen('amountWan', b.amountWan), maxRateBp: bp('maxRatePercent', b.maxRatePercent) })));
    });
    app.get('/api/finance/requests', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, response: { 200: Type.Array(RequestView), ...errorResponses }, summary: '本单位的融资需求' } }, async (req) => (await finance.myRequests(req.actor)).map(presentRequest));
    app.get('/api/finance/requests/:id', { config: { access: { roles: 'signed-in' } }, schema: { tags, response: { 200: RequestView, ...errorResponses }, params: IdParams } }, async (req) => presentRequest(await finance.request(req.actor, req.params.id)));
    app.get('/api/finance/requests/:id/matches', { config: { access: { roles: 'signed-in' } }, schema: { tags, response: { 200: MatchesView, ...errorResponses }, summary: '需求与产品匹配：硬条件过滤、软条件排序，均附理由', params: IdParams } }, async (req) => {
      const m = await finance.match(req.actor, req.params.id);
      return {
        creditClass: m.creditClass,
        eligible: m.eligible.map((e) => ({ product: presentProduct(e.product), score: e.score, reasons: e.reasons })),
        excluded: m.excluded.map((e) => ({ product: presentProduct(e.product), failed: e.failed })),
      };
    });

    app.post('/api/finance/applications', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '提交融资申请（严重违法失信名单内企业不能申请；知识产权质押须列明质押专利，可附价值评估）', body: Type.Object({ requestId: Text(64, 1), productId: Text(64, 1), pledgedPatents: Type.Optional(Type.Array(Text(40, 1), { maxItems: 50 })), valuation: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentApplication(await finance.apply(req.actor, req.body.requestId, req.body.productId, req.body))));
    app.get('/api/finance/applications', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, response: { 200: Type.Array(ApplicationView), ...errorResponses }, summary: 'mine：本单位提交的；received：向本机构提交的', querystring: Type.Object({ scope: Type.Union([Type.Literal('mine'), Type.Literal('received')], { default: 'mine' }), status: Type.Optional(Text(20)) }) } },
      async (req) => (await finance.applications(req.actor, req.query.scope, req.query.status)).map(presentApplication));
    app.get('/api/finance/applications/:id', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, response: { 200: ApplicationView, ...errorResponses }, params: IdParams } }, async (req) => presentApplication(await finance.application(req.actor, req.params.id)));
    app.put('/api/finance/applications/:id/valuation', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, summary: '附上价值评估（POST /api/valuation 的结果）', params: IdParams, body: Type.Record(Type.String(), Type.Unknown()) } },
      async (req) => presentApplication(await finance.attachValuation(req.actor, req.params.id, req.body)));
    app.post('/api/finance/applications/:id/actions', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: {
        tags, summary: '受理 review、批准 approve（金额、费率、期限）、拒绝 decline（理由）、放款 disburse（金额、日期）；申请方撤回 withdraw', params: IdParams,
        body: Type.Object({ action: Lit(['review', 'approve', 'decline', 'disburse', 'withdraw'] as const), reason: Type.Optional(Text(1000)), amountWan: Type.Optional(Wan), ratePercent: Type.Optional(Percent), termMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })), date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }),
      },
    }, async (req) => {
      const b = req.body;
      return presentApplication(await finance.act(req.actor, req.params.id, b.action, { reason: b.reason, amountFen: b.amountWan ? fen('amountWan', b.amountWan) : null, rateBp: bp('ratePercent', b.ratePercent), termMonths: b.termMonths, date: b.date }));
    });
  };
}
