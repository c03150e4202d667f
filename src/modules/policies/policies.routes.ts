import { Type, type Static } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { errorResponses, fenFromWan, IdParams, Nullable, Wan, type HttpApp } from '../../kernel/http/index.js';
import { ORGANISATION_TYPES } from '../organisations/index.js';
import { COMPANY_STAGES, CONDITION_KINDS, CREDIT_CLASSES, normaliseConditions, ORG_SIZES, type Evaluation, type OrgFacts, type PolicyConditions } from './core/index.js';
import type { PoliciesService, PolicyEvaluation, PolicyInput } from './policies.service.js';
import type { PolicyOrgProfileRow, PolicyRow } from './policies.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Trl = Type.Integer({ minimum: 1, maximum: 9 });

export const ConditionsSchema = Type.Object({
  regions: Type.Array(Type.String({ pattern: '^\\d{6}$' }), { maxItems: 50, description: 'GB/T 2260 codes; 210000 = all Liaoning' }),
  orgTypes: Type.Array(Lit(ORGANISATION_TYPES), { maxItems: 12 }),
  sizes: Type.Array(Lit(ORG_SIZES), { maxItems: 4, description: '企业划型 (工信部): large 大型, medium 中型, small 小型, micro 微型' }),
  industries: Type.Array(Text(40, 1), { maxItems: 30, description: 'taxonomy code prefixes' }),
  flagsAll: Type.Array(Text(20, 1), { maxItems: 10, description: 'flags the organisation must all hold (专精特新, 高新技术企业 …)' }),
  flagsAny: Type.Array(Text(20, 1), { maxItems: 10, description: 'flags of which it must hold one' }),
  trlMin: Nullable(Trl),
  trlMax: Nullable(Trl),
  stages: Type.Array(Lit(COMPANY_STAGES), { maxItems: 5 }),
  creditClasses: Type.Array(Lit(CREDIT_CLASSES), { maxItems: 4 }),
});
const ConditionsBody = Type.Partial(ConditionsSchema);

const PolicyBody = Type.Object({
  title: Text(200, 2), issuer: Text(100, 2), docNumber: Type.Optional(Text(60)), summary: Type.Optional(Text(4000)), scope: Type.Optional(Text(1000)),
  conditions: ConditionsBody, benefit: Type.Optional(Text(4000)), link: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: '^https?://' }))),
  effectiveFrom: Type.Optional(Nullable(DateStr)), effectiveTo: Type.Optional(Nullable(DateStr)),
});
const PolicyPatch = Type.Partial(PolicyBody);

const PolicyView = Type.Object({
  id: Type.String(), title: Type.String(), issuer: Type.String(), docNumber: Type.String(), summary: Type.String(), scope: Type.String(), conditions: ConditionsSchema, benefit: Type.String(),
  link: Nullable(Type.String()), effectiveFrom: Nullable(Type.String()), effectiveTo: Nullable(Type.String()), status: Type.String(), version: Type.Integer(), publishedAt: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
const ConditionResult = Type.Object({ condition: Lit(CONDITION_KINDS), zh: Type.String(), en: Type.String() });
const EvaluationView = Type.Object({ qualifies: Type.Boolean(), met: Type.Array(ConditionResult), missed: Type.Array(ConditionResult) });
const FactsView = Type.Object({
  regionCode: Nullable(Type.String()), type: Type.String(), size: Nullable(Type.String()), industries: Type.Array(Type.String()), flags: Type.Array(Type.String()),
  trlRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer() })), stage: Nullable(Type.String()), creditClass: Nullable(Type.String()),
});
const Matched = Type.Object({ policy: PolicyView, qualifies: Type.Boolean(), met: Type.Array(ConditionResult), missed: Type.Array(ConditionResult) });
const Published = Type.Object({ policy: PolicyView, notifiedOrganisations: Type.Integer() });
const DeclaredView = Type.Object({
  declared: Nullable(Type.Object({ employees: Nullable(Type.Integer()), revenueWan: Nullable(Type.String()), stage: Nullable(Type.String()), updatedAt: Type.String() })),
  facts: FactsView, revenueSource: Nullable(Type.String()),
});

export function presentPolicy(p: PolicyRow): Static<typeof PolicyView> {
  return {
    id: p.id, title: p.title, issuer: p.issuer, docNumber: p.doc_number, summary: p.summary, scope: p.scope, conditions: normaliseConditions(JSON.parse(p.conditions)) as Static<typeof ConditionsSchema>, benefit: p.benefit,
    link: p.link, effectiveFrom: p.effective_from, effectiveTo: p.effective_to, status: p.status, version: p.version, publishedAt: p.published_at, createdAt: p.created_at, updatedAt: p.updated_at,
  };
}
const presentFacts = (f: OrgFacts) => ({ ...f });
const presentMatch = (e: PolicyEvaluation) => ({ policy: presentPolicy(e.policy), qualifies: e.qualifies, met: e.met, missed: e.missed });
const presentDeclared = (d: PolicyOrgProfileRow | null) => (d ? { employees: d.employees, revenueWan: fenToWan(d.revenue_fen === null ? null : Number(d.revenue_fen)), stage: d.stage, updatedAt: d.updated_at } : null);

function toInput(b: Partial<Static<typeof PolicyBody>>): Partial<PolicyInput> {
  const { conditions, ...rest } = b;
  return { ...rest, ...(conditions ? { conditions: normaliseConditions(conditions as Partial<PolicyConditions>) } : {}) };
}

