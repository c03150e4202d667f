import { Type } from '@sinclair/typebox';
import { AppError } from '../../kernel/errors.js';
import { errorResponses, IdParams, OkResponse, type HttpApp, Nullable } from '../../kernel/http/index.js';
import { RISK_CLASS_LABELS } from './core/index.js';
import { RECORD_KINDS, type CreditService } from './credit.service.js';
import type { CreditRecordRow } from './credit.table.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function presentRecord(r: CreditRecordRow) {
  return {
    id: r.id, organisationId: r.organisation_id, uscc: r.uscc, kind: r.kind, detail: JSON.parse(r.detail) as Record<string, string>, title: r.title,
    source: JSON.parse(r.source) as Record<string, string>, date: r.date, curedOn: r.cured_on, repairedOn: r.repaired_on, removedOn: r.removed_on,
  };
}

export function creditRoutes(deps: { credit: CreditService }) {
  const { credit } = deps;
  return async function (app: HttpApp) {
    const tags = ['credit 信用监管'];
    app.get('/api/credit/organisations/:id', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '信用公示页：公示期内、未修复的记录，当前名录状态与风险分类历史', params: IdParams },
    }, async (req) => {
      const p = await credit.publicPage(req.params.id);
      return {
        organisation: { id: p.organisation.id, name: p.organisation.name, uscc: p.organisation.uscc, deregistered: Boolean(p.organisation.deregistered_at) },
        status: { ...p.status, riskClassLabel: p.status.riskClass ? RISK_CLASS_LABELS[p.status.riskClass] : null },
        records: p.records.map((r) => ({ ...presentRecord(r.row), publicUntil: r.publicUntil })),
        riskHistory: p.riskHistory.map((h) => ({ asOf: h.as_of, class: h.class, score: h.score, ...JSON.parse(h.breakdown) })),
      };
    });

    app.get('/api/credit/records', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '信用记录查询（政府）', querystring: Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 64 })), uscc: Type.Optional(Type.String({ maxLength: 18 })), kind: Type.Optional(Type.Union(RECORD_KINDS.map((k) => Type.Literal(k)))), current: Type.Optional(Type.Boolean()) }) },
    }, async (req) => (await credit.records(req.actor, req.query)).map(presentRecord));

    app.post('/api/credit/records', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags, summary: '录入信用记录（政府）：许可、处罚（轻微/一般/严重）、表彰、经营异常名录、严重违法失信名单（须法律依据）、承诺、检查结果、平台行为',
        body: Type.Object({
          organisationId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))), uscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
          kind: Type.Union(RECORD_KINDS.map((k) => Type.Literal(k))), detail: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 })),
          title: Type.Optional(Type.String({ maxLength: 200 })), source: Type.Object({ type: Type.Union([Type.Literal('authority'), Type.Literal('platform'), Type.Literal('self_declared')]), name: Type.String({ minLength: 1, maxLength: 100 }), documentNo: Type.Optional(Type.String({ maxLength: 100 })) }),
          date: DateStr, publicationMonths: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
        }),
      },
    }, async (req, reply) => reply.status(201).send(presentRecord(await credit.addRecord(req.actor, req.body))));

    app.get('/api/credit/abnormal', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '经营异常名录（政府）：移出期限、转入严重失信名单的提醒与日期' } }, async (req) =>
      (await credit.abnormalList(req.actor)).map((a) => ({ ...presentRecord(a.row), removalDue: a.removalDue, noticeOn: a.noticeOn, moveOn: a.moveOn })));

    app.post('/api/credit/records/:id/remove', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '移出经营异常名录（异常情形消除后 7 日内作出决定）', params: IdParams, body: Type.Object({ curedOn: Type.Optional(DateStr) }) },
    }, async (req) => presentRecord(await credit.removeFromAbnormal(req.actor, req.params.id, req.body.curedOn)));

    app.post('/api/credit/annual-reports', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '报送企业年度报告（每年 1 月 1 日至 6 月 30 日报送上一年度）', body: Type.Object({ reportYear: Type.Integer({ minimum: 2000, maximum: 2100 }), content: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }) },
    }, async (req, reply) => reply.status(201).send(await credit.fileAnnualReport(req.actor, req.body.reportYear, req.body.content)));

    app.post('/api/credit/records/:id/repairs', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '申请信用修复（证据 + 信用承诺）', params: IdParams, body: Type.Object({ evidence: Type.String({ minLength: 1, maxLength: 5000 }), commitment: Type.String({ minLength: 1, maxLength: 2000 }), penaltyCarriedOut: Type.Boolean(), harmRemoved: Type.Boolean() }) },
    }, async (req, reply) => reply.status(201).send(await credit.applyRepair(req.actor, req.params.id, req.body)));

    app.get('/api/credit/repairs', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '信用修复申请（政府）', querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (req) => credit.repairs(req.actor, req.query.status));

    app.post('/api/credit/repairs/:id/decision', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '信用修复决定', params: IdParams, body: Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 1000 })) }) },
    }, async (req) => credit.decideRepair(req.actor, req.params.id, req.body.approve, req.body.reason ?? ''));

    app.post('/api/credit/commitments', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '作出信用承诺', body: Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 64 })), content: Type.String({ minLength: 2, maxLength: 2000 }), dueOn: Type.Optional(Nullable(DateStr)) }) },
    }, async (req, reply) => reply.status(201).send(await credit.addCommitment(req.actor, req.body)));

    app.get('/api/credit/commitments', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, querystring: Type.Object({ organisationId: Type.String({ maxLength: 64 }) }) } }, async (req) => credit.commitments(req.actor, req.query.organisationId));

    app.post('/api/credit/commitments/:id/resolve', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '认定承诺履行情况（失信承诺计入风险分类）', params: IdParams, body: Type.Object({ outcome: Type.Union([Type.Literal('kept'), Type.Literal('broken')]) }) },
    }, async (req) => credit.resolveCommitment(req.actor, req.params.id, req.body.outcome));

    app.post('/api/credit/risk/recompute', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '重新计算风险分类（政府；每月自动执行）', response: { 200: Type.Object({ organisations: Type.Integer() }) } } }, async (req) => {
      if (!(req.actor.kind === 'user' && (req.actor.role === 'government' || req.actor.role === 'admin'))) throw new AppError('FORBIDDEN');
      return { organisations: await credit.recomputeAll(true) };
    });

    app.get('/api/credit/inspections', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '双随机抽查计划' } }, async (req) => {
      if (!(req.actor.kind === 'user' && (req.actor.role === 'government' || req.actor.role === 'admin'))) throw new AppError('FORBIDDEN');
      return (await credit.inspectionPlans()).map((p) => ({ id: p.id, name: p.name, seed: p.seed, digest: p.digest, status: p.status, createdAt: p.created_at, publishedAt: p.published_at }));
    });

    app.post('/api/credit/inspections', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags, summary: '创建抽查计划并抽取对象与检查人员（按风险分类分层，种子公开可复核）',
        body: Type.Object({ name: Type.String({ minLength: 2, maxLength: 100 }), seed: Type.String({ minLength: 1, maxLength: 200 }), regionPrefix: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })), industry: Type.Optional(Type.String({ maxLength: 40 })), items: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 })), inspectorUserIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 2, maxItems: 500 }), causeOrgIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 })) }),
      },
    }, async (req, reply) => {
      const { row, draw } = await credit.createInspectionPlan(req.actor, req.body);
      return reply.status(201).send({ id: row.id, name: row.name, seed: row.seed, digest: draw.digest, algorithm: draw.algorithm, strata: draw.result.strata, selections: draw.result.selections });
    });

    app.get('/api/credit/inspections/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '抽查计划、抽取结果与检查结果（公开；公示前结果仅政府可见）', params: IdParams } }, async (req) => {
      const p = await credit.inspectionPlan(req.params.id);
      const isGov = req.actor.kind === 'user' && (req.actor.role === 'government' || req.actor.role === 'admin');
      const names = await credit.orgNames(p.draw.result.selections.map((s) => s.orgId));
      return {
        id: p.row.id, name: p.row.name, seed: p.row.seed, digest: p.row.digest, status: p.row.status, algorithm: p.draw.algorithm, strata: p.draw.result.strata,
        selections: p.draw.result.selections.map((s) => ({ ...s, organisationName: names.get(s.orgId) ?? '' })),
        results: p.row.status === 'published' || isGov ? p.results : [],
      };
    });

    app.get('/api/credit/inspectors', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '可抽取的执法检查人员（政府）' } }, async (req) => credit.inspectors(req.actor));

    app.get('/api/credit/mine', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '本单位全部信用记录（含未公示）与信用修复申请' } }, async (req) => {
      const r = await credit.ownRecords(req.actor);
      return { records: r.records.map((x) => ({ ...presentRecord(x.row), repairFrom: x.repairFrom, canRepair: x.canRepair })), repairs: r.repairs };
    });

    app.get('/api/credit/inspections/:id/verify', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '复核抽取：由种子与记录的对象库、人员库重新抽取并比对', params: IdParams } }, async (req) => credit.verifyInspection(req.params.id));

    app.post('/api/credit/inspections/:id/results', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '录入检查结果', params: IdParams, body: Type.Object({ organisationId: Type.String({ maxLength: 64 }), result: Type.Union([Type.Literal('pass'), Type.Literal('problems'), Type.Literal('fail')]), note: Type.Optional(Type.String({ maxLength: 2000 })) }), response: { 200: OkResponse, ...errorResponses } },
    }, async (req) => {
      await credit.enterInspectionResult(req.actor, req.params.id, req.body.organisationId, req.body.result, req.body.note);
      return { ok: true };
    });

    app.post('/api/credit/inspections/:id/publish', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags, summary: '公示检查结果（一公开）', params: IdParams } }, async (req) => {
      const p = await credit.publishInspection(req.actor, req.params.id);
      return { id: p.row.id, status: p.row.status, results: p.results };
    });

    app.post('/api/credit/deregistrations', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, summary: '申请简易注销（单位管理员）：逐项列出不符合条件的原因；公告 20 日', body: Type.Object({ equityFrozenOrPledged: Type.Boolean(), underInvestigation: Type.Boolean(), unfinishedPenalties: Type.Boolean() }) },
    }, async (req, reply) => {
      const r = await credit.applyDeregistration(req.actor, req.body);
      return reply.status(201).send({ id: r.row.id, status: r.row.status, notice: r.notice });
    });

    app.get('/api/credit/deregistrations', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '简易注销公告（公开）', querystring: Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 64 })) }) } }, async (req) => {
      const rows = await credit.deregistrations(req.query.organisationId);
      const names = await credit.orgNames(rows.map((d) => d.organisation_id));
      return rows.map((d) => ({ id: d.id, organisationId: d.organisation_id, organisationName: names.get(d.organisation_id) ?? '', status: d.status, noticeStart: d.notice_start, objections: JSON.parse(d.objections).length, completedAt: d.completed_at }));
    });

    app.post('/api/credit/deregistrations/:id/objections', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '对简易注销提出异议（公告期内）', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }) },
    }, async (req) => {
      const d = await credit.objectDeregistration(req.actor, req.params.id, req.body.reason);
      return { id: d.id, status: d.status };
    });
  };
}
