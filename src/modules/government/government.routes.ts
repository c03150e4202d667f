/** HTTP routes of the government module: coordination cases, plan and indicators, regional statistics, 四上, GDP + GEP. */
import { Type } from '@sinclair/typebox';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import { errorResponses, IdParams, OkResponse, type HttpApp, Nullable, Wan, fenFromWan as fen } from '../../kernel/http/index.js';
import { CASE_TYPES, GEP_CATEGORIES, isCalendarDate, parsePeriod, SUBJECT_TYPES, type AboveThresholdResult, type GepResult, type Period } from './core/index.js';
import { aboveThresholdParams, coordinationParams, DESIGNATION_KINDS, DESIGNATION_STATUSES, gepParams, MEASURE_KINDS, type DesignationKind, type MeasureKind } from './government.params.js';
import {
  CandidateView, CaseEventView, CaseTypeView, CategoriesView, ClassifiedReportView, ComputedView, CrossingView, DepartmentStatsView, DepartmentView, DesignationListView, DesignationView,
  GepAccountView, GepImportView, GepItemsView, GepRegionView, MeasureView, PlanProgressView, PlanView, ProgressReportView, RegionalStatsView,
} from './government.schemas.js';
import { COMPUTATIONS, type Computation } from './plan.service.js';
import type { GepAccount } from './gep.service.js';
import type { GovernmentServices } from './government.services.js';
import type { CoordinationCaseRow, CoordinationEventRow, CultivationMeasureRow, EnterpriseDesignationRow, EnterpriseReportRow, GovDepartmentRow, PlanIndicatorRow, PlanProgressRow } from './government.table.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Decimal = Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,6})?$' });
const Code = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Any = Type.Record(Type.String(), Type.Unknown());

const PeriodQuery = {
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-Q[1-4]|-\\d{2})?$', description: 'YYYY, YYYY-Qn or YYYY-MM (Asia/Shanghai)' })),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
};

/** A period from `period` or `from`+`to` (inclusive Shanghai dates); `fallback` when neither is given. */
function periodOf(q: { period?: string; from?: string; to?: string }, fallback?: Period): Period {
  if (q.period) {
    const p = parsePeriod(q.period);
    if (!p) throw invalidField('period', '期间格式应为 YYYY、YYYY-Qn 或 YYYY-MM', 'must be YYYY, YYYY-Qn or YYYY-MM');
    return p;
  }
  if (q.from || q.to) {
    if (!q.from || !q.to) throw invalidField(q.from ? 'to' : 'from', '开始与结束日期须同时给出', 'give both from and to');
    for (const f of ['from', 'to'] as const) if (!isCalendarDate(q[f]!)) throw invalidField(f, '不是有效日期', 'is not a calendar date');
    if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期', 'must not be before from');
    return { from: q.from, to: q.to };
  }
  if (!fallback) throw invalidField('period', '请给出期间（period 或 from/to）', 'give a period (period or from/to)');
  return fallback;
}

const CaseView = Type.Object({
  id: Type.String(), subjectType: Type.String(), subjectId: Type.String(), type: Type.String(), typeLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
  title: Type.String(), description: Type.String(), regionCode: Nullable(Type.String()), raisedBy: Type.String(), raisedOrgId: Nullable(Type.String()),
  firstDepartment: Type.String(), department: Type.String(), level: Type.String(), status: Type.String(), raisedOn: Type.String(), firstDueDate: Type.String(),
  dueDate: Type.String(), overdue: Type.Boolean(), escalatedAt: Nullable(Type.String()), resolution: Nullable(Type.String()), resolvedOn: Nullable(Type.String()),
  rating: Nullable(Type.Integer()), ratingComment: Nullable(Type.String()), closedAt: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'CoordinationCase' });

