/**
 * Challenge programmes (揭榜挂帅): government publishes a programme (issuer, budget, schedule, eligibility rules, a
 * scoring sheet) and challenges made from enterprise demands (co-funding, acceptance indicators); teams apply with a
 * plan, team, budget and milestones and are checked for eligibility automatically; reviewers assigned per challenge
 * score the applications they are not in conflict with; government ranks, awards and publishes; the award becomes a
 * project whose milestones are reported, accepted against the indicators and paid; the outcome links to a deal and a
 * registered contract.
 *
 * Who sees what: programmes and challenges are public; an application is seen by its team's organisation, by
 * government users and by reviewers assigned to it and not excluded; scores reach a team only once results are
 * published, and never another team's application.
 */
import { fenToWan } from '../../kernel/money.js';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type Executor, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { DemandsService } from '../demands/index.js';
import type { DealsService } from '../deals/index.js';
import type { ContractsService } from '../contracts/index.js';
import {
  aggregateScores, checkEligibility, checkMilestonePlan, checkSheet, conflictsOf, milestoneTransition, rankByScore,
  type Criterion, type CreditClass, type Eligibility, type EligibilityRules, type Indicator, type MilestoneAction, type Reason,
} from './core/index.js';
import { DEFAULT_CRITERIA, DEFAULT_RULES, MIN_SCORES_TO_DROP } from './programmes.params.js';
import type { ChallengeDemand, ChallengeRow, ProgrammeApplicationRow, ProgrammeMilestoneRow, ProgrammeProjectRow, ProgrammeReviewRow, ProgrammeRow } from './programmes.table.js';

/** Credit status, as CreditService.status answers it. */
export interface ProgrammesCreditPort {
  status(orgId: string): Promise<{ abnormal: boolean; serious: boolean; deregistered: boolean; riskClass: string | null }>;
}

export interface ProgrammeInput {
  title: string;
  issuerName?: string;
  description?: string;
  budgetFen: number;
  applyFrom: string;
  applyUntil: string;
  schedule?: { label: string; date: string }[];
  rules?: Partial<EligibilityRules>;
  criteria?: Criterion[];
  dropExtremes?: boolean;
}

export interface ChallengeInput {
  title: string;
  description?: string;
  budgetFen: number;
  demands: { demandId: string; cofundFen: number; indicators: Indicator[] }[];
}

export interface TeamMember {
  name: string;
  title?: string;
  role?: string;
  email?: string | null;
}

export interface MilestonePlan {
  title: string;
  due: string;
  amountFen: number;
  deliverable?: string;
  /** names of challenge indicators this milestone is accepted against */
  indicators?: string[];
}

export interface ApplicationInput {
  title: string;
  plan: string;
  team: TeamMember[];
  coAuthors?: string[];
  budgetFen: number;
  milestones: MilestonePlan[];
}

const TEAM_ROLES = ['enterprise', 'institution'];
const isGov = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && (a.role === 'government' || a.role === 'admin'));
const SYS: Actor = { kind: 'system', process: 'programmes' };

export type ApplicationAccess = 'government' | 'team' | 'reviewer';

