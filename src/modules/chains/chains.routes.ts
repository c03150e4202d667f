import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp } from '../../kernel/http/index.js';
import type { Spec } from './core/index.js';
import { PART_SOURCES, REASON_MAX, type ChainsService } from './chains.service.js';
import { AllianceDetailView, AllianceKind, AllianceOverviewView, AllianceView, CapabilityView, ChainResponseView, ChainViewView, PartMatchView, PartSource, PartView, ResponseStatus, TrialStatus } from './chains.schemas.js';
import type { AlliancesService } from './alliances.service.js';
import type { AllianceMemberRow, AllianceRow, AllianceTaskRow, AllianceTopicRow, ChainCapabilityRow, ChainPartRow, ChainResponseRow, ChainTrialRow } from './chains.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Num = Type.Optional(Type.Union([Type.Number(), Type.Null()]));
const SpecSchema = Type.Union([
  Type.Object({ key: Text(60, 1), type: Type.Optional(Type.Literal('number')), unit: Text(20, 1), min: Num, max: Num, nominal: Num, tolerance: Num }, { description: 'numeric: a range (min/max), a nominal value and/or a tolerance (±) in the unit' }),
  Type.Object({ key: Text(60, 1), type: Type.Literal('text'), values: Type.Array(Text(100, 1), { minItems: 1, maxItems: 20 }) }, { description: 'text: acceptable (or offered) values, e.g. material grades' }),
]);
const Specs = Type.Array(SpecSchema, { maxItems: 50 });
const Created = { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses };
const ok = <T extends TSchema>(t: T) => ({ 200: t, ...errorResponses });

const presentPart = (p: ChainPartRow) => ({ id: p.id, organisationId: p.organisation_id, chainCode: p.chain_code, name: p.name, description: p.description, specs: parseJsonArray<Spec>(p.specs), annualVolume: p.annual_volume, volumeUnit: p.volume_unit, currentSource: p.current_source as Static<typeof PartSource>, status: p.status, createdAt: p.created_at });
const presentCapability = (c: ChainCapabilityRow) => ({ id: c.id, organisationId: c.organisation_id, name: c.name, description: c.description, chainCodes: parseJsonArray(c.chain_codes), specs: parseJsonArray<Spec>(c.specs) });
const presentResponse = (r: ChainResponseRow) => ({ id: r.id, partId: r.part_id, capabilityId: r.capability_id, supplierOrgId: r.supplier_org_id, message: r.message, status: r.status as Static<typeof ResponseStatus>, declineReason: r.decline_reason ?? null, createdAt: r.created_at, updatedAt: r.updated_at });
const presentTrial = (t: ChainTrialRow) => ({ id: t.id, responseId: t.response_id, round: t.round, status: t.status as Static<typeof TrialStatus>, note: t.note, date: t.date });

const presentAlliance = (a: AllianceRow) => ({ id: a.id, name: a.name, kind: a.kind as Static<typeof AllianceKind>, leadOrgId: a.lead_org_id, chainCode: a.chain_code, intro: a.intro, createdAt: a.created_at });
const presentMember = (m: AllianceMemberRow) => ({ organisationId: m.organisation_id, role: m.role, joinedAt: m.joined_at });
const presentTopic = (t: AllianceTopicRow) => ({ id: t.id, allianceId: t.alliance_id, title: t.title, description: t.description, demandIds: parseJsonArray(t.demand_ids), status: t.status, createdAt: t.created_at });
const presentTask = (t: AllianceTaskRow) => ({ id: t.id, topicId: t.topic_id, title: t.title, assigneeOrgId: t.assignee_org_id, dueDate: t.due_date, status: t.status });

