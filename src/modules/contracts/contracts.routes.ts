import { Type, type Static } from '@sinclair/typebox';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp, Nullable, Wan, fenFromWan as fen } from '../../kernel/http/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { DealsService } from '../deals/index.js';
import { CONTRACT_TYPES, LICENSE_OBJECTS, type ContractParty } from './core/index.js';
import type { ContractInput, ContractsService } from './contracts.service.js';
import type { ContractRow } from './contracts.table.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const Party = Type.Object({
  role: Type.Union([Type.Literal('seller'), Type.Literal('buyer'), Type.Literal('intermediary')]),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  uscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
  foreign: Type.Optional(Type.Boolean()),
  organisationId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
});

const ContractBody = Type.Object({
  dealId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  type: Type.Union(CONTRACT_TYPES.map((t) => Type.Literal(t.type))),
  subtype: Type.String({ maxLength: 40 }),
  licenseObject: Type.Optional(Nullable(Type.Union(LICENSE_OBJECTS.map((l) => Type.Literal(l.code))))),
  direction: Type.Optional(Type.Union([Type.Literal('domestic'), Type.Literal('import'), Type.Literal('export')], { default: 'domestic' })),
  parties: Type.Optional(Type.Array(Party, { minItems: 2, maxItems: 10, description: 'omit with a dealId to take the deal’s parties' })),
  ipItems: Type.Optional(Type.Array(Type.Object({ type: Type.String({ maxLength: 40 }), number: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), title: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 50 })),
  amountWan: Wan,
  nonTechnical: Type.Optional(Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }), amountWan: Wan }), { maxItems: 20, description: '设备、材料等非技术性款项' })),
  signDate: DateStr,
  termStart: Type.Optional(Nullable(DateStr)),
  termEnd: Type.Optional(Nullable(DateStr)),
});

const ContractView = Type.Object({
  id: Type.String(), dealId: Nullable(Type.String()), title: Type.String(), type: Type.String(), subtype: Type.String(), licenseObject: Nullable(Type.String()),
  direction: Type.String(), parties: Type.Array(Party), ipItems: Type.Array(Type.Record(Type.String(), Type.Unknown())), amountWan: Type.String(),
  nonTechnical: Type.Array(Type.Object({ label: Type.String(), amountWan: Type.String() })), techTradeWan: Type.String(), signDate: Type.String(),
  termStart: Nullable(Type.String()), termEnd: Nullable(Type.String()), status: Type.String(), acceptedOn: Nullable(Type.String()), dueDate: Nullable(Type.String()),
  dueCoverage: Nullable(Type.String()), decidedAt: Nullable(Type.String()), certificateNo: Nullable(Type.String()), rejectReason: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'Contract' });

export function presentContract(c: ContractRow) {
  return {
    id: c.id, dealId: c.deal_id, title: c.title, type: c.type, subtype: c.subtype, licenseObject: c.license_object, direction: c.direction,
    parties: parseJsonArray<Static<typeof Party>>(c.parties), ipItems: parseJsonArray<Record<string, unknown>>(c.ip_items), amountWan: fenToWan(c.amount_fen)!,
    nonTechnical: parseJsonArray<{ label: string; amountFen: number }>(c.non_technical).map((i) => ({ label: i.label, amountWan: fenToWan(i.amountFen)! })),
    techTradeWan: fenToWan(c.tech_trade_fen)!, signDate: c.sign_date, termStart: c.term_start, termEnd: c.term_end, status: c.status, acceptedOn: c.accepted_on,
    dueDate: c.due_date, dueCoverage: c.due_coverage, decidedAt: c.decided_at, certificateNo: c.certificate_no, rejectReason: c.reject_reason,
    createdAt: c.created_at, updatedAt: c.updated_at,
  };
}

