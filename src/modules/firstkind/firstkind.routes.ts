import { Type, type Static } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, fenFromWan, IdParams, Nullable, Wan, type HttpApp } from '../../kernel/http/index.js';
import { COMP_ACTIONS, COMP_STATUSES, DOCUMENT_TYPES, FIRSTKIND_KINDS, indicatorText, type DocumentMeta, type Indicator } from './core/index.js';
import { firstkindParamsView } from './firstkind.params.js';
import type { FirstkindService } from './firstkind.service.js';
import type { FirstkindApplicationRow, FirstkindProductRow } from './firstkind.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

const IndicatorSchema = Type.Union([
  Type.Object({ key: Text(60, 1), type: Type.Literal('number'), value: Type.Number(), unit: Text(20), comparator: Type.Optional(Lit(['=', '>=', '<='] as const)) }),
  Type.Object({ key: Text(60, 1), type: Type.Literal('text'), value: Text(200) }),
]);
const DocumentSchema = Type.Object({
  type: Lit(DOCUMENT_TYPES), name: Text(200, 1), mime: Text(100, 1), size: Type.Integer({ minimum: 0, description: 'bytes' }), sha256: Type.String({ maxLength: 64, description: 'SHA-256 of the file, lowercase hex' }),
});
const ProductBody = Type.Object({
  kind: Lit(FIRSTKIND_KINDS), name: Text(200, 2), makerOrgId: Type.Optional(Text(64, 1)), indicators: Type.Optional(Type.Array(IndicatorSchema, { maxItems: 40 })),
  industries: Type.Optional(Type.Array(Text(40, 1), { maxItems: 10 })), recognitionYear: Type.Optional(Nullable(Type.Integer({ minimum: 2000, maximum: 2100 }))), batch: Type.Optional(Text(60)), description: Type.Optional(Text(4000)),
});

const ProductView = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), makerOrgId: Type.String(), makerName: Nullable(Type.String()), indicators: Type.Array(IndicatorSchema), indicatorTexts: Type.Array(Type.String()),
  industries: Type.Array(Type.String()), recognitionYear: Nullable(Type.Integer()), batch: Type.String(), description: Type.String(), status: Type.String(), decisionReason: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