export class ProgrammesService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: {
      organisations: OrganisationsService;
      accounts: AccountsService;
      demands: DemandsService;
      credit: ProgrammesCreditPort;
      deals: DealsService;
      contracts: ContractsService;
      notifications?: NotificationsService;
    },
  ) {}

  private today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  private requireGov(actor: Actor): void {
    if (!isGov(actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  }

  private async audit(trx: Executor<DB>, actor: Actor, action: string, subjectType: string, subjectId: string, after: unknown, before?: unknown): Promise<void> {
    await recordAudit(trx as never, actor, { action, subjectType, subjectId, before, after, requestId: actor.requestId }, this.ctx.clock.now());
  }

  // ── programmes ──────────────────────────────────────────────────────────────────────────────

  async createProgramme(actor: Actor, input: ProgrammeInput): Promise<ProgrammeRow> {
    this.requireGov(actor);
    if (input.applyUntil < input.applyFrom) throw invalidField('applyUntil', '截止日期早于开始日期', 'is before applyFrom');
    const criteria = input.criteria?.length ? input.criteria : DEFAULT_CRITERIA;
    if (new Set(criteria.map((c) => c.key)).size !== criteria.length) throw invalidField('criteria', '评分项代码重复', 'criterion keys repeat');
    const issuerOrg = actor.kind === 'user' ? actor.orgId : null;
    const issuerName = input.issuerName?.trim() || (issuerOrg ? (await this.deps.organisations.get(issuerOrg)).name : '');
    if (!issuerName) throw invalidField('issuerName', '请填写发榜单位', 'give the issuer');
    const now = nowIso(this.ctx.clock);
    const row: ProgrammeRow = {
      id: uuidv7(), title: input.title.trim(), issuer_org_id: issuerOrg, issuer_name: issuerName, description: input.description ?? '', budget_fen: input.budgetFen,
      apply_from: input.applyFrom, apply_until: input.applyUntil, schedule: JSON.stringify(input.schedule ?? []), rules: JSON.stringify({ ...DEFAULT_RULES, ...input.rules }),
      criteria: JSON.stringify(criteria), drop_extremes: input.dropExtremes === false ? 0 : 1, status: 'open', created_by: actor.kind === 'user' ? actor.userId : null, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('programmes').values(row).execute();
      await this.audit(trx, actor, 'programme.create', 'programme', row.id, row);
    });
    return row;
  }

  async programmes(): Promise<ProgrammeRow[]> {
    return this.ctx.db.selectFrom('programmes').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  }

  async programme(id: string): Promise<ProgrammeRow> {
    const row = await this.ctx.db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('PROGRAMME_NOT_FOUND');
    return row;
  }

  // ── challenges ──────────────────────────────────────────────────────────────────────────────

  /** A challenge (榜单) from one or more published enterprise demands, each with its co-funding and indicators. */
  async createChallenge(actor: Actor, programmeId: string, input: ChallengeInput): Promise<ChallengeRow> {
    this.requireGov(actor);
    const prog = await this.programme(programmeId);
    if (prog.status !== 'open') throw new AppError('CHALLENGE_STATE_INVALID', { status: prog.status });
    const ids = input.demands.map((d) => d.demandId);
    if (new Set(ids).size !== ids.length) throw invalidField('demands', '同一需求只能出现一次', 'a demand appears twice');
    const demands: ChallengeDemand[] = [];
    for (const [i, d] of input.demands.entries()) {
      const row = await this.deps.demands.getRow(d.demandId).catch(() => null);
      if (!row || !['published', 'in_negotiation'].includes(row.status)) throw new AppError('CHALLENGE_DEMAND_INVALID', { index: i + 1 }, [{ field: `demands.${i}.demandId`, code: 'FIELD_INVALID', params: { field: `demands.${i}.demandId`, reasonZh: '须为已发布的技术需求', reasonEn: 'must be a published demand' } }]);
      const names = d.indicators.map((x) => x.name.trim());
      if (new Set(names).size !== names.length) throw invalidField(`demands.${i}.indicators`, '指标名称重复', 'indicator names repeat');
      demands.push({ demandId: row.id, orgId: row.organisation_id, title: row.title, cofundFen: d.cofundFen, indicators: d.indicators.map((x) => ({ ...x, name: x.name.trim() })) });
    }
    const allNames = demands.flatMap((d) => d.indicators.map((x) => x.name));
    if (new Set(allNames).size !== allNames.length) throw invalidField('demands', '各需求的验收指标名称不能重复', 'indicator names must differ across demands');
    const now = nowIso(this.ctx.clock);
    const row: ChallengeRow = {
      id: uuidv7(), programme_id: prog.id, title: input.title.trim(), description: input.description ?? '', demands: JSON.stringify(demands), owner_org_ids: JSON.stringify([...new Set(demands.map((d) => d.orgId))]),
      budget_fen: input.budgetFen, cofund_fen: demands.reduce((s, d) => s + d.cofundFen, 0), status: 'open', results_published_at: null, created_by: actor.kind === 'user' ? actor.userId : null, created_at: now, updated_at: now, version: 1,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      const used = await trx.selectFrom('programme_challenges').select('budget_fen').where('programme_id', '=', prog.id).execute();
      const committed = used.reduce((s, c) => s + Number(c.budget_fen), 0);
      if (committed + row.budget_fen > prog.budget_fen) throw new AppError('PROGRAMME_BUDGET_EXCEEDED', { left: fenToWan(prog.budget_fen - committed) ?? '0' });
      await trx.insertInto('programme_challenges').values(row).execute();
      await this.audit(trx, actor, 'programme.challenge.create', 'programme_challenge', row.id, row);
    });
    return row;
  }

  async challenges(filter: { programmeId?: string; status?: string } = {}): Promise<ChallengeRow[]> {
    let q = this.ctx.db.selectFrom('programme_challenges').selectAll();
    if (filter.programmeId) q = q.where('programme_id', '=', filter.programmeId);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('created_at', 'desc').limit(500).execute();
  }

  async challenge(id: string, db: Executor<DB> = this.ctx.db): Promise<ChallengeRow> {
    const row = await db.selectFrom('programme_challenges').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CHALLENGE_NOT_FOUND');
    return row;
  }

  /** Public facts about a challenge: how many applied, and — once published — who was awarded what. */
  async challengeFacts(c: ChallengeRow): Promise<{ applications: number; award: { organisationId: string; organisationName: string; awardedFen: number; projectId: string } | null }> {
    const apps = await this.ctx.db.selectFrom('programme_applications').select('id').where('challenge_id', '=', c.id).where('status', '!=', 'withdrawn').execute();
    let award = null;
    if (c.results_published_at) {
      const p = await this.ctx.db.selectFrom('programme_projects').selectAll().where('challenge_id', '=', c.id).executeTakeFirst();
      if (p) award = { organisationId: p.organisation_id, organisationName: (await this.deps.organisations.get(p.organisation_id)).name, awardedFen: Number(p.awarded_fen), projectId: p.id };
    }
    return { applications: apps.length, award };
  }

  private async transitionChallenge(actor: Actor, c: ChallengeRow, from: string[], patch: Partial<ChallengeRow>, action: string, trxIn?: Executor<DB>): Promise<ChallengeRow> {
    if (!from.includes(c.status)) throw new AppError('CHALLENGE_STATE_INVALID', { status: c.status });
    const next = { ...c, ...patch, version: c.version + 1, updated_at: nowIso(this.ctx.clock) };
    const run = async (trx: Executor<DB>) => {
      const r = await trx.updateTable('programme_challenges').set({ ...patch, version: next.version, updated_at: next.updated_at }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      await this.audit(trx, actor, action, 'programme_challenge', c.id, { status: next.status, resultsPublishedAt: next.results_published_at }, { status: c.status });
    };
    if (trxIn) await run(trxIn);
    else await inTransaction(this.ctx.db, run);
    return next;
  }

  /** Stop accepting applications; review starts. */
  async closeApplications(actor: Actor, id: string): Promise<ChallengeRow> {
    this.requireGov(actor);
    return this.transitionChallenge(actor, await this.challenge(id), ['open'], { status: 'review' }, 'programme.challenge.close');
  }

  // ── eligibility and applications ────────────────────────────────────────────────────────────

  /** Everything eligibility needs except who already applied (read outside any transaction: SQLite has one connection). */
  private async eligibilityFacts(orgId: string, c: ChallengeRow, budgetFen: number) {
    const prog = await this.programme(c.programme_id);
    const org = await this.deps.organisations.get(orgId);
    const credit = await this.deps.credit.status(orgId);
    const rules = JSON.parse(prog.rules) as EligibilityRules;
    const applicant = {
      orgId, orgType: org.type, regionCode: org.region_code, deregistered: credit.deregistered || Boolean(org.deregistered_at),
      credit: { abnormal: credit.abnormal, serious: credit.serious, riskClass: (credit.riskClass as CreditClass | null) ?? null }, budgetFen,
    };
    const challenge = { status: c.status, today: this.today(), applyFrom: prog.apply_from, applyUntil: prog.apply_until, fundingFen: Number(c.budget_fen) + Number(c.cofund_fen), ownerOrgIds: parseJsonArray<string>(c.owner_org_ids) };
    return (db: Executor<DB>) => this.withApplied(db, c.id).then((appliedOrgIds) => checkEligibility(rules, applicant, { ...challenge, appliedOrgIds }));
  }

  private async withApplied(db: Executor<DB>, challengeId: string): Promise<string[]> {
    const applied = await db.selectFrom('programme_applications').select('organisation_id').where('challenge_id', '=', challengeId).where('status', '!=', 'withdrawn').execute();
    return applied.map((a) => a.organisation_id);
  }

  /** The signed-in team's eligibility for a challenge, with every failing reason. */
  async eligibility(actor: Actor, challengeId: string, budgetFen = 0): Promise<Eligibility> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return (await this.eligibilityFacts(actor.orgId, await this.challenge(challengeId), budgetFen))(this.ctx.db);
  }

  /** 揭榜: a team applies with its plan, team, budget and milestones. */
  async apply(actor: Actor, challengeId: string, input: ApplicationInput): Promise<ProgrammeApplicationRow> {
    if (actor.kind !== 'user' || !actor.orgId || !TEAM_ROLES.includes(actor.role)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const orgId = actor.orgId;
    const c = await this.challenge(challengeId);
    const indicatorNames = new Set(JSON.parse(c.demands).flatMap((d: ChallengeDemand) => d.indicators.map((x) => x.name)));
    for (const [i, m] of input.milestones.entries()) {
      for (const n of m.indicators ?? []) if (!indicatorNames.has(n)) throw invalidField(`milestones.${i}.indicators`, `榜单没有“${n}”这一验收指标`, `the challenge has no indicator "${n}"`);
    }
    const plan = checkMilestonePlan(input.milestones, input.budgetFen);
    if (plan.length) throw new AppError('VALIDATION_FAILED', { summary: 'milestones' }, plan.map((r) => ({ field: 'milestones', code: r.code, params: { field: 'milestones', reasonZh: r.zh, reasonEn: r.en } })));
    if (!input.team.length) throw invalidField('team', '请填写团队成员', 'list the team');
    const now = nowIso(this.ctx.clock);
    const row: ProgrammeApplicationRow = {
      id: uuidv7(), challenge_id: c.id, organisation_id: orgId, user_id: actor.userId, title: input.title.trim(), plan: input.plan, team: JSON.stringify(input.team),
      co_authors: JSON.stringify(input.coAuthors ?? []), budget_fen: input.budgetFen, milestones: JSON.stringify(input.milestones), eligibility: '', status: 'submitted', created_at: now, updated_at: now,
    };
    const reviewers = await this.ctx.db.selectFrom('programme_reviewers').selectAll().where('challenge_id', '=', c.id).execute();
    const reviewerFacts = await Promise.all(reviewers.map((r) => this.reviewerFacts(r.user_id, parseJsonArray(r.declared_co_authors))));
    const eligibilityWith = await this.eligibilityFacts(orgId, c, input.budgetFen);
    const pre = await eligibilityWith(this.ctx.db);
    if (!pre.eligible) throw notEligible(pre.reasons);
    await inTransaction(this.ctx.db, async (trx) => {
      // who already applied is read again inside the transaction
      const el = await eligibilityWith(trx);
      if (!el.eligible) throw notEligible(el.reasons);
      row.eligibility = JSON.stringify(el);
      await trx.insertInto('programme_applications').values(row).execute();
      await this.audit(trx, actor, 'programme.application.submit', 'programme_application', row.id, { ...row, plan: `${row.plan.length} chars` });
      for (const rf of reviewerFacts) await this.insertReview(trx, actor, c, row, rf);
    });
    return row;
  }

  private async reviewerFacts(userId: string, declared: string[]) {
    const u = await this.deps.accounts.getUser(userId);
    return { userId: u.id, name: u.name, email: u.email, orgId: u.organisation_id, declaredCoAuthors: declared };
  }

  /** One reviewer × application pair: assigned, or excluded with its reasons (recorded, audited). */
  private async insertReview(trx: Executor<DB>, actor: Actor, c: ChallengeRow, app: ProgrammeApplicationRow, rf: Awaited<ReturnType<ProgrammesService['reviewerFacts']>>): Promise<ProgrammeReviewRow> {
    const reasons = conflictsOf(rf, { orgId: app.organisation_id, challengeOwnerOrgIds: parseJsonArray(c.owner_org_ids), team: parseJsonArray<TeamMember>(app.team), coAuthors: parseJsonArray(app.co_authors) });
    const row: ProgrammeReviewRow = {
      id: uuidv7(), challenge_id: c.id, application_id: app.id, reviewer_user_id: rf.userId, status: reasons.length ? 'excluded' : 'assigned', exclusion: reasons.length ? JSON.stringify(reasons) : null,
      sheet: null, total_hundredths: null, comment: '', scored_at: null, created_at: nowIso(this.ctx.clock),
    };
    await trx.insertInto('programme_reviews').values(row).execute();
    if (reasons.length) await this.audit(trx, actor, 'programme.review.exclude', 'programme_review', row.id, { applicationId: app.id, reviewerUserId: rf.userId, reasons: reasons.map((r) => r.code) });
    return row;
  }

  /** How the actor may see an application, or APPLICATION_NOT_FOUND (nobody learns that another team's exists). */
  async access(actor: Actor, app: ProgrammeApplicationRow): Promise<ApplicationAccess> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (isGov(actor)) return 'government';
    if (actor.kind === 'user' && actor.orgId && actor.orgId === app.organisation_id) return 'team';
    if (actor.kind === 'user') {
      const r = await this.ctx.db.selectFrom('programme_reviews').select('status').where('application_id', '=', app.id).where('reviewer_user_id', '=', actor.userId).executeTakeFirst();
      if (r && r.status !== 'excluded') return 'reviewer';
    }
    throw new AppError('PROGRAMME_APPLICATION_NOT_FOUND');
  }

  async applicationRow(id: string): Promise<ProgrammeApplicationRow> {
    const a = await this.ctx.db.selectFrom('programme_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new AppError('PROGRAMME_APPLICATION_NOT_FOUND');
    return a;
  }

  /** An application as the actor may see it: reviews for government, the reviewer's own sheet, the team's result once published. */
  async application(actor: Actor, id: string) {
    const app = await this.applicationRow(id);
    const access = await this.access(actor, app);
    const c = await this.challenge(app.challenge_id);
    const prog = await this.programme(c.programme_id);
    const reviews = await this.ctx.db.selectFrom('programme_reviews').selectAll().where('application_id', '=', app.id).orderBy('created_at').execute();
    const totals = reviews.filter((r) => r.status === 'scored').map((r) => Number(r.total_hundredths));
    const agg = aggregateScores(totals, { dropExtremes: prog.drop_extremes === 1, minScoresToDrop: MIN_SCORES_TO_DROP });
    const published = Boolean(c.results_published_at);
    let visibleReviews: ProgrammeReviewRow[] = [];
    let aggregate: typeof agg | null = null;
    if (access === 'government') {
      visibleReviews = reviews;
      aggregate = agg;
    } else if (access === 'reviewer' && actor.kind === 'user') {
      visibleReviews = reviews.filter((r) => r.reviewer_user_id === actor.userId);
    } else if (access === 'team' && published) {
      aggregate = agg; // the result, without the reviewers' names or sheets
    }
    const names = await this.userNames(visibleReviews.map((r) => r.reviewer_user_id));
    return { app, access, challenge: c, programme: prog, aggregate, reviews: visibleReviews.map((r) => ({ ...r, reviewerName: names.get(r.reviewer_user_id) ?? '' })) };
  }

  private async userNames(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of new Set(ids)) out.set(id, (await this.deps.accounts.getUser(id).catch(() => null))?.name ?? '');
    return out;
  }

  /** mine: my organisation's; review: assigned to me (not excluded); challenge: all of one challenge (government). */
  async applications(actor: Actor, scope: 'mine' | 'review' | 'challenge', challengeId?: string) {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    let q = this.ctx.db.selectFrom('programme_applications').selectAll();
    if (scope === 'challenge') {
      this.requireGov(actor);
      if (!challengeId) throw invalidField('challenge', '请指定榜单', 'give the challenge');
      q = q.where('challenge_id', '=', challengeId);
    } else if (actor.kind !== 'user') {
      return [];
    } else if (scope === 'mine') {
      if (!actor.orgId) return [];
      q = q.where('organisation_id', '=', actor.orgId);
    } else {
      const mine = await this.ctx.db.selectFrom('programme_reviews').select(['application_id', 'status']).where('reviewer_user_id', '=', actor.userId).where('status', '!=', 'excluded').execute();
      if (!mine.length) return [];
      q = q.where('id', 'in', mine.map((m) => m.application_id)).where('status', '!=', 'withdrawn');
    }
    if (challengeId && scope !== 'challenge') q = q.where('challenge_id', '=', challengeId);
    const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
    const myReviews = scope === 'review' && actor.kind === 'user'
      ? new Map((await this.ctx.db.selectFrom('programme_reviews').select(['application_id', 'status']).where('reviewer_user_id', '=', actor.userId).execute()).map((r) => [r.application_id, r.status]))
      : new Map<string, string>();
    return rows.map((r) => ({ row: r, reviewStatus: myReviews.get(r.id) ?? null }));
  }

  async withdraw(actor: Actor, id: string): Promise<ProgrammeApplicationRow> {
    if (actor.kind !== 'user' || !TEAM_ROLES.includes(actor.role)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const app = await this.applicationRow(id);
    if ((await this.access(actor, app)) !== 'team') throw new AppError('FORBIDDEN');
    if (app.status !== 'submitted') throw new AppError('PROGRAMME_APPLICATION_STATE_INVALID', { status: app.status });
    const c = await this.challenge(app.challenge_id);
    if (c.status === 'awarded') throw new AppError('CHALLENGE_STATE_INVALID', { status: c.status });
    const next = { ...app, status: 'withdrawn', updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('programme_applications').set({ status: next.status, updated_at: next.updated_at }).where('id', '=', id).execute();
      await this.audit(trx, actor, 'programme.application.withdraw', 'programme_application', id, { status: next.status }, { status: app.status });
    });
    return next;
  }

  // ── reviewers and scores ────────────────────────────────────────────────────────────────────

  /** Government assigns a reviewer (by user id or e-mail); conflicts with each application are excluded automatically. */
  async assignReviewer(actor: Actor, challengeId: string, input: { userId?: string; email?: string; declaredCoAuthors?: string[] }) {
    this.requireGov(actor);
    if (!input.userId && !input.email) throw invalidField('email', '请指定专家的用户 ID 或邮箱', 'give the reviewer’s user id or e-mail');
    const c = await this.challenge(challengeId);
    if (c.status === 'awarded') throw new AppError('CHALLENGE_STATE_INVALID', { status: c.status });
    const user = input.userId ? await this.deps.accounts.getUser(input.userId) : input.email ? await this.deps.accounts.findUserByEmail(input.email) : undefined;
    if (!user || user.status !== 'active') throw new AppError('USER_NOT_FOUND');
    const exists = await this.ctx.db.selectFrom('programme_reviewers').select('user_id').where('challenge_id', '=', c.id).where('user_id', '=', user.id).executeTakeFirst();
    if (exists) throw new AppError('REVIEWER_ALREADY_ASSIGNED');
    const declared = (input.declaredCoAuthors ?? []).map((s) => s.trim()).filter(Boolean);
    const rf = await this.reviewerFacts(user.id, declared);
    const apps = await this.ctx.db.selectFrom('programme_applications').selectAll().where('challenge_id', '=', c.id).where('status', '=', 'submitted').execute();
    const reviews: ProgrammeReviewRow[] = [];
    await inTransaction(this.ctx.db, async (trx) => {
      const row = { challenge_id: c.id, user_id: user.id, declared_co_authors: JSON.stringify(declared), assigned_by: actor.kind === 'user' ? actor.userId : null, assigned_at: nowIso(this.ctx.clock) };
      await trx.insertInto('programme_reviewers').values(row).execute();
      await this.audit(trx, actor, 'programme.reviewer.assign', 'programme_challenge', c.id, { reviewerUserId: user.id, declaredCoAuthors: declared.length });
      for (const a of apps) reviews.push(await this.insertReview(trx, actor, c, a, rf));
    });
    await this.deps.notifications?.notify({ userId: user.id, kind: 'programme', title: `评审任务：${c.title}`, body: `请对 ${reviews.filter((r) => r.status === 'assigned').length} 份揭榜申请评分`, link: '/programmes/reviews' });
    return { userId: user.id, name: user.name, email: user.email, reviews };
  }

  /** Reviewers of a challenge with their assignments and exclusions (government). */
  async reviewers(actor: Actor, challengeId: string) {
    this.requireGov(actor);
    const c = await this.challenge(challengeId);
    const rows = await this.ctx.db.selectFrom('programme_reviewers').selectAll().where('challenge_id', '=', c.id).orderBy('assigned_at').execute();
    const reviews = await this.ctx.db.selectFrom('programme_reviews').selectAll().where('challenge_id', '=', c.id).execute();
    const out = [];
    for (const r of rows) {
      const u = await this.deps.accounts.getUser(r.user_id);
      out.push({ userId: u.id, name: u.name, email: u.email, organisationId: u.organisation_id, declaredCoAuthors: parseJsonArray<string>(r.declared_co_authors), assignedAt: r.assigned_at, reviews: reviews.filter((x) => x.reviewer_user_id === r.user_id) });
    }
    return out;
  }

  /** A reviewer scores (or re-scores, until the award) an application assigned to them. */
  async score(actor: Actor, applicationId: string, input: { sheet: { key: string; hundredths: number }[]; comment?: string }): Promise<ProgrammeReviewRow> {
    if (actor.kind !== 'user') throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const app = await this.applicationRow(applicationId);
    const review = await this.ctx.db.selectFrom('programme_reviews').selectAll().where('application_id', '=', app.id).where('reviewer_user_id', '=', actor.userId).executeTakeFirst();
    if (!review) {
      await this.access(actor, app); // the team and government get FORBIDDEN; strangers do not learn the application exists
      throw new AppError('REVIEWER_NOT_ASSIGNED');
    }
    if (review.status === 'excluded') throw new AppError('REVIEWER_EXCLUDED', { reasons: parseJsonArray<Reason>(review.exclusion).map((r) => r.zh).join('；'), reasonsEn: parseJsonArray<Reason>(review.exclusion).map((r) => r.en).join('; ') });
    const c = await this.challenge(app.challenge_id);
    if (c.status !== 'review') throw new AppError('CHALLENGE_STATE_INVALID', { status: c.status });
    if (app.status !== 'submitted') throw new AppError('PROGRAMME_APPLICATION_STATE_INVALID', { status: app.status });
    const prog = await this.programme(c.programme_id);
    const checked = checkSheet(JSON.parse(prog.criteria) as Criterion[], input.sheet);
    if (!checked.ok) throw invalidField(checked.field, checked.zh, checked.en);
    const patch = { status: 'scored', sheet: JSON.stringify(input.sheet), total_hundredths: checked.totalHundredths, comment: input.comment ?? '', scored_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('programme_reviews').set(patch).where('id', '=', review.id).execute();
      await this.audit(trx, actor, 'programme.review.score', 'programme_review', review.id, { totalHundredths: patch.total_hundredths }, { totalHundredths: review.total_hundredths });
    });
    return { ...review, ...patch };
  }

  /** Applications ranked by aggregated score (government): mean with extremes dropped where configured. */
  async ranking(actor: Actor, challengeId: string) {
    this.requireGov(actor);
    const c = await this.challenge(challengeId);
    const prog = await this.programme(c.programme_id);
    const apps = await this.ctx.db.selectFrom('programme_applications').selectAll().where('challenge_id', '=', c.id).where('status', '!=', 'withdrawn').execute();
    const reviews = await this.ctx.db.selectFrom('programme_reviews').selectAll().where('challenge_id', '=', c.id).execute();
    const ranked = rankByScore(apps.map((a) => ({ item: a, totals: reviews.filter((r) => r.application_id === a.id && r.status === 'scored').map((r) => Number(r.total_hundredths)) })), { dropExtremes: prog.drop_extremes === 1, minScoresToDrop: MIN_SCORES_TO_DROP });
    const orgs = new Map<string, string>();
    for (const a of apps) if (!orgs.has(a.organisation_id)) orgs.set(a.organisation_id, (await this.deps.organisations.get(a.organisation_id)).name);
    return ranked.map((r) => {
      const mine = reviews.filter((x) => x.application_id === r.item.id);
      return { app: r.item, organisationName: orgs.get(r.item.organisation_id) ?? '', aggregate: r.aggregate, rank: r.rank, pending: mine.filter((x) => x.status === 'assigned').length, excluded: mine.filter((x) => x.status === 'excluded').length };
    });
  }

  // ── award, publication, projects ────────────────────────────────────────────────────────────

  /** Award a challenge to one application: it becomes a project with the application's milestones. */
  async award(actor: Actor, challengeId: string, input: { applicationId: string; awardedFen?: number | null }): Promise<ProgrammeProjectRow> {
    this.requireGov(actor);
    const c = await this.challenge(challengeId);
    if (c.status !== 'review') throw new AppError('CHALLENGE_STATE_INVALID', { status: c.status });
    const app = await this.applicationRow(input.applicationId);
    if (app.challenge_id !== c.id) throw invalidField('applicationId', '该申请不属于此榜单', 'is not an application to this challenge');
    if (app.status !== 'submitted') throw new AppError('PROGRAMME_APPLICATION_STATE_INVALID', { status: app.status });
    const awarded = input.awardedFen ?? Number(app.budget_fen);
    const plan = parseJsonArray<MilestonePlan>(app.milestones);
    const planSum = plan.reduce((s, m) => s + m.amountFen, 0);
    const funding = Number(c.budget_fen) + Number(c.cofund_fen);
    if (awarded <= 0 || awarded > Number(app.budget_fen) || awarded > funding || awarded < planSum) throw new AppError('AWARD_AMOUNT_INVALID', { plan: planSum / 1_000_000, max: Math.min(Number(app.budget_fen), funding) / 1_000_000 });
    const indicators = JSON.parse(c.demands).flatMap((d: ChallengeDemand) => d.indicators) as Indicator[];
    const now = nowIso(this.ctx.clock);
    const project: ProgrammeProjectRow = { id: uuidv7(), challenge_id: c.id, application_id: app.id, organisation_id: app.organisation_id, title: app.title, awarded_fen: awarded, status: 'active', deal_id: null, contract_id: null, created_at: now, updated_at: now };
    const milestones: ProgrammeMilestoneRow[] = plan.map((m, i) => ({
      id: uuidv7(), project_id: project.id, seq: i + 1, title: m.title, due: m.due, deliverable: m.deliverable ?? '', amount_fen: m.amountFen,
      indicators: JSON.stringify(indicators.filter((x) => (m.indicators ?? []).includes(x.name))), status: 'planned', report: null, reported_values: '[]', acceptance: null, return_reason: null, paid_fen: null, paid_on: null, version: 1, updated_at: now,
    }));
    await inTransaction(this.ctx.db, async (trx) => {
      await this.transitionChallenge(actor, c, ['review'], { status: 'awarded' }, 'programme.challenge.award', trx);
      const others = await trx.selectFrom('programme_applications').select('id').where('challenge_id', '=', c.id).where('id', '!=', app.id).where('status', '=', 'submitted').execute();
      await trx.updateTable('programme_applications').set({ status: 'awarded', updated_at: now }).where('id', '=', app.id).execute();
      await trx.updateTable('programme_applications').set({ status: 'not_awarded', updated_at: now }).where('challenge_id', '=', c.id).where('id', '!=', app.id).where('status', '=', 'submitted').execute();
      await this.audit(trx, actor, 'programme.application.award', 'programme_application', app.id, { status: 'awarded', awardedFen: awarded }, { status: app.status });
      for (const o of others) await this.audit(trx, actor, 'programme.application.not_awarded', 'programme_application', o.id, { status: 'not_awarded' }, { status: 'submitted' });
      await trx.insertInto('programme_projects').values(project).execute();
      for (const m of milestones) await trx.insertInto('programme_milestones').values(m).execute();
      await this.audit(trx, actor, 'programme.project.create', 'programme_project', project.id, { ...project, milestones: milestones.length });
    });
    await this.notifyOrg(app.organisation_id, `揭榜成功：${c.title}`, `立项经费 ${awarded / 1_000_000} 万元，${milestones.length} 个里程碑`, `/programmes/projects/${project.id}`);
    return project;
  }

  /** Publish the results: teams then see their aggregated score, and the public sees the award. */
  async publishResults(actor: Actor, challengeId: string): Promise<ChallengeRow> {
    this.requireGov(actor);
    const c = await this.challenge(challengeId);
    if (c.results_published_at) throw new AppError('CHALLENGE_STATE_INVALID', { status: 'published' });
    const next = await this.transitionChallenge(actor, c, ['awarded'], { results_published_at: nowIso(this.ctx.clock) }, 'programme.challenge.publish');
    const apps = await this.ctx.db.selectFrom('programme_applications').select(['id', 'organisation_id']).where('challenge_id', '=', c.id).where('status', '!=', 'withdrawn').execute();
    for (const a of apps) await this.notifyOrg(a.organisation_id, `评审结果已公布：${c.title}`, '', `/programmes/applications/${a.id}`);
    return next;
  }

  private async projectRow(id: string, actor?: Actor): Promise<ProgrammeProjectRow> {
    if (actor && !(isGov(actor) || (actor.kind === 'user' && TEAM_ROLES.includes(actor.role)))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const p = await this.ctx.db.selectFrom('programme_projects').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p) throw new AppError('PROJECT_NOT_FOUND');
    return p;
  }

  private projectSide(actor: Actor, p: ProgrammeProjectRow): 'government' | 'team' {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (isGov(actor)) return 'government';
    if (actor.kind === 'user' && actor.orgId === p.organisation_id) return 'team';
    throw new AppError('PROJECT_NOT_FOUND');
  }

  async project(actor: Actor, id: string) {
    const p = await this.projectRow(id, actor);
    this.projectSide(actor, p);
    const milestones = await this.ctx.db.selectFrom('programme_milestones').selectAll().where('project_id', '=', p.id).orderBy('seq').execute();
    const c = await this.challenge(p.challenge_id);
    const org = await this.deps.organisations.get(p.organisation_id);
    return { project: p, milestones, challenge: c, organisationName: org.name };
  }

  async projects(actor: Actor) {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    let q = this.ctx.db.selectFrom('programme_projects').selectAll();
    if (!isGov(actor)) {
      if (actor.kind !== 'user' || !actor.orgId) return [];
      q = q.where('organisation_id', '=', actor.orgId);
    }
    return q.orderBy('created_at', 'desc').limit(500).execute();
  }

  /** report (team) → accept | return (government) → pay (government). */
  async milestoneAct(actor: Actor, projectId: string, milestoneId: string, action: MilestoneAction, input: { report?: string | null; values?: { name: string; value: string }[]; reason?: string | null; date?: string | null } = {}) {
    const p = await this.projectRow(projectId, actor);
    const side = this.projectSide(actor, p);
    const m = await this.ctx.db.selectFrom('programme_milestones').selectAll().where('id', '=', milestoneId).where('project_id', '=', p.id).executeTakeFirst();
    if (!m) throw new AppError('MILESTONE_NOT_FOUND');
    const reported = action === 'report' ? (input.values ?? []) : parseJsonArray<{ name: string; value: string }>(m.reported_values);
    const next = await inTransaction(this.ctx.db, async (trx) => {
      const all = await trx.selectFrom('programme_milestones').select(['id', 'paid_fen']).where('project_id', '=', p.id).execute();
      const paid = all.filter((x) => x.id !== m.id).reduce((s, x) => s + Number(x.paid_fen ?? 0), 0);
      const t = milestoneTransition({ status: m.status, amountFen: Number(m.amount_fen), indicators: parseJsonArray<Indicator>(m.indicators), reportedValues: reported, paidFen: paid, awardedFen: Number(p.awarded_fen) }, action, side, input);
      if (!t.ok) {
        if (t.code === 'MILESTONE_INDICATORS_NOT_MET') throw new AppError(t.code, { reasons: t.unmet!.map((u) => u.zh).join('；'), reasonsEn: t.unmet!.map((u) => u.en).join('; ') });
        throw new AppError(t.code, { status: m.status });
      }
      const patch: Partial<ProgrammeMilestoneRow> = { status: t.to };
      if (action === 'report') Object.assign(patch, { report: input.report!.trim(), reported_values: JSON.stringify(reported), return_reason: null });
      if (action === 'accept') patch.acceptance = JSON.stringify(t.indicators);
      if (action === 'return') patch.return_reason = input.reason!.trim();
      if (action === 'pay') Object.assign(patch, { paid_fen: Number(m.amount_fen), paid_on: input.date ?? this.today() });
      const row = { ...m, ...patch, version: m.version + 1, updated_at: nowIso(this.ctx.clock) };
      const r = await trx.updateTable('programme_milestones').set({ ...patch, version: row.version, updated_at: row.updated_at }).where('id', '=', m.id).where('version', '=', m.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      await this.audit(trx, actor, `programme.milestone.${action}`, 'programme_milestone', m.id, { status: row.status, paidFen: row.paid_fen, reason: row.return_reason }, { status: m.status });
      if (action === 'pay') {
        const left = await trx.selectFrom('programme_milestones').select('id').where('project_id', '=', p.id).where('status', '!=', 'paid').where('id', '!=', m.id).execute();
        if (!left.length) {
          await trx.updateTable('programme_projects').set({ status: 'completed', updated_at: row.updated_at }).where('id', '=', p.id).execute();
          await this.audit(trx, actor, 'programme.project.complete', 'programme_project', p.id, { status: 'completed' }, { status: p.status });
        }
      }
      return row;
    });
    if (side === 'government') {
      const zh = { accept: '已通过验收', return: '被退回', pay: '经费已拨付', report: '' }[action];
      await this.notifyOrg(p.organisation_id, `里程碑${zh}：${m.title}`, input.reason ?? '', `/programmes/projects/${p.id}`);
    }
    return next;
  }

  /** Link the outcome to a deal (the team is a party) and a registered contract of that deal. */
  async linkOutcome(actor: Actor, projectId: string, input: { dealId: string; contractId?: string | null }): Promise<ProgrammeProjectRow> {
    const p = await this.projectRow(projectId, actor);
    this.projectSide(actor, p);
    const deal = await this.deps.deals.get(input.dealId);
    if (!deal) throw new AppError('PROJECT_DEAL_UNRELATED', {}, [{ field: 'dealId', code: 'FIELD_INVALID', params: { field: 'dealId', reasonZh: '对接项目不存在', reasonEn: 'no such deal' } }]);
    const c = await this.challenge(p.challenge_id);
    const owners = parseJsonArray<string>(c.owner_org_ids);
    const parties = [deal.buyer_org_id, deal.seller_org_id];
    if (!parties.includes(p.organisation_id)) throw new AppError('PROJECT_DEAL_UNRELATED', {}, [{ field: 'dealId', code: 'FIELD_INVALID', params: { field: 'dealId', reasonZh: '揭榜团队不是该对接项目的当事方', reasonEn: 'the team is not a party to the deal' } }]);
    let contractId: string | null = null;
    if (input.contractId) {
      const k = await this.deps.contracts.get(SYS, input.contractId).catch(() => null);
      if (!k || k.deal_id !== deal.id) throw new AppError('PROJECT_CONTRACT_UNRELATED');
      if (k.status !== 'registered') throw new AppError('PROJECT_CONTRACT_NOT_REGISTERED', { status: k.status });
      contractId = k.id;
    }
    const patch = { deal_id: deal.id, contract_id: contractId, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('programme_projects').set(patch).where('id', '=', p.id).execute();
      await this.audit(trx, actor, 'programme.project.outcome', 'programme_project', p.id, { dealId: deal.id, contractId, buyerIsChallengeOwner: owners.includes(deal.buyer_org_id) }, { dealId: p.deal_id, contractId: p.contract_id });
    });
    return { ...p, ...patch };
  }

  /** The linked deal's stage (for the project page), or null. */
  async dealStage(dealId: string | null): Promise<string | null> {
    if (!dealId) return null;
    return (await this.deps.deals.get(dealId))?.stage ?? null;
  }

  private async notifyOrg(orgId: string, title: string, body: string, link: string): Promise<void> {
    if (!this.deps.notifications) return;
    for (const u of await this.deps.accounts.members(SYS, orgId)) await this.deps.notifications.notify({ userId: u.id, kind: 'programme', title, body, link });
  }
}

function notEligible(reasons: Reason[]): AppError {
  return new AppError('PROGRAMME_NOT_ELIGIBLE', { reasons: reasons.map((r) => r.zh).join('；'), reasonsEn: reasons.map((r) => r.en).join('; ') },
    reasons.map((r) => ({ field: 'eligibility', code: r.code, params: { field: 'eligibility', reasonZh: r.zh, reasonEn: r.en } })));
}