function presentCase(c: CoordinationCaseRow, today: string) {
  const t = coordinationParams().types[c.type as (typeof CASE_TYPES)[number]];
  return {
    id: c.id, subjectType: c.subject_type, subjectId: c.subject_id, type: c.type, typeLabel: { zh: t?.zh ?? c.type, en: t?.en ?? c.type }, title: c.title, description: c.description,
    regionCode: c.region_code, raisedBy: c.raised_by, raisedOrgId: c.raised_org_id, firstDepartment: c.first_department, department: c.department, level: c.level, status: c.status,
    raisedOn: c.raised_on, firstDueDate: c.first_due_date, dueDate: c.due_date, overdue: c.status === 'open' && today > c.due_date, escalatedAt: c.escalated_at,
    resolution: c.resolution, resolvedOn: c.resolved_on, rating: c.rating, ratingComment: c.rating_comment, closedAt: c.closed_at, createdAt: c.created_at, updatedAt: c.updated_at,
  };
}

function presentEvent(e: CoordinationEventRow) {
  return { id: e.id, at: e.at, actorUserId: e.actor_user_id, kind: e.kind, text: e.text, data: JSON.parse(e.data) as Record<string, unknown> };
}

function presentDepartment(d: GovDepartmentRow) {
  return { code: d.code, name: d.name, nameEn: d.name_en, level: d.level, regionCode: d.region_code, kind: d.kind, organisationId: d.organisation_id };
}

function presentIndicator(i: PlanIndicatorRow) {
  return {
    code: i.code, areaCode: i.area_code, name: i.name, nameEn: i.name_en, unit: i.unit, baseline: i.baseline, target: i.target, direction: i.direction, trajectory: i.trajectory,
    periodStart: i.period_start, periodEnd: i.period_end, ownerDepartment: i.owner_department, source: i.source, computation: i.computation, definition: i.definition, definitionEn: i.definition_en, updatedAt: i.updated_at,
  };
}

function presentProgress(p: PlanProgressRow) {
  return { id: p.id, indicatorCode: p.indicator_code, asOf: p.as_of, value: p.value, evidence: p.evidence, evidenceUrl: p.evidence_url, reportedBy: p.reported_by, reportedOrgId: p.reported_org_id, createdAt: p.created_at };
}

function presentClassification(c: AboveThresholdResult) {
  const p = aboveThresholdParams();
  return {
    category: c.category, kind: c.kind, kindLabel: p.kinds[c.kind], above: c.above, candidate: c.candidate, thresholdWan: fenToWan(c.thresholdFen), gapWan: fenToWan(c.gapFen),
    sharePercent: bpToPercent(c.shareBp),
  };
}

function presentReport(r: EnterpriseReportRow) {
  return { id: r.id, organisationId: r.organisation_id, year: r.year, category: r.category, revenueWan: fenToWan(r.revenue_fen)!, qualification: r.qualification, updatedAt: r.updated_at };
}

function presentDesignation(d: EnterpriseDesignationRow) {
  const k = DESIGNATION_KINDS[d.kind as DesignationKind];
  return {
    organisationId: d.organisation_id, kind: d.kind, kindLabel: { zh: k?.zh ?? d.kind, en: k?.en ?? d.kind }, status: d.status as (typeof DESIGNATION_STATUSES)[number],
    recognisedOn: d.recognised_on, expiresOn: d.expires_on, certificateNo: d.certificate_no, note: d.note, updatedAt: d.updated_at,
  };
}

function presentMeasure(m: CultivationMeasureRow) {
  const k = MEASURE_KINDS[m.kind as MeasureKind];
  return { id: m.id, organisationId: m.organisation_id, kind: m.kind, kindLabel: { zh: k?.zh ?? m.kind, en: k?.en ?? m.kind }, title: m.title, description: m.description, takenOn: m.taken_on, recordedBy: m.recorded_by, recordedOrgId: m.recorded_org_id, createdAt: m.created_at };
}