export function policiesRoutes(deps: { policies: PoliciesService }) {
  const { policies } = deps;
  return async function (app: HttpApp) {
    const tags = ['policies 惠企政策直达'];
    const everyone = { access: { roles: 'everyone' as const }, public: true };
    const members = { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] as const, note: 'the caller must belong to an organisation' } };
    const gov = { access: { roles: ['government', 'admin'] as const } };
    const ok = (schema: unknown) => ({ 200: schema, ...errorResponses });

    app.get('/api/policies', {
      config: everyone,
      schema: {
        tags, summary: '政策库：已发布的政策（scope=all 时政府与管理员另见草稿与已废止，其他人仍只见已发布）',
        querystring: Type.Object({ q: Type.Optional(Text(100)), scope: Type.Optional(Lit(['published', 'all'] as const)), inForce: Type.Optional(Type.Boolean()) }),
        response: ok(Type.Array(PolicyView)),
      },
    }, async (req) => (await policies.list(req.actor, req.query)).map(presentPolicy));

    app.get('/api/policies/mine', {
      config: members,
      schema: {
        tags, summary: '本单位可享受的政策：满足与不满足的条件逐条说明；nearMisses=true 时附差一项条件的政策',
        querystring: Type.Object({ nearMisses: Type.Optional(Type.Boolean()) }),
        response: ok(Type.Object({ facts: FactsView, qualifying: Type.Array(Matched), nearMisses: Type.Array(Matched) })),
      },
    }, async (req) => {
      const r = await policies.mine(req.actor, { nearMisses: req.query.nearMisses });
      return { facts: presentFacts(r.facts), qualifying: r.qualifying.map(presentMatch), nearMisses: r.nearMisses.map(presentMatch) };
    });

    app.get('/api/policies/facts', { config: members, schema: { tags, summary: '政策匹配所用的本单位信息（区域、类型、规模、领域、资质、TRL、阶段、信用分类）', response: ok(DeclaredView) } }, async (req) => {
      const r = await policies.declaredFacts(req.actor);
      return { declared: presentDeclared(r.declared), facts: presentFacts(r.facts), revenueSource: r.revenueSource };
    });
    app.put('/api/policies/facts', {
      config: members,
      schema: {
        tags, summary: '填报从业人员、营业收入（万元）与发展阶段，用于企业划型和阶段条件',
        body: Type.Object({ employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))), revenueWan: Type.Optional(Nullable(Wan)), stage: Type.Optional(Nullable(Lit(COMPANY_STAGES))) }),
        response: ok(DeclaredView),
      },
    }, async (req) => {
      const b = req.body;
      await policies.declareFacts(req.actor, { employees: b.employees, revenueFen: b.revenueWan === undefined ? undefined : b.revenueWan === null ? null : fenFromWan('revenueWan', b.revenueWan), stage: b.stage });
      const r = await policies.declaredFacts(req.actor);
      return { declared: presentDeclared(r.declared), facts: presentFacts(r.facts), revenueSource: r.revenueSource };
    });

    app.get('/api/policies/:id', {
      config: everyone,
      schema: {
        tags, summary: '政策详情；登录单位附本单位的符合情况；符合条件的单位名单仅对政府与管理员可见', params: IdParams,
        response: ok(Type.Object({ policy: PolicyView, inForce: Type.Boolean(), mine: Nullable(EvaluationView), qualifying: Nullable(Type.Array(Type.Object({ organisationId: Type.String(), name: Type.String(), met: Type.Array(ConditionResult) }))) })),
      },
    }, async (req) => {
      const d = await policies.detail(req.actor, req.params.id);
      const mine: Evaluation | null = d.mine;
      return { policy: presentPolicy(d.policy), inForce: d.inForce, mine, qualifying: d.qualifying };
    });

    app.post('/api/policies', {
      config: gov,
      schema: { tags, summary: '录入政策（草稿）：发文机关、文号、适用范围、结构化条件、支持内容、有效期', body: PolicyBody, response: { 201: PolicyView, ...errorResponses } },
    }, async (req, reply) => reply.status(201).send(presentPolicy(await policies.create(req.actor, toInput(req.body) as PolicyInput))));
    app.patch('/api/policies/:id', {
      config: gov,
      schema: { tags, summary: '修改政策；已发布的政策修改后生成新版本，并通知新符合条件的单位', params: IdParams, body: PolicyPatch, response: ok(Published) },
    }, async (req) => {
      const r = await policies.update(req.actor, req.params.id, toInput(req.body));
      return { policy: presentPolicy(r.policy), notifiedOrganisations: r.notified };
    });
    app.post('/api/policies/:id/publish', { config: gov, schema: { tags, summary: '发布政策，并通知符合条件的单位成员', params: IdParams, response: ok(Published) } }, async (req) => {
      const r = await policies.publish(req.actor, req.params.id);
      return { policy: presentPolicy(r.policy), notifiedOrganisations: r.notified };
    });
    app.post('/api/policies/:id/withdraw', { config: gov, schema: { tags, summary: '废止政策', params: IdParams, response: ok(PolicyView) } }, async (req) => presentPolicy(await policies.withdraw(req.actor, req.params.id)));
    app.post('/api/policies/:id/notify', {
      config: gov,
      schema: { tags, summary: '重新匹配并通知新符合条件的单位（幂等：同一版本每个单位只通知一次）', params: IdParams, response: ok(Type.Object({ recorded: Type.Integer(), notifiedOrganisations: Type.Integer(), notifiedUsers: Type.Integer() })) },
    }, async (req) => policies.notifyNewlyQualified(req.actor, req.params.id));
  };
}
