import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { fenToWan } from '../../kernel/money.js';
import { parseJsonArray } from '../../kernel/context.js';
import { invalidField } from '../../kernel/errors.js';
import { errorResponses, IdParams, type HttpApp, Nullable, Wan, fenFromWan as fen } from '../../kernel/http/index.js';
import { COMPARATORS, hundredthsToPoints, isDecimal, pointsToHundredths, type Aggregate, type Criterion, type EligibilityRules, type Indicator, type IndicatorResult, type Reason } from './core/index.js';
import type { ProgrammesService } from './programmes.service.js';
import type { ChallengeDemand, ChallengeRow, ProgrammeApplicationRow, ProgrammeMilestoneRow, ProgrammeProjectRow, ProgrammeReviewRow, ProgrammeRow } from './programmes.table.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Points = Type.String({ pattern: '^\\d{1,4}(\\.\\d{1,2})?$', description: '分数，最多两位小数 / points with at most two decimals' });
const DecimalStr = Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,6})?$', description: 'exact decimal string' });
const Ok = <T extends TSchema>(t: T) => ({ 200: t, ...errorResponses });
const Created = <T extends TSchema>(t: T) => ({ 201: t, ...errorResponses });

// ── response shapes ──────────────────────────────────────────────────────────────────────────
const ReasonS = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
const IndicatorS = Type.Object({ name: Type.String(), unit: Type.String(), target: Type.String(), comparator: Type.String() });
const CriterionS = Type.Object({ key: Type.String(), name: Type.String(), maxPoints: Type.String() });
const RulesS = Type.Object({
  regions: Type.Array(Type.String()), orgTypes: Type.Array(Type.String()), excludeAbnormalList: Type.Boolean(), excludeSeriousList: Type.Boolean(),
  worstCreditClass: Nullable(Type.String()), unratedCountsAs: Type.String(),
});
const ProgrammeS = Type.Object({
  id: Type.String(), title: Type.String(), issuerName: Type.String(), issuerOrgId: Nullable(Type.String()), description: Type.String(), budgetWan: Type.String(),
  applyFrom: Type.String(), applyUntil: Type.String(), schedule: Type.Array(Type.Object({ label: Type.String(), date: Type.String() })), rules: RulesS,
  criteria: Type.Array(CriterionS), dropExtremes: Type.Boolean(), status: Type.String(), createdAt: Type.String(),
});
const ChallengeS = Type.Object({
  id: Type.String(), programmeId: Type.String(), title: Type.String(), description: Type.String(),
  demands: Type.Array(Type.Object({ demandId: Type.String(), organisationId: Type.String(), title: Type.String(), cofundWan: Type.String(), indicators: Type.Array(IndicatorS) })),
  budgetWan: Type.String(), cofundWan: Type.String(), fundingWan: Type.String(), status: Type.String(), resultsPublishedAt: Nullable(Type.String()), createdAt: Type.String(),
  applications: Type.Optional(Type.Integer()),
  award: Type.Optional(Nullable(Type.Object({ organisationId: Type.String(), organisationName: Type.String(), awardedWan: Type.String(), projectId: Type.String() }))),
});
const AggregateS = Type.Object({ count: Type.Integer(), used: Type.Integer(), dropped: Nullable(Type.Object({ highest: Type.String(), lowest: Type.String() })), mean: Nullable(Type.String()) });
const ReviewS = Type.Object({
  id: Type.String(), reviewerUserId: Type.String(), reviewerName: Type.String(), status: Type.String(), exclusion: Type.Array(ReasonS),
  sheet: Type.Array(Type.Object({ key: Type.String(), points: Type.String() })), total: Nullable(Type.String()), comment: Type.String(), scoredAt: Nullable(Type.String()),
});
const MilestonePlanS = Type.Object({ title: Type.String(), due: Type.String(), amountWan: Type.String(), deliverable: Type.String(), indicators: Type.Array(Type.String()) });
const ApplicationS = Type.Object({
  id: Type.String(), challengeId: Type.String(), organisationId: Type.String(), title: Type.String(), plan: Type.String(),
  team: Type.Array(Type.Object({ name: Type.String(), title: Type.Optional(Type.String()), role: Type.Optional(Type.String()), email: Type.Optional(Nullable(Type.String())) })),
  coAuthors: Type.Array(Type.String()), budgetWan: Type.String(), milestones: Type.Array(MilestonePlanS), eligibility: Type.Object({ eligible: Type.Boolean(), reasons: Type.Array(ReasonS) }),
  status: Type.String(), createdAt: Type.String(), reviewStatus: Type.Optional(Nullable(Type.String())),
});
const ApplicationDetailS = Type.Object({
  application: ApplicationS, access: Type.String(), challenge: ChallengeS, criteria: Type.Array(CriterionS), resultsPublished: Type.Boolean(), aggregate: Nullable(AggregateS), reviews: Type.Array(ReviewS),
});
const MilestoneS = Type.Object({
  id: Type.String(), seq: Type.Integer(), title: Type.String(), due: Type.String(), deliverable: Type.String(), amountWan: Type.String(), indicators: Type.Array(IndicatorS), status: Type.String(),
  report: Nullable(Type.String()), reportedValues: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  acceptance: Nullable(Type.Array(Type.Object({ name: Type.String(), unit: Type.String(), target: Type.String(), comparator: Type.String(), value: Nullable(Type.String()), met: Type.Boolean() }))),
  returnReason: Nullable(Type.String()), paidWan: Nullable(Type.String()), paidOn: Nullable(Type.String()),
});
const ProjectS = Type.Object({
  id: Type.String(), challengeId: Type.String(), applicationId: Type.String(), organisationId: Type.String(), title: Type.String(), awardedWan: Type.String(), status: Type.String(),
  dealId: Nullable(Type.String()), contractId: Nullable(Type.String()), createdAt: Type.String(),
});
const ProjectDetailS = Type.Object({ project: ProjectS, organisationName: Type.String(), challenge: ChallengeS, milestones: Type.Array(MilestoneS), paidWan: Type.String(), dealStage: Nullable(Type.String()) });
const RankingS = Type.Array(Type.Object({ application: ApplicationS, organisationName: Type.String(), aggregate: AggregateS, rank: Nullable(Type.Integer()), pending: Type.Integer(), excluded: Type.Integer() }));
const ReviewerS = Type.Object({
  userId: Type.String(), name: Type.String(), email: Type.String(), organisationId: Type.Optional(Nullable(Type.String())), declaredCoAuthors: Type.Optional(Type.Array(Type.String())),
  reviews: Type.Array(Type.Object({ applicationId: Type.String(), status: Type.String(), exclusion: Type.Array(ReasonS) })),
});