function presentGep(g: GepResult) {
  const items = gepParams().items;
  return {
    totalWan: fenToWan(g.totalFen)!,
    byCategory: Object.fromEntries(GEP_CATEGORIES.map((c) => [c, fenToWan(g.byCategory[c])!])) as Record<(typeof GEP_CATEGORIES)[number], string>,
    lines: g.lines.map((l) => ({ code: l.code, name: items[l.code]?.zh ?? l.code, nameEn: items[l.code]?.en ?? l.code, category: l.category, unit: items[l.code]?.unit ?? '', quantity: l.quantity, priceYuan: l.priceYuan, valueWan: fenToWan(l.valueFen)!, counted: l.counted, excludedBecause: l.excludedBecause })),
  };
}

function presentAccount(a: GepAccount) {
  return {
    regionCode: a.regionCode, regionName: a.regionName, year: a.year, gdpWan: fenToWan(a.gdpFen), gep: presentGep(a.gep), gepGdpRatio: a.ratio,
    gdpYoyPercent: a.gdpYoyBp === null ? null : (a.gdpYoyBp / 100).toFixed(2), gepYoyPercent: a.gepYoyBp === null ? null : (a.gepYoyBp / 100).toFixed(2),
  };
}

export function governmentRoutes(gov: GovernmentServices) {
  const { coordination, plan, regional, cultivation, gep } = gov;
  return async function (app: HttpApp) {
    const today = () => coordination.today();

    // ── coordination cases ────────────────────────────────────────────────────────────────────
    const ct = ['coordination 协调事项'];
    app.get('/api/coordination/types', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: ct, summary: '协调事项类型与办理时限（SLA） / case types and SLAs', response: { 200: Type.Array(CaseTypeView) } } }, async () => {
      const p = coordinationParams();
      return CASE_TYPES.map((t) => ({ type: t, zh: p.types[t].zh, en: p.types[t].en, sla: p.types[t].sla, departmentKind: p.types[t].department }));
    });
    app.get('/api/coordination/departments', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '承办部门及其绑定单位 / departments and the organisations that work them', response: { 200: Type.Array(DepartmentView), ...errorResponses } } },
      async () => (await coordination.departments()).map(presentDepartment));
    app.put('/api/coordination/departments/:code', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '（管理员）将部门绑定到政府单位 / bind a department to a government organisation', params: Type.Object({ code: Type.String({ pattern: '^\\d{6}-[a-z]+$' }) }), body: Type.Object({ organisationId: Nullable(Type.String({ maxLength: 64 })) }), response: { 200: Any, ...errorResponses } },
    }, async (req) => presentDepartment(await coordination.bindDepartment(req.actor, req.params.code, req.body.organisationId)));

    app.post('/api/coordination/cases', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags: ct, summary: '提出协调事项（对接项目、需求/成果或服务机构遇到的堵点），按类型和地区分派承办部门 / raise a coordination case',
        body: Type.Object({
          subjectType: Type.Union(SUBJECT_TYPES.map((s) => Type.Literal(s))), subjectId: Type.String({ minLength: 1, maxLength: 64 }),
          type: Type.Union(CASE_TYPES.map((t) => Type.Literal(t))), title: Type.String({ minLength: 2, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 5000 })),
          regionCode: Type.Optional(Nullable(RegionCode)),
        }),
        response: { 201: CaseView, ...errorResponses },
      },
    }, async (req, reply) => reply.status(201).send(presentCase(await coordination.raise(req.actor, req.body), today())));
    app.get('/api/coordination/cases', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '我提出的（mine）、本部门待办（queue）或全部（all，政府与管理员） / cases', querystring: Type.Object({ scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('queue'), Type.Literal('all')], { default: 'mine' })), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('closed')])) }), response: { 200: Type.Array(CaseView), ...errorResponses } },
    }, async (req) => (await coordination.list(req.actor, req.query.scope ?? 'mine', req.query.status)).map((c) => presentCase(c, today())));
    app.get('/api/coordination/cases/:id', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '协调事项详情与办理过程 / case with its events', params: IdParams, response: { 200: Type.Object({ case: CaseView, events: Type.Array(CaseEventView) }), ...errorResponses } } }, async (req) => {
      const r = await coordination.get(req.actor, req.params.id);
      return { case: presentCase(r.case, today()), events: r.events.map(presentEvent) };
    });
    app.post('/api/coordination/cases/:id/comments', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '补充说明 / comment', params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }), response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await coordination.comment(req.actor, req.params.id, req.body.text);
      return { ok: true };
    });
    app.post('/api/coordination/cases/:id/resolve', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '（承办部门）办结 / resolve', params: IdParams, body: Type.Object({ resolution: Type.String({ minLength: 2, maxLength: 5000 }) }), response: { 200: CaseView, ...errorResponses } } },
      async (req) => presentCase(await coordination.resolve(req.actor, req.params.id, req.body.resolution), today()));
    app.post('/api/coordination/cases/:id/close', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '（提出人）评价满意度 1–5 并关闭 / rate and close', params: IdParams, body: Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }), response: { 200: CaseView, ...errorResponses } } },
      async (req) => presentCase(await coordination.close(req.actor, req.params.id, req.body.rating, req.body.comment), today()));
    app.post('/api/coordination/cases/:id/reopen', { config: { access: { roles: 'signed-in' } }, schema: { tags: ct, summary: '（提出人）对办理结果不认可，退回重办 / send back', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }), response: { 200: CaseView, ...errorResponses } } },
      async (req) => presentCase(await coordination.reopen(req.actor, req.params.id, req.body.reason), today()));
    app.get('/api/coordination/stats', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ct, summary: '各部门协调事项统计（公开）：办结数、办结天数中位数、逾期比例；按首个承办部门归属 / public statistics per department', querystring: Type.Object(PeriodQuery), response: { 200: Type.Array(DepartmentStatsView), ...errorResponses } },
    }, async (req) => {
      const q = req.query;
      const stats = await coordination.stats(q.period || q.from || q.to ? periodOf(q) : undefined);
      return stats.map((s) => ({ department: s.department, name: s.name, nameEn: s.nameEn, raised: s.raised, closed: s.closed, open: s.open, medianDaysToClose: s.medianDaysToClose, overdue: s.overdue, overdueSharePercent: bpToPercent(s.overdueShareBp), ratings: s.ratings, meanRating: s.meanRatingX100 === null ? null : (s.meanRatingX100 / 100).toFixed(2) }));
    });

    // ── plan tasks and indicators ─────────────────────────────────────────────────────────────
    const pt = ['plan 重点任务与指标'];
    app.get('/api/plan', { config: { access: { roles: 'signed-in' } }, schema: { tags: pt, summary: '三年行动方案：领域、重点任务与指标 / areas, tasks, indicators', response: { 200: PlanView, ...errorResponses } } }, async () => {
      const p = await plan.plan();
      return { plan: p.plan, areas: p.areas.map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en, position: a.position })), tasks: p.tasks.map((t) => ({ code: t.code, areaCode: t.area_code, title: t.title, titleEn: t.title_en, ownerDepartment: t.owner_department })), indicators: p.indicators.map(presentIndicator) };
    });
    app.get('/api/plan/progress', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: pt, summary: '指标进度与红黄绿灯（政府、管理员）。规则：线性指标的期望值 = 基期值 + (目标 − 基期值) × 已过天数 ÷ 期间天数；达到期望为绿，达到期望增量的 90% 为黄，否则红；水平类指标（增长率等）以目标值本身为期望 / progress with traffic lights',
        querystring: Type.Object({ asOf: Type.Optional(DateStr) }), response: { 200: PlanProgressView, ...errorResponses },
      },
    }, async (req) => {
      const r = await plan.progress(req.actor, req.query.asOf);
      return {
        plan: r.plan, asOf: r.asOf, areas: r.areas.map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en })),
        indicators: r.indicators.map((i) => ({ ...presentIndicator(i.indicator), value: i.value, valueAsOf: i.valueAsOf, availability: i.availability, detail: i.detail, evidence: i.evidence, light: i.light, expected: i.expected, achievedPercent: bpToPercent(i.achievedBp === null ? null : Math.max(0, i.achievedBp)) })),
      };
    });
    app.put('/api/plan/areas/:code', { config: { access: { roles: ['admin'] } }, schema: { tags: pt, summary: '（管理员）新增或修改领域 / save an area', params: Type.Object({ code: Code }), body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), nameEn: Type.Optional(Type.String({ maxLength: 200 })), position: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })) }), response: { 200: Any, ...errorResponses } } },
      async (req) => ({ ...(await plan.upsertArea(req.actor, req.params.code, req.body)) }));
    app.put('/api/plan/tasks/:code', { config: { access: { roles: ['admin'] } }, schema: { tags: pt, summary: '（管理员）新增或修改重点任务 / save a key task', params: Type.Object({ code: Code }), body: Type.Object({ areaCode: Code, title: Type.String({ minLength: 1, maxLength: 500 }), titleEn: Type.Optional(Type.String({ maxLength: 500 })), ownerDepartment: Type.String({ minLength: 1, maxLength: 60 }) }), response: { 200: Any, ...errorResponses } } },
      async (req) => ({ ...(await plan.upsertTask(req.actor, req.params.code, req.body)) }));
    app.put('/api/plan/indicators/:code', {
      config: { access: { roles: ['admin'] } }, schema: {
        tags: pt, summary: '（管理员）新增或修改指标；未给出的字段保持不变 / save an indicator (omitted fields keep their values)', params: Type.Object({ code: Code }),
        body: Type.Object({
          areaCode: Type.Optional(Code), name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), nameEn: Type.Optional(Type.String({ maxLength: 200 })), unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          baseline: Type.Optional(Decimal), target: Type.Optional(Decimal), direction: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('down')])), trajectory: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('level')])),
          periodStart: Type.Optional(DateStr), periodEnd: Type.Optional(DateStr), ownerDepartment: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
          source: Type.Optional(Type.Union([Type.Literal('computed'), Type.Literal('manual')])), computation: Type.Optional(Nullable(Type.Union(COMPUTATIONS.map((c) => Type.Literal(c))))),
          definition: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })), definitionEn: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
        response: { 200: Any, ...errorResponses },
      },
    }, async (req) => presentIndicator(await plan.upsertIndicator(req.actor, req.params.code, req.body)));
    app.post('/api/plan/indicators/:code/progress', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: pt, summary: '（责任部门）填报手工指标进度并附佐证 / report progress with evidence', params: Type.Object({ code: Code }), body: Type.Object({ asOf: DateStr, value: Decimal, evidence: Type.String({ minLength: 1, maxLength: 5000 }), evidenceUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }), response: { 201: Any, ...errorResponses } },
    }, async (req, reply) => reply.status(201).send(presentProgress(await plan.reportProgress(req.actor, req.params.code, req.body))));
    app.get('/api/plan/indicators/:code/progress', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags: pt, summary: '指标填报记录 / progress reports', params: Type.Object({ code: Code }), response: { 200: Type.Array(ProgressReportView), ...errorResponses } } },
      async (req) => (await plan.progressReports(req.actor, req.params.code)).map(presentProgress));
    app.get('/api/plan/computed/:computation', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: pt, summary: '由平台数据计算的指标值（公开汇总）：本地转化率、技术合同输出/吸纳、发布量、产业化项目数；中试预约与金融放款暂无数据 / a computed indicator for a period',
        params: Type.Object({ computation: Type.Union(COMPUTATIONS.map((c) => Type.Literal(c))) }), querystring: Type.Object(PeriodQuery), response: { 200: ComputedView, ...errorResponses },
      },
    }, async (req) => ({ ...(await plan.compute(req.params.computation as Computation, periodOf(req.query))) }));

    // ── regional statistics ───────────────────────────────────────────────────────────────────
    const rt = ['regional 区域统计'];
    app.get('/api/regional/stats', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: rt, summary: '按市和“一圈一带两区”统计（公开）：发布的需求/成果、各阶段对接项目、登记技术合同成交额；可按产业链筛选；可导出 xlsx / by city and grouping',
        querystring: Type.Object({ ...PeriodQuery, chain: Type.Optional(Type.String({ pattern: '^[A-Z]{2,4}(\\.[A-Z0-9]{2,6}){0,2}$' })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' })) }),
        response: { 200: RegionalStatsView, ...errorResponses },
      },
    }, async (req, reply) => {
      const q = req.query;
      const period = periodOf(q);
      if ((q.format ?? 'json') === 'xlsx') {
        return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="regional-${period.from}-${period.to}.xlsx"`).send((await regional.xlsx(period, q.chain)) as never);
      }
      return regional.stats(period, q.chain);
    });

    // ── enterprise cultivation (四上企业) ────────────────────────────────────────────────────
    const et = ['cultivation 市场主体培育'];
    app.get('/api/cultivation/categories', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: et, summary: '四上企业行业类别与门槛、培育对象默认距离、认定类别（专精特新、高新技术企业）与培育措施类别 / categories and thresholds', response: { 200: CategoriesView } } }, async () => {
      const p = aboveThresholdParams();
      return {
        candidateSharePercent: bpToPercent(p.candidateShareBp)!, kinds: p.kinds, qualifications: p.qualifications,
        designationKinds: Object.entries(DESIGNATION_KINDS).map(([code, k]) => ({ code, zh: k.zh, en: k.en, validityYears: k.validityYears })),
        measureKinds: Object.entries(MEASURE_KINDS).map(([code, k]) => ({ code, zh: k.zh, en: k.en })),
        categories: Object.entries(p.categories).map(([code, c]) => ({ code, kind: c.kind, zh: c.zh, en: c.en, thresholdWan: fenToWan(c.thresholdFen), qualifications: [...c.qualifications] })),
      };
    });
    app.put('/api/cultivation/organisations/:id/reports/:year', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags: et, summary: '填报年度主营业务收入与资质（企业本单位或政府） / report a year', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), year: Year }), body: Type.Object({ category: Type.String({ maxLength: 40 }), revenueWan: Wan, qualification: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) }), response: { 200: Any, ...errorResponses } },
    }, async (req) => {
      const r = await cultivation.report(req.actor, req.params.id, { year: req.params.year, category: req.body.category, revenueFen: fen('revenueWan', req.body.revenueWan), qualification: req.body.qualification });
      return { report: presentReport(r.row), classification: presentClassification(r.classification) };
    });
    app.get('/api/cultivation/organisations/:id/reports', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags: et, summary: '单位的年度填报与分类 / reports with classification', params: IdParams, response: { 200: Type.Array(ClassifiedReportView), ...errorResponses } } },
      async (req) => (await cultivation.reports(req.actor, req.params.id)).map((r) => ({ report: presentReport(r.row), classification: presentClassification(r.classification) })));
    app.get('/api/cultivation/candidates', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: et, summary: '培育对象：低于四上门槛且距门槛在给定百分比以内的企业（默认 20%，可用 withinPercent 调整；政府、管理员） / cultivation candidates',
        querystring: Type.Object({ year: Year, city: Type.Optional(RegionCode), withinPercent: Type.Optional(Type.Number({ minimum: 1, maximum: 99, description: 'how far below the threshold, in percent (default: 100 − candidateSharePercent)' })) }),
        response: { 200: Type.Array(CandidateView), ...errorResponses },
      },
    }, async (req) => (await cultivation.candidates(req.actor, req.query.year, req.query.city, req.query.withinPercent)).map((x) => ({ organisation: x.org ? { id: x.org.id, name: x.org.name, regionCode: x.org.region_code } : { id: x.row.organisation_id }, report: presentReport(x.row), classification: presentClassification(x.classification) })));
    app.get('/api/cultivation/crossings', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: et, summary: '每年达到门槛（上年填报低于门槛、本年达到）的企业数 / enterprises crossing a threshold per year', querystring: Type.Object({ fromYear: Year, toYear: Year }), response: { 200: Type.Array(CrossingView), ...errorResponses } },
    }, async (req) => {
      if (req.query.toYear < req.query.fromYear) throw invalidField('toYear', '结束年份不能早于开始年份', 'must not be before fromYear');
      return cultivation.crossings(req.actor, req.query.fromYear, req.query.toYear);
    });
    const DesignationKindParam = Type.Union(Object.keys(DESIGNATION_KINDS).map((k) => Type.Literal(k)));
    const DesignationStatusParam = Type.Union(DESIGNATION_STATUSES.map((k) => Type.Literal(k)));
    app.put('/api/cultivation/organisations/:id/designations/:kind', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: et, summary: '（政府）记录企业的专精特新、高新技术企业等培育与认定情况（每类一条，重复提交则更新；未给有效期时按认定日期加有效年限） / track a recognition',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), kind: DesignationKindParam }),
        body: Type.Object({ status: DesignationStatusParam, recognisedOn: Type.Optional(Nullable(DateStr)), expiresOn: Type.Optional(Nullable(DateStr)), certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 60 }))), note: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: { 200: DesignationView, ...errorResponses },
      },
    }, async (req) => presentDesignation(await cultivation.setDesignation(req.actor, req.params.id, req.params.kind as DesignationKind, req.body)));
    app.get('/api/cultivation/organisations/:id/designations', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags: et, summary: '企业的认定情况（过期的已认定记录显示为已过期） / recognitions of an enterprise', params: IdParams, response: { 200: Type.Array(DesignationView), ...errorResponses } } },
      async (req) => (await cultivation.designationsOf(req.actor, req.params.id)).map(presentDesignation));
    app.get('/api/cultivation/designations', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: et, summary: '专精特新、高新技术企业跟踪：按类别、状态、城市筛选，或列出 N 天内到期的（政府、管理员） / tracking list',
        querystring: Type.Object({ kind: Type.Optional(DesignationKindParam), status: Type.Optional(DesignationStatusParam), city: Type.Optional(RegionCode), expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })) }),
        response: { 200: DesignationListView, ...errorResponses },
      },
    }, async (req) => {
      const list = await cultivation.designations(req.actor, { ...req.query, kind: req.query.kind as DesignationKind | undefined });
      const counts: Record<string, Record<string, number>> = {};
      for (const x of list) {
        counts[x.row.kind] ??= {};
        counts[x.row.kind][x.row.status] = (counts[x.row.kind][x.row.status] ?? 0) + 1;
      }
      return { counts, items: list.map((x) => ({ organisation: x.org ? { id: x.org.id, name: x.org.name, regionCode: x.org.region_code } : { id: x.row.organisation_id }, designation: presentDesignation(x.row) })) };
    });
    app.post('/api/cultivation/organisations/:id/measures', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: et, summary: '（政府）记录对企业采取的培育措施（走访、政策兑现、融资对接等） / record a cultivation measure', params: IdParams,
        body: Type.Object({ kind: Type.Union(Object.keys(MEASURE_KINDS).map((k) => Type.Literal(k))), title: Type.String({ minLength: 2, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 5000 })), takenOn: DateStr }),
        response: { 201: MeasureView, ...errorResponses },
      },
    }, async (req, reply) => reply.status(201).send(presentMeasure(await cultivation.recordMeasure(req.actor, req.params.id, { ...req.body, kind: req.body.kind as MeasureKind }))));
    app.get('/api/cultivation/organisations/:id/measures', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags: et, summary: '企业的培育措施记录，最新在前（政府、管理员、企业本单位） / measures for an enterprise', params: IdParams, response: { 200: Type.Array(MeasureView), ...errorResponses } } },
      async (req) => (await cultivation.measures(req.actor, req.params.id)).map(presentMeasure));

    // ── GDP + GEP ─────────────────────────────────────────────────────────────────────────────
    const gt = ['gep GDP与GEP双核算'];
    const RegionYear = Type.Object({ region: RegionCode, year: Year });
    app.get('/api/gep/items', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: gt, summary: 'GEP 核算项目、单价与计算选项（data/reference/gep.json，只读） / items, prices, options', response: { 200: GepItemsView } } }, async () => {
      const p = gepParams();
      return { options: p.options, categories: p.categories, items: Object.values(p.items) };
    });
    app.get('/api/gep/regions', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: gt, summary: '辽东绿色经济区核算单元 / regions of the Liaodong green zone', response: { 200: Type.Array(GepRegionView) } } }, async () => gep.zoneRegions());
    app.post('/api/gep/import', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags: gt,
        summary: '（政府）xlsx 导入实物量与 GDP：第一个工作表，列依次为 地区代码 | 年度 | 项目（代码或中文名，GDP 行填“GDP”，数值为万元） | 实物量 | 单价（元，可空）；首行可为表头。先逐行校验，有任何错误则不写入并逐行报告（fields: rows.<行号>.<列>）；每个地区年度的实物量整体替换。dryRun 只校验 / import quantities and GDP from xlsx',
        body: Type.Object({ fileBase64: Type.String({ minLength: 4, maxLength: 1_000_000 }), dryRun: Type.Optional(Type.Boolean()) }),
        response: { 200: GepImportView, ...errorResponses },
      },
    }, async (req) => gep.importWorkbook(req.actor, Buffer.from(req.body.fileBase64, 'base64'), req.body.dryRun === true));
    app.put('/api/gep/:region/:year/gdp', { config: { access: { roles: ['government', 'admin'] } }, schema: { tags: gt, summary: '（政府）录入地区生产总值 GDP / enter GDP', params: RegionYear, body: Type.Object({ gdpWan: Wan }), response: { 200: Any, ...errorResponses } } }, async (req) => {
      await gep.setGdp(req.actor, req.params.region, req.params.year, fen('gdpWan', req.body.gdpWan));
      return presentAccount(await gep.account(req.params.region, req.params.year));
    });
    app.put('/api/gep/:region/:year/quantities', {
      config: { access: { roles: ['government', 'admin'] } }, schema: { tags: gt, summary: '（政府）录入（替换）该地区该年度的实物量，可附本地价格 / enter physical quantities', params: RegionYear, body: Type.Object({ items: Type.Array(Type.Object({ code: Type.String({ maxLength: 40 }), quantity: Type.String({ maxLength: 30 }), priceYuan: Type.Optional(Nullable(Type.String({ maxLength: 30 }))) }), { maxItems: 100 }) }), response: { 200: Any, ...errorResponses } },
    }, async (req) => presentAccount(await gep.setQuantities(req.actor, req.params.region, req.params.year, req.body.items)));
    app.get('/api/gep/:region/:year', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: gt, summary: 'GDP、GEP（分项明细）及 GEP/GDP 比值、同比（公开） / GDP, GEP with breakdown and ratio', params: RegionYear, response: { 200: GepAccountView, ...errorResponses } } },
      async (req) => presentAccount(await gep.account(req.params.region, req.params.year)));
    app.get('/api/gep/:region', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: gt, summary: '各年度 GDP 与 GEP 序列（公开） / yearly series', params: Type.Object({ region: RegionCode }), response: { 200: Type.Array(GepAccountView), ...errorResponses } } },
      async (req) => (await gep.series(req.params.region)).map(presentAccount));
  };
}