const ApplicationView = Type.Object({
  id: Type.String(), productId: Type.String(), productName: Nullable(Type.String()), applicantOrgId: Type.String(), applicantName: Nullable(Type.String()), applicantRole: Type.String(), insurer: Type.String(), policyNumber: Type.String(), premiumWan: Type.String(), requestedWan: Type.String(),
  approvedWan: Nullable(Type.String()), paidWan: Nullable(Type.String()), paidOn: Nullable(Type.String()), documents: Type.Array(DocumentSchema), status: Type.String(), reason: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
const ReasonSchema = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

function presentProduct(p: FirstkindProductRow, makers: Map<string, string>): Static<typeof ProductView> {
  const indicators = parseJsonArray<Indicator>(p.indicators);
  return {
    id: p.id, kind: p.kind, name: p.name, makerOrgId: p.maker_org_id, makerName: makers.get(p.maker_org_id) ?? null, indicators, indicatorTexts: indicators.map(indicatorText), industries: parseJsonArray(p.industries),
    recognitionYear: p.recognition_year, batch: p.batch, description: p.description, status: p.status, decisionReason: p.decision_reason, createdAt: p.created_at, updatedAt: p.updated_at,
  };
}
function presentApplication(a: FirstkindApplicationRow, names: { orgs: Map<string, string>; products: Map<string, string> }): Static<typeof ApplicationView> {
  return {
    id: a.id, productId: a.product_id, productName: names.products.get(a.product_id) ?? null, applicantOrgId: a.applicant_org_id, applicantName: names.orgs.get(a.applicant_org_id) ?? null, applicantRole: a.applicant_role, insurer: a.insurer, policyNumber: a.policy_number, premiumWan: fenToWan(Number(a.premium_fen))!,
    requestedWan: fenToWan(Number(a.requested_fen))!, approvedWan: fenToWan(a.approved_fen === null ? null : Number(a.approved_fen)), paidWan: fenToWan(a.paid_fen === null ? null : Number(a.paid_fen)), paidOn: a.paid_on,
    documents: parseJsonArray<DocumentMeta>(a.documents), status: a.status, reason: a.reason, createdAt: a.created_at, updatedAt: a.updated_at,
  };
}

export function firstkindRoutes(deps: { firstkind: FirstkindService }) {
  const { firstkind } = deps;
  return async function (app: HttpApp) {
    const tags = ['firstkind 首台套/首批次/首版次'];
    const ok = (schema: unknown) => ({ 200: schema, ...errorResponses });
    const one = async (p: FirstkindProductRow) => presentProduct(p, await firstkind.makerNames([p.maker_org_id]));
    async function presentApplications(a: FirstkindApplicationRow): Promise<Static<typeof ApplicationView>>;
    async function presentApplications(a: FirstkindApplicationRow[]): Promise<Static<typeof ApplicationView>[]>;
    async function presentApplications(a: FirstkindApplicationRow | FirstkindApplicationRow[]) {
      const rows = Array.isArray(a) ? a : [a];
      const names = { orgs: await firstkind.makerNames(rows.map((r) => r.applicant_org_id)), products: await firstkind.productNames(rows.map((r) => r.product_id)) };
      const out = rows.map((r) => presentApplication(r, names));
      return Array.isArray(a) ? out : out[0];
    }

    app.get('/api/firstkind/params', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '补偿比例、上限与必备材料', response: ok(Type.Object({ rateBp: Type.Integer(), capWan: Type.String(), minPremiumWan: Type.String(), requiredDocuments: Type.Array(Type.String()), maxMegabytes: Type.Integer(), mimes: Type.Array(Type.String()) })) } },
      async () => firstkindParamsView());
    app.get('/api/firstkind/products', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags, summary: '首台套/首批次/首版次目录（scope=all：政府另见待审与未通过；scope=mine：生产单位的本单位申报；其他情况只见已列入目录的）',
        querystring: Type.Object({ kind: Type.Optional(Lit(FIRSTKIND_KINDS)), q: Type.Optional(Text(100)), scope: Type.Optional(Lit(['approved', 'all', 'mine'] as const)), status: Type.Optional(Lit(['proposed', 'approved', 'rejected'] as const)) }),
        response: ok(Type.Array(ProductView)),
      },
    }, async (req) => {
      const rows = await firstkind.list(req.actor, req.query);
      const makers = await firstkind.makerNames(rows.map((r) => r.maker_org_id));
      return rows.map((r) => presentProduct(r, makers));
    });
    app.get('/api/firstkind/products/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: ok(ProductView) } }, async (req) => one(await firstkind.product(req.actor, req.params.id)));
    app.post('/api/firstkind/products', {
      config: { access: { roles: ['enterprise', 'government', 'admin'] } }, schema: { tags, summary: '政府录入目录产品；生产企业申报本单位产品（待政府审核）', body: ProductBody, response: { 201: ProductView, ...errorResponses } },
    }, async (req, reply) => reply.status(201).send(await one(await firstkind.create(req.actor, req.body))));
    app.patch('/api/firstkind/products/:id', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, params: IdParams, body: Type.Partial(ProductBody), response: ok(ProductView) } }, async (req) => one(await firstkind.update(req.actor, req.params.id, req.body)));
    app.post('/api/firstkind/products/:id/decision', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '政府审核生产企业的目录申报：approve 列入目录，reject 说明理由', params: IdParams, body: Type.Object({ decision: Lit(['approve', 'reject'] as const), reason: Type.Optional(Text(1000)) }), response: ok(ProductView) },
    }, async (req) => one(await firstkind.decide(req.actor, req.params.id, req.body.decision, req.body.reason)));
    app.get('/api/firstkind/products/:id/potential-users', {
      config: { access: { roles: ['enterprise', 'government', 'admin'], owner: true, note: 'government, or the maker' } }, schema: {
        tags, summary: '可能的应用企业：以匹配引擎分析企业需求、简介与领域，附理由（政府与生产单位可见）', params: IdParams,
        response: ok(Type.Array(Type.Object({ organisationId: Type.String(), name: Type.String(), score: Type.Number(), demandId: Nullable(Type.String()), demandTitle: Nullable(Type.String()), reasons: Type.Array(ReasonSchema) }))),
      },
    }, async (req) => firstkind.potentialUsers(req.actor, req.params.id));

    app.post('/api/firstkind/applications', {
      config: { access: { roles: ['enterprise', 'institution'] } }, schema: {
        tags, summary: '申请首台套保险补偿（生产方或购买方）：保费（万元）与必备材料（认定证书、保险合同、保费发票、销售合同：文件名、类型、大小、SHA-256）',
        body: Type.Object({ productId: Text(64, 1), applicantRole: Lit(['maker', 'buyer'] as const), insurer: Text(100, 2), policyNumber: Type.Optional(Text(60)), premiumWan: Wan, documents: Type.Array(DocumentSchema, { maxItems: 20 }) }),
        response: { 201: ApplicationView, ...errorResponses },
      },
    }, async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(await presentApplications(await firstkind.apply(req.actor, { ...b, premiumFen: fenFromWan('premiumWan', b.premiumWan) })));
    });
    app.get('/api/firstkind/applications', {
      config: { access: { roles: 'signed-in', note: 'review (government, admin): every application; otherwise the own organisation’s' } }, schema: { tags, summary: 'mine：本单位的申请；review：政府审核队列（非政府用户按 mine 处理）', querystring: Type.Object({ scope: Type.Optional(Lit(['mine', 'review'] as const)), status: Type.Optional(Lit(COMP_STATUSES)) }), response: ok(Type.Array(ApplicationView)) },
    }, async (req) => presentApplications(await firstkind.applications(req.actor, req.query.scope ?? 'mine', req.query.status)));
    app.get('/api/firstkind/applications/:id', { config: { access: { roles: 'signed-in', owner: true, note: 'the applicant organisation, or government' } }, schema: { tags, params: IdParams, response: ok(ApplicationView) } }, async (req) => presentApplications(await firstkind.application(req.actor, req.params.id)));
    app.post('/api/firstkind/applications/:id/actions', {
      config: { access: { roles: 'signed-in', owner: true, note: 'government reviews; the applicant resubmits or withdraws' } }, schema: {
        tags, summary: '政府：受理 review、退回补正 return（理由）、批准 approve（金额）、不予支持 decline（理由）、拨付 pay；申请方：重新提交 resubmit、撤回 withdraw', params: IdParams,
        body: Type.Object({ action: Lit(COMP_ACTIONS), reason: Type.Optional(Text(1000)), amountWan: Type.Optional(Wan), premiumWan: Type.Optional(Wan), documents: Type.Optional(Type.Array(DocumentSchema, { maxItems: 20 })) }),
        response: ok(ApplicationView),
      },
    }, async (req) => {
      const b = req.body;
      return presentApplications(await firstkind.act(req.actor, req.params.id, b.action, {
        reason: b.reason, amountFen: b.amountWan ? fenFromWan('amountWan', b.amountWan) : null, documents: b.documents, premiumFen: b.premiumWan ? fenFromWan('premiumWan', b.premiumWan) : undefined,
      }));
    });
  };
}