// ── presenters ───────────────────────────────────────────────────────────────────────────────
const wan = (f: number | null | undefined) => fenToWan(f === null || f === undefined ? f : Number(f)) ?? '0';
const presentCriteria = (cs: Criterion[]) => cs.map((c) => ({ key: c.key, name: c.name, maxPoints: hundredthsToPoints(c.maxHundredths) }));
function presentProgramme(p: ProgrammeRow) {
  return {
    id: p.id, title: p.title, issuerName: p.issuer_name, issuerOrgId: p.issuer_org_id, description: p.description, budgetWan: wan(p.budget_fen), applyFrom: p.apply_from, applyUntil: p.apply_until,
    schedule: parseJsonArray<{ label: string; date: string }>(p.schedule), rules: JSON.parse(p.rules) as EligibilityRules, criteria: presentCriteria(JSON.parse(p.criteria)), dropExtremes: p.drop_extremes === 1, status: p.status, createdAt: p.created_at,
  };
}
function presentChallenge(c: ChallengeRow, facts?: Awaited<ReturnType<ProgrammesService['challengeFacts']>>) {
  return {
    id: c.id, programmeId: c.programme_id, title: c.title, description: c.description,
    demands: parseJsonArray<ChallengeDemand>(c.demands).map((d) => ({ demandId: d.demandId, organisationId: d.orgId, title: d.title, cofundWan: wan(d.cofundFen), indicators: d.indicators })),
    budgetWan: wan(c.budget_fen), cofundWan: wan(c.cofund_fen), fundingWan: wan(Number(c.budget_fen) + Number(c.cofund_fen)), status: c.status, resultsPublishedAt: c.results_published_at, createdAt: c.created_at,
    ...(facts ? { applications: facts.applications, award: facts.award && { organisationId: facts.award.organisationId, organisationName: facts.award.organisationName, awardedWan: wan(facts.award.awardedFen), projectId: facts.award.projectId } } : {}),
  };
}
function presentApplication(a: ProgrammeApplicationRow, reviewStatus?: string | null) {
  return {
    id: a.id, challengeId: a.challenge_id, organisationId: a.organisation_id, title: a.title, plan: a.plan, team: parseJsonArray<{ name: string; title?: string; role?: string; email?: string | null }>(a.team), coAuthors: parseJsonArray<string>(a.co_authors), budgetWan: wan(a.budget_fen),
    milestones: parseJsonArray<{ title: string; due: string; amountFen: number; deliverable?: string; indicators?: string[] }>(a.milestones).map((m) => ({ title: m.title, due: m.due, amountWan: wan(m.amountFen), deliverable: m.deliverable ?? '', indicators: m.indicators ?? [] })),
    eligibility: (a.eligibility ? JSON.parse(a.eligibility) : { eligible: true, reasons: [] }) as { eligible: boolean; reasons: Reason[] }, status: a.status, createdAt: a.created_at, ...(reviewStatus !== undefined ? { reviewStatus } : {}),
  };
}
const presentAggregate = (g: Aggregate) => ({ count: g.count, used: g.used.length, dropped: g.dropped && { highest: hundredthsToPoints(g.dropped.highest), lowest: hundredthsToPoints(g.dropped.lowest) }, mean: g.mean });
function presentReview(r: ProgrammeReviewRow & { reviewerName: string }) {
  return {
    id: r.id, reviewerUserId: r.reviewer_user_id, reviewerName: r.reviewerName, status: r.status, exclusion: parseJsonArray<Reason>(r.exclusion),
    sheet: parseJsonArray<{ key: string; hundredths: number }>(r.sheet).map((s) => ({ key: s.key, points: hundredthsToPoints(s.hundredths) })),
    total: r.total_hundredths === null ? null : hundredthsToPoints(Number(r.total_hundredths)), comment: r.comment, scoredAt: r.scored_at,
  };
}
function presentMilestone(m: ProgrammeMilestoneRow) {
  return {
    id: m.id, seq: m.seq, title: m.title, due: m.due, deliverable: m.deliverable, amountWan: wan(m.amount_fen), indicators: parseJsonArray<Indicator>(m.indicators), status: m.status, report: m.report,
    reportedValues: parseJsonArray<{ name: string; value: string }>(m.reported_values), acceptance: m.acceptance ? (JSON.parse(m.acceptance) as IndicatorResult[]) : null, returnReason: m.return_reason, paidWan: m.paid_fen === null ? null : wan(m.paid_fen), paidOn: m.paid_on,
  };
}
const presentProject = (p: ProgrammeProjectRow) => ({
  id: p.id, challengeId: p.challenge_id, applicationId: p.application_id, organisationId: p.organisation_id, title: p.title, awardedWan: wan(p.awarded_fen), status: p.status, dealId: p.deal_id, contractId: p.contract_id, createdAt: p.created_at,
});

