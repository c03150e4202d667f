import { Type } from '@sinclair/typebox';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp } from '../../kernel/http/index.js';
import { APPLICANT_KINDS, CARRIER_KINDS, INCUBATION_STAGES } from './core/index.js';
import type { IncubationService } from './bases.service.js';
import { CarrierView, IncubationApplicationView, ResidentView } from './bases.schemas.js';
import type { IncubationApplicationRow, IncubationCarrierRow, IncubationResidentRow } from './bases.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Created = { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses };

const presentCarrier = (c: IncubationCarrierRow) => ({ id: c.id, organisationId: c.organisation_id, kind: c.kind, name: c.name, intro: c.intro, stages: parseJsonArray(c.stages), services: parseJsonArray(c.services), industries: parseJsonArray(c.industries), regionCode: c.region_code, seats: c.seats });
const presentApplication = (a: IncubationApplicationRow) => ({ id: a.id, carrierId: a.carrier_id, applicantOrgId: a.applicant_org_id, kind: a.kind, teamName: a.team_name, achievementId: a.achievement_id, stage: a.stage, plan: a.plan, status: a.status, decisionReason: a.decision_reason, createdAt: a.created_at, decidedAt: a.decided_at });
const presentResident = (r: IncubationResidentRow) => ({ id: r.id, carrierId: r.carrier_id, applicationId: r.application_id, organisationId: r.organisation_id, teamName: r.team_name, stage: r.stage, enteredOn: r.entered_on, status: r.status, leftOn: r.left_on, nextStage: r.next_stage, outcome: r.outcome });

export function basesRoutes(deps: { incubation: IncubationService }) {
  const { incubation } = deps;
  return async function (app: HttpApp) {
    const tags = ['incubation 孵化育成'];
    app.get('/api/incubation/carriers', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, response: { 200: Type.Array(CarrierView), ...errorResponses }, summary: '示范基地、创业苗圃、孵化器、加速器（按阶段筛选：创意 → 苗圃 → 孵化器 → 加速器）', querystring: Type.Object({ kind: Type.Optional(Lit(CARRIER_KINDS)), stage: Type.Optional(Lit(INCUBATION_STAGES)) }) } },
      async (req) => (await incubation.carriers(req.query)).map(presentCarrier));
    app.get('/api/incubation/carriers/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, response: { 200: CarrierView, ...errorResponses }, params: IdParams } }, async (req) => presentCarrier(await incubation.carrier(req.params.id)));
    app.post('/api/incubation/carriers', {
      config: { access: { roles: ['institution', 'service'] } }, schema: { tags, body: Type.Object({ organisationId: Type.Optional(Text(64)), kind: Lit(CARRIER_KINDS), name: Text(100, 1), intro: Type.Optional(Text(4000)), stages: Type.Optional(Type.Array(Lit(INCUBATION_STAGES), { maxItems: 4 })), services: Type.Optional(Type.Array(Text(100, 1), { maxItems: 30 })), industries: Type.Optional(Type.Array(Text(40, 1), { maxItems: 20 })), regionCode: Type.Optional(Type.Union([Text(12), Type.Null()])), seats: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100000 }), Type.Null()])) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentCarrier(await incubation.registerCarrier(req.actor, req.body))));
    app.post('/api/incubation/carriers/:id/applications', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '入驻申请（团队、衍生企业须关联成果、企业）', params: IdParams, body: Type.Object({ kind: Lit(APPLICANT_KINDS), teamName: Text(100, 1), achievementId: Type.Optional(Type.Union([Text(64), Type.Null()])), stage: Lit(INCUBATION_STAGES), plan: Type.Optional(Text(4000)) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentApplication(await incubation.apply(req.actor, req.params.id, req.body))));
    app.get('/api/incubation/applications', { config: { access: { roles: 'signed-in' } }, schema: { tags, response: { 200: Type.Array(IncubationApplicationView), ...errorResponses }, querystring: Type.Object({ scope: Type.Union([Type.Literal('mine'), Type.Literal('received')], { default: 'mine' }) }) } },
      async (req) => (await incubation.applications(req.actor, req.query.scope)).map(presentApplication));
    app.post('/api/incubation/applications/:id/decision', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '接受（入驻）或拒绝（须说明理由）', params: IdParams, body: Type.Object({ accept: Type.Boolean(), reason: Type.Optional(Text(1000)) }) } }, async (req) => {
      const r = await incubation.decide(req.actor, req.params.id, req.body.accept, req.body.reason);
      return { application: presentApplication(r.application), resident: r.resident ? presentResident(r.resident) : null };
    });
    app.get('/api/incubation/carriers/:id/residents', { config: { access: { roles: ['institution', 'service', 'admin'] } }, schema: { tags, response: { 200: Type.Array(ResidentView), ...errorResponses }, summary: '在孵企业', params: IdParams } }, async (req) => (await incubation.residents(req.actor, req.params.id)).map(presentResident));
    app.post('/api/incubation/residents/:id/leave', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '毕业 graduate（进入下一阶段）或退出 exit', params: IdParams, body: Type.Object({ how: Type.Union([Type.Literal('graduate'), Type.Literal('exit')]), outcome: Type.Optional(Text(1000)) }) } },
      async (req) => presentResident(await incubation.leave(req.actor, req.params.id, req.body.how, req.body.outcome)));
  };
}