export function chainsRoutes(deps: { chains: ChainsService; alliances: AlliancesService }) {
  const { chains, alliances } = deps;
  return async function (app: HttpApp) {
    const tags = ['chains 省内配套对接'];
    app.get('/api/chains/parts', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '链主企业省内配套需求清单', querystring: Type.Object({ chain: Type.Optional(Text(40)), status: Type.Optional(Text(20)), organisation: Type.Optional(Text(64)) }), response: ok(Type.Array(PartView)) } },
      async (req) => (await chains.parts(req.query)).map(presentPart));
    app.get('/api/chains/parts/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: ok(PartView) } }, async (req) => presentPart(await chains.part(req.params.id)));
    app.post('/api/chains/parts', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '发布配套产品及技术参数（键–值、单位、范围/公差、年用量、现供货来源）', body: Type.Object({ chainCode: Text(40, 1), name: Text(100, 1), description: Type.Optional(Text(4000)), specs: Specs, annualVolume: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])), volumeUnit: Type.Optional(Text(10)), currentSource: Type.Union(PART_SOURCES.map((s) => Type.Literal(s))) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentPart(await chains.publishPart(req.actor, { ...req.body, specs: req.body.specs as Spec[] }))));
    app.get('/api/chains/capabilities', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '省内供应商配套能力', querystring: Type.Object({ organisation: Type.Optional(Text(64)) }), response: ok(Type.Array(CapabilityView)) } },
      async (req) => (await chains.capabilities(req.query)).map(presentCapability));
    app.post('/api/chains/capabilities', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '声明配套能力（同样以带单位的参数范围表达）', body: Type.Object({ name: Text(100, 1), description: Type.Optional(Text(4000)), chainCodes: Type.Optional(Type.Array(Text(40, 1), { maxItems: 20 })), specs: Specs }), response: Created } },
      async (req, reply) => reply.status(201).send(presentCapability(await chains.declareCapability(req.actor, { ...req.body, specs: req.body.specs as Spec[] }))));
    app.get('/api/chains/parts/:id/matches', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '按参数覆盖（含单位换算）与文本匹配省内供应商，完全覆盖者优先', params: IdParams, response: ok(Type.Array(PartMatchView)) } }, async (req) => {
      const m = await chains.matchPart(req.params.id);
      return m.matches.map((x) => ({ capability: presentCapability(x.capability), fullyCovered: x.fullyCovered, coveragePercent: bpToPercent(Math.round(x.coverage * 10_000)) ?? '0', score: x.score, items: x.items.map((i) => ({ key: i.key, status: i.status })), reasons: x.reasons }));
    });
    app.post('/api/chains/parts/:id/responses', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '供应商响应配套需求', params: IdParams, body: Type.Object({ capabilityId: Type.Optional(Type.Union([Text(64), Type.Null()])), message: Type.Optional(Text(2000)) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentResponse(await chains.respond(req.actor, req.params.id, req.body))));
    app.get('/api/chains/parts/:id/responses', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '配套响应与样品试用（链主看全部，供应商只看本单位的；含不予采用的理由）', params: IdParams, response: ok(Type.Array(ChainResponseView)) } }, async (req) => (await chains.responses(req.actor, req.params.id)).map((x) => ({ ...presentResponse(x.response), trials: x.trials.map(presentTrial) })));
    app.post('/api/chains/responses/:id/actions', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '入围 shortlist、送样 request_sample、合格 qualify、定点供货 award、不予采用 decline（须说明理由 reason，2–500 字，供应商可见）；供应商撤回 withdraw', params: IdParams,
        body: Type.Object({ action: Type.Union(['shortlist', 'request_sample', 'qualify', 'award', 'decline', 'withdraw'].map((a) => Type.Literal(a as 'shortlist'))), reason: Type.Optional(Type.String({ maxLength: REASON_MAX, description: 'required to decline: why (2–500 characters), shown to the supplier' })) }) },
    }, async (req) => presentResponse(await chains.actOnResponse(req.actor, req.params.id, req.body.action, req.body.reason)));
    app.post('/api/chains/responses/:id/trials', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '样品试用记录：供应商 sent，链主 passed/failed（不合格须在 note 说明原因，2–500 字）', params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('sent'), Type.Literal('passed'), Type.Literal('failed')]), note: Type.Optional(Text(2000)), date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentTrial(await chains.recordTrial(req.actor, req.params.id, req.body))));
    app.get('/api/chains/view', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '产业链视图：本地配套覆盖率与断点堵点', querystring: Type.Object({ chain: Text(40, 1) }), response: ok(ChainViewView) } }, async (req) => {
      const v = await chains.chainView(req.query.chain);
      return { chainCode: v.chainCode, chainName: v.chainName, parts: v.parts, covered: v.covered, partial: v.partial, localCoveragePercent: bpToPercent(v.localCoverageBp) ?? '0', gaps: v.gaps.map((g) => ({ id: g.id, name: g.name, status: g.status, currentSource: g.currentSource })), items: v.items };
    });

    const atags = ['alliances 产学研联盟'];
    app.get('/api/alliances', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: atags, response: ok(Type.Array(AllianceView)) } }, async () => (await alliances.list()).map(presentAlliance));
    app.get('/api/alliances/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: atags, params: IdParams, response: ok(AllianceDetailView) } }, async (req) => {
      const a = await alliances.get(req.params.id);
      return { ...presentAlliance(a.alliance), members: a.members.map(presentMember) };
    });
    app.post('/api/alliances', { config: { access: { roles: ['enterprise'] } }, schema: { tags: atags, summary: '链主企业牵头组建联盟 / 创新联合体', body: Type.Object({ name: Text(100, 1), kind: Type.Union([Type.Literal('alliance'), Type.Literal('consortium')]), chainCode: Type.Optional(Type.Union([Text(40), Type.Null()])), intro: Type.Optional(Text(4000)) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentAlliance(await alliances.create(req.actor, req.body))));
    app.post('/api/alliances/:id/members', { config: { access: { roles: ['enterprise', 'admin'] } }, schema: { tags: atags, params: IdParams, body: Type.Object({ organisationId: Text(64, 1) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentMember(await alliances.addMember(req.actor, req.params.id, req.body.organisationId))));
    app.post('/api/alliances/:id/topics', { config: { access: { roles: ['enterprise', 'government', 'admin'] } }, schema: { tags: atags, summary: '由成员技术需求生成联合攻关课题', params: IdParams, body: Type.Object({ title: Text(200, 1), description: Type.Optional(Text(4000)), demandIds: Type.Array(Text(64, 1), { maxItems: 20 }) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentTopic(await alliances.createTopic(req.actor, req.params.id, req.body))));
    app.post('/api/alliance-topics/:id/tasks', { config: { access: { roles: 'signed-in' } }, schema: { tags: atags, params: IdParams, body: Type.Object({ title: Text(200, 1), assigneeOrgId: Type.Optional(Type.Union([Text(64), Type.Null()])), dueDate: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentTask(await alliances.addTask(req.actor, req.params.id, req.body))));
    app.post('/api/alliance-tasks/:id/done', { config: { access: { roles: 'signed-in' } }, schema: { tags: atags, params: IdParams } }, async (req) => presentTask(await alliances.completeTask(req.actor, req.params.id)));
    app.get('/api/alliances/:id/overview', { config: { access: { roles: ['enterprise', 'government', 'admin'] } }, schema: { tags: atags, summary: '课题、任务与成员对接项目、合同汇总', params: IdParams, response: ok(AllianceOverviewView) } }, async (req) => {
      const o = await alliances.overview(req.actor, req.params.id);
      return { alliance: presentAlliance(o.alliance), members: o.members.map(presentMember), topics: o.topics.map((t) => ({ ...presentTopic(t.topic), tasks: t.tasks.map(presentTask) })), deals: { ...o.deals, items: o.deals.items.map((d) => ({ id: d.id, title: d.title, stage: d.stage, amountFen: d.amountFen === null ? null : Number(d.amountFen), amountWan: fenToWan(d.amountFen === null ? null : Number(d.amountFen)) })) }, contracts: { count: o.contracts.count, amountWan: fenToWan(o.contracts.amountFen), items: o.contracts.items.map((c) => ({ id: c.id, title: c.title, status: c.status, dealId: c.deal_id, amountWan: fenToWan(c.amount_fen) })) } };
    });
  };
}