// ── request bodies ───────────────────────────────────────────────────────────────────────────
const IndicatorBody = Type.Object({ name: Text(60, 1), unit: Text(20), target: DecimalStr, comparator: Lit(COMPARATORS) });
const ProgrammeBody = Type.Object({
  title: Text(120, 1), issuerName: Type.Optional(Text(100)), description: Type.Optional(Text(8000)), budgetWan: Wan, applyFrom: DateStr, applyUntil: DateStr,
  schedule: Type.Optional(Type.Array(Type.Object({ label: Text(60, 1), date: DateStr }), { maxItems: 20 })),
  rules: Type.Optional(Type.Object({
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{2,6}$' }), { maxItems: 40 })), orgTypes: Type.Optional(Type.Array(Text(40, 1), { maxItems: 12 })),
    excludeAbnormalList: Type.Optional(Type.Boolean()), excludeSeriousList: Type.Optional(Type.Boolean()), worstCreditClass: Type.Optional(Nullable(Lit(['A', 'B', 'C', 'D'] as const))), unratedCountsAs: Type.Optional(Lit(['A', 'B', 'C', 'D'] as const)),
  })),
  criteria: Type.Optional(Type.Array(Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,30}$' }), name: Text(60, 1), maxPoints: Points }), { minItems: 1, maxItems: 12 })),
  dropExtremes: Type.Optional(Type.Boolean()),
});
const ChallengeBody = Type.Object({
  title: Text(120, 1), description: Type.Optional(Text(8000)), budgetWan: Wan,
  demands: Type.Array(Type.Object({ demandId: Text(64, 1), cofundWan: Wan, indicators: Type.Array(IndicatorBody, { minItems: 1, maxItems: 20 }) }), { minItems: 1, maxItems: 10 }),
});
const ApplicationBody = Type.Object({
  title: Text(120, 1), plan: Text(20000, 1), budgetWan: Wan,
  team: Type.Array(Type.Object({ name: Text(40, 1), title: Type.Optional(Text(60)), role: Type.Optional(Text(60)), email: Type.Optional(Nullable(Text(120))) }), { minItems: 1, maxItems: 50 }),
  coAuthors: Type.Optional(Type.Array(Text(120, 1), { maxItems: 100 })),
  milestones: Type.Array(Type.Object({ title: Text(120, 1), due: DateStr, amountWan: Wan, deliverable: Type.Optional(Text(2000)), indicators: Type.Optional(Type.Array(Text(60, 1), { maxItems: 20 })) }), { minItems: 1, maxItems: 12 }),
});
type ApplicationBodyT = Static<typeof ApplicationBody>;

const GOV = ['government', 'admin'] as const;
const TEAMS = ['enterprise', 'institution'] as const;
const PROJECT_SIDES = ['enterprise', 'institution', 'government', 'admin'] as const;

export function programmesRoutes(deps: { programmes: ProgrammesService }) {
  const { programmes: svc } = deps;
  return async function (app: HttpApp) {
    const tags = ['programmes 揭榜挂帅'];

    const challengeOut = async (c: ChallengeRow) => presentChallenge(c, await svc.challengeFacts(c));

    // programmes
    app.get('/api/programmes', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '揭榜挂帅专项列表', response: Ok(Type.Array(ProgrammeS)) } }, async () => (await svc.programmes()).map(presentProgramme));
    app.post('/api/programmes', {
      config: { access: { roles: GOV } }, schema: { tags, summary: '发布专项（政府）：发榜单位、总经费、申报时间、申报条件（地区、单位类型、信用）、评分表、是否去掉最高最低分', body: ProgrammeBody, response: Created(ProgrammeS) },
    }, async (req, reply) => {
      const b = req.body;
      const criteria = b.criteria?.map((c, i) => {
        const h = pointsToHundredths(c.maxPoints);
        if (!h) throw invalidField(`criteria.${i}.maxPoints`, '满分须大于 0', 'must be above 0');
        return { key: c.key, name: c.name, maxHundredths: h };
      });
      const row = await svc.createProgramme(req.actor, { ...b, budgetFen: fen('budgetWan', b.budgetWan), criteria, rules: b.rules as Partial<EligibilityRules> | undefined });
      return reply.status(201).send(presentProgramme(row));
    });
    app.get('/api/programmes/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: Ok(Type.Object({ programme: ProgrammeS, challenges: Type.Array(ChallengeS) })) } }, async (req) => {
      const p = await svc.programme(req.params.id);
      const cs = await svc.challenges({ programmeId: p.id });
      return { programme: presentProgramme(p), challenges: await Promise.all(cs.map(challengeOut)) };
    });

    // challenges
    app.post('/api/programmes/:id/challenges', {
      config: { access: { roles: GOV } }, schema: { tags, summary: '由已发布的企业技术需求生成榜单（政府）：每项需求的企业配套经费与可量化验收指标', params: IdParams, body: ChallengeBody, response: Created(ChallengeS) },
    }, async (req, reply) => {
      const b = req.body;
      const row = await svc.createChallenge(req.actor, req.params.id, {
        ...b, budgetFen: fen('budgetWan', b.budgetWan), demands: b.demands.map((d, i) => ({ demandId: d.demandId, cofundFen: fen(`demands.${i}.cofundWan`, d.cofundWan), indicators: d.indicators })),
      });
      return reply.status(201).send(presentChallenge(row));
    });
    app.get('/api/challenges', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '榜单列表', querystring: Type.Object({ programme: Type.Optional(Text(64)), status: Type.Optional(Lit(['open', 'review', 'awarded'] as const)) }), response: Ok(Type.Array(ChallengeS)) } },
      async (req) => Promise.all((await svc.challenges({ programmeId: req.query.programme, status: req.query.status })).map(challengeOut)));
    app.get('/api/challenges/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: Ok(Type.Object({ challenge: ChallengeS, programme: ProgrammeS })) } }, async (req) => {
      const c = await svc.challenge(req.params.id);
      return { challenge: await challengeOut(c), programme: presentProgramme(await svc.programme(c.programme_id)) };
    });
    app.get('/api/challenges/:id/eligibility', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] as const, note: '需要所属单位 / needs an organisation' } }, schema: { tags, summary: '本单位揭榜资格自查：逐条列出不符合的条件', params: IdParams, querystring: Type.Object({ budgetWan: Type.Optional(Wan) }), response: Ok(Type.Object({ eligible: Type.Boolean(), reasons: Type.Array(ReasonS) })) },
    }, async (req) => svc.eligibility(req.actor, req.params.id, req.query.budgetWan ? fen('budgetWan', req.query.budgetWan) : 0));
    app.post('/api/challenges/:id/applications', {
      config: { access: { roles: TEAMS } }, schema: { tags, summary: '揭榜申请（高校院所、企业）：技术方案、团队、经费、里程碑；不符合条件时逐条说明（PROGRAMME_NOT_ELIGIBLE）', params: IdParams, body: ApplicationBody, response: Created(ApplicationS) },
    }, async (req, reply) => {
      const b: ApplicationBodyT = req.body;
      const row = await svc.apply(req.actor, req.params.id, {
        ...b, budgetFen: fen('budgetWan', b.budgetWan), milestones: b.milestones.map((m, i) => ({ title: m.title, due: m.due, amountFen: fen(`milestones.${i}.amountWan`, m.amountWan), deliverable: m.deliverable, indicators: m.indicators })),
      });
      return reply.status(201).send(presentApplication(row));
    });
    app.post('/api/challenges/:id/close', { config: { access: { roles: GOV } }, schema: { tags, summary: '截止揭榜，进入评审（政府）', params: IdParams, response: Ok(ChallengeS) } }, async (req) => presentChallenge(await svc.closeApplications(req.actor, req.params.id)));
    app.get('/api/challenges/:id/reviewers', { config: { access: { roles: GOV } }, schema: { tags, summary: '评审专家及回避情况（政府）', params: IdParams, response: Ok(Type.Array(ReviewerS)) } }, async (req) =>
      (await svc.reviewers(req.actor, req.params.id)).map((r) => ({ ...r, reviews: r.reviews.map((x) => ({ applicationId: x.application_id, status: x.status, exclusion: parseJsonArray<Reason>(x.exclusion) })) })));
    app.post('/api/challenges/:id/reviewers', {
      config: { access: { roles: GOV } }, schema: {
        tags, summary: '指派评审专家（政府，按用户 ID 或邮箱）；与申报单位同单位、来自发榜企业、团队成员或申报的合著者自动回避并记录理由', params: IdParams,
        body: Type.Object({ userId: Type.Optional(Text(64, 1)), email: Type.Optional(Text(200, 3)), declaredCoAuthors: Type.Optional(Type.Array(Text(120, 1), { maxItems: 100 })) }), response: Created(ReviewerS),
      },
    }, async (req, reply) => {
      const r = await svc.assignReviewer(req.actor, req.params.id, req.body);
      return reply.status(201).send({ userId: r.userId, name: r.name, email: r.email, reviews: r.reviews.map((x) => ({ applicationId: x.application_id, status: x.status, exclusion: parseJsonArray<Reason>(x.exclusion) })) });
    });
    app.get('/api/challenges/:id/ranking', { config: { access: { roles: GOV } }, schema: { tags, summary: '评审汇总排名（政府）：按评分表合计的平均分，按配置去掉一个最高分和一个最低分', params: IdParams, response: Ok(RankingS) } }, async (req) =>
      (await svc.ranking(req.actor, req.params.id)).map((r) => ({ application: presentApplication(r.app), organisationName: r.organisationName, aggregate: presentAggregate(r.aggregate), rank: r.rank, pending: r.pending, excluded: r.excluded })));
    app.post('/api/challenges/:id/award', {
      config: { access: { roles: GOV } }, schema: { tags, summary: '确定揭榜单位并立项（政府）：经费不超过申请与榜单经费，且不少于里程碑拨付合计', params: IdParams, body: Type.Object({ applicationId: Text(64, 1), awardedWan: Type.Optional(Wan) }), response: Created(ProjectS) },
    }, async (req, reply) => reply.status(201).send(presentProject(await svc.award(req.actor, req.params.id, { applicationId: req.body.applicationId, awardedFen: req.body.awardedWan ? fen('awardedWan', req.body.awardedWan) : null }))));
    app.post('/api/challenges/:id/publish', { config: { access: { roles: GOV } }, schema: { tags, summary: '公布评审结果（政府）：此后申报团队可见本团队得分', params: IdParams, response: Ok(ChallengeS) } }, async (req) => presentChallenge(await svc.publishResults(req.actor, req.params.id)));

    // applications
    app.get('/api/applications', {
      config: { access: { roles: 'signed-in' as const, note: 'scope=challenge: government/admin only' } }, schema: { tags, summary: 'mine：本单位的揭榜申请；review：指派给我评审的（不含回避）；challenge：某榜单的全部申请（政府）', querystring: Type.Object({ scope: Lit(['mine', 'review', 'challenge'] as const), challenge: Type.Optional(Text(64)) }), response: Ok(Type.Array(ApplicationS)) },
    }, async (req) => (await svc.applications(req.actor, req.query.scope, req.query.challenge)).map((r) => presentApplication(r.row, req.query.scope === 'review' ? r.reviewStatus : undefined)));
    app.get('/api/applications/:id', { config: { access: { roles: 'signed-in' as const, owner: true, note: 'the team, government/admin, or an assigned reviewer not excluded; others 404' } }, schema: { tags, summary: '揭榜申请详情：政府见全部评分；评审专家只见本人评分；团队在结果公布后见汇总得分', params: IdParams, response: Ok(ApplicationDetailS) } }, async (req) => {
      const d = await svc.application(req.actor, req.params.id);
      return {
        application: presentApplication(d.app), access: d.access, challenge: presentChallenge(d.challenge), criteria: presentCriteria(JSON.parse(d.programme.criteria)), resultsPublished: Boolean(d.challenge.results_published_at),
        aggregate: d.aggregate && presentAggregate(d.aggregate), reviews: d.reviews.map(presentReview),
      };
    });
    app.post('/api/applications/:id/scores', {
      config: { access: { roles: 'signed-in' as const, owner: true, note: 'an assigned reviewer not excluded' } }, schema: { tags, summary: '评审打分（被指派且未回避的专家；评审阶段可修改）', params: IdParams, body: Type.Object({ sheet: Type.Array(Type.Object({ key: Text(32, 1), points: Points }), { minItems: 1, maxItems: 12 }), comment: Type.Optional(Text(4000)) }), response: Ok(ReviewS) },
    }, async (req) => {
      const sheet = req.body.sheet.map((s) => ({ key: s.key, hundredths: pointsToHundredths(s.points)! }));
      const r = await svc.score(req.actor, req.params.id, { sheet, comment: req.body.comment });
      return presentReview({ ...r, reviewerName: req.actor.kind === 'user' ? req.actor.name : '' });
    });
    app.post('/api/applications/:id/withdraw', { config: { access: { roles: TEAMS, owner: true } }, schema: { tags, summary: '撤回揭榜申请（团队，立项前）', params: IdParams, response: Ok(ApplicationS) } }, async (req) => presentApplication(await svc.withdraw(req.actor, req.params.id)));

    // projects
    app.get('/api/projects', { config: { access: { roles: 'signed-in' as const, note: 'own organisation’s projects; government/admin all' } }, schema: { tags, summary: '揭榜项目：团队见本单位的，政府见全部', response: Ok(Type.Array(ProjectS)) } }, async (req) => (await svc.projects(req.actor)).map(presentProject));
    app.get('/api/projects/:id', { config: { access: { roles: PROJECT_SIDES, owner: true } }, schema: { tags, params: IdParams, response: Ok(ProjectDetailS) } }, async (req) => {
      const d = await svc.project(req.actor, req.params.id);
      return {
        project: presentProject(d.project), organisationName: d.organisationName, challenge: presentChallenge(d.challenge), milestones: d.milestones.map(presentMilestone),
        paidWan: wan(d.milestones.reduce((s, m) => s + Number(m.paid_fen ?? 0), 0)), dealStage: await svc.dealStage(d.project.deal_id),
      };
    });
    app.post('/api/projects/:id/milestones/:milestoneId/:action', {
      config: { access: { roles: PROJECT_SIDES, owner: true, note: 'report: the team; accept/return/pay: government/admin' } }, schema: {
        tags, summary: '里程碑：团队 report（报告与指标实测值）；政府 accept（按验收指标）、return（理由）、pay（按里程碑金额拨付，累计不超过立项经费）',
        params: Type.Object({ id: Text(64, 1), milestoneId: Text(64, 1), action: Lit(['report', 'accept', 'return', 'pay'] as const) }),
        body: Type.Object({ report: Type.Optional(Text(20000)), values: Type.Optional(Type.Array(Type.Object({ name: Text(60, 1), value: Text(30, 1) }), { maxItems: 40 })), reason: Type.Optional(Text(2000)), date: Type.Optional(DateStr) }),
        response: Ok(MilestoneS),
      },
    }, async (req) => {
      for (const [i, v] of (req.body.values ?? []).entries()) if (!isDecimal(v.value)) throw invalidField(`values.${i}.value`, '实测值须为数字', 'must be a number');
      return presentMilestone(await svc.milestoneAct(req.actor, req.params.id, req.params.milestoneId, req.params.action, req.body));
    });
    app.put('/api/projects/:id/outcome', {
      config: { access: { roles: PROJECT_SIDES, owner: true } }, schema: { tags, summary: '关联转化成果：对接项目（团队须为当事方）与该项目已登记的技术合同', params: IdParams, body: Type.Object({ dealId: Text(64, 1), contractId: Type.Optional(Nullable(Text(64, 1))) }), response: Ok(ProjectS) },
    }, async (req) => presentProject(await svc.linkOutcome(req.actor, req.params.id, req.body)));
  };
}