export function contractsRoutes(deps: { contracts: ContractsService; deals: DealsService; organisations: OrganisationsService }) {
  const { contracts } = deps;
  return async function (app: HttpApp) {
    const tags = ['contracts 技术合同登记'];
    app.get('/api/contracts/types', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '合同类型与子类型（民法典技术合同）' } }, async () => ({ types: CONTRACT_TYPES, licenseObjects: LICENSE_OBJECTS }));

    app.get('/api/contracts/stats', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags, summary: '技术合同输出（按卖方地区）与吸纳（按买方地区），仅统计已登记合同',
        querystring: Type.Object({ level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')], { default: 'city' })) }),
      },
    }, async (req) => {
      const s = await contracts.flowStats(req.query.level ?? 'city');
      const bucket = (b: { regionCode: string; count: number; contractAmountFen: number; techTradeAmountFen: number }) => ({ regionCode: b.regionCode, count: b.count, amountWan: fenToWan(b.contractAmountFen), techTradeWan: fenToWan(b.techTradeAmountFen) });
      return { counted: s.counted, output: s.output.map(bucket), absorption: s.absorption.map(bucket) };
    });

    app.get('/api/contracts', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: {
        tags, summary: '我的合同，或登记机构待办（scope=registrar，按期限排序）',
        querystring: Type.Object({ scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('registrar')])), status: Type.Optional(Type.String({ maxLength: 20 })) }),
        response: { 200: Type.Array(ContractView), ...errorResponses },
      },
    }, async (req) => (await contracts.list(req.actor, req.query.scope ?? 'mine', req.query.status)).map(presentContract));

    app.post('/api/contracts', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '填写技术合同登记申请（登记方：卖方；技术进口为境内买方）', body: ContractBody, response: { 201: ContractView, ...errorResponses } },
    }, async (req, reply) => {
      const b = req.body as Static<typeof ContractBody>;
      let parties = b.parties as (ContractParty & { organisationId?: string | null })[] | undefined;
      if (!parties) {
        if (!b.dealId) throw invalidField('parties', '须填写当事人，或指定对接项目', 'give the parties, or a deal to take them from');
        const deal = await deps.deals.view(req.actor, b.dealId);
        parties = [];
        for (const [role, orgId] of [['seller', deal.row.seller_org_id], ['buyer', deal.row.buyer_org_id]] as const) {
          const o = await deps.organisations.get(orgId);
          parties.push({ role, name: o.name, uscc: o.uscc, regionCode: o.region_code, organisationId: o.id });
        }
      }
      const input: ContractInput = {
        dealId: b.dealId, title: b.title, type: b.type, subtype: b.subtype, licenseObject: b.licenseObject, direction: b.direction ?? 'domestic', parties,
        ipItems: b.ipItems, amountFen: fen('amountWan', b.amountWan), nonTechnical: b.nonTechnical?.map((i, n) => ({ label: i.label, amountFen: fen(`nonTechnical.${n}.amountWan`, i.amountWan) })),
        signDate: b.signDate, termStart: b.termStart, termEnd: b.termEnd,
      };
      return reply.status(201).send(presentContract(await contracts.create(req.actor, input)));
    });

    app.get('/api/contracts/:id', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, params: IdParams, response: { 200: ContractView, ...errorResponses } } }, async (req) => presentContract(await contracts.get(req.actor, req.params.id)));
    app.post('/api/contracts/:id/submit', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, summary: '提交登记（受理日起按工作日计算办理期限）', params: IdParams, response: { 200: ContractView, ...errorResponses } } }, async (req) => presentContract(await contracts.submit(req.actor, req.params.id)));
    app.post('/api/contracts/:id/register', { config: { access: { roles: ['government', 'admin'], owner: true } }, schema: { tags, summary: '登记机构：准予登记，发放登记编号', params: IdParams, response: { 200: ContractView, ...errorResponses } } }, async (req) => presentContract(await contracts.register(req.actor, req.params.id)));
    app.post('/api/contracts/:id/reject', {
      config: { access: { roles: ['government', 'admin'], owner: true } }, schema: { tags, summary: '登记机构：不予登记（须说明理由）', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: ContractView, ...errorResponses } },
    }, async (req) => presentContract(await contracts.reject(req.actor, req.params.id, req.body.reason)));
    app.post('/api/contracts/:id/changes', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: {
        tags, summary: '变更或注销登记', params: IdParams,
        body: Type.Object({ kind: Type.Union([Type.Literal('change'), Type.Literal('cancel')]), reason: Type.String({ minLength: 1, maxLength: 1000 }), amountWan: Type.Optional(Wan), nonTechnical: Type.Optional(Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }), amountWan: Wan }), { maxItems: 20 })), termEnd: Type.Optional(Nullable(DateStr)) }),
        response: { 200: ContractView, ...errorResponses },
      },
    }, async (req) => {
      const b = req.body;
      return presentContract(await contracts.change(req.actor, req.params.id, b.kind, b.reason, {
        amountFen: b.amountWan ? fen('amountWan', b.amountWan) : undefined,
        nonTechnical: b.nonTechnical?.map((i, n) => ({ label: i.label, amountFen: fen(`nonTechnical.${n}.amountWan`, i.amountWan) })), termEnd: b.termEnd,
      }));
    });
  };
}
